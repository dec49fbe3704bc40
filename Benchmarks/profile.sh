#!/usr/bin/env bash
# Benchmarks/profile.sh: where the release daemon spends its time under the consume workload.
#
# Starts a private daemon (default durable settings) on a temp dir, funds the users, then runs
# `billingd bench --mix consume` while `perf stat` and `perf record -g` watch the daemon only.
# Writes $OUT/perf-stat.txt, $OUT/perf-report.txt (flat, by symbol) and $OUT/perf-threads.txt
# (by thread), $OUT/perf-dso.txt (by library) and $OUT/proc-io.txt (the daemon's read/write
# syscalls and bytes over the run, from /proc/PID/io). Needs perf (apt-get install linux-perf).
# Bounded; stops what it starts.
# Knobs: CONNS DEPTH DURATION SYNCHRONOUS (PIPELINED, the default, or FULL) USERS
#        DB=path (profile on an existing database, e.g. one scale.sh kept: it is written to)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-bench}
OUT=${OUT:-$ROOT/Benchmarks/out}
CONNS=${CONNS:-64}
DEPTH=${DEPTH:-32}
DURATION=${DURATION:-10}
SYNCHRONOUS=${SYNCHRONOUS:-PIPELINED}
USERS=${USERS:-10000}
BIN="$SCRATCH/release/billingd"
mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/bprof.XXXXXX)
DPID=""
cleanup() {
    if [ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null; then
        kill -TERM "$DPID"
        for _ in $(seq 1 300); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$DPID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v perf >/dev/null || { apt-get install -y -qq linux-perf >&2; }
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product billingd >&2)

SOCK="$TMP/d.sock"
"$BIN" serve --db "${DB:-$TMP/p.sqlite3}" --socket "$SOCK" --log-level warning --synchronous "$SYNCHRONOUS" &
DPID=$!
for _ in $(seq 1 200); do "$BIN" call --socket "$SOCK" system.health >/dev/null 2>&1 && break; sleep 0.1; done
"$BIN" bench --socket "$SOCK" --mix consume --users "$USERS" -c 1 --requests 1 --warmup 0 >/dev/null   # funds the users

cp "/proc/$DPID/io" "$TMP/io-before"
perf stat -e task-clock,context-switches,cpu-migrations,page-faults -p "$DPID" -o "$OUT/perf-stat.txt" -- sleep "$DURATION" &
STAT=$!
perf record -e cpu-clock -F 999 -g -p "$DPID" -o "$TMP/perf.data" -- sleep "$DURATION" 2>/dev/null &
REC=$!
"$BIN" bench --socket "$SOCK" --mix consume --users "$USERS" -c "$CONNS" -d "$DEPTH" --no-fund --warmup 0 --duration "$DURATION" --daemon-pid "$DPID" \
    | tee "$OUT/perf-bench.txt"
wait "$STAT" "$REC" || true
cp "/proc/$DPID/io" "$TMP/io-after"
# (head closes the pipes early: `|| true` keeps set -o pipefail from ending the script there.)
# Deltas of rchar, wchar, syscr, syscw, read_bytes, write_bytes over the run.
awk 'NR == FNR { before[$1] = $2; next } { printf "%s %.0f\n", $1, $2 - before[$1] }' "$TMP/io-before" "$TMP/io-after" \
    >"$OUT/proc-io.txt"
perf report -i "$TMP/perf.data" --no-children --sort symbol --stdio 2>/dev/null | grep -v '^$' | head -150 >"$OUT/perf-report.txt" || true
perf report -i "$TMP/perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20 >"$OUT/perf-threads.txt" || true
perf report -i "$TMP/perf.data" --children --sort symbol --stdio -g none 2>/dev/null | grep -v '^$' | head -120 >"$OUT/perf-children.txt" || true
perf report -i "$TMP/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -20 >"$OUT/perf-dso.txt" || true
cat "$OUT/perf-stat.txt" "$OUT/perf-threads.txt" "$OUT/perf-dso.txt" "$OUT/proc-io.txt"
head -60 "$OUT/perf-report.txt"
