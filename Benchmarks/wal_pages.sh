#!/usr/bin/env bash
# Benchmarks/wal_pages.sh: the WAL frames a batch of consumes writes, by B-tree (issue 11, item 3).
#
# Starts a private daemon on a temp database, funds USERS users, runs `billingd bench --mix MIX`
# at 64 connections for DURATION seconds, then stops the daemon dead (SIGSTOP, copy the database
# and its WAL, SIGKILL) and prints Benchmarks/wal_pages.py's frames per commit for each table and
# index. Bounded; stops what it starts.
#
#   BIN=.build-bench/release/billingd Benchmarks/wal_pages.sh
#
# Knobs: BIN MIX USERS DURATION
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/.build-bench/release/billingd}
MIX=${MIX:-consume}
USERS=${USERS:-1000}
DURATION=${DURATION:-3}
TMP=$(mktemp -d /tmp/walp.XXXXXX)
DPID=""
cleanup() {
    if [ -n "$DPID" ]; then kill -KILL "$DPID" 2>/dev/null || true; kill -CONT "$DPID" 2>/dev/null || true; wait "$DPID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT
"$BIN" serve --db "$TMP/w.sqlite3" --socket "$TMP/d.sock" --log-level warning &
DPID=$!
for _ in $(seq 1 200); do "$BIN" call --socket "$TMP/d.sock" system.health >/dev/null 2>&1 && break; sleep 0.1; done
"$BIN" bench --socket "$TMP/d.sock" --mix "$MIX" --users "$USERS" -c 1 --requests 1 --warmup 0 >/dev/null
"$BIN" bench --socket "$TMP/d.sock" --mix "$MIX" --users "$USERS" -c 64 -d 1 --no-fund --warmup 0 --duration "$DURATION"
kill -STOP "$DPID"
cp "$TMP/w.sqlite3" "$TMP/copy.sqlite3"
cp "$TMP/w.sqlite3-wal" "$TMP/copy.sqlite3-wal"
python3 "$ROOT/Benchmarks/wal_pages.py" "$TMP/copy.sqlite3" "$TMP/copy.sqlite3-wal"
