#!/usr/bin/env python3
"""Crash safety: many clients consume, grant and reserve+commit with idempotency keys while
the daemon is killed with SIGKILL at random moments and restarted. Every unanswered request is
retried with the same key. At the end every acknowledged operation must be applied exactly
once (balances and usage rows match the clients' own books), system.verify must be clean,
`billingd verify` and SQLite's integrity check must pass.

    scripts/crash_test.py [--kills 20] [--clients 8] [--binary .build/debug/billingd] [--seed N]
"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

INITIAL = 1_000_000


class Daemon:
    def __init__(self, binary, directory):
        self.binary, self.directory = binary, directory
        self.socket = os.path.join(directory, "b.sock")
        self.db = os.path.join(directory, "b.sqlite3")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--socket", self.socket, "--db", self.db, "--test-clock", "--log-level", "error"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.directory, "stderr.log"), "a"))
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                call_once(self.socket, "system.health", {})
                return
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("daemon did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def call_once(path, method, params, request_id=1, timeout=10):
    """One request on a fresh connection; raises OSError when the daemon is unreachable or dies."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(path)
        s.sendall((json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}) + "\n").encode())
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                raise ConnectionResetError("closed before the answer")
            data += chunk
    return json.loads(data)


def until_acknowledged(path, method, params):
    """Sends until an answer arrives (same params, same idempotency key every time)."""
    while True:
        try:
            response = call_once(path, method, params)
        except OSError:
            time.sleep(0.01)
            continue
        if "error" in response:
            raise AssertionError(f"{method} {params} failed: {response['error']}")
        return response["result"]


class Client(threading.Thread):
    def __init__(self, path, index, seed, stop):
        super().__init__(daemon=True)
        self.path, self.user, self.stop = path, f"crash-{index}", stop
        self.random = random.Random(seed * 1000 + index)
        self.granted = self.consumed = self.committed = self.usage_rows = self.operations = 0
        self.failure = None

    def run(self):
        try:
            n = 0
            while not self.stop.is_set() or n < 5:
                n += 1
                key = f"{self.user}-{n}"
                amount = self.random.randint(1, 5)
                kind = self.random.choice(["consume", "consume", "grant", "reserve"])
                if kind == "consume":
                    until_acknowledged(self.path, "credits.consume", {"user_id": self.user, "amount": amount, "idempotency_key": key})
                    self.consumed += amount
                    self.usage_rows += 1
                elif kind == "grant":
                    until_acknowledged(self.path, "credits.grant", {"user_id": self.user, "amount": amount, "idempotency_key": key})
                    self.granted += amount
                else:
                    held = until_acknowledged(self.path, "credits.reserve",
                                              {"user_id": self.user, "amount": amount, "ttl_ms": 3_600_000, "idempotency_key": key})
                    spend = self.random.randint(0, amount)
                    until_acknowledged(self.path, "credits.commit",
                                       {"reservation_id": held["reservation_id"], "amount": spend, "idempotency_key": key + "-commit"})
                    self.committed += spend
                    self.usage_rows += 1
                self.operations += 1
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            self.failure = error


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--binary", default=os.environ.get("BILLINGD_BIN", ".build/debug/billingd"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    directory = tempfile.mkdtemp(prefix="crash-", dir="/tmp")
    daemon = Daemon(os.path.abspath(args.binary), directory)
    daemon.start()
    checks = {"passed": 0, "failed": 0}

    def check(ok, what):
        checks["passed" if ok else "failed"] += 1
        print(("ok     " if ok else "FAILED ") + what, flush=True)

    stop = threading.Event()
    clients = [Client(daemon.socket, i, args.seed, stop) for i in range(args.clients)]
    for client in clients:
        until_acknowledged(daemon.socket, "credits.grant", {"user_id": client.user, "amount": INITIAL, "idempotency_key": client.user + "-initial"})
    for client in clients:
        client.start()
    for _ in range(args.kills):
        time.sleep(rng.uniform(0.05, 0.5))
        daemon.kill()
        daemon.start()
    stop.set()
    for client in clients:
        client.join(timeout=120)
    check(all(c.failure is None and not c.is_alive() for c in clients),
          f"{args.kills} kills, every client finished ({sum(c.operations for c in clients)} operations acknowledged)")
    for c in clients:
        if c.failure:
            print("   ", c.user, c.failure)
    for c in clients:
        credits = until_acknowledged(daemon.socket, "credits.get", {"user_id": c.user})
        expected = INITIAL + c.granted - c.consumed - c.committed
        check(credits["current_credits"] == expected and credits["total_credits_used"] == c.consumed + c.committed
              and credits["reserved_credits"] == 0,
              f"{c.user}: balance {credits['current_credits']} == {expected}, used {credits['total_credits_used']} == {c.consumed + c.committed}")
        rows = until_acknowledged(daemon.socket, "usage.summary", {"user_id": c.user, "from": "1970-01-01T00:00:00Z",
                                                                    "to": "2100-01-01T00:00:00Z", "group_by": "usage_type"})["rows"]
        count = sum(row["requests"] for row in rows)
        check(count == c.usage_rows, f"{c.user}: {count} usage rows == {c.usage_rows} acknowledged consumes and commits")
    verify = until_acknowledged(daemon.socket, "system.verify", {})
    check(verify["ok"], f"system.verify: {verify['problems'][:3]}")
    check(daemon.stop() == 0, "graceful stop after the crashes")
    offline = subprocess.run([daemon.binary, "verify", "--db", daemon.db], capture_output=True, text=True)
    check(offline.returncode == 0, f"billingd verify: {offline.stdout.strip()} {offline.stderr.strip()}")
    integrity = subprocess.run(["sqlite3", daemon.db, "PRAGMA integrity_check"], capture_output=True, text=True)
    check(integrity.stdout.strip() == "ok", f"sqlite3 integrity_check: {integrity.stdout.strip()}")
    print(f"crash test (seed {args.seed}): {checks['passed']} passed, {checks['failed']} failed")
    if checks["failed"] == 0:
        subprocess.run(["rm", "-rf", directory])
    sys.exit(1 if checks["failed"] else 0)


if __name__ == "__main__":
    main()
