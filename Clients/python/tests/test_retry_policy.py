"""The retry policy's rules (Protocol/client-retries.md) as the Python clients apply them,
and the access table they use is the one in Protocol/methods.json."""

import json

from support import REPO

import billingd_client as bc
from billingd_client.catalog import METHOD_ACCESS
from billingd_client.retry import retry_delay, should_retry


def test_the_access_table_is_methods_json():
    catalog = json.loads((REPO / "Protocol" / "methods.json").read_text())
    assert METHOD_ACCESS == {m["name"]: m["access"] for m in catalog["methods"]}, \
        "stale: run node Clients/node/tools/generate.mjs"


def test_repeatable_means_a_read_or_a_key():
    assert bc.is_repeatable("credits.get", {"user_id": "u"})
    assert bc.is_repeatable("system.health", None)
    assert not bc.is_repeatable("credits.consume", {"user_id": "u", "amount": 1})
    assert not bc.is_repeatable("credits.consume", {"amount": 1, "idempotency_key": None})
    assert bc.is_repeatable("credits.consume", {"amount": 1, "idempotency_key": "k"})
    assert not bc.is_repeatable("brand.new_method", {})
    assert bc.is_repeatable("brand.new_method", {"idempotency_key": "k"})


def test_what_is_retried_after_which_failure():
    overloaded = bc.Overloaded(1009, "busy", {"type": "overloaded"})
    short = bc.InsufficientCredits(1004, "short", {"type": "insufficient_credits"})
    for repeatable in (True, False):
        assert should_retry(bc.BillingUnreachable("x"), repeatable)
        assert should_retry(bc.BillingConnectionError("x"), repeatable) == repeatable
        assert should_retry(overloaded, repeatable) == repeatable
        assert not should_retry(bc.BillingTimeout("x"), repeatable)
        assert not should_retry(short, repeatable)
    assert [retry_delay(0.1, n) for n in (1, 2, 3)] == [0.1, 0.2, 0.1 * 3]
