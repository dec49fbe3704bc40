#!/bin/sh
# End-to-end flow with the shell client against a running billingd.
#
#   Clients/examples/shell_example.sh [USER_ID]
#
# The socket is $BILLINGD_SOCKET, else ./billingd.sock.
set -u
billing() { "$(dirname "$0")/../shell/billing" "$@"; }

user=${1:-example-$$}

# 1. A free subscription: 10 credits for the period (exit 1 if the user already has one).
if billing subscriptions.create user_id="$user" plan_id=free >/dev/null 2>&1; then
    echo "subscribed $user to free"
else
    rc=$?
    [ "$rc" -eq 1 ] || { echo "billingd unreachable (exit $rc)" >&2; exit "$rc"; }
    echo "$user already has a live subscription"
fi

# 2. Spend with an idempotency key: running this line twice spends only once.
job="job-$user-1"
billing credits.consume user_id="$user" amount:=3 idempotency_key="$job" usage_type=ai_generation
billing credits.consume user_id="$user" amount:=3 idempotency_key="$job" usage_type=ai_generation

# 3. Read the balance.
billing credits.get user_id="$user"

# 4. Ask for more than there is: exit 1, the reason on stderr.
if err=$(billing credits.consume user_id="$user" amount:=1000 2>&1 >/dev/null); then
    echo "unexpected: 1000 credits were spent"
else
    echo "not enough credits: $(printf '%s\n' "$err" | head -n 1)"
fi
