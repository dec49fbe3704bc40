#!/usr/bin/env bash
# Benchmarks/edge.sh: the server's edge (issue 11, item 6), two builds side by side.
#
# Interleaves, REPEATS times, on this machine only (Unix sockets, generator on the same box):
# billingd BASE_BIN, then billingd NEW_BIN, each a fresh daemon on its own database (kept across
# repeats), over the cells MIXES x CONNS x DEPTHS (default: system.health, credits.get and
# credits.consume at 64 connections, depth 1 and 32). Every figure is recorded with the
# 1-minute load average taken just before it; medians go to $OUT/edge.md, with the daemon's
# CPU time per request (from /proc, so less hurt by a busy machine than the rate). The health
# cells also run against Benchmarks/echo.c (a C epoll echo server, built here with cc; SKIP_ECHO=1
# leaves it out): the floor the issue compares system.health with.
#
#   BASE_BIN=/path/to/old/billingd [NEW_BIN=.build/release/billingd] Benchmarks/edge.sh
#
# Knobs: DURATION WARMUP REPEATS USERS MIXES CONNS DEPTHS OUT
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NEW_BIN=${NEW_BIN:-$ROOT/.build/release/billingd}
BASE_BIN=${BASE_BIN:?set BASE_BIN to the billingd binary to compare against}
OUT=${OUT:-$ROOT/Benchmarks/out}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-1}
REPEATS=${REPEATS:-3}
USERS=${USERS:-1000}
MIXES=${MIXES:-"health get consume"}
CONNS=${CONNS:-64}
DEPTHS=${DEPTHS:-"1 32"}

for bin in "$NEW_BIN" "$BASE_BIN"; do
    [ -x "$bin" ] || { echo "edge.sh: no binary at $bin" >&2; exit 1; }
done
mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/ebench.XXXXXX)   # short: sun_path holds 108 bytes
DPID=""

stop_daemon() { # TERM, wait up to 30 s, then KILL
    [ -n "$DPID" ] || return 0
    if kill -0 "$DPID" 2>/dev/null; then
        kill -TERM "$DPID" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$DPID" 2>/dev/null && kill -KILL "$DPID" 2>/dev/null || true
    fi
    wait "$DPID" 2>/dev/null || true
    DPID=""
}
cleanup() { stop_daemon; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

RESULTS="$OUT/edge.jsonl"
: >"$RESULTS"
echo "{\"phase\":\"machine\",\"nproc\":$(nproc),\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\",\"kernel\":\"$(uname -r)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"duration\":$DURATION,\"repeats\":$REPEATS,\"users\":$USERS}" >>"$RESULTS"

SOCK="$TMP/d.sock"
start_daemon() { # variant (base | new)
    local bin=$NEW_BIN
    [ "$1" = base ] && bin=$BASE_BIN
    "$bin" serve --db "$TMP/$1.sqlite3" --socket "$SOCK" --log-level warning >>"$OUT/edge-daemon.log" 2>&1 &
    DPID=$!
    for _ in $(seq 1 200); do
        if "$NEW_BIN" call --socket "$SOCK" system.health >/dev/null 2>&1; then
            "$NEW_BIN" bench --socket "$SOCK" --users "$USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null
            return 0
        fi
        kill -0 "$DPID" 2>/dev/null || break
        sleep 0.1
    done
    echo "edge.sh: the $1 daemon did not start (see $OUT/edge-daemon.log)" >&2
    exit 1
}

bench() { # variant, repeat, mix, connections, depth
    local load line
    load=$(load1)
    line=$("$NEW_BIN" bench --socket "$SOCK" --json --daemon-pid "$DPID" --mix "$3" -c "$4" -d "$5" --users "$USERS" --no-fund \
        --duration "$DURATION" --warmup "$WARMUP")
    echo "{\"variant\":\"$1\",\"repeat\":$2,\"mix\":\"$3\",\"connections\":$4,\"depth\":$5,\"load1\":$load,\"result\":$line}" >>"$RESULTS"
    python3 -c 'import json,sys; r=json.loads(sys.argv[2]); print("   %-4s %-7s c=%-3d d=%-2d %8.0f ops/s  p50 %7.2f ms  p99 %7.2f ms  daemon CPU %s%%  errors %s  load %s" % (sys.argv[1], r["mix"], r["connections"], r["depth"], float(r["ops_per_s"]), float(r["p50_us"]) / 1000, float(r["p99_us"]) / 1000, r["daemon_cpu_pct"], r["errors"] or "none", sys.argv[3]))' "$1" "$line" "$load" >&2
}

ECHO_BIN=""
if [ "${SKIP_ECHO:-0}" != 1 ] && command -v cc >/dev/null && [[ " $MIXES " == *" health "* ]]; then
    ECHO_BIN="$TMP/echo"
    cc -O2 -pthread -o "$ECHO_BIN" "$ROOT/Benchmarks/echo.c"
fi

for r in $(seq 1 "$REPEATS"); do
    log "repeat $r of $REPEATS"
    for variant in base new; do
        start_daemon "$variant"
        for mix in $MIXES; do
            for c in $CONNS; do
                for d in $DEPTHS; do bench "$variant" "$r" "$mix" "$c" "$d"; done
            done
        done
        stop_daemon
    done
    if [ -n "$ECHO_BIN" ]; then
        SOCK="$TMP/e.sock"
        "$ECHO_BIN" "$SOCK" 2 &
        DPID=$!
        for _ in $(seq 1 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
        for c in $CONNS; do
            for d in $DEPTHS; do bench c-echo "$r" health "$c" "$d"; done
        done
        stop_daemon
        SOCK="$TMP/d.sock"
    fi
done

python3 - "$RESULTS" <<'PY' | tee "$OUT/edge.md"
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
machine = rows[0]
cells = {}
for row in rows[1:]:
    r = row["result"]
    cells.setdefault((row["mix"], row["connections"], row["depth"], row["variant"]), []).append(
        (float(r["ops_per_s"]), float(r["p50_us"]) / 1000, float(r["p99_us"]) / 1000, float(r["daemon_cpu_pct"]), row["load1"], r["errors"]))
print(f"Machine: {machine['nproc']} cores, {machine['cpu']}, kernel {machine['kernel']}; {machine['date']}; "
      f"{machine['repeats']} repeats of {machine['duration']} s, {machine['users']} users.\n")
print("| mix | conns | depth | variant | ops/s (median) | p50 ms | p99 ms | daemon CPU % | daemon CPU µs/request | runs (ops/s @ 1-min load) | errors |")
print("|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|")
for (mix, c, d, variant), figures in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2], kv[0][3] != "base")):
    med = lambda i: statistics.median(f[i] for f in figures)
    runs = ", ".join(f"{f[0]:,.0f} @ {f[4]}" for f in figures)
    errors = "; ".join(str(f[5]) for f in figures if f[5]) or "none"
    cost = statistics.median(f[3] * 1e4 / f[0] for f in figures if f[0] > 0)
    print(f"| {mix} | {c} | {d} | {variant} | {med(0):,.0f} | {med(1):.2f} | {med(2):.2f} | {med(3):.0f} | {cost:.1f} | {runs} | {errors} |")
PY
