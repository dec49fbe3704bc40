#!/usr/bin/env python3
"""Power loss: every acknowledged change survives, and nothing a reader saw is ever lost.

For each run the real daemon starts on a funded database with the power-loss VFS
(BILLINGD_TEST_POWER_LOSS_AFTER_WRITES=N, Sources/CPowerLossVFS): at the N-th write to the
database or WAL it throws away every write not yet synced (or, with a seed, all but a random
prefix of them, the last kept one possibly torn) and exits, as if the power had failed. Writer
clients consume and grant with idempotency keys and record every acknowledged answer; reader
clients poll `credits.get` and record what they saw. Then the daemon restarts normally and:

  - every user's totals are the acknowledged ones, plus at most the one request that client
    had in flight (never less: an acknowledged change was lost; never more: something else);
  - no reader ever saw more used or purchased credits than survived (a reader saw a change
    that was not yet on disk);
  - replaying each client's last acknowledged request returns the same answer (the idempotency
    key survived with its change); retrying the in-flight one makes the totals exact;
  - `system.verify`, `billingd verify` and `PRAGMA integrity_check` are clean.

    scripts/power_loss_test.py [--runs 30] [--seed N] [--binary .build/debug/billingd]
"""
import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

INITIAL = 1_000_000
WRITERS = 6
READERS = 6
CRASH_EXIT = 86


def daemon_command(binary, directory, extra=()):
    return [binary, "serve", "--socket", os.path.join(directory, "b.sock"), "--db", os.path.join(directory, "b.sqlite3"),
            "--test-clock", "--log-level", "error", *extra]


def start(binary, directory, env=None, extra=()):
    """Starts a daemon; returns (process, serving). A power-loss run may end before it serves."""
    process = subprocess.Popen(daemon_command(binary, directory, extra), stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(directory, "stderr.log"), "a"), env=env)
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            return process, False
        try:
            call_once(os.path.join(directory, "b.sock"), "system.health", {})
            return process, True
        except OSError:
            time.sleep(0.01)
    process.kill()
    raise RuntimeError("daemon did not start")


def call_once(path, method, params):
    with Connection(path) as connection:
        return connection.call(method, params)


class Connection:
    """One socket, one request at a time; raises OSError when the daemon is gone."""

    def __init__(self, path):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.settimeout(30)
        self.socket.connect(path)
        self.buffer = b""
        self.next_id = 0

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.socket.close()

    def call(self, method, params):
        self.next_id += 1
        self.socket.sendall((json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}) + "\n").encode())
        while b"\n" not in self.buffer:
            chunk = self.socket.recv(65536)
            if not chunk:
                raise ConnectionResetError("closed before the answer")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)


class Writer(threading.Thread):
    """Consumes and grants for its own user, one request at a time, until the daemon dies."""

    def __init__(self, path, user, rng):
        super().__init__(daemon=True)
        self.path, self.user, self.random = path, user, rng
        self.used = self.granted = 0
        self.in_flight = None            # (method, params) sent but not answered when the daemon died
        self.last = None                 # (method, params, result) of the last acknowledged request
        self.failure = None

    def run(self):
        try:
            with Connection(self.path) as connection:
                n = 0
                while True:
                    n += 1
                    amount = self.random.randint(1, 9)
                    method = "credits.consume" if self.random.random() < 0.8 else "credits.grant"
                    params = {"user_id": self.user, "amount": amount, "idempotency_key": f"{self.user}-{n}"}
                    self.in_flight = (method, params)
                    answer = connection.call(method, params)
                    if "error" in answer:
                        raise AssertionError(f"{method} {params}: {answer['error']}")
                    self.in_flight = None
                    self.last = (method, params, answer["result"])
                    if method == "credits.consume":
                        self.used += amount
                    else:
                        self.granted += amount
        except OSError:
            pass                         # the power went out
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            self.failure = error


class Reader(threading.Thread):
    """Polls `credits.get` and records the highest totals it was ever shown per user."""

    def __init__(self, path, users, rng):
        super().__init__(daemon=True)
        self.path, self.users, self.random = path, users, rng
        self.seen = {}                   # user -> (max used, max purchased)
        self.reads = 0

    def run(self):
        try:
            with Connection(self.path) as connection:
                while True:
                    user = self.random.choice(self.users)
                    answer = connection.call("credits.get", {"user_id": user})
                    if "result" not in answer:
                        continue
                    used, purchased = self.seen.get(user, (0, 0))
                    result = answer["result"]
                    self.seen[user] = (max(used, result["total_credits_used"]), max(purchased, result["total_credits_purchased"]))
                    self.reads += 1
        except OSError:
            pass


def funded_database(binary, users):
    """A database where every user holds INITIAL credits, cleanly closed (no WAL left)."""
    directory = tempfile.mkdtemp(prefix="power-loss-seed-", dir="/tmp")
    process, _ = start(binary, directory)
    for user in users:
        answer = call_once(os.path.join(directory, "b.sock"), "credits.grant", {"user_id": user, "amount": INITIAL, "idempotency_key": user + "-initial"})
        assert "result" in answer, answer
    process.terminate()
    assert process.wait(timeout=30) == 0
    return directory


