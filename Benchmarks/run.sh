#!/usr/bin/env bash
# Benchmarks/run.sh: the issue-5 benchmark, end to end, on this machine only (Unix sockets).
#
#   1. builds the release binary in .build-bench;
#   2. starts a private daemon (default durable settings: pipelined WAL sync, answer after the sync)
#      on a temporary directory and measures its idle RSS;
#   3. checks the generator against system.health (it must not be the bottleneck);
#   4. runs the matrix: connections x depth x mix, each cell DURATION seconds, REPEATS times;
#   5. RSS with 1,000 open connections;
#   6. a private redis-server on a Unix socket (appendonly yes, appendfsync always, then
#      everysec) running a Lua "check balance, DECRBY, XADD usage" script via redis-benchmark;
#   7. consume throughput on a fresh database, then on a copy holding 10 million usage_logs rows;
#   8. prints the medians side by side (Benchmarks/summarize.py) into $OUT/summary.md.
#
# Every loop is bounded and every process started here is stopped on exit (trap).
# Knobs (environment): DURATION WARMUP REPEATS CONNS DEPTHS MIXES USERS BIG_ROWS REDIS_N
#                      SKIP_BUILD=1 SKIP_MATRIX=1 SKIP_REDIS=1 SKIP_BIG=1 OUT=dir
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-bench}
OUT=${OUT:-$ROOT/Benchmarks/out}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-1}
REPEATS=${REPEATS:-3}
CONNS=${CONNS:-"1 16 64 256"}
DEPTHS=${DEPTHS:-"1 32"}
MIXES=${MIXES:-"consume get90 reserve-commit get"}
USERS=${USERS:-10000}
BIG_ROWS=${BIG_ROWS:-10000000}
REDIS_N=${REDIS_N:-200000}

mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/bbench.XXXXXX)   # short: sun_path holds 108 bytes
DPID=""
RPID=""

stop_pid() { # pid, name: TERM, wait up to 30 s, then KILL
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "run.sh: $2 ($pid) did not stop, killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    stop_pid "$DPID" billingd
    DPID=""
    stop_pid "$RPID" redis-server
    RPID=""
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*" >&2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building release in $SCRATCH"
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product billingd) >&2
fi
BIN="$SCRATCH/release/billingd"
[ -x "$BIN" ] || { echo "run.sh: no binary at $BIN" >&2; exit 1; }

# 1,000 connections need more descriptors than the usual 1024 (the daemon inherits this).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

RESULTS="$OUT/results.jsonl"
: >"$RESULTS"

record() { # phase, extra json members ("" or ',"k":v'), then the bench arguments
    local phase=$1 extra=$2
    shift 2
    local line
    if line=$("$BIN" bench --socket "$SOCK" --json --daemon-pid "$DPID" "$@"); then
        echo "{\"phase\":\"$phase\"$extra,\"result\":$line}" >>"$RESULTS"
        python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("   %-14s c=%-3d d=%-2d %9.0f ops/s  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  errors %s  gen CPU %s%%  daemon CPU %s%%  writes/commit %s" % (r["mix"], r["connections"], r["depth"], float(r["ops_per_s"]), float(r["p50_us"]), float(r["p99_us"]), float(r["p999_us"]), r["errors"] or "none", r["client_cpu_pct"], r["daemon_cpu_pct"], r["requests_per_commit"]))' "$line" >&2
    else
        echo "run.sh: bench failed: $*" >&2
    fi
}

start_daemon() { # db path
    SOCK="$TMP/d.sock"
    "$BIN" serve --db "$1" --socket "$SOCK" --log-level warning >>"$OUT/daemon.log" 2>&1 &
    DPID=$!
    local i
    for i in $(seq 1 200); do
        if "$BIN" call --socket "$SOCK" system.health >/dev/null 2>&1; then return 0; fi
        kill -0 "$DPID" 2>/dev/null || break
        sleep 0.1
    done
    echo "run.sh: the daemon did not start (see $OUT/daemon.log)" >&2
    exit 1
}

