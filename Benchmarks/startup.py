#!/usr/bin/env python3
"""Benchmarks/startup.py: time from starting `billingd serve` to its first answered system.health.

    startup.py BIN DB SOCKET LOG [--modes cold,warm] [--repeats N]

For each repeat and mode (alternating, so both see the same machine load) it starts the daemon on
DB, polls SOCKET every 2 ms (connect, send system.health, read one line) until an answer with a
"result" arrives, reads the daemon's VmRSS, and stops it with SIGTERM. One JSON line per start.

"cold" first tries `echo 3 > /proc/sys/vm/drop_caches` (after sync); when that is not permitted (a
container) it evicts the database, its WAL/SHM, the binary and the shared libraries it loads from
the page cache with posix_fadvise(DONTNEED), and reports the bytes still resident (fincore).
"warm" starts right after the previous start, with everything cached.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time

HEALTH = b'{"jsonrpc":"2.0","id":1,"method":"system.health"}\n'


def resident_bytes(paths):
    """Bytes of these files in the page cache (fincore), or None when fincore is missing."""
    existing = [p for p in paths if os.path.exists(p)]
    if not existing:
        return 0
    try:
        out = subprocess.run(["fincore", "--bytes", "--noheadings", "--raw", "-o", "RES"] + existing,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sum(int(line) for line in out.split() if line.strip().isdigit())


def shared_libraries(binary):
    """The shared objects the binary loads (from ldd), so a cold start reads them from disk too."""
    try:
        out = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    libs = []
    for line in out.splitlines():
        parts = line.split("=>")
        target = (parts[1] if len(parts) > 1 else parts[0]).strip().split(" ")[0]
        if target.startswith("/"):
            libs.append(target)
    return libs


def evict(paths):
    """Drops the page cache: globally if permitted, else these files' clean pages. Returns the method."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return "drop_caches"
    except OSError:
        pass
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fdatasync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    return "fadvise_dontneed"


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def health_answered(path):
    """True when the daemon at `path` answered system.health with a result."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    try:
        s.connect(path)
        s.sendall(HEALTH)
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                return False
            data += chunk
        return b'"result"' in data
    except (FileNotFoundError, ConnectionRefusedError, ConnectionResetError, BrokenPipeError, socket.timeout):
        return False
    finally:
        s.close()


def start_once(binary, db, sock, log, mode, files):
    evicted = None
    resident = None
    resident_db = None
    if mode == "cold":
        evicted = evict(files)
        resident = resident_bytes(files)
        resident_db = resident_bytes(files[:3])
    if os.path.exists(sock):
        os.unlink(sock)
    with open(log, "ab") as logfile:
        t0 = time.monotonic_ns()
        proc = subprocess.Popen([binary, "serve", "--db", db, "--socket", sock, "--log-level", "warning"],
                                stdout=logfile, stderr=logfile)
    answered_ns = None
    deadline = t0 + 120 * 1_000_000_000
    while time.monotonic_ns() < deadline:
        if proc.poll() is not None:
            break
        if health_answered(sock):
            answered_ns = time.monotonic_ns()
            break
        time.sleep(0.002)
    rss = rss_kib(proc.pid) if proc.poll() is None else None
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    result = {"t": int(time.time()), "phase": "startup", "mode": mode, "ok": answered_ns is not None,
              "ms": None if answered_ns is None else round((answered_ns - t0) / 1e6, 1),
              "rss_kib_at_first_answer": rss, "loadavg": os.getloadavg()[0]}
    if mode == "cold":
        result["evicted_with"] = evicted
        result["resident_bytes_after_evict"] = resident
        result["resident_db_bytes_after_evict"] = resident_db
    return result


def main():
    args = sys.argv[1:]
    if len(args) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, db, sock, log = args[:4]
    modes = ["cold", "warm"]
    repeats = 3
    rest = args[4:]
    while rest:
        flag = rest.pop(0)
        if flag == "--modes":
            modes = rest.pop(0).split(",")
        elif flag == "--repeats":
            repeats = int(rest.pop(0))
        else:
            print("startup.py: unknown argument %s" % flag, file=sys.stderr)
            return 2
    files = [db, db + "-wal", db + "-shm", binary] + shared_libraries(binary)
    print(json.dumps({"phase": "startup_files", "db_bytes": os.path.getsize(db),
                      "files_evicted_when_cold": files}), flush=True)
    failed = False
    for _ in range(repeats):
        for mode in modes:
            line = start_once(binary, db, sock, log, mode, files)
            failed = failed or not line["ok"]
            print(json.dumps(line), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
