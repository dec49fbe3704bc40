"""billingd_client: a standard-library Python client for billingd.

billingd serves billing state (plans, subscriptions, credits, payments, usage, rate
limits) as newline-delimited JSON-RPC 2.0 over a Unix domain socket. This module is a
drop-in replacement for backends that used the old SQLAlchemy payment service; the old
helpers map to methods as follows (see CONTRACT.md section 5):

    create_user_credits  -> client.create_subscription(user_id, plan_id)
    add_credits          -> client.grant(user_id, amount)
    log_usage            -> client.consume(user_id, amount, ...)
    add_payment_history  -> client.record_payment(user_id, amount, currency, status, ...)
    check_rate_limits    -> client.check_rate_limit(user_id)
    get_migration_status -> client.call("system.migrations")

Usage::

    from billingd_client import BillingClient, InsufficientCredits

    client = BillingClient()                # $BILLINGD_SOCKET, else ./billingd.sock
    client.create_subscription("u1", "free")
    try:
        client.consume("u1", 3, idempotency_key="job-42")
    except InsufficientCredits as e:
        print("short by", e.requested - e.available)

Concurrency design: **pipelined**. One client holds one connection. Any number of
threads may call it at once: each request gets a fresh integer id and is registered in
a FIFO queue and written to the socket under one send lock, so the queue order is the
wire order. A single reader thread reads response lines and completes the queue's head
(billingd answers in request order; the response id is checked against the head's id,
and the few errors that carry ``id: null``, such as request_too_large, belong to the
head as well). So many requests are in flight on the one connection at once and no
thread waits for another's answer. :meth:`BillingClient.submit` exposes this directly
(returns a ``concurrent.futures.Future``).

Failures:

* An error response raises a :class:`BillingError` subclass chosen by ``data.type``.
* Transport failures raise :class:`BillingConnectionError` (a ``ConnectionError``):
  daemon not running, connection lost before the answer arrived.
* A call that does not get its answer within ``timeout`` raises :class:`BillingTimeout`
  (a ``TimeoutError`` and a ``BillingConnectionError``); it is never retried.
* Reconnect: a dead connection is replaced on the next call. A request that could not be
  written at all (the connection was already closed, e.g. the daemon restarted) never
  reached the daemon and is simply sent again on a new connection.
* Retry: a request that was written but whose answer was lost (or whose connection could
  not be opened) is retried automatically **only** when its params carry an
  ``idempotency_key``; the daemon then returns the first result and changes nothing
  twice. Without a key the ``BillingConnectionError`` is raised: the outcome is unknown.

Money: responses are decoded with ``parse_float=Decimal`` and money arrives as decimal
strings; use :func:`to_decimal` / :func:`money` to get ``decimal.Decimal`` values. Decimal
params are sent as decimal strings. The money params of the convenience wrappers
(``amount`` of :meth:`BillingClient.record_payment`, ``cost_usd``) refuse ``float``.
"""

from __future__ import annotations

import collections
import concurrent.futures
import decimal
import itertools
import json
import os
import socket
import threading
import time
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

__all__ = [
    "BillingClient",
    "resolve_socket_path",
    "to_decimal",
    "money",
    "BillingError",
    "ParseError",
    "InvalidRequest",
    "RequestTooLarge",
    "MethodNotFound",
    "InvalidParams",
    "InternalError",
    "NotFound",
    "AlreadyExists",
    "IdempotencyConflict",
    "InsufficientCredits",
    "RateLimited",
    "SubscriptionInactive",
    "InvalidState",
    "SignatureInvalid",
    "Overloaded",
    "Unavailable",
    "BillingConnectionError",
    "BillingTimeout",
    "error_from_response",
]

DEFAULT_SOCKET = "./billingd.sock"

# --------------------------------------------------------------------------- errors


