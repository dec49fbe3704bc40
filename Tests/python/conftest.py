"""Shared helpers for the operations tests: the billingd binary, short temp dirs, raw JSON-RPC calls."""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("BILLINGD_BIN", str(ROOT / ".build" / "debug" / "billingd"))


def call(path, method, params=None, timeout=20):
    """One JSON-RPC request on a fresh connection; returns the decoded response object."""
    request = {"jsonrpc": "2.0", "id": 1, "method": method}
    if params is not None:
        request["params"] = params
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(path)
        s.sendall((json.dumps(request) + "\n").encode())
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return json.loads(data)


def wait_for_socket(path, process, seconds=20):
    """Waits until a daemon answers system.health on `path` (or fails when the process died)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if call(path, "system.health", timeout=2).get("result", {}).get("status") == "ok":
                return
        except OSError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.02)
    raise AssertionError(f"billingd did not start on {path}")


@pytest.fixture
def workdir():
    """A short directory under /tmp (sun_path holds 108 bytes), removed afterwards."""
    path = tempfile.mkdtemp(prefix="bd-ops-", dir="/tmp")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def daemon(workdir):
    """A `billingd serve --test-clock` on a temp socket and database; yields the socket path."""
    sock = os.path.join(workdir, "b.sock")
    process = subprocess.Popen(
        [BINARY, "serve", "--socket", sock, "--db", os.path.join(workdir, "b.sqlite3"), "--test-clock", "--log-level", "warning"],
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_socket(sock, process)
        yield sock
    finally:
        process.terminate()
        process.wait(timeout=30)
