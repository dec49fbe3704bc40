"""The synchronous, thread-safe client: one pipelined connection, a reader thread."""

from __future__ import annotations

import collections
import concurrent.futures
import itertools
import socket
import threading
import time
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


class _Connection:
    """One socket with its FIFO of pending futures and its reader thread."""

    def __init__(self, path: str, timeout: Optional[float]):
        self.path = path
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect(path)
        except socket.timeout:
            sock.close()
            raise BillingTimeout("timed out connecting to %s" % path) from None
        except OSError as e:
            sock.close()
            raise unreachable(path, e) from None
        self.sock = sock
        self.lock = threading.Lock()        # guards pending, closed, error
        self.send_lock = threading.Lock()   # makes "append to pending + write" atomic
        self.pending: Deque[Tuple[Any, concurrent.futures.Future[Any]]] = collections.deque()
        self.closed = False
        self.error: Optional[BaseException] = None
        self.reader = threading.Thread(
            target=self._read_loop, name="billingd-reader", daemon=True)
        self.reader.start()

    # -- sending

    def send(self, req_id: Any, line: bytes, future: "concurrent.futures.Future[Any]") -> None:
        with self.send_lock:
            with self.lock:
                if self.closed:
                    if isinstance(self.error, BillingError):
                        raise clone_error(self.error)  # the daemon refused the connection
                    raise NotSent()
                self.pending.append((req_id, future))
            try:
                self.sock.sendall(line)
            except socket.timeout:
                # A partial line may be on the wire: this connection is unusable.
                with self.lock:
                    if self.pending and self.pending[-1][1] is future:
                        self.pending.pop()
                self._fail(BillingConnectionError("connection to %s abandoned after a "
                                                  "write timeout" % self.path))
                raise BillingTimeout("timed out writing to %s" % self.path) from None
            except OSError:
                # The peer is gone (EPIPE/ECONNRESET): no complete line of ours reached
                # it, so this request was not executed. Earlier ones may have been.
                # Let the reader take what the peer sent before closing (e.g. a
                # "too many connections" refusal), then give the connection up.
                self.reader.join(timeout=1.0)
                self._fail(BillingConnectionError(
                    "connection to %s lost before the answer arrived" % self.path))
                with self.lock:
                    refusal = self.error
                if isinstance(refusal, BillingError):
                    raise clone_error(refusal) from None
                raise NotSent() from None

    # -- reading

    def _read_loop(self) -> None:
        buf = bytearray()
        sock = self.sock
        while True:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                if self.closed:
                    return
                continue
            except OSError as e:
                self._fail(BillingConnectionError(
                    "connection to %s lost before the answer arrived: %s" % (self.path, e)))
                return
            if not chunk:
                self._fail(BillingConnectionError(
                    "connection to %s closed before the answer arrived "
                    "(daemon stopped or restarted?)" % self.path))
                return
            buf += chunk
            start = 0
            while True:
                nl = buf.find(b"\n", start)
                if nl < 0:
                    break
                line = bytes(buf[start:nl]).rstrip(b"\r")
                start = nl + 1
                if line.strip():
                    try:
                        self._dispatch(line)
                    except Exception as e:  # protocol violation: give up the connection
                        self._fail(BillingConnectionError(
                            "bad response from %s: %s" % (self.path, e)))
                        return
            del buf[:start]

    def _dispatch(self, line: bytes) -> None:
        resp = decode(line)
        if not isinstance(resp, dict):
            raise ValueError("expected a response object, got %r" % (line[:200],))
        err = resp.get("error")
        with self.lock:
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
                raise ValueError("response id %r does not match request id %r"
                                 % (rid, req_id))
            self.pending.popleft()
            refused: Optional[BillingError] = None
            if (rid is None and isinstance(err, dict) and isinstance(err.get("data"), dict)
                    and err["data"].get("type") == "overloaded"):
                refused = self.error = error_from_response(err)
        if future.done():        # an abandoned call (e.g. a cancelled future)
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
            self._fail(refused)

    def _fail(self, error: BaseException) -> None:
        with self.lock:
            if not self.closed:
                self.closed = True
                if self.error is None:
                    self.error = error
            pending = list(self.pending)
            self.pending.clear()
            final = self.error or error
        for _, future in pending:
            if not future.done():
                future.set_exception(clone_error(final))
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        if threading.current_thread() is not self.reader:
            self.reader.join(timeout=1.0)
        try:
            self.sock.close()
        except OSError:
            pass

    def close(self) -> None:
        self._fail(BillingConnectionError("the client was closed"))


