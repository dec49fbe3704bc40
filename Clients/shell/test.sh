#!/usr/bin/env bash
# Tests for Clients/shell/billing against a real billingd (env BILLINGD_BIN, else
# <repo>/.build/debug/billingd) started in a temp dir. The client runs under dash when
# it is installed (to catch bashisms), else under sh.
# Ends with exactly one line "shell client: N passed, M failed"; exits 1 if M > 0.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BIN=${BILLINGD_BIN:-$REPO/.build/debug/billingd}
CLIENT=$HERE/billing
if command -v dash >/dev/null 2>&1; then SH=$(command -v dash); else SH=$(command -v sh); fi

PASSED=0
FAILED=0
ok()   { PASSED=$((PASSED + 1)); }
bad()  { FAILED=$((FAILED + 1)); printf 'FAIL: %s\n' "$*" >&2; }
check() {  # check NAME COMMAND...: passes when COMMAND succeeds
    local name=$1; shift
    if "$@"; then ok; else bad "$name"; fi
}

fatal() {
    printf 'shell client: setup failed: %s\n' "$*" >&2
    printf 'shell client: %d passed, %d failed\n' "$PASSED" 1
    exit 1
}

[ -x "$BIN" ] || fatal "billingd binary not found at $BIN (set BILLINGD_BIN)"
command -v socat >/dev/null 2>&1 || fatal "socat is not installed (apt-get install socat)"
command -v python3 >/dev/null 2>&1 || fatal "python3 is needed to check JSON results"
# The interpreter itself, not a version-manager shim: it runs dozens of times.
PY=$(python3 -c 'import sys; print(sys.executable)')

TMP=$(mktemp -d /tmp/bdsh.XXXXXX)
SOCK=$TMP/billingd.sock
DAEMON_PID=
BG_PIDS=()

cleanup() {
    if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null
        wait "$DAEMON_PID" 2>/dev/null
    fi
    local p
    for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT

# The store: a SQLite file, or with BILLINGD_TEST_STORE=postgresql a fresh database on the run's
# PostgreSQL server (scripts/fresh-database).
STORE=(--db "$TMP/b.sqlite3")
if [ "${BILLINGD_TEST_STORE:-}" = postgresql ]; then
    url=$("$REPO/scripts/fresh-database") || fatal "no PostgreSQL database for the test"
    STORE=(--database "$url")
fi
"$BIN" serve --socket "$SOCK" "${STORE[@]}" --test-clock --log-level warning \
    >"$TMP/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 1 300); do
    if [ -S "$SOCK" ] && printf '{"id":1,"method":"system.health"}\n' \
        | socat -t 2 - "UNIX-CONNECT:$SOCK" 2>/dev/null | grep -q '"ok"'; then
        break
    fi
    kill -0 "$DAEMON_PID" 2>/dev/null || fatal "billingd exited: $(cat "$TMP/daemon.log")"
    sleep 0.05
done
[ -S "$SOCK" ] || fatal "billingd did not create $SOCK"

# run ARGS...: runs the client; sets OUT, ERR, RC.
run() {
    OUT=$(BILLINGD_SOCKET=$SOCK "$SH" "$CLIENT" "$@" 2>"$TMP/stderr")
    RC=$?
    ERR=$(cat "$TMP/stderr")
}
# json EXPR: evaluates a Python expression over the JSON value j parsed from $OUT.
json() {
    printf '%s' "$OUT" | "$PY" -c 'import json, sys
j = json.loads(sys.stdin.read())
print(eval(sys.argv[1]))' "$1"
}
is() { [ "$1" = "$2" ] || { printf '  expected [%s], got [%s]\n' "$2" "$1" >&2; return 1; }; }
has() { case $1 in *"$2"*) return 0 ;; esac; printf '  [%s] lacks [%s]\n' "$1" "$2" >&2; return 1; }
lines() { printf '%s\n' "$1" | wc -l | tr -d ' '; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --------------------------------------------------------------------------- success
run system.health
check "health exits 0" is "$RC" 0
check "health prints the result only" is "$(json 'j["status"]')" ok
check "non-terminal output is one line" is "$(lines "$OUT")" 1
check "nothing on stderr on success" is "$ERR" ""

run plans.list
check "plans.list ids" is "$(json '[p["id"] for p in j["plans"]]')" "['free', 'basic', 'pro', 'enterprise']"

run subscriptions.create user_id=sh-u1 plan_id=free metadata:='{"team":"blue","n":1}'
check "subscriptions.create exits 0" is "$RC" 0
check "free plan grants 10 credits" is "$(json 'j["credits"]["current_credits"]')" 10
SUB=$(json 'j["subscription"]["id"]')

# --------------------------------------------------------------------------- :=json
run credits.consume user_id=sh-u1 amount:=3
check ":=json sends a number" is "$(json 'j["current_credits"]')" 7
run credits.consume user_id=sh-u1 amount:=2 dry_run:=true
check ":=json sends a boolean (dry run)" is "$(json '(j["dry_run"], j["current_credits"])')" "(True, 5)"
run credits.get user_id=sh-u1
check "the dry run changed nothing" is "$(json 'j["current_credits"]')" 7

run credits.consume user_id=sh-u1 amount:=1 idempotency_key=sh-job-1
FIRST=$(json 'j["usage_id"]')
run credits.consume user_id=sh-u1 amount:=1 idempotency_key=sh-job-1
check "an idempotent repeat returns the first result" is "$(json 'j["usage_id"]')" "$FIRST"
check "and spends once" is "$(json 'j["current_credits"]')" 6

# --------------------------------------------------------------------------- escaping
# shellcheck disable=SC2016  # $HOME and `x` must stay literal
NASTY=$(printf 'say "hi" \\ back\\\\slash\ttab\nline2 \001ctl caf\303\251 \360\237\230\200 %%s $HOME `x` a:=b=c')
run plans.upsert id=sh-plan name=Shell price=0 description="$NASTY"
check "plans.upsert with a nasty string exits 0" is "$RC" 0
run plans.get plan_id=sh-plan
check "key=value round-trips quotes, backslashes, tab, newline, control, unicode" \
    is "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["description"] == sys.argv[1])' "$NASTY")" True

# shellcheck disable=SC1003  # the value ends in a backslash on purpose
run credits.consume user_id=sh-u1 amount:=1 category='shoes "&" boots\' endpoint_used=/v1/gen \
    metadata:='{"note":"caf\u00e9 \"quoted\" \\ \ud83d\ude00","list":[1,2]}'
check "consume with string and JSON params exits 0" is "$RC" 0
run usage.list user_id=sh-u1 limit:=1
# shellcheck disable=SC1003
check "a key=value usage field round-trips" is "$(json 'j["usage"][0]["category"]')" 'shoes "&" boots\'
check "a :=json metadata value round-trips" \
    is "$(json 'j["usage"][0]["metadata"] == {"note": "caf\u00e9 \"quoted\" \\ \U0001F600", "list": [1, 2]}')" True
