#!/usr/bin/env bash
# Benchmarks/load-usage.sh DB ROWS USERS [PREFIX]: appends ROWS usage_logs rows to a billingd
# database whose daemon is stopped, with the sqlite3 CLI (a recursive CTE), spread evenly over the
# users PREFIX0 ... PREFIX(USERS-1) (default prefix bench-u) and over the last 30 days, with
# time-ordered ids like the daemon's own (use_<12 hex ms><6 hex seq><6 hex>). The two secondary
# indexes are dropped during the load and rebuilt with the schema's own SQL.
# Prints one JSON line: rows after the load, milliseconds taken, database file bytes.
# Used by run.sh (the 10M-row cell) and scale.sh.
set -euo pipefail

DB=$1
ROWS=$2
USERS=$3
PREFIX=${4:-bench-u}
case "$ROWS$USERS" in *[!0-9]*) echo "load-usage.sh: ROWS and USERS are numbers" >&2; exit 2 ;; esac
case "$PREFIX" in *[!A-Za-z0-9_-]*) echo "load-usage.sh: PREFIX is letters, digits, _ and - only" >&2; exit 2 ;; esac
[ -f "$DB" ] || { echo "load-usage.sh: no database at $DB" >&2; exit 2; }

start_ns=$(date +%s%N)
sqlite3 -bail "$DB" >/dev/null <<SQL   # the PRAGMAs print their values
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN;
DROP INDEX idx_usage_logs_user;
DROP INDEX idx_usage_logs_created;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS - 1),
     t(now) AS (SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) - 30 * 86400000)
INSERT INTO usage_logs (id, user_id, usage_type, credits_used, product_count, user_credits_id, metadata, created_at)
SELECT printf('use_%012x%06x000000', now + i * 2592000000 / $ROWS, i % 16777216),
       '$PREFIX' || (i % $USERS), 'ai_generation', 1, 1, '$PREFIX' || (i % $USERS), '{}', now + i * 2592000000 / $ROWS
FROM n, t;
CREATE INDEX idx_usage_logs_user ON usage_logs (user_id, created_at);
CREATE INDEX idx_usage_logs_created ON usage_logs (created_at);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
load_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
rows=$(sqlite3 "$DB" "SELECT count(*) FROM usage_logs")
echo "{\"rows\":$rows,\"load_ms\":$load_ms,\"db_bytes\":$(stat -c %s "$DB")}"