stop_daemon() {
    stop_pid "$DPID" billingd
    DPID=""
}

rss_of() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status"; }

fund() { # grants credits to $USERS users (idempotent), through one tiny consume run
    "$BIN" bench --socket "$SOCK" --users "$USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null
}

{
    echo "{\"phase\":\"machine\",\"nproc\":$(nproc),\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\",\"mem_kb\":$(awk '/MemTotal/ {print $2}' /proc/meminfo),\"kernel\":\"$(uname -r)\",\"swift\":\"$(swift --version 2>/dev/null | head -1 | sed 's/"/\\"/g')\",\"sqlite\":\"$(sqlite3 --version | cut -d' ' -f1)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"duration\":$DURATION,\"repeats\":$REPEATS}"
} >>"$RESULTS"

# ---------------------------------------------------------------- daemon: idle RSS, generator check, matrix
log "starting the daemon on $TMP/main.sqlite3"
start_daemon "$TMP/main.sqlite3"
sleep 1
echo "{\"phase\":\"rss_idle\",\"rss_bytes\":$(rss_of "$DPID")}" >>"$RESULTS"
log "idle RSS: $(( $(rss_of "$DPID") / 1024 )) KiB"

log "generator check: system.health (no database)"
for d in 1 32; do
    for r in $(seq 1 "$REPEATS"); do
        record generator ",\"repeat\":$r" --mix health -c 64 -d "$d" --duration "$DURATION" --warmup "$WARMUP"
    done
done

log "funding $USERS users"
fund

if [ "${SKIP_MATRIX:-0}" != 1 ]; then
    for mix in $MIXES; do
        for c in $CONNS; do
            for d in $DEPTHS; do
                for r in $(seq 1 "$REPEATS"); do
                    record matrix ",\"repeat\":$r" --mix "$mix" -c "$c" -d "$d" --users "$USERS" --no-fund \
                        --duration "$DURATION" --warmup "$WARMUP"
                done
            done
        done
    done
    log "consume with idempotency keys"
    for d in 1 32; do
        for r in $(seq 1 "$REPEATS"); do
            record idempotency ",\"repeat\":$r" --mix consume -c 64 -d "$d" --users "$USERS" --no-fund --idempotency \
                --duration "$DURATION" --warmup "$WARMUP"
        done
    done
fi
echo "{\"phase\":\"rss_after_load\",\"rss_bytes\":$(rss_of "$DPID")}" >>"$RESULTS"

log "1,000 open connections"
for r in $(seq 1 "$REPEATS"); do
    line=$("$BIN" bench --socket "$SOCK" --open-connections 1000 --hold-seconds 2 --json)
    echo "{\"phase\":\"rss_1000\",\"repeat\":$r,\"result\":$line}" >>"$RESULTS"
    log "  $line"
done
stop_daemon

# ---------------------------------------------------------------- redis
if [ "${SKIP_REDIS:-0}" != 1 ]; then
    if ! command -v redis-server >/dev/null || ! command -v redis-benchmark >/dev/null; then
        log "installing redis-server and redis-tools"
        apt-get update -qq >&2 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >&2
    fi
    RSOCK="$TMP/r.sock"
    mkdir -p "$TMP/redis"
    # A private server: no TCP port, a Unix socket only, durable AOF with an fsync per write.
    redis-server --port 0 --unixsocket "$RSOCK" --unixsocketperm 700 --dir "$TMP/redis" --save "" \
        --appendonly yes --appendfsync always --daemonize no --logfile "$TMP/redis/redis.log" &
    RPID=$!
    for i in $(seq 1 100); do
        redis-cli -s "$RSOCK" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    redis-cli -s "$RSOCK" ping >/dev/null
    SCRIPT='local bal = tonumber(redis.call("GET", KEYS[1]) or "0")
