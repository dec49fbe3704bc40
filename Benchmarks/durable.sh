#!/usr/bin/env bash
# Benchmarks/durable.sh: durable pipelining (issue 11, item 4), before vs after, next to Redis.
#
# Interleaves, REPEATS times, on this machine only (Unix sockets, generator on the same box):
#   - billingd BASE_BIN (e.g. main before pipelining; SQLite syncs in every COMMIT),
#   - billingd NEW_BIN with the default --synchronous PIPELINED,
#   - billingd NEW_BIN with --synchronous FULL (the old mode in the new code),
#   - redis-server, AOF with appendfsync always, running the Lua consume script (check the
#     balance, DECRBY, XADD a usage entry) via redis-benchmark EVALSHA,
#   - NEW_BIN PIPELINED and FULL again on an emulated slow disk (consume only): the power-loss
#     VFS with a crash point that is never reached, whose every sync takes 2 ms longer (it also
#     keeps an undo log, so compare these two with each other only),
# over the cells: consume at 64 connections depth 1, consume at 1 connection, credits.get at 64
# connections (billingd only). Every figure is recorded with the 1-minute load average taken
# just before it. Medians go to $OUT/durable.md.
#
#   BASE_BIN=/path/to/old/billingd [NEW_BIN=.build-bench/release/billingd] Benchmarks/durable.sh
#
# Knobs: DURATION WARMUP REPEATS USERS REDIS_N64 REDIS_N1 OUT
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEW_BIN=${NEW_BIN:-$ROOT/.build-bench/release/billingd}
BASE_BIN=${BASE_BIN:?set BASE_BIN to the billingd binary to compare against}
OUT=${OUT:-$ROOT/Benchmarks/out}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-1}
REPEATS=${REPEATS:-3}
USERS=${USERS:-1000}
REDIS_N64=${REDIS_N64:-100000}
REDIS_N1=${REDIS_N1:-20000}

for bin in "$NEW_BIN" "$BASE_BIN"; do
    [ -x "$bin" ] || { echo "durable.sh: no binary at $bin" >&2; exit 1; }
done
mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/dbench.XXXXXX)   # short: sun_path holds 108 bytes
DPID=""
RPID=""

stop_pid() { # pid: TERM, wait up to 30 s, then KILL
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    stop_pid "$DPID"
    stop_pid "$RPID"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

RESULTS="$OUT/durable.jsonl"
: >"$RESULTS"
echo "{\"phase\":\"machine\",\"nproc\":$(nproc),\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\",\"kernel\":\"$(uname -r)\",\"fs\":\"$(df -T "$TMP" | awk 'NR==2 {print $2}')\",\"sqlite\":\"$(sqlite3 --version | cut -d' ' -f1)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"duration\":$DURATION,\"repeats\":$REPEATS,\"users\":$USERS}" >>"$RESULTS"

# How fast this disk syncs: what pipelining can hide at most per batch.
python3 - "$TMP/probe" >>"$RESULTS" <<'PY'
import json, os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
latencies = []
for _ in range(1000):
    os.write(fd, b"x" * 4120)
    start = time.perf_counter()
    os.fdatasync(fd)
    latencies.append((time.perf_counter() - start) * 1e6)
os.close(fd)
latencies.sort()
print(json.dumps({"phase": "fdatasync", "p50_us": round(latencies[500]), "p99_us": round(latencies[990])}))
PY

SOCK="$TMP/d.sock"
start_daemon() { # variant: base | pipelined | full | pipelined-slow | full-slow
    local bin=$NEW_BIN args=() slow=()
    case $1 in
        base) bin=$BASE_BIN ;;
        full) args=(--synchronous FULL) ;;
        pipelined-slow) slow=(BILLINGD_TEST_POWER_LOSS_AFTER_WRITES=999999999999) ;;
        full-slow) args=(--synchronous FULL); slow=(BILLINGD_TEST_POWER_LOSS_AFTER_WRITES=999999999999) ;;
    esac
    env "${slow[@]}" "$bin" serve --db "$TMP/$1.sqlite3" --socket "$SOCK" --log-level warning "${args[@]}" >>"$OUT/durable-daemon.log" 2>&1 &
    DPID=$!
    local i
    for i in $(seq 1 200); do
        if "$NEW_BIN" call --socket "$SOCK" system.health >/dev/null 2>&1; then
            "$NEW_BIN" bench --socket "$SOCK" --users "$USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null
            return 0
        fi
        kill -0 "$DPID" 2>/dev/null || break
        sleep 0.1
    done
    echo "durable.sh: the $1 daemon did not start (see $OUT/durable-daemon.log)" >&2
    exit 1
}

bench() { # variant, repeat, mix, connections
    local load line
    load=$(load1)
    line=$("$NEW_BIN" bench --socket "$SOCK" --json --daemon-pid "$DPID" --mix "$3" -c "$4" -d 1 --users "$USERS" --no-fund \
        --duration "$DURATION" --warmup "$WARMUP")
    echo "{\"variant\":\"$1\",\"repeat\":$2,\"mix\":\"$3\",\"connections\":$4,\"load1\":$load,\"result\":$line}" >>"$RESULTS"
    python3 -c 'import json,sys; r=json.loads(sys.argv[2]); print("   %-9s %-7s c=%-2d %8.0f ops/s  p50 %7.2f ms  p99 %7.2f ms  writes/commit %s  errors %s  load %s" % (sys.argv[1], r["mix"], r["connections"], float(r["ops_per_s"]), float(r["p50_us"]) / 1000, float(r["p99_us"]) / 1000, r["requests_per_commit"], r["errors"] or "none", sys.argv[3]))' "$1" "$line" "$load" >&2
}

