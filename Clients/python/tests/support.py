"""What the client suites share: throw-away daemons, fake servers and proxies.

A daemon is env BILLINGD_BIN, else <repo>/.build/debug/billingd, each in its own short
temp dir.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
BILLINGD_BIN = os.environ.get("BILLINGD_BIN") or str(REPO / ".build" / "debug" / "billingd")

# The in-tree package, unless the installed one is asked for (BILLINGD_CLIENT_INSTALLED=1).
if not os.environ.get("BILLINGD_CLIENT_INSTALLED"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def short_tempdir(prefix):
    """Linux caps socket paths at 107 bytes: keep the directory short."""
    base = "/tmp" if os.path.isdir("/tmp") else None
    return tempfile.mkdtemp(prefix=prefix, dir=base)


def raw_health(path, timeout=1.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(path)
        s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"system.health"}\n')
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(4096)
            if not chunk:
                return None
            data += chunk
        return json.loads(data)
    except OSError:
        return None
    finally:
        s.close()


def store_arguments(directory):
    """The store a new daemon serves: a SQLite file in `directory`, or, with
    BILLINGD_TEST_STORE=postgresql, a fresh database on the run's PostgreSQL server
    (scripts/fresh-database)."""
    if os.environ.get("BILLINGD_TEST_STORE") != "postgresql":
        return ["--db", os.path.join(directory, "b.sqlite3")]
    url = subprocess.run([str(REPO / "scripts" / "fresh-database")], check=True,
                         capture_output=True, text=True).stdout.strip()
    return ["--database", url]


class Daemon:
    """A throw-away billingd: start, stop (SIGTERM), restart on the same store + socket."""

    def __init__(self, *extra, test_clock=True):
        if not os.access(BILLINGD_BIN, os.X_OK):
            pytest.fail("billingd binary not found at %s (set BILLINGD_BIN)" % BILLINGD_BIN)
        self.dir = short_tempdir("bdpy")
        self.socket = os.path.join(self.dir, "b.sock")
        self.log = os.path.join(self.dir, "daemon.log")
        self.args = ([BILLINGD_BIN, "serve", "--socket", self.socket] + store_arguments(self.dir)
                     + ["--log-level", "warning"]) + (["--test-clock"] if test_clock else [])
        self.args += list(extra)
        self.proc = None

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=log)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail("billingd exited with %s: %s"
                            % (self.proc.returncode, Path(self.log).read_text()[-2000:]))
            if os.path.exists(self.socket):
                resp = raw_health(self.socket)
                if resp and resp.get("result", {}).get("status") == "ok":
                    return self
            time.sleep(0.02)
        self.stop()
        pytest.fail("billingd did not become ready: %s" % Path(self.log).read_text()[-2000:])

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def new_user(client, extra_credits=0):
    """A user with a free subscription (10 credits) plus extra_credits."""
    user = "u-" + uuid.uuid4().hex[:12]
    res = client.create_subscription(user, "free")
    assert res["credits"]["current_credits"] == 10
    if extra_credits:
        client.grant(user, extra_credits)
    return user


class FakeServer:
    """A Unix-socket server run by a handler(conn) in a thread per connection."""

    def __init__(self, handler):
        self.dir = short_tempdir("bdfk")
        self.path = os.path.join(self.dir, "f.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(self.path)
        self.sock.listen(16)
        self.handler = handler
        self.connections = 0
        self.conns = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            self.conns.append(conn)
            threading.Thread(target=self.handler, args=(conn, self.connections),
                             daemon=True).start()

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        for c in self.conns:
            try:
                c.close()
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


def read_line(conn, buf):
    while b"\n" not in buf[0]:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        buf[0] += chunk
    line, buf[0] = buf[0].split(b"\n", 1)
    return line


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class DroppingProxy:
    """Forwards to the daemon, but on the first connection it passes one request
    through, reads the daemon's answer and drops the connection instead of answering
    (a lost answer: the request ran, the client does not know)."""

    def __init__(self, daemon_socket):
        self.dropped = []
        self.attempts = 0
        self.daemon_socket = daemon_socket
        self.server = FakeServer(self._handle)
        self.path = self.server.path

    def _upstream(self):
        up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        up.connect(self.daemon_socket)
        return up

    def _handle(self, conn, n):
        up = self._upstream()
        if n == 1:
            buf = [b""]
            line = read_line(conn, buf)
            self.attempts += 1
            up.sendall(line + b"\n")
            ubuf = [b""]
            self.dropped.append(json.loads(read_line(up, ubuf)))
            up.close()
            conn.shutdown(socket.SHUT_RDWR)
            conn.close()
            return
        self.attempts += 1
        threading.Thread(target=pump, args=(up, conn), daemon=True).start()
        pump(conn, up)

    def close(self):
        self.server.close()