run subscriptions.get subscription_id="$SUB"
check "subscription metadata reads back" is "$(json 'j["metadata"]')" "{'team': 'blue', 'n': 1}"

run usage.summary user_id=sh-u1 from=2000-01-01T00:00:00Z to=2100-01-01T00:00:00Z group_by=day
check "usage.summary by day" is "$(json '(len(j["rows"]), j["rows"][0]["requests"], j["rows"][0]["credits_used"])')" "(1, 3, 5)"

# --------------------------------------------------------------------------- errors: 1
run credits.consume user_id=sh-u1 amount:=1000
check "an error answer exits 1" is "$RC" 1
check "nothing on stdout for an error" is "$OUT" ""
check "stderr has the code" has "$ERR" "1004"
check "stderr has data.type" has "$ERR" "insufficient_credits"
check "stderr has the message" has "$ERR" "insufficient credits"
check "stderr has the data" has "$ERR" '"available":5'

run credits.get user_id=sh-u1 usr=typo
check "invalid params exits 1" is "$RC" 1
check "invalid params names the field" has "$ERR" '"field":"usr"'

run credits.teleport user_id=sh-u1
check "unknown method exits 1" is "$RC" 1
check "unknown method says method_not_found" has "$ERR" "-32601 (method_not_found)"

run credits.consume user_id=sh-u1 amount:='{oops'
check "bad raw JSON is the daemon's parse error, exit 1" is "$RC:$(has "$ERR" parse_error && echo y)" "1:y"

# --------------------------------------------------------------------------- errors: 2
run --socket "$TMP/absent.sock" system.health
check "no socket exits 2" is "$RC" 2
check "no socket says so" has "$ERR" "no socket at $TMP/absent.sock"

"$PY" -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$TMP/stale.sock"
run --socket "$TMP/stale.sock" system.health
check "a stale socket exits 2" is "$RC" 2
check "a stale socket says refused" has "$ERR" "Connection refused"

