#!/usr/bin/env python3
"""End-to-end flow with the Python client against a running billingd.

    pip install ./Clients/python
    python3 Clients/examples/python_example.py [USER_ID]

The socket is $BILLINGD_SOCKET, else ./billingd.sock.
"""

import sys
import uuid

from billingd_client import (
    AlreadyExists, BillingClient, BillingConnectionError, InsufficientCredits, money,
)


def main() -> int:
    user = sys.argv[1] if len(sys.argv) > 1 else "example-" + uuid.uuid4().hex[:8]
    try:
        with BillingClient() as client:
            # 1. A free subscription: 10 credits for the period.
            try:
                sub = client.create_subscription(user, "free")["subscription"]
                print("subscribed %s to %s (%s)" % (user, sub["plan_id"], sub["status"]))
            except AlreadyExists:
                print("%s already has a live subscription" % user)

            # 2. Spend with an idempotency key: a retry of the same job never pays twice.
            job = "job-%s-1" % user
            first = client.consume(user, 3, idempotency_key=job, usage_type="ai_generation",
                                   cost_usd=money("0.0042", 6))
            again = client.consume(user, 3, idempotency_key=job, usage_type="ai_generation",
                                   cost_usd=money("0.0042", 6))
            assert again["usage_id"] == first["usage_id"]
            print("consumed 3 credits (usage %s), %d left; the retry changed nothing"
                  % (first["usage_id"], again["current_credits"]))

            # 3. Read the balance.
            credits = client.get_credits(user)
            print("balance: %d current, %d used in total"
                  % (credits["current_credits"], credits["total_credits_used"]))

            # 4. Ask for more than there is.
            try:
                client.consume(user, 1000)
            except InsufficientCredits as e:
                print("cannot spend %d credits: only %d available" % (e.requested, e.available))
    except BillingConnectionError as e:
        print("billingd unreachable: %s" % e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