def one_run(binary, template, index, crash_after, seed, extra, check):
    directory = tempfile.mkdtemp(prefix=f"power-loss-{index}-", dir="/tmp")
    shutil.copy(os.path.join(template, "b.sqlite3"), os.path.join(directory, "b.sqlite3"))
    socket_path = os.path.join(directory, "b.sock")
    users = [f"pl-{i}" for i in range(WRITERS)]
    rng = random.Random(seed * 7919 + index)
    env = dict(os.environ, BILLINGD_TEST_POWER_LOSS_AFTER_WRITES=str(crash_after), BILLINGD_TEST_POWER_LOSS_SEED=str(seed))
    process, serving = start(binary, directory, env=env, extra=extra)
    writers = [Writer(socket_path, user, random.Random(rng.random())) for user in users] if serving else []
    readers = [Reader(socket_path, users, random.Random(rng.random())) for _ in range(READERS)] if serving else []
    for thread in writers + readers:
        thread.start()
    try:
        status = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        status = None
    for thread in writers + readers:
        thread.join(timeout=30)
    label = f"run {index}: N={crash_after} seed={seed} {' '.join(extra)}"
    with open(os.path.join(directory, "stderr.log")) as log:
        power = [line.strip() for line in log if line.startswith("power-loss:")]
    ok = check(status == CRASH_EXIT, f"{label}: the power failed (exit {status}, {power[-1:]}) after "
               f"{sum(w.used + w.granted for w in writers)} credits acknowledged, {sum(r.reads for r in readers)} reads")
    for writer in writers:
        if writer.failure:
            check(False, f"{label}: {writer.user}: {writer.failure}")
    if not ok:
        return directory, False

    process, _ = start(binary, directory)
    good = True
    with Connection(socket_path) as connection:
        for writer in writers:
            state = connection.call("credits.get", {"user_id": writer.user})["result"]
            used, purchased = state["total_credits_used"], state["total_credits_purchased"] - INITIAL
            extra_used = extra_granted = 0
            if writer.in_flight:
                method, params = writer.in_flight
                extra_used = params["amount"] if method == "credits.consume" else 0
                extra_granted = params["amount"] if method == "credits.grant" else 0
            good &= check(used in (writer.used, writer.used + extra_used) and purchased in (writer.granted, writer.granted + extra_granted)
                          and state["current_credits"] == INITIAL + purchased - used,
                          f"{label}: {writer.user} survived used {used} (acknowledged {writer.used}, +{extra_used} in flight), "
                          f"granted {purchased} (acknowledged {writer.granted}, +{extra_granted} in flight)")
            seen_used = max((r.seen.get(writer.user, (0, 0))[0] for r in readers), default=0)
            seen_purchased = max((r.seen.get(writer.user, (0, 0))[1] for r in readers), default=0)
            good &= check(seen_used <= used and seen_purchased <= purchased + INITIAL,
                          f"{label}: {writer.user} readers saw at most used {seen_used} <= {used}, purchased {seen_purchased} <= {purchased + INITIAL}")
            if writer.last:
                method, params, result = writer.last
                again = connection.call(method, params)
                good &= check(again.get("result") == result, f"{label}: {writer.user} replaying {params['idempotency_key']} answers as acknowledged")
            if writer.in_flight:
                method, params = writer.in_flight
                good &= check("result" in connection.call(method, params), f"{label}: {writer.user} retrying {params['idempotency_key']}")
            final = connection.call("credits.get", {"user_id": writer.user})["result"]
            good &= check(final["total_credits_used"] == writer.used + extra_used
                          and final["total_credits_purchased"] == INITIAL + writer.granted + extra_granted,
                          f"{label}: {writer.user} exactly once after the retry")
        verify = connection.call("system.verify", {})["result"]
        good &= check(verify["ok"], f"{label}: system.verify {verify['problems'][:3]}")
    process.terminate()
    good &= check(process.wait(timeout=30) == 0, f"{label}: graceful stop after recovery")
    offline = subprocess.run([binary, "verify", "--db", os.path.join(directory, "b.sqlite3")], capture_output=True, text=True)
    good &= check(offline.returncode == 0, f"{label}: billingd verify {offline.stdout.strip()} {offline.stderr.strip()}")
    integrity = subprocess.run(["sqlite3", os.path.join(directory, "b.sqlite3"), "PRAGMA integrity_check"], capture_output=True, text=True)
    good &= check(integrity.stdout.strip() == "ok", f"{label}: integrity_check {integrity.stdout.strip()}")
    return directory, good


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--binary", default=os.environ.get("BILLINGD_BIN", ".build/debug/billingd"))
    parser.add_argument("--verbose", action="store_true", help="print every check, not only failures")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    rng = random.Random(args.seed)
    checks = {"passed": 0, "failed": 0}

    def check(ok, what):
        checks["passed" if ok else "failed"] += 1
        if args.verbose or not ok:
            print(("ok     " if ok else "FAILED ") + what, flush=True)
        return ok

    template = funded_database(binary, [f"pl-{i}" for i in range(WRITERS)])
    for index in range(args.runs):
        crash_after = rng.choice([rng.randint(1, 100), rng.randint(100, 1000), rng.randint(1000, 8000)])
        seed = 0 if index % 2 == 0 else rng.randint(1, 2**63)
        # Small autocheckpoint thresholds make checkpoints and WAL restarts happen before the crash;
        # every fifth run uses the previous durability mode (SQLite syncs inside COMMIT).
        extra = ["--wal-autocheckpoint", str(rng.choice([20, 100, 1000]))]
        if index % 5 == 4:
            extra += ["--synchronous", "FULL"]
        directory, good = one_run(binary, template, index, crash_after, seed, extra, check)
        if good:
            shutil.rmtree(directory)
        else:
            print(f"   kept {directory}", flush=True)
    shutil.rmtree(template)
    print(f"power-loss test (seed {args.seed}, {args.runs} crash points): {checks['passed']} checks passed, {checks['failed']} failed")
    sys.exit(1 if checks["failed"] else 0)


if __name__ == "__main__":
    main()
