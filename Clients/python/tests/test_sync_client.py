"""Tests of the synchronous BillingClient against a real billingd.

Run: python3 -m pytest -q Clients/python
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal

import pytest

from support import (
    REPO, Daemon, DroppingProxy, FakeServer, new_user, read_line, short_tempdir,
)

import billingd_client as bc
from billingd_client import (
    AlreadyExists, BillingClient, BillingConnectionError, BillingError, BillingTimeout,
    BillingUnreachable, IdempotencyConflict, InsufficientCredits, InvalidParams,
    InvalidRequest, InvalidState, MethodNotFound, NotFound, Overloaded, ParseError,
    RateLimited, RequestTooLarge, SubscriptionInactive, Unavailable,
)


@pytest.fixture
def client(daemon):
    c = BillingClient(daemon.socket, timeout=10)
    yield c
    c.close()


# --------------------------------------------------------------------------- unit


def test_socket_path_resolution(monkeypatch):
    monkeypatch.setenv("BILLINGD_SOCKET", "/tmp/from-env.sock")
    assert BillingClient("/tmp/arg.sock").socket_path == "/tmp/arg.sock"
    assert BillingClient().socket_path == "/tmp/from-env.sock"
    monkeypatch.delenv("BILLINGD_SOCKET")
    assert BillingClient().socket_path == "./billingd.sock"


def test_every_contract_error_type_maps_to_its_class():
    table = {
        (-32700, "parse_error"): bc.ParseError,
        (-32600, "invalid_request"): bc.InvalidRequest,
        (-32600, "request_too_large"): bc.RequestTooLarge,
        (-32601, "method_not_found"): bc.MethodNotFound,
        (-32602, "invalid_params"): bc.InvalidParams,
        (-32603, "internal_error"): bc.InternalError,
        (1001, "not_found"): bc.NotFound,
        (1002, "already_exists"): bc.AlreadyExists,
        (1003, "idempotency_conflict"): bc.IdempotencyConflict,
        (1004, "insufficient_credits"): bc.InsufficientCredits,
        (1005, "rate_limited"): bc.RateLimited,
        (1006, "subscription_inactive"): bc.SubscriptionInactive,
        (1007, "invalid_state"): bc.InvalidState,
        (1008, "signature_invalid"): bc.SignatureInvalid,
        (1009, "overloaded"): bc.Overloaded,
        (1010, "unavailable"): bc.Unavailable,
        (1011, "plan_limit_exceeded"): bc.PlanLimitExceeded,
    }
    for (code, type_), cls in table.items():
        err = bc.error_from_response({"code": code, "message": "m", "data": {"type": type_}})
        assert type(err) is cls, type_
        assert (err.code, err.type, err.message) == (code, type_, "m")
        assert isinstance(err, BillingError)
    unknown = bc.error_from_response({"code": 4242, "message": "new",
                                      "data": {"type": "brand_new"}})
    assert type(unknown) is BillingError and unknown.type == "brand_new"
    assert issubclass(bc.RequestTooLarge, bc.InvalidRequest)
    assert issubclass(BillingConnectionError, ConnectionError)
    assert issubclass(BillingTimeout, TimeoutError)
    assert not issubclass(BillingError, ConnectionError)


def test_every_error_type_of_methods_json_has_its_class():
    catalog = json.loads((REPO / "Protocol" / "methods.json").read_text())
    for e in catalog["errors"]:
        err = bc.error_from_response({"code": e["code"], "message": "m",
                                      "data": {"type": e["type"]}})
        assert type(err) is not BillingError, "no class for %s" % e["type"]
        assert (err.code, err.type) == (e["code"], e["type"])


def test_money_helpers_never_use_float():
    assert bc.to_decimal("9.99") == Decimal("9.99")
    assert bc.to_decimal(None) is None
    assert bc.money("0.1") == Decimal("0.10") and str(bc.money("0.1")) == "0.10"
    assert str(bc.money("0.000123", 6)) == "0.000123"
    with pytest.raises(TypeError):
        bc.money(0.1)
    with pytest.raises(ValueError):
        bc.money("0.001", 2)
    with pytest.raises(ValueError):
        bc.to_decimal("abc")


# --------------------------------------------------------------------------- success


def test_health_and_default_plans(client):
    h = client.health()
    assert h["status"] == "ok" and isinstance(h["uptime_ms"], int)
    plans = client.list_plans()
    assert [p["id"] for p in plans] == ["free", "basic", "pro", "enterprise"]
    assert [bc.money(p["price"]) for p in plans] == [
        Decimal("0.00"), Decimal("9.99"), Decimal("29.99"), Decimal("99.99")]
    assert [p["credits_per_period"] for p in plans] == [10, 100, 1000, 10000]
    assert [p["requests_per_minute"] for p in plans] == [5, 20, 50, 100]
    assert client.get_plan("basic")["price"] == "9.99"


def test_subscribe_consume_grant_and_read_back(client):
    user = new_user(client)
    r = client.consume(user, 3, usage_type="ai_generation", tokens_used=42)
    assert r["credits_used"] == 3 and r["current_credits"] == 7
    assert r["usage_id"]
    assert client.grant(user, 5, source="promo")["current_credits"] == 12
    c = client.get_credits(user)
    assert (c["current_credits"], c["total_credits_used"], c["total_credits_purchased"]) \
        == (12, 3, 15)
    assert client.get_balance(user) == 12
    assert client.current_subscription(user)["plan_id"] == "free"
    # call() with keyword params gives the same as the wrapper
    assert client.call("credits.get", user_id=user)["current_credits"] == 12


def test_entitlements_and_plan_limits(client):
    user = new_user(client)
    e = client.get_entitlements(user)
    assert (e["plan_id"], e["status"]) == ("free", "active")
    assert e["features"] == {"ai_generation": True, "csv_upload": True}
    assert e["limits"]["max_products_per_batch"] == 1 and e["limits"]["max_api_calls_per_day"] == 10
    assert client.get_entitlements("u-nobody-" + uuid.uuid4().hex[:8])["status"] == "none"
    with pytest.raises(bc.PlanLimitExceeded) as caught:
        client.consume(user, 1, product_count=2)
    assert caught.value.code == 1011 and caught.value.data["limit"] == 1
    assert client.get_balance(user) == 10


def test_call_params_for_non_identifier_names_and_decimal_money(client):
    user = new_user(client)
    client.consume(user, 2, cost_usd=Decimal("0.000125"))
    client.consume(user, 1, cost_usd="0.5")
    rows = client.call_params("usage.summary", {
        "user_id": user, "from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z",
        "group_by": "usage_type"})["rows"]
    assert len(rows) == 1
    assert rows[0]["requests"] == 2 and rows[0]["credits_used"] == 3
    assert bc.money(rows[0]["cost_usd"], 6) == Decimal("0.500125")
    assert client.usage_summary("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z", "day",
                                user_id=user)[0]["credits_used"] == 3


def test_record_payment_with_decimal_amount(client):
    user = new_user(client)
    pay = client.record_payment(user, Decimal("19.9"), "USD", "completed",
                                credits_awarded=50)
    assert pay["amount"] == "19.90" and bc.to_decimal(pay["amount"]) == Decimal("19.90")
    assert client.get_balance(user) == 60
    with pytest.raises(TypeError):
        client.record_payment(user, 19.9, "USD", "completed")


def test_metadata_unicode_round_trip(client):
    user = "u-" + uuid.uuid4().hex[:12]
    meta = {"q": 'say "hi"\\ \n\t\u0001', "e": "caf\u00e9 \U0001F600", "n": [1, {"x": None}]}
    sub = client.create_subscription(user, "free", metadata=meta)["subscription"]
    assert sub["metadata"] == meta
    assert client.call("subscriptions.get", subscription_id=sub["id"])["metadata"] == meta


# --------------------------------------------------------------------------- errors


def test_parse_error_via_raw_send(client):
    resp = client.send_raw("this is not json")
    assert resp["id"] is None and resp["error"]["code"] == -32700
    with pytest.raises(ParseError) as ei:
        client.send_raw("{oops", check=True)
    assert ei.value.code == -32700 and ei.value.type == "parse_error"


def test_invalid_request(client):
    with pytest.raises(InvalidRequest) as ei:
        client.send_raw('{"jsonrpc":"1.0","id":1,"method":"system.health"}', check=True)
    assert ei.value.code == -32600 and ei.value.type == "invalid_request"
    assert type(ei.value) is InvalidRequest
    with pytest.raises(InvalidRequest):
        client.send_raw("[]", check=True)


def test_invalid_params_names_the_field(client):
    user = new_user(client)
    with pytest.raises(InvalidParams) as ei:
        client.call("credits.get", user_id=user, usr_id="typo")
    assert ei.value.code == -32602 and ei.value.field == "usr_id"
    with pytest.raises(InvalidParams) as ei:
        client.call("credits.consume", user_id=user)
    assert ei.value.field == "amount"
    with pytest.raises(InvalidParams) as ei:
        client.call("credits.consume", user_id=user, amount=1, cost_usd="0.1234567")
    assert ei.value.field == "cost_usd"
    with pytest.raises(InvalidParams) as ei:
        client.call("credits.consume", user_id=user, amount=0)
    assert ei.value.field == "amount"
    assert client.get_balance(user) == 10


def test_method_not_found(client):
    with pytest.raises(MethodNotFound) as ei:
        client.call("credits.steal", user_id="x")
    assert ei.value.code == -32601 and ei.value.type == "method_not_found"


def test_not_found(client):
    with pytest.raises(NotFound) as ei:
        client.get_credits("nobody-" + uuid.uuid4().hex)
    assert ei.value.code == 1001
    with pytest.raises(NotFound):
        client.create_subscription("u-" + uuid.uuid4().hex[:8], "no-such-plan")


def test_already_exists(client):
    user = new_user(client)
    with pytest.raises(AlreadyExists) as ei:
        client.create_subscription(user, "basic")
    assert ei.value.code == 1002 and ei.value.type == "already_exists"


def test_idempotency_repeat_and_conflict(client):
    user = new_user(client)
    key = "job-" + uuid.uuid4().hex
    first = client.consume(user, 2, idempotency_key=key)
    again = client.consume(user, 2, idempotency_key=key)
    assert again == first and first["current_credits"] == 8
    with pytest.raises(IdempotencyConflict) as ei:
        client.consume(user, 3, idempotency_key=key)
    assert ei.value.code == 1003
    assert client.get_balance(user) == 8


def test_insufficient_credits_has_available_and_requested(client):
    user = new_user(client)
    with pytest.raises(InsufficientCredits) as ei:
        client.consume(user, 11)
    e = ei.value
    assert (e.code, e.type, e.available, e.requested) == (1004, "insufficient_credits", 10, 11)
    assert client.get_credits(user)["total_credits_used"] == 0


def test_invalid_state(client):
    user = new_user(client)
    res = client.reserve(user, 4)
    assert res["current_credits"] == 6
    assert client.release(res["reservation_id"])["current_credits"] == 10
    with pytest.raises(InvalidState) as ei:
        client.release(res["reservation_id"])
    assert ei.value.code == 1007
    sub = client.current_subscription(user)
    with pytest.raises(InvalidState):
        client.call("subscriptions.resume", subscription_id=sub["id"])


def test_subscription_inactive(client):
    user = new_user(client)
    sub = client.current_subscription(user)
    client.call("subscriptions.pause", subscription_id=sub["id"])
    with pytest.raises(SubscriptionInactive) as ei:
        client.consume(user, 1)
    assert ei.value.code == 1006
    client.call("subscriptions.resume", subscription_id=sub["id"])
    assert client.consume(user, 1)["current_credits"] == 9


def test_rate_limited_on_free_plan(client):
    user = new_user(client, extra_credits=90)
    for i in range(5):
        assert client.consume(user, 1, check_rate_limit=True)["current_credits"] == 99 - i
    with pytest.raises(RateLimited) as ei:
        client.consume(user, 1, check_rate_limit=True)
    e = ei.value
    assert e.code == 1005 and 0 < e.retry_after_ms <= 60_000
    assert client.get_balance(user) == 95          # nothing spent when rate limited
    check = client.check_rate_limit(user)
    assert check["allowed"] is False and check["limits"]["minute"]["limit"] == 5
    # After the window the token bucket refills (test clock).
    client.call("system.clock.advance", ms=e.retry_after_ms + 1)
    assert client.consume(user, 1, check_rate_limit=True)["current_credits"] == 94


def test_short_of_credits_takes_no_rate_limit_token(client):
    # ratelimit.check itself takes a token when it allows (a denial takes none).
    user = new_user(client)
    with pytest.raises(InsufficientCredits):
        client.consume(user, 50, check_rate_limit=True)
    with pytest.raises(InsufficientCredits):
        client.reserve(user, 50, check_rate_limit=True)
    assert client.check_rate_limit(user)["limits"]["minute"]["remaining"] == 4
    client.consume(user, 1, check_rate_limit=True)
    assert client.check_rate_limit(user)["limits"]["minute"]["remaining"] == 2


def test_unavailable_without_test_clock():
    d = Daemon(test_clock=False).start()
    try:
        with BillingClient(d.socket, timeout=10) as c:
            with pytest.raises(Unavailable) as ei:
                c.call("system.clock.advance", ms=1000)
            assert ei.value.code == 1010 and ei.value.type == "unavailable"
            assert c.call("system.clock")["test_clock"] is False
    finally:
        d.cleanup()


def test_request_too_large_keeps_connection_usable():
    d = Daemon("--max-line-bytes", "1000").start()
    try:
        with BillingClient(d.socket, timeout=10) as c:
            user = new_user(c)
            with pytest.raises(RequestTooLarge) as ei:
                c.consume(user, 1, metadata={"blob": "x" * 2000})
            assert ei.value.code == -32600 and ei.value.type == "request_too_large"
            assert isinstance(ei.value, InvalidRequest)
            # Pipelined behind an oversized line, a small request still gets its own
            # answer (the id:null error belongs to the oversized one).
            big = c.submit("credits.consume", {"user_id": user, "amount": 1,
                                               "metadata": {"blob": "y" * 5000}})
            small = c.submit("credits.get", {"user_id": user})
            with pytest.raises(RequestTooLarge):
                big.result(10)
            assert small.result(10)["current_credits"] == 10
            assert c.get_balance(user) == 10
    finally:
        d.cleanup()


def test_overloaded_when_too_many_connections():
    d = Daemon("--max-connections", "1").start()
    hog = None
    try:
        deadline = time.monotonic() + 5
        while True:   # the readiness probe's connection may still count for a moment
            hog = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                hog.connect(d.socket)
                hog.sendall(b'{"id":1,"method":"system.health"}\n')
                if b'"ok"' in hog.recv(4096):
                    break
            except OSError:     # refused and closed before our request went out
                pass
            hog.close()
            assert time.monotonic() < deadline, "the hog connection was never accepted"
            time.sleep(0.05)
        with BillingClient(d.socket, timeout=10) as c:
            with pytest.raises(Overloaded) as ei:
                c.health()
            assert ei.value.code == 1009
            hog.close()
            deadline = time.monotonic() + 5
            while True:    # the daemon notices the closed connection asynchronously
                try:
                    assert c.health()["status"] == "ok"
                    break
                except Overloaded:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
    finally:
        if hog is not None:
            hog.close()
        d.cleanup()


def test_refused_connection_is_overloaded_however_the_race_goes():
    """The daemon writes its refusal and closes, possibly before the client has
    written its request (EPIPE): either way the caller sees Overloaded."""
    def handler(conn, n):
        if n % 2 == 0:
            time.sleep(0.02)      # half the time, let the client's request go first
        conn.sendall(b'{"jsonrpc":"2.0","id":null,"error":{"code":1009,'
                     b'"message":"too many connections","data":{"type":"overloaded"}}}\n')
        conn.close()

    srv = FakeServer(handler)
    try:
        with BillingClient(srv.path, timeout=5, retries=3, retry_backoff=0.001) as c:
            for _ in range(10):       # a write without a key: never retried
                with pytest.raises(Overloaded):
                    c.call("credits.grant", user_id="u", amount=1)
            assert srv.connections == 10
            for _ in range(10):       # a read: retried 3 times, each on a new connection
                with pytest.raises(Overloaded):
                    c.health()
            assert srv.connections == 10 + 10 * 4
    finally:
        srv.close()


# --------------------------------------------------------------------------- concurrency


def test_many_threads_never_overdraw_and_balance_is_exact(client):
    user = new_user(client, extra_credits=90)          # 100 credits
    before = client.call("system.stats")["total_connections"]
    ok, short, other = [], [], []
    lock = threading.Lock()

    def worker(n):
        for i in range(20):
            try:
                r = client.consume(user, 1, idempotency_key="t%d-%d-%s" % (n, i, user))
                with lock:
                    ok.append(r)
            except InsufficientCredits as e:
                with lock:
                    short.append(e)
            except Exception as e:  # pragma: no cover - reported by the assert below
                with lock:
                    other.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert other == []
    assert len(ok) == 100 and len(short) == 60
    assert len({r["usage_id"] for r in ok}) == 100
    assert sorted(r["current_credits"] for r in ok) == list(range(100))
    assert all(e.available == 0 and e.requested == 1 for e in short)
    c = client.get_credits(user)
    assert (c["current_credits"], c["total_credits_used"]) == (0, 100)
    # all of it went over the client's one connection
    assert client.call("system.stats")["total_connections"] == before
    assert client.call("system.verify")["ok"] is True


def test_pipelined_results_come_back_in_order(client):
    user = new_user(client, extra_credits=190)         # 200 credits
    futures = [client.submit("credits.consume", {"user_id": user, "amount": 1})
               for _ in range(200)]
    balances = [f.result(30)["current_credits"] for f in futures]
    assert balances == list(range(199, -1, -1))


def test_client_really_pipelines():
    """A server that answers nothing until it has 50 requests: a lock-step client
    would wait forever for the first answer."""
    def handler(conn, n):
        buf = [b""]
        reqs = []
        while len(reqs) < 50:
            line = read_line(conn, buf)
            if line is None:
                return
            reqs.append(json.loads(line))
        for r in reqs:
            conn.sendall(json.dumps({"jsonrpc": "2.0", "id": r["id"],
                                     "result": {"echo": r["params"]["n"]}}).encode() + b"\n")
        time.sleep(1)

    srv = FakeServer(handler)
    try:
        with BillingClient(srv.path, timeout=5) as c:
            results = [None] * 50

            def one(i):
                results[i] = c.call("test.echo", n=i)["echo"]

            threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(10)
            assert results == list(range(50))
            assert srv.connections == 1
    finally:
        srv.close()


def test_mismatched_response_id_is_a_connection_error():
    def handler(conn, n):
        buf = [b""]
        line = read_line(conn, buf)
        if line:
            conn.sendall(b'{"jsonrpc":"2.0","id":999999,"result":{}}\n')
        time.sleep(1)

    srv = FakeServer(handler)
    try:
        with BillingClient(srv.path, timeout=5) as c:
            with pytest.raises(BillingConnectionError, match="does not match"):
                c.call("system.health")
    finally:
        srv.close()


# --------------------------------------------------------------------------- transport


def test_daemon_not_running_is_a_connection_error():
    tmp = short_tempdir("bdno")
    try:
        _check_daemon_not_running(os.path.join(tmp, "none.sock"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _check_daemon_not_running(path):
    # Nothing can be sent, so every call is retried, a write without a key too.
    c = BillingClient(path, timeout=2, retries=3, retry_backoff=0.2)
    for call in (c.health, lambda: c.call("credits.grant", user_id="u", amount=1)):
        t0 = time.monotonic()
        with pytest.raises(BillingUnreachable, match="not running"):
            call()
        assert time.monotonic() - t0 >= 0.2 + 0.4 + 0.6    # retry n waits n * 0.2 s
    c = BillingClient(path, timeout=2, retries=0)
    t0 = time.monotonic()
    with pytest.raises(BillingUnreachable):
        c.health()
    assert time.monotonic() - t0 < 0.5


def test_timeout_raises_billing_timeout():
    def handler(conn, n):
        time.sleep(3)               # reads nothing, answers nothing

    srv = FakeServer(handler)
    try:
        c = BillingClient(srv.path, timeout=0.3)
        t0 = time.monotonic()
        with pytest.raises(BillingTimeout) as ei:
            c.call("system.health")
        assert isinstance(ei.value, TimeoutError)
        assert 0.25 < time.monotonic() - t0 < 2
        t0 = time.monotonic()
        with pytest.raises(BillingTimeout):          # not retried even with a key
            c.call("credits.consume", user_id="u", amount=1, idempotency_key="k")
        assert time.monotonic() - t0 < 2
        c.close()
    finally:
        srv.close()


def test_reconnects_after_daemon_restart(fresh_daemon):
    d = fresh_daemon
    c = BillingClient(d.socket, timeout=10)
    user = new_user(c)
    c.consume(user, 4)
    # 1. stopped: a call without an idempotency key fails fast with a transport error
    d.stop()
    with pytest.raises(BillingConnectionError):
        c.get_credits(user)
    d.start()
    assert c.get_balance(user) == 6                # state survived, client reconnected
    # 2. restarted behind the client's back: the next call just works
    d.stop()
    d.start()
    assert c.consume(user, 1)["current_credits"] == 5
    c.close()


def test_idempotent_call_rides_out_a_restart(fresh_daemon):
    d = fresh_daemon
    c = BillingClient(d.socket, timeout=10, retries=8, retry_backoff=0.05)
    user = new_user(c)
    d.stop()
    restarter = threading.Timer(0.3, d.start)
    restarter.start()
    try:
        r = c.consume(user, 2, idempotency_key="restart-" + user)   # retried until up
    finally:
        restarter.join()
    assert r["current_credits"] == 8
    assert c.get_balance(user) == 8
    c.close()


def test_lost_answer_is_retried_only_for_reads_and_keyed_calls(client):
    user = new_user(client, extra_credits=90)          # 100 credits
    # with a key: retried on a new connection; the daemon returns the first result
    proxy = DroppingProxy(client.socket_path)
    try:
        with BillingClient(proxy.path, timeout=10) as c:
            r = c.consume(user, 3, idempotency_key="lost-" + user)
        assert len(proxy.dropped) == 1 and proxy.attempts == 2
        assert r == proxy.dropped[0]["result"]          # same usage_id: ran once
        assert r["current_credits"] == 97
        assert client.get_balance(user) == 97
    finally:
        proxy.close()
    # a read: retried as well
    proxy = DroppingProxy(client.socket_path)
    try:
        with BillingClient(proxy.path, timeout=10) as c:
            assert c.get_balance(user) == 97
        assert len(proxy.dropped) == 1 and proxy.attempts == 2
    finally:
        proxy.close()
    # without a key: raised, not retried (the consume did run: outcome unknown)
    proxy = DroppingProxy(client.socket_path)
    try:
        with BillingClient(proxy.path, timeout=10) as c:
            with pytest.raises(BillingConnectionError):
                c.consume(user, 5)
        assert proxy.attempts == 1
        assert client.get_balance(user) == 92
    finally:
        proxy.close()


# --------------------------------------------------------------------------- example


def test_python_example_runs(daemon):
    example = REPO / "Clients" / "examples" / "python_example.py"
    user = "ex-" + uuid.uuid4().hex[:8]
    env = dict(os.environ, BILLINGD_SOCKET=daemon.socket,
               PYTHONPATH=os.path.dirname(os.path.dirname(bc.__file__)))
    for run in range(2):     # the second run meets the existing subscription
        p = subprocess.run([sys.executable, str(example), user], env=env,
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        assert ("already has a live subscription" in p.stdout) == (run == 1)
        assert "7 left; the retry changed nothing" in p.stdout
        assert "cannot spend 1000 credits: only 7 available" in p.stdout