socat UNIX-LISTEN:"$TMP/mute.sock" SYSTEM:'sleep 5' 2>/dev/null &
BG_PIDS+=($!)
for _ in $(seq 1 100); do [ -S "$TMP/mute.sock" ] && break; sleep 0.02; done
START=$(date +%s)
run --socket "$TMP/mute.sock" --timeout 0.5 system.health
check "no answer within --timeout exits 2" is "$RC" 2
check "no answer says so" has "$ERR" "no answer"
check "--timeout is honoured" test $(( $(date +%s) - START )) -le 3

# --------------------------------------------------------------------------- retries
# The retry policy (Protocol/client-retries.md), against fake servers that log each
# connection as one line in a file.
serve_fake() {  # serve_fake NAME SHELL-COMMAND: a forking socat server on $TMP/NAME.sock
    socat UNIX-LISTEN:"$TMP/$1.sock",fork SYSTEM:"$2" 2>/dev/null &
    BG_PIDS+=($!)
    for _ in $(seq 1 100); do [ -S "$TMP/$1.sock" ] && break; sleep 0.02; done
}
hits() { if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo 0; fi; }
export BILLING_RETRY_DELAY=0.01

# reads the request, then hangs up without answering: the answer is lost
serve_fake lost "head -n 1 >/dev/null; echo x >> $TMP/lost.hits"
run --socket "$TMP/lost.sock" --retries 3 credits.get user_id=u
check "a lost answer exits 2" is "$RC" 2
check "a lost answer says so" has "$ERR" "closed the connection before answering"
check "a read whose answer was lost is retried" is "$(hits "$TMP/lost.hits")" 4
rm -f "$TMP/lost.hits"
run --socket "$TMP/lost.sock" --retries 3 credits.grant user_id=u amount:=1
check "a write without a key whose answer was lost is not retried" is "$RC:$(hits "$TMP/lost.hits")" 2:1
rm -f "$TMP/lost.hits"
run --socket "$TMP/lost.sock" --retries 3 credits.grant user_id=u amount:=1 idempotency_key=k1
check "a keyed write whose answer was lost is retried" is "$RC:$(hits "$TMP/lost.hits")" 2:4
rm -f "$TMP/lost.hits"
run --socket "$TMP/lost.sock" --retries 3 credits.grant user_id=u amount:=1 idempotency_key:=null
check "a null key does not make a write repeatable" is "$(hits "$TMP/lost.hits")" 1

# refuses every connection as billingd does when it has too many
printf '%s\n' '{"jsonrpc":"2.0","id":null,"error":{"code":1009,"message":"too many connections","data":{"type":"overloaded"}}}' \
    > "$TMP/refusal.json"
serve_fake busy "echo x >> $TMP/busy.hits; cat $TMP/refusal.json"
run --socket "$TMP/busy.sock" --retries 2 credits.grant user_id=u amount:=1
check "overloaded, a write without a key: not retried, exit 1" is "$RC:$(hits "$TMP/busy.hits")" 1:1
check "overloaded is reported" has "$ERR" "1009 (overloaded)"
rm -f "$TMP/busy.hits"
run --socket "$TMP/busy.sock" --retries 2 system.health
check "overloaded, a read: retried" is "$RC:$(hits "$TMP/busy.hits")" 1:3

# answers nothing: a timeout is never retried, even for a read
serve_fake slow "echo x >> $TMP/slow.hits; sleep 3"
run --socket "$TMP/slow.sock" --timeout 0.5 --retries 3 system.health
check "a timeout exits 2 and is not retried" is "$RC:$(hits "$TMP/slow.hits")" 2:1
check "a timeout says no answer" has "$ERR" "no answer"

# nothing listens: nothing was sent, so any call is retried, after 1, 2, 3 x the delay
START=$(now_ms)
BILLING_RETRY_DELAY=0.2 run --socket "$TMP/absent.sock" --retries 3 credits.grant user_id=u amount:=1
check "unreachable: retried (waits 0.2 + 0.4 + 0.6 s), then exit 2" \
    is "$RC:$(( $(now_ms) - START >= 1200 ))" 2:1
START=$(now_ms)
run --socket "$TMP/absent.sock" --retries 0 credits.grant user_id=u amount:=1
check "--retries 0 gives up at once" is "$RC:$(( $(now_ms) - START < 1000 ))" 2:1
run --retries x system.health
check "a bad --retries exits 64" is "$RC" 64
unset BILLING_RETRY_DELAY

# --------------------------------------------------------------------------- usage: 64
run
check "no method exits 64" is "$RC" 64
run credits.get user_id
check "a param without = exits 64" is "$RC" 64
run credits.get user_id=a user_id=b
check "a repeated param exits 64" is "$RC" 64
run --frobnicate system.health
check "an unknown option exits 64" is "$RC" 64
run --raw system.health
check "--raw with a method exits 64" is "$RC" 64
run credits.get user_id:=
check "key:= without JSON exits 64" is "$RC" 64
run --help
check "--help exits 0 with usage" is "$RC:$(has "$OUT" "usage: billing" && echo y)" "0:y"