class BillingError(Exception):
    """An error response from billingd: ``code``, ``message`` and ``data`` as sent.

    ``type`` is ``data["type"]`` (a stable snake_case string). Subclasses exist for every
    type in the contract; an unknown type is raised as this base class.
    """

    code_default: Optional[int] = None
    type_name: Optional[str] = None

    def __init__(self, code: int, message: str, data: Optional[Mapping[str, Any]] = None):
        self.code = code
        self.message = message
        self.data: Dict[str, Any] = dict(data or {})
        super().__init__(code, message, self.data)

    @property
    def type(self) -> Optional[str]:
        return self.data.get("type")

    def __str__(self) -> str:
        return "%s (%s, %s)" % (self.message, self.code, self.type)

    def __repr__(self) -> str:
        return "%s(code=%r, message=%r, data=%r)" % (
            type(self).__name__, self.code, self.message, self.data)


class ParseError(BillingError):
    """-32700: the line was not JSON."""
    code_default, type_name = -32700, "parse_error"


class InvalidRequest(BillingError):
    """-32600: not a request object."""
    code_default, type_name = -32600, "invalid_request"


class RequestTooLarge(InvalidRequest):
    """-32600: the request line was longer than the daemon's --max-line-bytes."""
    code_default, type_name = -32600, "request_too_large"


class MethodNotFound(BillingError):
    """-32601: unknown method."""
    code_default, type_name = -32601, "method_not_found"


class InvalidParams(BillingError):
    """-32602: a missing, unknown or mistyped param; ``field`` names it."""
    code_default, type_name = -32602, "invalid_params"

    @property
    def field(self) -> Optional[str]:
        return self.data.get("field")


class InternalError(BillingError):
    """-32603: a daemon bug or I/O failure; nothing was half-applied."""
    code_default, type_name = -32603, "internal_error"


class NotFound(BillingError):
    """1001: the named plan, subscription, user, payment or reservation does not exist."""
    code_default, type_name = 1001, "not_found"


class AlreadyExists(BillingError):
    """1002: e.g. a second live subscription for one user."""
    code_default, type_name = 1002, "already_exists"


class IdempotencyConflict(BillingError):
    """1003: an idempotency key reused with different params."""
    code_default, type_name = 1003, "idempotency_conflict"


class InsufficientCredits(BillingError):
    """1004: the balance is short; ``available`` and ``requested`` say by how much."""
    code_default, type_name = 1004, "insufficient_credits"

    @property
    def available(self) -> Optional[int]:
        return self.data.get("available")

    @property
    def requested(self) -> Optional[int]:
        return self.data.get("requested")


class RateLimited(BillingError):
    """1005: rate limited; retry after ``retry_after_ms`` milliseconds."""
    code_default, type_name = 1005, "rate_limited"

    @property
    def retry_after_ms(self) -> Optional[int]:
        return self.data.get("retry_after_ms")


class SubscriptionInactive(BillingError):
    """1006: the user's subscription is paused (or otherwise blocks use)."""
    code_default, type_name = 1006, "subscription_inactive"


class InvalidState(BillingError):
    """1007: a transition the object's state does not allow."""
    code_default, type_name = 1007, "invalid_state"


class SignatureInvalid(BillingError):
    """1008: a webhook whose signature does not verify."""
    code_default, type_name = 1008, "signature_invalid"


class Overloaded(BillingError):
    """1009: the daemon sheds load (too many connections or writes); retry later."""
    code_default, type_name = 1009, "overloaded"


class Unavailable(BillingError):
    """1010: shutting down, or the method is disabled (e.g. the test clock)."""
    code_default, type_name = 1010, "unavailable"


_ERROR_CLASSES: Tuple[type, ...] = (
    ParseError, InvalidRequest, RequestTooLarge, MethodNotFound, InvalidParams,
    InternalError, NotFound, AlreadyExists, IdempotencyConflict, InsufficientCredits,
    RateLimited, SubscriptionInactive, InvalidState, SignatureInvalid, Overloaded,
    Unavailable,
)
_BY_TYPE: Dict[str, type] = {cls.type_name: cls for cls in _ERROR_CLASSES}
# Only used when an error lacks data.type (the contract says it never does).
_BY_CODE: Dict[int, type] = {
    cls.code_default: cls for cls in _ERROR_CLASSES if cls is not RequestTooLarge}


