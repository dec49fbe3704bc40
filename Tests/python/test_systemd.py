"""systemd integration through systemd's own tools: `systemd-socket-activate` passes billingd its
socket, a datagram socket stands in for systemd's NOTIFY_SOCKET, and `systemd-analyze verify`
checks the units in Packaging/systemd."""
import json
import os
import signal
import socket
import subprocess
import uuid

import pytest

from conftest import BINARY, ROOT, call

UNITS = ROOT / "Packaging" / "systemd"


@pytest.fixture
def notify_socket():
    """An abstract datagram socket, as systemd's; yields (its NOTIFY_SOCKET value, a receive function)."""
    name = "@billingd-test-" + uuid.uuid4().hex[:10]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.bind("\0" + name[1:])
        s.settimeout(30)

        def receive():
            return s.recv(4096).decode().split("\n")

        yield name, receive


def test_socket_activation_answers_the_first_client_and_leaves_the_socket(workdir, notify_socket):
    notify, receive = notify_socket
    sock = os.path.join(workdir, "b.sock")
    # Like a .socket unit: systemd-socket-activate listens on sock and starts billingd, passing the
    # socket as fd 3 (LISTEN_FDS/LISTEN_PID/LISTEN_FDNAMES), once the first client connects.
    activator = subprocess.Popen(
        ["systemd-socket-activate", "-l", sock, "--fdname=billingd", "-E", f"NOTIFY_SOCKET={notify}",
         BINARY, "serve", "--db", os.path.join(workdir, "b.sqlite3"), "--test-clock", "--log-format", "json"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        for _ in range(500):
            if os.path.exists(sock) or activator.poll() is not None:
                break
            subprocess.run(["sleep", "0.02"])
        assert os.path.exists(sock), "systemd-socket-activate did not listen"
        # The client connects before billingd runs; its request waits in the backlog and is answered.
        created = call(sock, "subscriptions.create", {"user_id": "sa1", "plan_id": "free"})
        assert created["result"]["subscription"]["plan_id"] == "free"
        assert receive()[0] == "READY=1"
        cli = subprocess.run([BINARY, "call", "--socket", sock, "credits.get", "user_id=sa1"], capture_output=True, text=True, timeout=60)
        assert cli.returncode == 0, cli.stderr
        assert json.loads(cli.stdout)["current_credits"] == 10
        activator.send_signal(signal.SIGTERM)  # systemd-socket-activate exec'd billingd: same pid
        assert receive()[0] == "STOPPING=1"
        assert activator.wait(timeout=30) == 0
    finally:
        if activator.poll() is None:
            activator.kill()
            activator.wait()
    # The socket belongs to the socket unit (here systemd-socket-activate): billingd left it alone.
    assert os.path.exists(sock)
    assert "passed by the service manager" in activator.stderr.read()


def test_notify_ready_then_stopping_without_activation(workdir):
    path = os.path.join(workdir, "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as receiver:
        receiver.bind(path)
        receiver.settimeout(30)
        sock = os.path.join(workdir, "b.sock")
        daemon = subprocess.Popen([BINARY, "serve", "--socket", sock, "--db", os.path.join(workdir, "b.sqlite3"), "--log-level", "warning"],
                                  env={**os.environ, "NOTIFY_SOCKET": path})
        try:
            ready = receiver.recv(4096).decode().split("\n")
            assert ready[0] == "READY=1"
            assert call(sock, "system.health")["result"]["status"] == "ok"  # ready means serving
            daemon.send_signal(signal.SIGTERM)
            assert receiver.recv(4096).decode().split("\n")[0] == "STOPPING=1"
            assert daemon.wait(timeout=30) == 0
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
    assert not os.path.exists(sock), "a socket billingd created itself is removed on exit"


def test_units_verify_and_keep_their_promises(workdir):
    service = (UNITS / "billingd.service").read_text()
    socket_unit = (UNITS / "billingd.socket").read_text()
    for line in ["Type=notify", "DynamicUser=yes", "StateDirectory=billingd", "ProtectSystem=strict", "NoNewPrivileges=yes",
                 "PrivateTmp=yes", "RestrictAddressFamilies=AF_UNIX", "Requires=billingd.socket"]:
        assert f"\n{line}\n" in service, line
    for line in ["ListenStream=/run/billingd.sock", "SocketMode=0660", "SocketGroup=billingd-clients", "Accept=no"]:
        assert f"\n{line}\n" in socket_unit, line
    # verify checks that ExecStart= exists: point it at the binary under test.
    names = sorted(path.name for path in UNITS.iterdir() if path.suffix in (".service", ".socket", ".timer"))
    assert names == ["billingd-metrics.service", "billingd-metrics.timer", "billingd.service", "billingd.socket"]
    for name in names:
        with open(os.path.join(workdir, name), "w") as unit:
            unit.write((UNITS / name).read_text().replace("/usr/local/bin/billingd", BINARY))
    result = subprocess.run(["systemd-analyze", "verify", *names], cwd=workdir, capture_output=True, text=True, timeout=120)
    # verify only warns about unknown keys or bad values: any output at all is a failure.
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stdout + result.stderr