# --------------------------------------------------------------------------- socat: 69
mkdir -p "$TMP/nosocat"
for tool in awk sed head tail cat; do ln -s "$(command -v "$tool")" "$TMP/nosocat/$tool"; done
OUT=$(PATH=$TMP/nosocat BILLINGD_SOCKET=$SOCK "$SH" "$CLIENT" system.health 2>"$TMP/stderr")
RC=$?
ERR=$(cat "$TMP/stderr")
check "without socat exits 69" is "$RC" 69
check "without socat says how to install it" has "$ERR" "apt-get install socat"

# --------------------------------------------------------------------------- --raw
OUT=$(printf '%s\n' \
    '{"jsonrpc":"2.0","id":1,"method":"credits.get","params":{"user_id":"sh-u1"}}' \
    '{"jsonrpc":"2.0","method":"system.health"}' \
    '' \
    '{"jsonrpc":"2.0","id":"b","method":"credits.consume","params":{"user_id":"sh-u1","amount":1}}' \
    'not json' \
    '[{"jsonrpc":"2.0","id":7,"method":"system.health"},{"jsonrpc":"2.0","id":8,"method":"nope"}]' \
    | BILLINGD_SOCKET=$SOCK "$SH" "$CLIENT" --raw 2>"$TMP/stderr")
RC=$?
check "--raw exits 0" is "$RC" 0
check "--raw prints one line per answer (none for a notification or an empty line)" is "$(lines "$OUT")" 4
check "--raw answers in order" is "$(printf '%s\n' "$OUT" | "$PY" -c '
import json, sys
out = []
for line in sys.stdin:
    v = json.loads(line)
    out.append([x["id"] for x in v] if isinstance(v, list) else v["id"])
print(out)')" "[1, 'b', None, [7, 8]]"
check "--raw passes answers through" is "$(printf '%s\n' "$OUT" | sed -n 2p | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["result"]["current_credits"])')" 4
OUT=$(printf '{"id":1,"method":"system.health"}\n' | BILLINGD_SOCKET=$TMP/absent.sock "$SH" "$CLIENT" --raw 2>"$TMP/stderr")
RC=$?
check "--raw with no daemon exits 2" is "$RC" 2

# --------------------------------------------------------------------------- socket path
OUT=$(BILLINGD_SOCKET=$TMP/absent.sock "$SH" "$CLIENT" --socket "$SOCK" system.health 2>/dev/null)
check "--socket wins over BILLINGD_SOCKET" is "$(json 'j["status"]')" ok
OUT=$(BILLINGD_SOCKET=$TMP/absent.sock "$SH" "$CLIENT" --socket="$SOCK" system.health 2>/dev/null)
check "--socket=PATH works" is "$(json 'j["status"]')" ok
OUT=$(BILLINGD_SOCKET=$SOCK "$SH" "$CLIENT" system.health 2>/dev/null)
check "BILLINGD_SOCKET is used" is "$(json 'j["status"]')" ok
OUT=$(cd "$TMP" && env -u BILLINGD_SOCKET "$SH" "$CLIENT" system.health 2>/dev/null)
check "the default is ./billingd.sock" is "$(json 'j["status"]')" ok
OUT=$(cd / && env -u BILLINGD_SOCKET "$SH" "$CLIENT" system.health 2>&1)
check "no ./billingd.sock elsewhere: exit 2" has "$OUT" "no socket at ./billingd.sock"

# --------------------------------------------------------------------------- terminal
if command -v script >/dev/null 2>&1; then
    OUT=$(BILLINGD_SOCKET=$SOCK script -qc "$SH $CLIENT plans.get plan_id=free" /dev/null | tr -d '\r')
    check "pretty output on a terminal" has "$OUT" '    "id": "free",'
fi

# --------------------------------------------------------------------------- example
OUT=$(BILLINGD_SOCKET=$SOCK "$SH" "$HERE/../examples/shell_example.sh" sh-example 2>&1)
RC=$?
check "the shell example exits 0" is "$RC" 0
check "the shell example subscribes" has "$OUT" "subscribed sh-example to free"
check "the shell example's retry spends once" has "$OUT" '"current_credits":7,"dry_run":false}'
check "the shell example meets insufficient credits" \
    has "$OUT" "not enough credits: billing: error 1004 (insufficient_credits)"

printf 'shell client: %d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ]
