#!/usr/bin/env bash
# Benchmarks/scale.sh: the scale figures of issue 11, on this machine only (Unix sockets).
#
#   1. idle RSS: a freshly started daemon on an empty database (REPEATS starts);
#   2. 1,000,000 users with state loaded: a daemon on a fresh database grants credits to each
#      user through the socket (credits.grant with an idempotency key per user), then serves one
#      credits.consume and one credits.get per user (`bench --sweep`): its VmRSS / VmHWM;
#   3. the daemon stopped, 10,000,000 usage_logs rows spread over those users are added with the
#      sqlite3 CLI (Benchmarks/load-usage.sh, the same loader as run.sh's 10M-row cell); then the
#      rows-only database of step 5 is built the same way;
#   4. start-to-serving on that database: from process start to the first answered system.health,
#      cold (page cache dropped, or the files evicted when that is not permitted) and warm,
#      alternating (Benchmarks/startup.py);
#   5. consume at 64 connections on three databases, three daemons up at once, cells alternating
#      (the order rotates every round), the same USERS funded users in each: an empty one, a
#      "rows-only" one (BIG_ROWS usage rows over those USERS users only, like run.sh's 10M-row cell)
#      and the big one (BIG_USERS accounts + BIG_ROWS rows); first the files are read into the page
#      cache and each daemon gets WARM_SECONDS of the same load, not counted. Plus consume over all
#      BIG_USERS users on the big one; then one credits.get per user on the big daemon and its RSS;
#   6. prints the figures next to the targets (Benchmarks/scale_summary.py) into $OUT/scale.md.
#
# A 1-minute load average is sampled every 5 s throughout ($OUT/scale-load.jsonl): other work on
# the machine skews every figure here. Every process started here is stopped on exit (trap).
# Knobs (environment): BIG_USERS BIG_ROWS USERS DURATION WARMUP REPEATS STARTS WARM_SECONDS OUT
#                      SKIP_BUILD=1  BIG_DB=path (reuse a database an earlier run built: skips 2-3;
#                      it is modified by step 5)  KEEP=1 (keep the temporary directory)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-bench}
OUT=${OUT:-$ROOT/Benchmarks/out}
BIG_USERS=${BIG_USERS:-1000000}
BIG_ROWS=${BIG_ROWS:-10000000}
USERS=${USERS:-10000}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-1}
REPEATS=${REPEATS:-3}
STARTS=${STARTS:-5}

mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/bscale.XXXXXX)   # short: sun_path holds 108 bytes
BIG=${BIG_DB:-$TMP/big.sqlite3}
PIDS=()      # daemons, stopped on exit
SAMPLER=""

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
        echo "scale.sh: $2 ($pid) did not stop, killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do stop_pid "$pid" billingd; done
    PIDS=()
    [ -z "$SAMPLER" ] || { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; }
    if [ "${KEEP:-0}" = 1 ]; then echo "scale.sh: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building release in $SCRATCH"
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product billingd) >&2
fi
BIN="$SCRATCH/release/billingd"
[ -x "$BIN" ] || { echo "scale.sh: no binary at $BIN" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

RESULTS="$OUT/scale.jsonl"
: >"$RESULTS"
emit() { echo "{\"t\":$(date -u +%s),${1#\{}" >>"$RESULTS"; }   # every line gets its time

# The load average, every 5 s, for the whole run.
(
    while true; do
        echo "{\"t\":$(date -u +%s),\"load1\":$(cut -d' ' -f1 /proc/loadavg)}"
        sleep 5
    done
) >"$OUT/scale-load.jsonl" &
SAMPLER=$!

emit "{\"phase\":\"machine\",\"nproc\":$(nproc),\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\",\"mem_kb\":$(awk '/MemTotal/ {print $2}' /proc/meminfo),\"kernel\":\"$(uname -r)\",\"swift\":\"$(swift --version 2>/dev/null | head -1 | sed 's/"/\\"/g')\",\"sqlite\":\"$(sqlite3 --version | cut -d' ' -f1)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"commit\":\"$(git -C "$ROOT" rev-parse --short HEAD)\",\"big_users\":$BIG_USERS,\"big_rows\":$BIG_ROWS,\"users\":$USERS,\"duration\":$DURATION,\"repeats\":$REPEATS}"

# start_daemon DB SOCKET: starts a daemon, waits until it answers, leaves its pid in $STARTED.
start_daemon() {
    "$BIN" serve --db "$1" --socket "$2" --log-level warning >>"$OUT/scale-daemon.log" 2>&1 &
    STARTED=$!
    PIDS+=("$STARTED")
    local i
    for i in $(seq 1 600); do
        if "$BIN" call --socket "$2" system.health >/dev/null 2>&1; then return 0; fi
        kill -0 "$STARTED" 2>/dev/null || break
        sleep 0.1
    done
    echo "scale.sh: the daemon did not start (see $OUT/scale-daemon.log)" >&2
    exit 1
}

stop_daemon() { # pid
    stop_pid "$1" billingd
    local kept=() pid
    for pid in "${PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
    PIDS=("${kept[@]}")
}

# mem PID: VmRSS, VmHWM, RssAnon (heap, stacks), RssFile (mapped code and data of the binary and
# its libraries) in bytes, threads and open descriptors of a process, as JSON members.
mem() {
    awk -v fds="$(ls "/proc/$1/fd" | wc -l)" '
        /^VmRSS:/ { rss = $2 * 1024 } /^VmHWM:/ { hwm = $2 * 1024 } /^RssAnon:/ { anon = $2 * 1024 }
        /^RssFile:/ { file = $2 * 1024 } /^Threads:/ { th = $2 }
        END { printf "\"rss_bytes\":%d,\"hwm_bytes\":%d,\"anon_bytes\":%d,\"file_bytes\":%d,\"threads\":%d,\"fds\":%d", rss, hwm, anon, file, th, fds }' "/proc/$1/status"
}

# bench PHASE EXTRA SOCKET PID ARGS...: one bench run, its JSON result recorded.
bench() {
    local phase=$1 extra=$2 sock=$3 pid=$4 line
    shift 4
    if line=$("$BIN" bench --socket "$sock" --json --daemon-pid "$pid" "$@"); then
        emit "{\"phase\":\"$phase\"$extra,\"result\":$line}"
        python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("   %-8s c=%-3d d=%-2d %9.0f ops/s  p50 %8.1f us  p99 %8.1f us  errors %s  daemon CPU %s%%  load %s" % (r["mix"], r["connections"], r["depth"], float(r["ops_per_s"]), float(r["p50_us"]), float(r["p99_us"]), r["errors"] or "none", r["daemon_cpu_pct"], r["loadavg"]))' "$line" >&2
    else
        echo "scale.sh: bench failed: $*" >&2
        emit "{\"phase\":\"$phase\"$extra,\"failed\":true}"
    fi
}

# ---------------------------------------------------------------- 1. idle RSS
for r in $(seq 1 "$REPEATS"); do
    start_daemon "$TMP/idle-$r.sqlite3" "$TMP/i.sock"
    sleep 2
    emit "{\"phase\":\"idle_rss\",\"repeat\":$r,$(mem "$STARTED")}"
    log "idle daemon, empty database: $(mem "$STARTED")"
    stop_daemon "$STARTED"
done

# ---------------------------------------------------------------- 2-3. one million users, ten million rows
if [ -z "${BIG_DB:-}" ]; then
    log "funding $BIG_USERS users through the socket (credits.grant, one idempotency key each)"
    start_daemon "$BIG" "$TMP/b.sock"
    BPID=$STARTED
    t0=$(date +%s%N)
    "$BIN" bench --socket "$TMP/b.sock" --users "$BIG_USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null
    emit "{\"phase\":\"fund_1m\",\"users\":$BIG_USERS,\"ms\":$(( ($(date +%s%N) - t0) / 1000000 )),$(mem "$BPID")}"
    log "funded: $(mem "$BPID")"
    log "one credits.consume per user (sweep)"
    bench sweep_consume "" "$TMP/b.sock" "$BPID" --mix consume --sweep --users "$BIG_USERS" --requests "$BIG_USERS" \
        --no-fund -c 64 -d 1 --warmup 0
    log "one credits.get per user (sweep)"
    bench sweep_get "" "$TMP/b.sock" "$BPID" --mix get --sweep --users "$BIG_USERS" --requests "$BIG_USERS" \
        --no-fund -c 64 -d 1 --warmup 0
    sleep 2
    emit "{\"phase\":\"rss_1m\",$(mem "$BPID"),\"accounts\":$(sqlite3 "$BIG" 'SELECT count(*) FROM user_credits'),\"usage_rows\":$(sqlite3 "$BIG" 'SELECT count(*) FROM usage_logs')}"
    log "1M users served: $(mem "$BPID")"
    stop_daemon "$BPID"

    log "adding $BIG_ROWS usage_logs rows over $BIG_USERS users with sqlite3 (daemon stopped)"
    load=$("$ROOT/Benchmarks/load-usage.sh" "$BIG" "$BIG_ROWS" "$BIG_USERS")
    emit "{\"phase\":\"big_load\",\"users\":$BIG_USERS,${load#\{}"
    log "loaded: $load"
fi

# The same rows over only the USERS benchmark users (run.sh's 10M-row database): the row count's
# effect alone, without a million accounts.
log "a second big database: $BIG_ROWS usage_logs rows over $USERS users"
start_daemon "$TMP/rows.sqlite3" "$TMP/r.sock"
"$BIN" bench --socket "$TMP/r.sock" --users "$USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null
stop_daemon "$STARTED"
load=$("$ROOT/Benchmarks/load-usage.sh" "$TMP/rows.sqlite3" "$BIG_ROWS" "$USERS")
emit "{\"phase\":\"rows_load\",\"users\":$USERS,${load#\{}"
log "loaded: $load"

# ---------------------------------------------------------------- 4. start to serving
sync
if echo 3 2>/dev/null >/proc/sys/vm/drop_caches; then dc=true; else dc=false; fi
emit "{\"phase\":\"drop_caches_permitted\",\"permitted\":$dc}"
log "start-to-serving on $(du -h "$BIG" | cut -f1) (drop_caches permitted: $dc)"
python3 "$ROOT/Benchmarks/startup.py" "$BIN" "$BIG" "$TMP/s.sock" "$OUT/scale-daemon.log" --modes warm --repeats 1 >/dev/null
python3 "$ROOT/Benchmarks/startup.py" "$BIN" "$BIG" "$TMP/s.sock" "$OUT/scale-daemon.log" --modes cold,warm --repeats "$STARTS" \
    | tee -a "$RESULTS" | grep '"startup"' >&2

# ---------------------------------------------------------------- 5. consume: big vs empty, alternating
log "consume at 64 connections: empty, rows-only and big databases, alternating"
start_daemon "$BIG" "$TMP/b.sock"
BPID=$STARTED
start_daemon "$TMP/rows.sqlite3" "$TMP/r.sock"
RPID=$STARTED
start_daemon "$TMP/empty.sqlite3" "$TMP/e.sock"
EPID=$STARTED
for sock in e r b; do
    "$BIN" bench --socket "$TMP/$sock.sock" --users "$USERS" --mix consume -c 1 --requests 1 --warmup 0 >/dev/null
done
emit "{\"phase\":\"ratio_start\",\"big_usage_rows\":$(sqlite3 "$BIG" 'SELECT count(*) FROM usage_logs'),\"rows_usage_rows\":$(sqlite3 "$TMP/rows.sqlite3" 'SELECT count(*) FROM usage_logs'),\"empty_usage_rows\":$(sqlite3 "$TMP/empty.sqlite3" 'SELECT count(*) FROM usage_logs')}"
# Steady state, as on a server that has run for a while: the files in the page cache (the cold
# starts above dropped it) and each daemon warmed by WARM_SECONDS of the same load (not counted).
cat "$BIG" "$BIG-wal" "$TMP/rows.sqlite3" "$TMP/rows.sqlite3-wal" >/dev/null 2>&1 || true
for which in e:$EPID r:$RPID b:$BPID; do
    bench ratio_warm ",\"db\":\"${which%%:*}\"" "$TMP/${which%%:*}.sock" "${which#*:}" --mix consume -c 64 -d 1 \
        --users "$USERS" --no-fund --duration "${WARM_SECONDS:-10}" --warmup 0
done
# ratio_cell DB DEPTH REPEAT [USERS]: one measured cell on the empty (e), rows-only (r) or big (b) daemon.
ratio_cell() {
    local pid name
    case $1 in e) pid=$EPID name=empty ;; r) pid=$RPID name=rows ;; b) pid=$BPID name=big ;; esac
    [ -z "${4:-}" ] || name=big_all_users
    bench ratio ",\"db\":\"$name\",\"repeat\":$3" "$TMP/$1.sock" "$pid" --mix consume -c 64 -d "$2" \
        --users "${4:-$USERS}" --no-fund --duration "$DURATION" --warmup "$WARMUP"
}
for r in $(seq 1 "$REPEATS"); do
    for d in 1 32; do
        # The order rotates every round, so no database always runs first or last.
        case $(( r % 3 )) in 1) order="e r b" ;; 2) order="r b e" ;; 0) order="b e r" ;; esac
        for which in $order; do ratio_cell "$which" "$d" "$r"; done
    done
    ratio_cell b 1 "$r" "$BIG_USERS"
done
emit "{\"phase\":\"rss_ratio\",\"db\":\"rows\",$(mem "$RPID")}"
stop_daemon "$RPID"
emit "{\"phase\":\"rss_ratio\",\"db\":\"empty\",$(mem "$EPID")}"
stop_daemon "$EPID"
log "one credits.get per user on the big database (sweep)"
bench sweep_get_big "" "$TMP/b.sock" "$BPID" --mix get --sweep --users "$BIG_USERS" --requests "$BIG_USERS" \
    --no-fund -c 64 -d 1 --warmup 0
sleep 2
emit "{\"phase\":\"rss_1m_big\",$(mem "$BPID"),\"usage_rows\":$(sqlite3 "$BIG" 'SELECT count(*) FROM usage_logs'),\"db_bytes\":$(stat -c %s "$BIG")}"
log "1M users, 10M rows, every user read: $(mem "$BPID")"
stop_daemon "$BPID"

kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=""
python3 "$ROOT/Benchmarks/scale_summary.py" "$RESULTS" "$OUT/scale-load.jsonl" | tee "$OUT/scale.md"
