"""Tests of AsyncBillingClient against a real billingd (and fake servers for the
transport corners). Plain tests that run their coroutine with asyncio.run.

Run: python3 -m pytest -q Clients/python
"""

import asyncio
import json
import os
import shutil
import time
import uuid
from decimal import Decimal

import pytest

from support import Daemon, DroppingProxy, FakeServer, read_line, short_tempdir

import billingd_client as bc
from billingd_client import (
    AsyncBillingClient, BillingConnectionError, BillingTimeout, BillingUnreachable,
    IdempotencyConflict, InsufficientCredits, InvalidParams, MethodNotFound, NotFound,
    Overloaded, RequestTooLarge,
)


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 120))


async def new_user(client, extra_credits=0):
    user = "u-" + uuid.uuid4().hex[:12]
    res = await client.create_subscription(user, "free")
    assert res["credits"]["current_credits"] == 10
    if extra_credits:
        await client.grant(user, extra_credits)
    return user


async def connections_so_far(client):
    return (await client.call("system.stats"))["total_connections"]


# --------------------------------------------------------------------------- calls


def test_calls_wrappers_and_money(daemon):
    async def main():
        async with AsyncBillingClient(daemon.socket, timeout=10) as c:
            assert (await c.health())["status"] == "ok"
            assert [p["id"] for p in await c.list_plans()] == [
                "free", "basic", "pro", "enterprise"]
            assert bc.money((await c.get_plan("basic"))["price"]) == Decimal("9.99")
            user = await new_user(c)
            r = await c.consume(user, 3, cost_usd=Decimal("0.000125"), tokens_used=7)
            assert (r["credits_used"], r["current_credits"]) == (3, 7)
            assert (await c.grant(user, 5))["current_credits"] == 12
            assert await c.get_balance(user) == 12
            assert (await c.call("credits.get", user_id=user))["current_credits"] == 12
            pay = await c.record_payment(user, Decimal("19.9"), "USD", "completed")
            assert pay["amount"] == "19.90"
            with pytest.raises(TypeError):
                await c.record_payment(user, 19.9, "USD", "completed")
            rows = await c.usage_summary("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z",
                                         "usage_type", user_id=user)
            assert bc.money(rows[0]["cost_usd"], 6) == Decimal("0.000125")
            res = await c.reserve(user, 4)
            assert (await c.commit(res["reservation_id"], 2))["current_credits"] == 10
            assert (await c.check_rate_limit(user))["allowed"] is True
            assert (await c.get_entitlements(user))["limits"]["max_products_per_batch"] == 1
            sub = await c.current_subscription(user)
            assert (await c.cancel_subscription(sub["id"]))["id"] == sub["id"]
    run(main())


def test_one_client_across_event_loops(daemon):
    """Made outside any loop, used by two asyncio.run() calls in turn: it reconnects in each."""
    c = AsyncBillingClient(daemon.socket, timeout=10)
    assert run(c.health())["status"] == "ok"
    assert run(c.health())["status"] == "ok"
    run(c.close())


def test_typed_errors(daemon):
    async def main():
        async with AsyncBillingClient(daemon.socket, timeout=10) as c:
            user = await new_user(c)
            with pytest.raises(InsufficientCredits) as ei:
                await c.consume(user, 11)
            assert (ei.value.code, ei.value.type, ei.value.available, ei.value.requested) \
                == (1004, "insufficient_credits", 10, 11)
            with pytest.raises(InvalidParams) as ei:
                await c.call("credits.get", user_id=user, usr_id="typo")
            assert ei.value.field == "usr_id"
            with pytest.raises(NotFound):
                await c.get_credits("nobody-" + uuid.uuid4().hex)
            with pytest.raises(MethodNotFound):
                await c.call("credits.steal")
            key = "k-" + user
            first = await c.consume(user, 2, idempotency_key=key)
            assert await c.consume(user, 2, idempotency_key=key) == first
            with pytest.raises(IdempotencyConflict):
                await c.consume(user, 3, idempotency_key=key)
            assert await c.get_balance(user) == 8
    run(main())


