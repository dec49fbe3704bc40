#!/usr/bin/env bash
# Benchmarks/soak.sh: issue 11's soak, on this machine only (Unix sockets).
#
#   1. starts a private daemon on a fresh database and funds USERS users;
#   2. the peak: credits.consume at 64 connections, depth 1, flat out (PEAK_RUNS runs, the median);
#   3. MINUTES minutes at FRACTION of that rate, mixed methods, three generators at once, each paced
#      with `bench --rate`: credits.consume with a unique idempotency key (50% of the rate, 32
#      connections), credits.get (30%, 16 connections), credits.reserve + credits.commit (20%, 16
#      connections). Each generator runs one 60 s bench per minute, so latency percentiles are per minute;
#   4. every 5 s: the daemon's VmRSS, VmHWM, open descriptors (/proc/PID/fd), threads, the
#      database and WAL sizes, and the 1-minute load average;
#   5. `billingd verify` at the end (daemon stopped), then the first minute next to the last
#      (Benchmarks/soak_summary.py) into $OUT/soak.md.
#
# Every process started here is stopped on exit (trap).
# Knobs (environment): MINUTES FRACTION USERS PEAK_RUNS SKIP_BUILD=1 OUT=dir
#                      SLICE (seconds per "minute", default 60; smaller only to try the script)
#                      RATE (requests/s: skips the peak runs, to compare at a given load)
#                      DAEMON_ARGS (extra `billingd serve` options, e.g. "--wal-autocheckpoint 1000000")
#                      DBDIR (where the database lives, default a temp directory on /tmp; /dev/shm to take the disk out)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-bench}
OUT=${OUT:-$ROOT/Benchmarks/out}
MINUTES=${MINUTES:-10}
FRACTION=${FRACTION:-0.5}
USERS=${USERS:-10000}
PEAK_RUNS=${PEAK_RUNS:-3}
SLICE=${SLICE:-60}

mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/bsoak.XXXXXX)   # short: sun_path holds 108 bytes
DPID=""
SAMPLER=""
GENERATORS=()