# --------------------------------------------------------------------------- client

_DEFAULT = object()


class BillingClient:
    """A thread-safe, pipelining billingd client. See the module docstring.

    :param socket_path: the daemon's socket; else env ``BILLINGD_SOCKET``, else
        ``./billingd.sock``.
    :param timeout: seconds to wait for each answer (and for connecting); None waits
        forever.
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
        self._conn_lock = threading.Lock()
        self._ids = itertools.count(1)

    # -- lifecycle

    def __enter__(self) -> "BillingClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connection; calls still waiting get BillingConnectionError.
        The client stays usable: a later call reconnects."""
        with self._conn_lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _connection(self) -> _Connection:
        with self._conn_lock:
            conn = self._conn
            if conn is None or conn.closed:
                conn = self._conn = _Connection(self.socket_path, self.timeout)
            return conn

    # -- calls

    def submit(self, method: str, params: Optional[Mapping[str, Any]] = None
               ) -> "concurrent.futures.Future[Any]":
        """Sends one request and returns at once with a Future for its result (or its
        BillingError / BillingConnectionError). Submit many, then collect: they are
        pipelined on the one connection. No automatic retry here (see call).
        Done-callbacks run on the reader thread: they must not call the client and wait.
        """
        body: Dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params:
            body["params"] = dict(params)
        for _ in range(3):
            conn = self._connection()
            req_id = next(self._ids)
            body["id"] = req_id
            future: "concurrent.futures.Future[Any]" = concurrent.futures.Future()
            future.set_running_or_notify_cancel()
            try:
                conn.send(req_id, encode(body), future)
                return future
            except NotSent:
                continue  # the connection was already dead; the next one is fresh
        raise BillingUnreachable("cannot send to %s: the connection keeps closing"
                                 % self.socket_path)

    def call_params(self, method: str, params: Optional[Mapping[str, Any]] = None,
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
                future = self.submit(method, params)
                try:
                    return future.result(timeout)
                except concurrent.futures.TimeoutError:
                    # The answer, if it ever comes, completes an abandoned future.
                    raise BillingTimeout("no answer to %s from %s within %ss"
                                         % (method, self.socket_path, timeout)) from None
            except (BillingConnectionError, BillingError) as e:
                if attempt >= self.retries or not should_retry(e, repeatable):
                    raise
                attempt += 1
                time.sleep(retry_delay(self.retry_backoff, attempt))

    def call(self, method: str, timeout: Any = _DEFAULT, **params: Any) -> Any:
        """``client.call("credits.consume", user_id="u1", amount=1)`` -> result dict.
        Use call_params for param names that are not Python identifiers (``from``) and
        for a param named ``timeout`` (here it is the call's timeout in seconds)."""
        return self.call_params(method, params, timeout=timeout)

    def send_raw(self, line: Union[str, bytes], check: bool = False,
                 timeout: Any = _DEFAULT) -> Any:
        """Sends one raw line on a fresh, separate connection and returns the decoded
        response line (a dict, or a list for a batch). For diagnostics and tests: the
        line must draw exactly one response line (no notifications). With
        ``check=True`` an error response raises its BillingError."""
        timeout = self.timeout if timeout is _DEFAULT else timeout
        if isinstance(line, str):
            line = line.encode("utf-8")
        if not line.endswith(b"\n"):
            line += b"\n"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            try:
                sock.connect(self.socket_path)
            except OSError as e:
                raise BillingConnectionError("cannot connect to %s: %s"
                                             % (self.socket_path, e)) from None
            try:
                sock.sendall(line)
                buf = bytearray()
                while True:
                    nl = buf.find(b"\n")
                    if nl >= 0:
                        if buf[:nl].strip():
                            break
                        del buf[:nl + 1]   # an empty line: skip it
                        continue
                    chunk = sock.recv(65536)
                    if not chunk:
                        raise BillingConnectionError("connection closed without an answer")
                    buf += chunk
            except socket.timeout:
                raise BillingTimeout("no answer from %s within %ss"
                                     % (self.socket_path, timeout)) from None
            except BillingConnectionError:
                raise
            except OSError as e:
                raise BillingConnectionError("connection lost: %s" % e) from None
        finally:
            sock.close()
        resp = decode(bytes(buf[:nl]).rstrip(b"\r"))
        if check and isinstance(resp, dict) and isinstance(resp.get("error"), dict):
            raise error_from_response(resp["error"])
        return resp

    # -- convenience wrappers (thin over call_params)

    def health(self) -> Dict[str, Any]:
        return self.call_params("system.health")

    def list_plans(self, include_inactive: bool = False) -> List[Dict[str, Any]]:
        params = {"include_inactive": True} if include_inactive else {}
        return self.call_params("plans.list", params)["plans"]

    def get_plan(self, plan_id: str) -> Dict[str, Any]:
        return self.call_params("plans.get", {"plan_id": plan_id})

    def create_subscription(self, user_id: str, plan_id: str, **kw: Any) -> Dict[str, Any]:
        """-> {subscription, credits}. kw: trial_days, subscription_id, metadata,
        lemon_squeezy_subscription_id, lemon_squeezy_customer_id, idempotency_key."""
        return self.call_params("subscriptions.create",
                                build_params({"user_id": user_id, "plan_id": plan_id}, kw))

    def current_subscription(self, user_id: str) -> Dict[str, Any]:
        return self.call_params("subscriptions.current", {"user_id": user_id})

    def cancel_subscription(self, subscription_id: str, at_period_end: bool = True,
                            **kw: Any) -> Dict[str, Any]:
        return self.call_params("subscriptions.cancel", build_params(
            {"subscription_id": subscription_id, "at_period_end": at_period_end}, kw))

    def get_credits(self, user_id: str) -> Dict[str, Any]:
        return self.call_params("credits.get", {"user_id": user_id})

    def get_balance(self, user_id: str) -> int:
        """The spendable credits now (``current_credits``)."""
        return self.get_credits(user_id)["current_credits"]

    def grant(self, user_id: str, amount: int, **kw: Any) -> Dict[str, Any]:
        """-> the balance. kw: source, expires_at, description, idempotency_key."""
        return self.call_params("credits.grant",
                                build_params({"user_id": user_id, "amount": amount}, kw))

    def consume(self, user_id: str, amount: int, idempotency_key: Optional[str] = None,
                **kw: Any) -> Dict[str, Any]:
        """-> {usage_id, credits_used, current_credits}. kw: any usage field
        (usage_type, tokens_used, cost_usd, metadata, ...), check_rate_limit, dry_run."""
        return self.call_params("credits.consume", build_params(
            {"user_id": user_id, "amount": amount, "idempotency_key": idempotency_key}, kw))

    def reserve(self, user_id: str, amount: int, **kw: Any) -> Dict[str, Any]:
        return self.call_params("credits.reserve",
                                build_params({"user_id": user_id, "amount": amount}, kw))

    def commit(self, reservation_id: str, amount: Optional[int] = None,
               **kw: Any) -> Dict[str, Any]:
        return self.call_params("credits.commit", build_params(
            {"reservation_id": reservation_id, "amount": amount}, kw))

    def release(self, reservation_id: str, **kw: Any) -> Dict[str, Any]:
        return self.call_params("credits.release",
                                build_params({"reservation_id": reservation_id}, kw))

    def record_payment(self, user_id: str, amount: Union[str, int, Decimal],
                       currency: str, status: str, **kw: Any) -> Dict[str, Any]:
        """-> the payment. ``amount`` is a Decimal, decimal string or int (never float)."""
        return self.call_params("payments.record", build_params(
            {"user_id": user_id, "amount": money_param(amount, 2),
             "currency": currency, "status": status}, kw))

    def check_rate_limit(self, user_id: str, cost: Optional[int] = None) -> Dict[str, Any]:
        """-> {allowed, retry_after_ms, limits}. A denial is a result, not an error."""
        return self.call_params("ratelimit.check",
                                build_params({"user_id": user_id, "cost": cost}, {}))

    def get_entitlements(self, user_id: str) -> Dict[str, Any]:
        """-> {user_id, plan_id, status, subscription_id, features, limits}: what the user's
        live plan allows (the free plan, status "none", without a live subscription)."""
        return self.call_params("entitlements.get", {"user_id": user_id})

    def usage_summary(self, from_: str, to: str, group_by: str,
                      user_id: Optional[str] = None) -> List[Dict[str, Any]]:
        """-> rows [{key, requests, credits_used, ..., cost_usd}]."""
        return self.call_params("usage.summary", build_params(
            {"from": from_, "to": to, "group_by": group_by, "user_id": user_id}, {}))["rows"]
