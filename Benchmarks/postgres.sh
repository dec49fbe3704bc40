#!/usr/bin/env bash
# Benchmarks/postgres.sh: credits.consume at 64 connections with 1, 2 and 4 billingd daemons on one
# local PostgreSQL 15 (issue 12). Everything on this machine: a throw-away cluster on a Unix socket
# (scripts/postgres-cluster, fsync and synchronous_commit on), the daemons, and one `billingd
# bench` per daemon with 64/N connections each (ops/s summed, p99 the worst of them). Each cell
# gets a new database, funded once (USERS users), REPEATS runs of DURATION seconds; medians go to
# $OUT/postgres.md, raw lines to $OUT/postgres.jsonl. Bounded; stops what it starts.
#
#   Benchmarks/postgres.sh            # knobs: BIN DAEMONS CONNS DEPTH USERS DURATION WARMUP REPEATS OUT
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/.build-bench/release/billingd}
DAEMONS=${DAEMONS:-"1 2 4"}
CONNS=${CONNS:-64}
DEPTH=${DEPTH:-1}
USERS=${USERS:-1000}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-1}
REPEATS=${REPEATS:-3}
OUT=${OUT:-$ROOT/Benchmarks/out}
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path .build-bench --product billingd >&2)
mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/pgb.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    "$ROOT/scripts/postgres-cluster" stop "$TMP/cluster" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
SERVER=$("$ROOT/scripts/postgres-cluster" start "$TMP/cluster")
# Jiffies: the machine's busy and total (all cores) and all postgres processes' (utime + stime).
cpu_snapshot() {
    read -r _ user nice system idle iowait irq softirq steal _ </proc/stat
    echo "busy $((user + nice + system + irq + softirq + steal))"
    echo "total $((user + nice + system + idle + iowait + irq + softirq + steal))"
    echo "cores $(nproc)"
    local sum=0
    for pid in $(pgrep -u postgres); do
        sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "postgres $sum"
}
psql_admin() { runuser -u postgres -- psql -h "$TMP/cluster" -U postgres -qAtc "$1" >/dev/null; }
RAW="$OUT/postgres.jsonl"
: >"$RAW"
echo "postgres.sh: $(nproc) cores, $(date -u +%FT%TZ), consume c=$CONNS d=$DEPTH, $USERS users, $REPEATS x ${DURATION}s" >&2

for n in $DAEMONS; do
    for repeat in $(seq 1 "$REPEATS"); do
        db="bench_${n}_${repeat}"
        psql_admin "CREATE DATABASE $db"
        url="postgresql://postgres@/$db?host=$TMP/cluster"
        PIDS=()
        for i in $(seq 1 "$n"); do
            "$BIN" serve --database "$url" --socket "$TMP/d$i.sock" --log-level warning >>"$OUT/postgres-daemon.log" 2>&1 &
            PIDS+=($!)
        done
        for i in $(seq 1 "$n"); do
            for _ in $(seq 1 300); do "$BIN" call --socket "$TMP/d$i.sock" system.health >/dev/null 2>&1 && break; sleep 0.1; done
        done
        "$BIN" bench --socket "$TMP/d1.sock" --users "$USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null   # funds the users
        load=$(cut -d' ' -f1 /proc/loadavg)
        cpu_snapshot >"$TMP/cpu.before"
        BENCHES=()
        for i in $(seq 1 "$n"); do
            "$BIN" bench --socket "$TMP/d$i.sock" --json --daemon-pid "${PIDS[$((i - 1))]}" --mix consume -c $((CONNS / n)) -d "$DEPTH" \
                --users "$USERS" --no-fund --duration "$DURATION" --warmup "$WARMUP" >"$TMP/bench$i.json" &
            BENCHES+=($!)
        done
        for pid in "${BENCHES[@]}"; do wait "$pid"; done
        cpu_snapshot >"$TMP/cpu.after"
        python3 - "$n" "$repeat" "$load" "$TMP" >>"$RAW" <<'PY'
import json, sys
n, repeat, load, tmp = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = [json.loads(open(f"{tmp}/bench{i}.json").read().strip().splitlines()[-1]) for i in range(1, n + 1)]
before, after = (dict(l.split() for l in open(f"{tmp}/cpu.{w}")) for w in ("before", "after"))
busy = lambda k: int(after[k]) - int(before[k])
line = {"daemons": n, "repeat": repeat, "load": load, "ops_per_s": sum(float(r["ops_per_s"]) for r in runs),
        "p99_ms": max(float(r["p99_us"]) for r in runs) / 1000, "errors": [r["errors"] for r in runs if r["errors"]],
        # Shares of the whole machine (all cores) over the run, warm-up included.
        "machine_busy_pct": round(100 * busy("busy") / max(1, busy("total")), 1),
        "postgres_pct": round(100 * busy("postgres") / max(1, busy("total")), 1),
        "daemons_pct": round(sum(float(r["daemon_cpu_pct"] or 0) for r in runs) / int(after["cores"]), 1)}
print(json.dumps(line))
print("  daemons=%d run %d: %8.0f consumes/s  p99 %6.1f ms  load %s  machine busy %s%% (postgres %s%%, daemons %s%%)  errors %s" % (
    n, repeat, line["ops_per_s"], line["p99_ms"], load, line["machine_busy_pct"], line["postgres_pct"], line["daemons_pct"],
    line["errors"] or "none"), file=sys.stderr)
PY
        for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
        for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
        PIDS=()
        rm -f "$TMP"/bench*.json
        psql_admin "DROP DATABASE $db WITH (FORCE)"
    done
done

python3 - "$RAW" >"$OUT/postgres.md" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| daemons | consumes/s (median) | p99 ms (median) | machine busy % | postgres % | daemons % | runs (consumes/s @ 1-min load) |")
print("|---:|---:|---:|---:|---:|---:|---|")
for n in sorted({r["daemons"] for r in rows}):
    cell = [r for r in rows if r["daemons"] == n]
    med = lambda k: statistics.median(r.get(k, 0) for r in cell)
    print("| %d | %s | %.1f | %.0f | %.0f | %.0f | %s |" % (n, format(round(med("ops_per_s")), ","), med("p99_ms"),
          med("machine_busy_pct"), med("postgres_pct"), med("daemons_pct"), ", ".join("%s @ %s" % (format(round(r["ops_per_s"]), ","), r["load"]) for r in cell)))
PY
cat "$OUT/postgres.md"