if ! command -v redis-server >/dev/null || ! command -v redis-benchmark >/dev/null; then
    log "installing redis-server and redis-tools"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server redis-tools >&2
fi
RSOCK="$TMP/r.sock"
mkdir -p "$TMP/redis"
redis-server --port 0 --unixsocket "$RSOCK" --unixsocketperm 700 --dir "$TMP/redis" --save "" \
    --appendonly yes --appendfsync always --daemonize no --logfile "$TMP/redis/redis.log" &
RPID=$!
for i in $(seq 1 100); do
    redis-cli -s "$RSOCK" ping >/dev/null 2>&1 && break
    sleep 0.1
done
SCRIPT='local bal = tonumber(redis.call("GET", KEYS[1]) or "0")
local amt = tonumber(ARGV[1])
if bal < amt then return redis.error_reply("insufficient credits") end
local left = redis.call("DECRBY", KEYS[1], amt)
redis.call("XADD", KEYS[2], "*", "user", KEYS[1], "credits", ARGV[1])
return left'
SHA=$(redis-cli -s "$RSOCK" SCRIPT LOAD "$SCRIPT")
python3 -c "
import sys
n = int(sys.argv[1])
for start in range(0, n, 1000):
    print('MSET ' + ' '.join('bal:%012d 1000000000000' % i for i in range(start, min(n, start + 1000))))
" "$USERS" | redis-cli -s "$RSOCK" >/dev/null

redis_bench() { # repeat, connections, requests
    local load csv
    load=$(load1)
    csv=$(redis-benchmark -s "$RSOCK" -c "$2" -P 1 -n "$3" -r "$USERS" --csv EVALSHA "$SHA" 2 "bal:__rand_int__" usage 1 | tail -1)
    echo "{\"variant\":\"redis-always\",\"repeat\":$1,\"mix\":\"consume\",\"connections\":$2,\"load1\":$load,\"csv\":\"$(echo "$csv" | sed 's/"//g')\"}" >>"$RESULTS"
    log "  redis always c=$2: $csv (load $load)"
}

for r in $(seq 1 "$REPEATS"); do
    log "repeat $r of $REPEATS"
    for variant in base pipelined full; do
        start_daemon "$variant"
        bench "$variant" "$r" consume 64
        bench "$variant" "$r" consume 1
        bench "$variant" "$r" get 64
        stop_pid "$DPID"
        DPID=""
    done
    redis_bench "$r" 64 "$REDIS_N64"
    redis_bench "$r" 1 "$REDIS_N1"
    for variant in pipelined-slow full-slow; do
        start_daemon "$variant"
        bench "$variant" "$r" consume 64
        bench "$variant" "$r" consume 1
        stop_pid "$DPID"
        DPID=""
    done
done
echo "{\"phase\":\"redis_check\",\"xlen\":$(redis-cli -s "$RSOCK" XLEN usage),\"expected\":$(( (REDIS_N64 + REDIS_N1) * REPEATS ))}" >>"$RESULTS"

python3 - "$RESULTS" <<'PY' | tee "$OUT/durable.md"
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
machine = rows[0]
cells = {}
sync = next(row for row in rows if row.get("phase") == "fdatasync")
for row in rows[1:]:
    if "variant" not in row:
        continue
    key = (row["variant"], row["mix"], row["connections"])
    if "result" in row:
        r = row["result"]
        figure = (float(r["ops_per_s"]), float(r["p50_us"]) / 1000, float(r["p99_us"]) / 1000, row["load1"], r["errors"])
    else:
        parts = row["csv"].split(",")   # test,rps,avg,min,p50,p95,p99,max
        figure = (float(parts[1]), float(parts[4]), float(parts[6]), row["load1"], {})
    cells.setdefault(key, []).append(figure)
print(f"Machine: {machine['nproc']} cores, {machine['cpu']}, kernel {machine['kernel']}, {machine['fs']}, SQLite {machine['sqlite']}; "
      f"{machine['date']}; {machine['repeats']} repeats of {machine['duration']} s, {machine['users']} users; "
      f"fdatasync after a 4 KiB append: p50 {sync['p50_us']} us, p99 {sync['p99_us']} us.\n")
print("| cell | variant | ops/s (median) | p50 ms | p99 ms | runs (ops/s @ 1-min load) | errors |")
print("|---|---|---:|---:|---:|---|---|")
names = {"base": "billingd before (main, SQLite syncs in COMMIT)", "pipelined": "billingd after, PIPELINED (default)",
         "full": "billingd after, --synchronous FULL", "redis-always": "Redis 7, appendfsync always, Lua",
         "pipelined-slow": "billingd after, PIPELINED, disk +2 ms per sync (emulated)",
         "full-slow": "billingd after, FULL, disk +2 ms per sync (emulated)"}
for mix, c in [("consume", 64), ("consume", 1), ("get", 64)]:
    for variant in ["base", "pipelined", "full", "redis-always", "pipelined-slow", "full-slow"]:
        figures = cells.get((variant, mix, c))
        if not figures:
            continue
        median = lambda i: statistics.median(f[i] for f in figures)
        runs = ", ".join(f"{f[0]:,.0f} @ {f[3]}" for f in figures)
        errors = [f[4] for f in figures if f[4]]
        print(f"| {'credits.' + mix}, {c} conn | {names[variant]} | {median(0):,.0f} | {median(1):.2f} | {median(2):.2f} | {runs} | {errors or 'none'} |")
PY