def test_request_too_large_keeps_the_pipeline_in_order():
    d = Daemon("--max-line-bytes", "1000").start()

    async def main():
        async with AsyncBillingClient(d.socket, timeout=10) as c:
            user = await new_user(c)
            big = asyncio.ensure_future(c.consume(user, 1, metadata={"blob": "x" * 5000}))
            small = asyncio.ensure_future(c.get_credits(user))
            with pytest.raises(RequestTooLarge):
                await big
            assert (await small)["current_credits"] == 10
    try:
        run(main())
    finally:
        d.cleanup()


# --------------------------------------------------------------------------- concurrency


def test_100_concurrent_tasks_share_one_connection(daemon):
    async def main():
        async with AsyncBillingClient(daemon.socket, timeout=30) as c:
            user = await new_user(c, extra_credits=90)          # 100 credits
            before = await connections_so_far(c)

            async def task(n):
                r = await c.consume(user, 1, idempotency_key="t%d-%s" % (n, user))
                balance = await c.get_balance(user)
                assert balance <= r["current_credits"]          # read-your-writes
                return r

            results = await asyncio.gather(*(task(n) for n in range(100)))
            assert sorted(r["current_credits"] for r in results) == list(range(100))
            assert len({r["usage_id"] for r in results}) == 100
            assert await c.get_balance(user) == 0
            # 150 more tasks on an empty balance: every one refused, none overdraws
            outcomes = await asyncio.gather(*(c.consume(user, 1) for _ in range(150)),
                                            return_exceptions=True)
            assert all(isinstance(o, InsufficientCredits) for o in outcomes)
            assert await connections_so_far(c) == before
            assert (await c.call("system.verify"))["ok"] is True
    run(main())


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

    async def main():
        async with AsyncBillingClient(srv.path, timeout=5) as c:
            got = await asyncio.gather(*(c.call("test.echo", n=i) for i in range(50)))
            assert [g["echo"] for g in got] == list(range(50))
    try:
        run(main())
        assert srv.connections == 1
    finally:
        srv.close()


def test_a_cancelled_call_leaves_the_connection_usable(daemon):
    async def main():
        async with AsyncBillingClient(daemon.socket, timeout=10) as c:
            user = await new_user(c, extra_credits=90)
            tasks = [asyncio.ensure_future(c.consume(user, 1, idempotency_key="c%d" % i
                                                     + user)) for i in range(20)]
            await asyncio.sleep(0)
            for t in tasks[::2]:
                t.cancel()
            done = await asyncio.gather(*tasks, return_exceptions=True)
            kept = [r for r in done if isinstance(r, dict)]
            assert all(isinstance(r, (dict, asyncio.CancelledError)) for r in done)
            assert len(kept) >= 10
            # every answer still reaches the right caller afterwards
            balances = await asyncio.gather(*(c.get_balance(user) for _ in range(20)))
            assert len(set(balances)) == 1 and balances[0] <= 100 - len(kept)
    run(main())


def test_mismatched_response_id_is_a_connection_error():
    def handler(conn, n):
        buf = [b""]
        if read_line(conn, buf):
            conn.sendall(b'{"jsonrpc":"2.0","id":999999,"result":{}}\n')
        time.sleep(1)

    srv = FakeServer(handler)

    async def main():
        async with AsyncBillingClient(srv.path, timeout=5, retries=0) as c:
            with pytest.raises(BillingConnectionError, match="does not match"):
                await c.call("credits.grant", user_id="u", amount=1)
    try:
        run(main())
    finally:
        srv.close()


# --------------------------------------------------------------------------- transport


def test_daemon_not_running_is_unreachable_and_retried():
    tmp = short_tempdir("bdno")

    async def main():
        c = AsyncBillingClient(os.path.join(tmp, "none.sock"), timeout=2, retries=3,
                               retry_backoff=0.2)
        t0 = time.monotonic()
        with pytest.raises(BillingUnreachable, match="not running"):
            await c.call("credits.grant", user_id="u", amount=1)   # nothing was sent
        assert time.monotonic() - t0 >= 0.2 + 0.4 + 0.6
    try:
        run(main())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_timeout_is_never_retried():
    def handler(conn, n):
        time.sleep(3)               # reads nothing, answers nothing

    srv = FakeServer(handler)

    async def main():
        c = AsyncBillingClient(srv.path, timeout=0.3)
        for call in (c.health(), c.consume("u", 1, idempotency_key="k")):
            t0 = time.monotonic()
            with pytest.raises(BillingTimeout) as ei:
                await call
            assert isinstance(ei.value, TimeoutError)
            assert 0.25 < time.monotonic() - t0 < 2
        await c.close()
    try:
        run(main())
        assert srv.connections == 1
    finally:
        srv.close()