def error_from_response(error: Mapping[str, Any]) -> BillingError:
    """Builds the typed exception for a JSON-RPC ``error`` object."""
    code = error.get("code")
    message = error.get("message") or ""
    data = error.get("data")
    if not isinstance(data, dict):
        data = {} if data is None else {"value": data}
    cls = _BY_TYPE.get(data.get("type")) if "type" in data else _BY_CODE.get(code)
    return (cls or BillingError)(code, message, data)


class BillingConnectionError(ConnectionError):
    """A transport failure: the daemon is not running, or the connection was lost
    before the answer arrived (the request's outcome is then unknown)."""


class BillingTimeout(BillingConnectionError, TimeoutError):
    """No answer within the client's timeout. Never retried automatically."""


class _NotSent(Exception):
    """Internal: the request never reached the daemon; safe to send again."""


def _clone(exc: BaseException) -> BaseException:
    """A fresh copy, so that threads never raise one shared exception instance."""
    if isinstance(exc, BillingError):
        return type(exc)(exc.code, exc.message, exc.data)
    return type(exc)(*exc.args)


# --------------------------------------------------------------------------- money


def to_decimal(value: Union[str, int, Decimal, None]) -> Optional[Decimal]:
    """A money value from a response (a decimal string) as ``Decimal``; None stays None.

    Floats are refused: they cannot represent money exactly.
    """
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError("money must be a decimal string, int or Decimal, not %s"
                        % type(value).__name__)
    try:
        return Decimal(value) if isinstance(value, (str, Decimal)) else Decimal(int(value))
    except decimal.InvalidOperation:
        raise ValueError("not a decimal: %r" % (value,)) from None


def money(value: Union[str, int, Decimal], places: int = 2) -> Decimal:
    """``value`` as a ``Decimal`` with exactly ``places`` decimals (2 for prices and
    payment amounts, 6 for ``cost_usd``). Raises ValueError if that would round."""
    d = to_decimal(value)
    q = d.quantize(Decimal(1).scaleb(-places))
    if q != d:
        raise ValueError("%s has more than %d decimals" % (value, places))
    return q


def _money_param(value: Any, places: int) -> str:
    return str(money(value, places))


def _json_default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            raise ValueError("cannot send a non-finite Decimal")
        return str(obj)
    raise TypeError("%s is not JSON serializable" % type(obj).__name__)


def _encode(obj: Any) -> bytes:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False, default=_json_default)
    return text.encode("utf-8") + b"\n"


def _decode(line: bytes) -> Any:
    return json.loads(line.decode("utf-8"), parse_float=Decimal)


def resolve_socket_path(socket_path: Optional[str] = None) -> str:
    """The contract's rule: the argument, else env ``BILLINGD_SOCKET``, else
    ``./billingd.sock``."""
    if socket_path:
        return os.fspath(socket_path)
    return os.environ.get("BILLINGD_SOCKET") or DEFAULT_SOCKET


# --------------------------------------------------------------------------- transport


