"""The asyncio client: one pipelined connection shared by any number of tasks, its
answers read by an ``asyncio.Protocol`` (no thread). Same errors, same retry policy
and same wrappers as the synchronous BillingClient, as coroutines."""

from __future__ import annotations

import asyncio
import collections
import itertools
import os
import socket
from decimal import Decimal
from typing import Any, Deque, Dict, List, Mapping, Optional, Tuple, Union

from .errors import (
    BillingConnectionError, BillingError, BillingTimeout, BillingUnreachable, NotSent,
    clone_error, error_from_response, unreachable,
)
from .retry import (
    DEFAULT_RETRIES, DEFAULT_RETRY_DELAY, is_repeatable, retry_delay, should_retry,
)
from .wire import build_params, decode, encode, money_param, resolve_socket_path


class _Connection(asyncio.Protocol):
    """One socket with its FIFO of pending futures, fed by the event loop."""

    def __init__(self, path: str, loop: asyncio.AbstractEventLoop):
        self.path = path
        self.loop = loop
        self.transport: Optional[asyncio.Transport] = None
        self.pending: Deque[Tuple[int, "asyncio.Future[Any]"]] = collections.deque()
        self.buffer = bytearray()
        self.closed = False
        self.error: Optional[BaseException] = None
        self.writable = asyncio.Event()
        self.writable.set()

    @classmethod
    async def open(cls, path: str) -> "_Connection":
        loop = asyncio.get_running_loop()
        try:
            _, conn = await loop.create_unix_connection(lambda: cls(path, loop), path)
        except OSError as e:
            raise unreachable(path, e) from None
        return conn

    @property
    def alive(self) -> bool:
        return (not self.closed and self.transport is not None
                and not self.transport.is_closing())

    # -- sending

    def send(self, req_id: int, line: bytes) -> "asyncio.Future[Any]":
        """Queues the request and hands its line to the transport in one step (no await
        in between), so the FIFO order is the wire order."""
        if not self.alive:
            if isinstance(self.error, BillingError):
                raise clone_error(self.error)  # the daemon refused the connection
            raise NotSent()
        future: "asyncio.Future[Any]" = self.loop.create_future()
        self.pending.append((req_id, future))
        assert self.transport is not None
        self.transport.write(line)
        return future

    # -- asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def pause_writing(self) -> None:
        self.writable.clear()       # the daemon is not reading: callers wait (backpressure)

    def resume_writing(self) -> None:
        self.writable.set()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        start = 0
        while not self.closed:
            nl = self.buffer.find(b"\n", start)
            if nl < 0:
                break
            line = bytes(self.buffer[start:nl]).rstrip(b"\r")
            start = nl + 1
            if line.strip():
                try:
                    self._dispatch(line)
                except Exception as e:  # protocol violation: give up the connection
                    self.fail(BillingConnectionError("bad response from %s: %s"
                                                     % (self.path, e)))
        del self.buffer[:start]

    def eof_received(self) -> bool:
        self.fail(BillingConnectionError(
            "connection to %s closed before the answer arrived "
            "(daemon stopped or restarted?)" % self.path))
        return False

    def connection_lost(self, exc: Optional[Exception]) -> None:
        if exc is not None and not self.closed:
            self._salvage()
        self.fail(BillingConnectionError(
            "connection to %s lost before the answer arrived%s"
            % (self.path, ": %s" % exc if exc else "")))

    def _salvage(self) -> None:
        """A write failed (EPIPE): the daemon may have answered and closed first, e.g.
        with a "too many connections" refusal. The socket is still open here; take what
        it holds so that refusal reaches its caller."""
        sock = self.transport.get_extra_info("socket") if self.transport else None
        if sock is None:
            return
        data = b""
        try:
            while True:
                chunk = os.read(sock.fileno(), 65536)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
        if data:
            self.data_received(data)

    # -- reading

    def _dispatch(self, line: bytes) -> None:
        resp = decode(line)
        if not isinstance(resp, dict):
            raise ValueError("expected a response object, got %r" % (line[:200],))
        err = resp.get("error")
        if not self.pending:
            if isinstance(err, dict):
                # An error before any request: the daemon refused this connection
                # (e.g. overloaded: too many connections) and will close it.
                self.error = error_from_response(err)
                return
            raise ValueError("unsolicited response %r" % (line[:200],))
        req_id, future = self.pending[0]
        rid = resp.get("id")
        if rid is not None and rid != req_id:
            raise ValueError("response id %r does not match request id %r" % (rid, req_id))
        self.pending.popleft()
        refused: Optional[BillingError] = None
        if (rid is None and isinstance(err, dict) and isinstance(err.get("data"), dict)
                and err["data"].get("type") == "overloaded"):
            refused = self.error = error_from_response(err)
        if future.done():         # abandoned: its caller timed out or was cancelled
            pass
        elif isinstance(err, dict):
            future.set_exception(error_from_response(err))
        elif "result" in resp:
            future.set_result(resp["result"])
        else:
            future.set_exception(BillingConnectionError(
                "response without result or error: %r" % (line[:200],)))
        if refused is not None:
            # Nothing on this connection was executed: the daemon refused it.
            self.fail(refused)

    def fail(self, error: BaseException) -> None:
        """Closes the connection; every caller still waiting gets ``error`` (or the
        refusal that came first)."""
        if not self.closed:
            self.closed = True
            if self.error is None:
                self.error = error
        final = self.error or error
        pending, self.pending = self.pending, collections.deque()
        if self.loop.is_closed():
            # Left behind by an ended event loop (asyncio.run returned): its callers are
            # gone and its transport cannot run; end the connection at the socket.
            sock = self.transport.get_extra_info("socket") if self.transport else None
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            return
        for _, future in pending:
            if not future.done():
                future.set_exception(clone_error(final))
        self.writable.set()
        if self.transport is not None and not self.transport.is_closing():
            self.transport.abort()