# The database's files: removed before the run (a DBDIR may hold a killed run's) and after it.
remove_database() { [ -z "${DB:-}" ] || rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.lock"; }

cleanup() {
    local pid i
    for pid in "${GENERATORS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    [ -z "$SAMPLER" ] || { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; }
    if [ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null; then
        kill -TERM "$DPID" 2>/dev/null || true
        for i in $(seq 1 300); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$DPID" 2>/dev/null || true
        wait "$DPID" 2>/dev/null || true
    fi
    remove_database
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building release in $SCRATCH"
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product billingd) >&2
fi
BIN="$SCRATCH/release/billingd"
[ -x "$BIN" ] || { echo "soak.sh: no binary at $BIN" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

RESULTS="$OUT/soak.jsonl"
: >"$RESULTS"
emit() { echo "{\"t\":$(date -u +%s),${1#\{}" >>"$RESULTS"; }
SOCK="$TMP/d.sock"
DBDIR=${DBDIR:-$TMP}
mkdir -p "$DBDIR"
DB="$DBDIR/soak.sqlite3"
remove_database

emit "{\"phase\":\"machine\",\"nproc\":$(nproc),\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\",\"kernel\":\"$(uname -r)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"commit\":\"$(git -C "$ROOT" rev-parse --short HEAD)\",\"minutes\":$MINUTES,\"slice_s\":$SLICE,\"fraction\":$FRACTION,\"users\":$USERS,\"daemon_args\":\"${DAEMON_ARGS:-}\",\"dbdir\":\"$DBDIR\"}"

# shellcheck disable=SC2086 # DAEMON_ARGS is a list of options
"$BIN" serve --db "$DB" --socket "$SOCK" --log-level warning ${DAEMON_ARGS:-} >>"$OUT/soak-daemon.log" 2>&1 &
DPID=$!
for i in $(seq 1 200); do
    "$BIN" call --socket "$SOCK" system.health >/dev/null 2>&1 && break
    kill -0 "$DPID" 2>/dev/null || { echo "soak.sh: the daemon exited (see $OUT/soak-daemon.log)" >&2; exit 1; }
    sleep 0.1
done
"$BIN" call --socket "$SOCK" system.health >/dev/null

log "funding $USERS users"
"$BIN" bench --socket "$SOCK" --users "$USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null

if [ -n "${RATE:-}" ]; then
    PEAK=null   # a given rate: no peak run (to compare daemon options at the same load)
else
    log "peak: consume, 64 connections, depth 1"
    peaks=()
    for r in $(seq 1 "$PEAK_RUNS"); do
        line=$("$BIN" bench --socket "$SOCK" --json --daemon-pid "$DPID" --mix consume -c 64 -d 1 --users "$USERS" --no-fund \
            --duration 5 --warmup 1)
        emit "{\"phase\":\"peak\",\"repeat\":$r,\"result\":$line}"
        peaks+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["ops_per_s"])' "$line")")
        log "  ${peaks[-1]} ops/s"
    done
    PEAK=$(python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "${peaks[@]}")
    RATE=$(python3 -c 'import sys; print(round(float(sys.argv[1]) * float(sys.argv[2])))' "$PEAK" "$FRACTION")
fi
emit "{\"phase\":\"rate\",\"peak\":$PEAK,\"rate\":$RATE}"
log "soak at $RATE requests/s (peak $PEAK) for $MINUTES minutes"

(
    while true; do
        fds=$(ls "/proc/$DPID/fd" 2>/dev/null | wc -l)
        awk -v t="$(date -u +%s)" -v fds="$fds" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
            -v db="$(stat -c %s "$DB")" -v wal="$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)" '
            /^VmRSS:/ { rss = $2 * 1024 } /^VmHWM:/ { hwm = $2 * 1024 } /^Threads:/ { th = $2 }
            END { printf "{\"t\":%d,\"rss_bytes\":%d,\"hwm_bytes\":%d,\"fds\":%d,\"threads\":%d,\"load1\":%s,\"db_bytes\":%d,\"wal_bytes\":%d}\n", t, rss, hwm, fds, th, load, db, wal }' \
            "/proc/$DPID/status" || true
        sleep 5
    done
) >"$OUT/soak-samples.jsonl" &
SAMPLER=$!

# stream NAME SHARE CONNECTIONS BENCH-ARGS...: one paced generator for SLICE seconds, its JSON into $TMP/NAME.json.
stream() {
    local name=$1 share=$2 conns=$3
    shift 3
    "$BIN" bench --socket "$SOCK" --json --no-fund --users "$USERS" -c "$conns" -d 1 --duration "$SLICE" --warmup 0 \
        --rate "$(python3 -c 'import sys; print(round(float(sys.argv[1]) * float(sys.argv[2])))' "$RATE" "$share")" \
        "$@" >"$TMP/$name.json" 2>>"$OUT/soak-bench.log" &
    GENERATORS+=($!)
}

for m in $(seq 1 "$MINUTES"); do
    t0=$(date -u +%s)
    GENERATORS=()
    stream consume 0.5 32 --mix consume --idempotency
    stream get 0.3 16 --mix get
    stream reserve-commit 0.2 16 --mix reserve-commit
    for pid in "${GENERATORS[@]}"; do wait "$pid" || echo "soak.sh: a generator failed in minute $m" >&2; done
    GENERATORS=()
    for name in consume get reserve-commit; do
        if [ -s "$TMP/$name.json" ]; then
            emit "{\"phase\":\"minute\",\"minute\":$m,\"stream\":\"$name\",\"t0\":$t0,\"result\":$(cat "$TMP/$name.json")}"
        else
            emit "{\"phase\":\"minute\",\"minute\":$m,\"stream\":\"$name\",\"t0\":$t0,\"failed\":true}"
        fi
        rm -f "$TMP/$name.json"
    done
    log "minute $m: $(tail -3 "$RESULTS" | python3 -c 'import json,sys
for l in sys.stdin:
    d = json.loads(l); r = d.get("result")
    print("%s %s/s p99 %.1f ms;" % (d["stream"], r["ops_per_s"], float(r["p99_us"]) / 1000) if r else "%s failed;" % d["stream"], end=" ")')"
done

kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=""
# The books after the soak: the daemon stopped, then `billingd verify` on the file (the socket
# call would time out on a database of this size).
kill -TERM "$DPID"
for i in $(seq 1 300); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
wait "$DPID" 2>/dev/null || true
DPID=""
verify=$("$BIN" verify --db "$DB" 2>&1 | head -c 2000 || true)
emit "{\"phase\":\"verify\",\"answer\":$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$verify")}"
emit "{\"phase\":\"end\",\"usage_rows\":$(sqlite3 "$DB" 'SELECT count(*) FROM usage_logs'),\"db_bytes\":$(stat -c %s "$DB")}"
python3 "$ROOT/Benchmarks/soak_summary.py" "$RESULTS" "$OUT/soak-samples.jsonl" | tee "$OUT/soak.md"