class _Connection:
    """One socket with its FIFO of pending futures and its reader thread."""

    def __init__(self, path: str, timeout: Optional[float]):
        self.path = path
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect(path)
        except FileNotFoundError:
            sock.close()
            raise BillingConnectionError(
                "billingd is not running: no socket at %s" % path) from None
        except ConnectionRefusedError:
            sock.close()
            raise BillingConnectionError(
                "billingd is not running: nobody listens on %s (stale socket file?)"
                % path) from None
        except socket.timeout:
            sock.close()
            raise BillingTimeout("timed out connecting to %s" % path) from None
        except OSError as e:
            sock.close()
            raise BillingConnectionError("cannot connect to %s: %s" % (path, e)) from None
        self.sock = sock
        self.lock = threading.Lock()        # guards pending, closed, error
        self.send_lock = threading.Lock()   # makes "append to pending + write" atomic
        self.pending: "collections.deque[Tuple[Any, concurrent.futures.Future]]" = \
            collections.deque()
        self.closed = False
        self.error: Optional[BaseException] = None
        self.reader = threading.Thread(
            target=self._read_loop, name="billingd-reader", daemon=True)
        self.reader.start()

    # -- sending

    def send(self, req_id: Any, line: bytes, future: concurrent.futures.Future) -> None:
        with self.send_lock:
            with self.lock:
                if self.closed:
                    if isinstance(self.error, BillingError):
                        raise _clone(self.error)  # the daemon refused the connection
                    raise _NotSent()
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
                    raise _clone(refusal) from None
                raise _NotSent() from None

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
        resp = _decode(line)
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
            refused = (rid is None and isinstance(err, dict)
                       and isinstance(err.get("data"), dict)
                       and err["data"].get("type") == "overloaded")
            if refused:
                self.error = error_from_response(err)
        if future.done():        # an abandoned call (e.g. a cancelled future)
            pass
        elif isinstance(err, dict):
            future.set_exception(error_from_response(err))
        elif "result" in resp:
            future.set_result(resp["result"])
        else:
            future.set_exception(BillingConnectionError(
                "response without result or error: %r" % (line[:200],)))
        if refused:
            # Nothing on this connection was executed: the daemon refused it.
            self._fail(self.error)

    def _fail(self, error: BaseException) -> None:
        with self.lock:
            if not self.closed:
                self.closed = True
                if self.error is None:
                    self.error = error
            pending = list(self.pending)
            self.pending.clear()
            final = self.error
        for _, future in pending:
            if not future.done():
                future.set_exception(_clone(final))
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
    :param retries: how many times a call with an ``idempotency_key`` is retried after a
        transport failure.
    :param retry_backoff: the first retry's delay in seconds; it doubles each time.
    """

    def __init__(self, socket_path: Optional[str] = None, timeout: Optional[float] = 30.0,
                 retries: int = 5, retry_backoff: float = 0.05):
        self.socket_path = resolve_socket_path(socket_path)
        self.timeout = timeout
        self.retries = retries
        self.retry_backoff = retry_backoff
        self._conn: Optional[_Connection] = None
        self._conn_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._closed = False

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
               ) -> concurrent.futures.Future:
        """Sends one request and returns at once with a Future for its result (or its
        BillingError / BillingConnectionError). Submit many, then collect: they are
        pipelined on the one connection. No automatic retry here (see call).
        Done-callbacks run on the reader thread: they must not call the client and wait.
        """
        body = {"jsonrpc": "2.0", "method": method}
        if params:
            body["params"] = dict(params)
        for _ in range(3):
            conn = self._connection()
            req_id = next(self._ids)
            body["id"] = req_id
            future: concurrent.futures.Future = concurrent.futures.Future()
            future.set_running_or_notify_cancel()
            try:
                conn.send(req_id, _encode(body), future)
                return future
            except _NotSent:
                continue  # the connection was already dead; the next one is fresh
        raise BillingConnectionError("cannot send to %s: the connection keeps closing"
                                     % self.socket_path)

    def call_params(self, method: str, params: Optional[Mapping[str, Any]] = None,
                    timeout: Any = _DEFAULT) -> Any:
        """Calls ``method`` with a params dict and returns the ``result``.

        Raises a BillingError subclass for an error response, BillingConnectionError for
        a transport failure (after retries, when the params carry an idempotency_key),
        BillingTimeout when no answer arrives within the timeout.
        """
        timeout = self.timeout if timeout is _DEFAULT else timeout
        retryable = bool(params) and params.get("idempotency_key") is not None
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
            except BillingTimeout:
                raise
            except BillingConnectionError:
                if not retryable or attempt >= self.retries:
                    raise
                time.sleep(self.retry_backoff * (2 ** attempt))
                attempt += 1

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
        resp = _decode(bytes(buf[:nl]).rstrip(b"\r"))
        if check and isinstance(resp, dict) and isinstance(resp.get("error"), dict):
            raise error_from_response(resp["error"])
        return resp

    # -- convenience wrappers (thin over call_params)

    @staticmethod
    def _params(fixed: Mapping[str, Any], extra: Mapping[str, Any]) -> Dict[str, Any]:
        params = {k: v for k, v in fixed.items() if v is not None}
        params.update(extra)
        if "cost_usd" in params and params["cost_usd"] is not None:
            params["cost_usd"] = _money_param(params["cost_usd"], 6)
        return params

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
                                self._params({"user_id": user_id, "plan_id": plan_id}, kw))

    def current_subscription(self, user_id: str) -> Dict[str, Any]:
        return self.call_params("subscriptions.current", {"user_id": user_id})

    def cancel_subscription(self, subscription_id: str, at_period_end: bool = True,
                            **kw: Any) -> Dict[str, Any]:
        return self.call_params("subscriptions.cancel", self._params(
            {"subscription_id": subscription_id, "at_period_end": at_period_end}, kw))

    def get_credits(self, user_id: str) -> Dict[str, Any]:
        return self.call_params("credits.get", {"user_id": user_id})

    def get_balance(self, user_id: str) -> int:
        """The spendable credits now (``current_credits``)."""
        return self.get_credits(user_id)["current_credits"]

    def grant(self, user_id: str, amount: int, **kw: Any) -> Dict[str, Any]:
        """-> the balance. kw: source, expires_at, description, idempotency_key."""
        return self.call_params("credits.grant",
                                self._params({"user_id": user_id, "amount": amount}, kw))

    def consume(self, user_id: str, amount: int, idempotency_key: Optional[str] = None,
                **kw: Any) -> Dict[str, Any]:
        """-> {usage_id, credits_used, current_credits}. kw: any usage field
        (usage_type, tokens_used, cost_usd, metadata, ...), check_rate_limit, dry_run."""
        return self.call_params("credits.consume", self._params(
            {"user_id": user_id, "amount": amount, "idempotency_key": idempotency_key}, kw))

    def reserve(self, user_id: str, amount: int, **kw: Any) -> Dict[str, Any]:
        return self.call_params("credits.reserve",
                                self._params({"user_id": user_id, "amount": amount}, kw))

    def commit(self, reservation_id: str, amount: Optional[int] = None,
               **kw: Any) -> Dict[str, Any]:
        return self.call_params("credits.commit", self._params(
            {"reservation_id": reservation_id, "amount": amount}, kw))

    def release(self, reservation_id: str, **kw: Any) -> Dict[str, Any]:
        return self.call_params("credits.release",
                                self._params({"reservation_id": reservation_id}, kw))

    def record_payment(self, user_id: str, amount: Union[str, int, Decimal],
                       currency: str, status: str, **kw: Any) -> Dict[str, Any]:
        """-> the payment. ``amount`` is a Decimal, decimal string or int (never float)."""
        return self.call_params("payments.record", self._params(
            {"user_id": user_id, "amount": _money_param(amount, 2),
             "currency": currency, "status": status}, kw))

    def check_rate_limit(self, user_id: str, cost: Optional[int] = None) -> Dict[str, Any]:
        """-> {allowed, retry_after_ms, limits}. A denial is a result, not an error."""
        return self.call_params("ratelimit.check",
                                self._params({"user_id": user_id, "cost": cost}, {}))

    def usage_summary(self, from_: str, to: str, group_by: str,
                      user_id: Optional[str] = None) -> List[Dict[str, Any]]:
        """-> rows [{key, requests, credits_used, ..., cost_usd}]."""
        return self.call_params("usage.summary", self._params(
            {"from": from_, "to": to, "group_by": group_by, "user_id": user_id}, {}))["rows"]