def test_refused_connection_is_overloaded_and_retried_only_when_repeatable():
    def handler(conn, n):
        if n % 2 == 0:
            time.sleep(0.02)      # half the time, let the client's request go first
        conn.sendall(b'{"jsonrpc":"2.0","id":null,"error":{"code":1009,'
                     b'"message":"too many connections","data":{"type":"overloaded"}}}\n')
        conn.close()

    srv = FakeServer(handler)

    async def main():
        async with AsyncBillingClient(srv.path, timeout=5, retries=3,
                                      retry_backoff=0.001) as c:
            for _ in range(10):
                with pytest.raises(Overloaded):
                    await c.call("credits.grant", user_id="u", amount=1)
            assert srv.connections == 10
            for _ in range(10):
                with pytest.raises(Overloaded):
                    await c.health()
            assert srv.connections == 10 + 10 * 4
    try:
        run(main())
    finally:
        srv.close()


def test_lost_answer_is_retried_only_for_reads_and_keyed_calls(daemon):
    async def main():
        async with AsyncBillingClient(daemon.socket, timeout=10) as direct:
            user = await new_user(direct, extra_credits=90)
            proxy = DroppingProxy(daemon.socket)
            try:
                async with AsyncBillingClient(proxy.path, timeout=10) as c:
                    r = await c.consume(user, 3, idempotency_key="lost-" + user)
                assert proxy.attempts == 2 and r == proxy.dropped[0]["result"]
            finally:
                proxy.close()
            proxy = DroppingProxy(daemon.socket)
            try:
                async with AsyncBillingClient(proxy.path, timeout=10) as c:
                    assert await c.get_balance(user) == 97
                assert proxy.attempts == 2
            finally:
                proxy.close()
            proxy = DroppingProxy(daemon.socket)
            try:
                async with AsyncBillingClient(proxy.path, timeout=10) as c:
                    with pytest.raises(BillingConnectionError):
                        await c.consume(user, 5)
                assert proxy.attempts == 1
            finally:
                proxy.close()
            assert await direct.get_balance(user) == 92       # it ran once: outcome unknown
    run(main())


def test_reconnects_after_daemon_restart(fresh_daemon):
    d = fresh_daemon

    async def main():
        c = AsyncBillingClient(d.socket, timeout=10, retries=0)
        user = await new_user(c)
        await c.consume(user, 4)
        await asyncio.to_thread(d.stop)
        with pytest.raises(BillingUnreachable):
            await c.get_credits(user)
        await asyncio.to_thread(d.start)
        assert await c.get_balance(user) == 6
        await asyncio.to_thread(d.stop)
        await asyncio.to_thread(d.start)
        assert (await c.consume(user, 1))["current_credits"] == 5
        await c.close()
    run(main())


def test_100_tasks_ride_out_a_daemon_restart(fresh_daemon):
    """100 tasks spend through one client while the daemon is stopped and started again
    under them: keyed writes and reads are retried, and every credit is spent once."""
    d = fresh_daemon
    rounds = 10

    async def main():
        c = AsyncBillingClient(d.socket, timeout=10, retries=30, retry_backoff=0.02)
        user = await new_user(c, extra_credits=100 * rounds - 10)
        progress = asyncio.Event()
        done = 0
        stopped_at = []

        async def task(n):
            nonlocal done
            for i in range(rounds):
                await c.consume(user, 1, idempotency_key="r%d-%d-%s" % (n, i, user))
                await c.get_credits(user)
                done += 1
                if done == 200:
                    progress.set()

        async def restart():
            await progress.wait()
            await asyncio.to_thread(d.stop)
            stopped_at.append(done)
            await asyncio.to_thread(d.start)

        restarted = asyncio.ensure_future(restart())
        await asyncio.gather(*(task(n) for n in range(100)))
        await restarted
        assert done == 100 * rounds
        assert 200 <= stopped_at[0] < done          # the restart came in the middle
        credits = await c.get_credits(user)
        assert (credits["current_credits"], credits["total_credits_used"]) == (0, 100 * rounds)
        assert (await c.call("system.verify"))["ok"] is True
        await c.close()
    run(main())