local amt = tonumber(ARGV[1])
if bal < amt then return redis.error_reply("insufficient credits") end
local left = redis.call("DECRBY", KEYS[1], amt)
redis.call("XADD", KEYS[2], "*", "user", KEYS[1], "credits", ARGV[1])
return left'
    SHA=$(redis-cli -s "$RSOCK" SCRIPT LOAD "$SCRIPT")
    # Fund the keys redis-benchmark's __rand_int__ produces (12-digit, zero-padded) for -r $USERS.
    python3 -c "
import sys
n = int(sys.argv[1])
for start in range(0, n, 1000):
    keys = ' '.join('bal:%012d 1000000000000' % i for i in range(start, min(n, start + 1000)))
    print('MSET ' + keys)
" "$USERS" | redis-cli -s "$RSOCK" >/dev/null
    for mode in always everysec; do
        redis-cli -s "$RSOCK" CONFIG SET appendfsync "$mode" >/dev/null
        for p in 1 32; do
            for r in $(seq 1 "$REPEATS"); do
                csv=$(redis-benchmark -s "$RSOCK" -c 64 -P "$p" -n "$REDIS_N" -r "$USERS" --csv \
                    EVALSHA "$SHA" 2 "bal:__rand_int__" usage 1 | tail -1)
                echo "{\"phase\":\"redis\",\"appendfsync\":\"$mode\",\"connections\":64,\"pipeline\":$p,\"repeat\":$r,\"csv\":\"$(echo "$csv" | sed 's/"//g')\"}" >>"$RESULTS"
                log "  redis appendfsync=$mode -c 64 -P $p: $csv"
            done
        done
    done
    echo "{\"phase\":\"redis_check\",\"xlen\":$(redis-cli -s "$RSOCK" XLEN usage),\"expected\":$(( REDIS_N * 2 * 2 * REPEATS ))}" >>"$RESULTS"
    echo "{\"phase\":\"redis_rss\",\"rss_bytes\":$(rss_of "$RPID")}" >>"$RESULTS"
    redis-cli -s "$RSOCK" shutdown nosave >/dev/null 2>&1 || true
    stop_pid "$RPID" redis-server
    RPID=""
fi

# ---------------------------------------------------------------- 10 million usage rows
if [ "${SKIP_BIG:-0}" != 1 ]; then
    log "consume on a fresh database (baseline for the 10M-row run)"
    start_daemon "$TMP/big.sqlite3"
    fund
    for d in 1 32; do
        for r in $(seq 1 "$REPEATS"); do
            record big_empty ",\"repeat\":$r" --mix consume -c 64 -d "$d" --users "$USERS" --no-fund --duration "$DURATION" --warmup "$WARMUP"
        done
    done
    stop_daemon
    before=$(sqlite3 "$TMP/big.sqlite3" "SELECT count(*) FROM usage_logs")
    log "loading $BIG_ROWS usage_logs rows with sqlite3 (daemon stopped; $before rows so far)"
    # Time-ordered ids like the daemon's own, over the last 30 days (Benchmarks/load-usage.sh).
    load=$("$ROOT/Benchmarks/load-usage.sh" "$TMP/big.sqlite3" "$BIG_ROWS" "$USERS")
    rows=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rows"])' "$load")
    load_s=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["load_ms"])' "$load")
    echo "{\"phase\":\"big_load\",${load#\{}" >>"$RESULTS"
    log "usage_logs now holds $rows rows (loaded in $load_s ms)"
    start_daemon "$TMP/big.sqlite3"
    for d in 1 32; do
        for r in $(seq 1 "$REPEATS"); do
            record big_10m ",\"repeat\":$r" --mix consume -c 64 -d "$d" --users "$USERS" --no-fund --duration "$DURATION" --warmup "$WARMUP"
        done
    done
    echo "{\"phase\":\"rss_big\",\"rss_bytes\":$(rss_of "$DPID")}" >>"$RESULTS"
    stop_daemon
fi

python3 "$ROOT/Benchmarks/summarize.py" "$RESULTS" | tee "$OUT/summary.md"