_DEFAULT: Any = object()


class AsyncBillingClient:
    """An asyncio billingd client; any number of tasks may share one. See the package
    docstring. It connects lazily, in the event loop that calls it; used from another
    loop later (a second asyncio.run), it connects again there. Close it (``async with``)
    before its loop ends: a connection left in an ended loop can only be shut down, not
    closed, when the client is next used.

    :param socket_path: the daemon's socket; else env ``BILLINGD_SOCKET``, else
        ``./billingd.sock``.
    :param timeout: seconds to wait for each attempt's answer, connecting included; None
        waits forever.
    :param retries: how many times a failed call is retried, when the retry policy
        (Protocol/client-retries.md) allows it.
    :param retry_backoff: seconds; retry number n waits ``n * retry_backoff``.
    """

    def __init__(self, socket_path: Optional[str] = None, timeout: Optional[float] = 30.0,
                 retries: int = DEFAULT_RETRIES, retry_backoff: float = DEFAULT_RETRY_DELAY):
        self.socket_path = resolve_socket_path(socket_path)
        self.timeout = timeout
        self.retries = retries
        self.retry_backoff = retry_backoff
        self._conn: Optional[_Connection] = None
        self._connect_lock: Optional[asyncio.Lock] = None
        self._lock_loop: Optional[asyncio.AbstractEventLoop] = None
        self._ids = itertools.count(1)

    # -- lifecycle

    async def __aenter__(self) -> "AsyncBillingClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def close(self) -> None:
        """Closes the connection; calls still waiting get BillingConnectionError.
        The client stays usable: a later call reconnects."""
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.fail(BillingConnectionError("the client was closed"))

    async def _connection(self) -> _Connection:
        loop = asyncio.get_running_loop()
        conn = self._conn
        if conn is not None and conn.alive and conn.loop is loop:
            return conn
        if self._connect_lock is None or self._lock_loop is not loop:
            self._connect_lock, self._lock_loop = asyncio.Lock(), loop
        async with self._connect_lock:        # one connect, however many tasks wait
            conn = self._conn
            if conn is not None and conn.alive and conn.loop is loop:
                return conn
            if conn is not None:
                conn.fail(BillingConnectionError("replaced by a new connection"))
            conn = self._conn = await _Connection.open(self.socket_path)
            return conn

    # -- calls

    async def _attempt(self, method: str, params: Optional[Mapping[str, Any]]) -> Any:
        body: Dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params:
            body["params"] = dict(params)
        for _ in range(3):
            conn = await self._connection()
            req_id = next(self._ids)
            body["id"] = req_id
            try:
                future = conn.send(req_id, encode(body))
            except NotSent:
                continue  # the connection was already dead; the next one is fresh
            try:
                await conn.writable.wait()
                return await future
            except asyncio.CancelledError:
                future.cancel()      # its answer, if it comes, is dropped
                raise
        raise BillingUnreachable("cannot send to %s: the connection keeps closing"
                                 % self.socket_path)

    async def call_params(self, method: str, params: Optional[Mapping[str, Any]] = None,
                          timeout: Any = _DEFAULT) -> Any:
        """Calls ``method`` with a params dict and returns the ``result``.

        Raises a BillingError subclass for an error response, BillingConnectionError for
        a transport failure, BillingTimeout when no answer arrives within the timeout,
        each after the retries that Protocol/client-retries.md allows.
        """
        timeout = self.timeout if timeout is _DEFAULT else timeout
        repeatable = is_repeatable(method, params)
        attempt = 0
        while True:
            try:
                try:
                    return await asyncio.wait_for(self._attempt(method, params), timeout)
                except asyncio.TimeoutError:
                    raise BillingTimeout("no answer to %s from %s within %ss"
                                         % (method, self.socket_path, timeout)) from None
            except (BillingConnectionError, BillingError) as e:
                if attempt >= self.retries or not should_retry(e, repeatable):
                    raise
                attempt += 1
                await asyncio.sleep(retry_delay(self.retry_backoff, attempt))

    async def call(self, method: str, timeout: Any = _DEFAULT, **params: Any) -> Any:
        """``await client.call("credits.consume", user_id="u1", amount=1)`` -> result.
        Use call_params for param names that are not Python identifiers (``from``) and
        for a param named ``timeout`` (here it is the call's timeout in seconds)."""
        return await self.call_params(method, params, timeout=timeout)

    # -- convenience wrappers (thin over call_params)

    async def health(self) -> Dict[str, Any]:
        return await self.call_params("system.health")

    async def list_plans(self, include_inactive: bool = False) -> List[Dict[str, Any]]:
        params = {"include_inactive": True} if include_inactive else {}
        return (await self.call_params("plans.list", params))["plans"]

    async def get_plan(self, plan_id: str) -> Dict[str, Any]:
        return await self.call_params("plans.get", {"plan_id": plan_id})

    async def create_subscription(self, user_id: str, plan_id: str,
                                  **kw: Any) -> Dict[str, Any]:
        """-> {subscription, credits}. kw: trial_days, subscription_id, metadata,
        lemon_squeezy_subscription_id, lemon_squeezy_customer_id, idempotency_key."""
        return await self.call_params("subscriptions.create",
                                      build_params({"user_id": user_id, "plan_id": plan_id}, kw))

    async def current_subscription(self, user_id: str) -> Dict[str, Any]:
        return await self.call_params("subscriptions.current", {"user_id": user_id})

    async def cancel_subscription(self, subscription_id: str, at_period_end: bool = True,
                                  **kw: Any) -> Dict[str, Any]:
        return await self.call_params("subscriptions.cancel", build_params(
            {"subscription_id": subscription_id, "at_period_end": at_period_end}, kw))

    async def get_credits(self, user_id: str) -> Dict[str, Any]:
        return await self.call_params("credits.get", {"user_id": user_id})

    async def get_balance(self, user_id: str) -> int:
        """The spendable credits now (``current_credits``)."""
        return (await self.get_credits(user_id))["current_credits"]

    async def grant(self, user_id: str, amount: int, **kw: Any) -> Dict[str, Any]:
        """-> the balance. kw: source, expires_at, description, idempotency_key."""
        return await self.call_params("credits.grant",
                                      build_params({"user_id": user_id, "amount": amount}, kw))

    async def consume(self, user_id: str, amount: int, idempotency_key: Optional[str] = None,
                      **kw: Any) -> Dict[str, Any]:
        """-> {usage_id, credits_used, current_credits}. kw: any usage field
        (usage_type, tokens_used, cost_usd, metadata, ...), check_rate_limit, dry_run."""
        return await self.call_params("credits.consume", build_params(
            {"user_id": user_id, "amount": amount, "idempotency_key": idempotency_key}, kw))

    async def reserve(self, user_id: str, amount: int, **kw: Any) -> Dict[str, Any]:
        return await self.call_params("credits.reserve",
                                      build_params({"user_id": user_id, "amount": amount}, kw))

    async def commit(self, reservation_id: str, amount: Optional[int] = None,
                     **kw: Any) -> Dict[str, Any]:
        return await self.call_params("credits.commit", build_params(
            {"reservation_id": reservation_id, "amount": amount}, kw))

    async def release(self, reservation_id: str, **kw: Any) -> Dict[str, Any]:
        return await self.call_params("credits.release",
                                      build_params({"reservation_id": reservation_id}, kw))

    async def record_payment(self, user_id: str, amount: Union[str, int, Decimal],
                             currency: str, status: str, **kw: Any) -> Dict[str, Any]:
        """-> the payment. ``amount`` is a Decimal, decimal string or int (never float)."""
        return await self.call_params("payments.record", build_params(
            {"user_id": user_id, "amount": money_param(amount, 2),
             "currency": currency, "status": status}, kw))

    async def check_rate_limit(self, user_id: str,
                               cost: Optional[int] = None) -> Dict[str, Any]:
        """-> {allowed, retry_after_ms, limits}. A denial is a result, not an error."""
        return await self.call_params("ratelimit.check",
                                      build_params({"user_id": user_id, "cost": cost}, {}))

    async def get_entitlements(self, user_id: str) -> Dict[str, Any]:
        """-> {user_id, plan_id, status, subscription_id, features, limits}: what the user's
        live plan allows (the free plan, status "none", without a live subscription)."""
        return await self.call_params("entitlements.get", {"user_id": user_id})

    async def usage_summary(self, from_: str, to: str, group_by: str,
                            user_id: Optional[str] = None) -> List[Dict[str, Any]]:
        """-> rows [{key, requests, credits_used, ..., cost_usd}]."""
        return (await self.call_params("usage.summary", build_params(
            {"from": from_, "to": to, "group_by": group_by, "user_id": user_id}, {})))["rows"]
