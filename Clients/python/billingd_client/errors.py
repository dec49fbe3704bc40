"""The typed exceptions: one BillingError subclass per ``data.type`` of the contract,
and the transport failures (BillingConnectionError and its subclasses)."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple, Type, cast


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


class PlanLimitExceeded(BillingError):
    """1011: a plan limit other than the rate windows, e.g. ``product_count`` above the
    plan's ``max_products_per_batch``; ``limit``, ``requested`` and ``field`` say which."""
    code_default, type_name = 1011, "plan_limit_exceeded"

    @property
    def limit(self) -> Optional[int]:
        return self.data.get("limit")

    @property
    def requested(self) -> Optional[int]:
        return self.data.get("requested")

    @property
    def field(self) -> Optional[str]:
        return self.data.get("field")


_ERROR_CLASSES: Tuple[Type[BillingError], ...] = (
    ParseError, InvalidRequest, RequestTooLarge, MethodNotFound, InvalidParams,
    InternalError, NotFound, AlreadyExists, IdempotencyConflict, InsufficientCredits,
    RateLimited, SubscriptionInactive, InvalidState, SignatureInvalid, Overloaded,
    Unavailable, PlanLimitExceeded,
)
_BY_TYPE: Dict[Optional[str], Type[BillingError]] = {
    cls.type_name: cls for cls in _ERROR_CLASSES}
# Only used when an error lacks data.type (the contract says it never does).
_BY_CODE: Dict[Optional[int], Type[BillingError]] = {
    cls.code_default: cls for cls in _ERROR_CLASSES if cls is not RequestTooLarge}


def error_from_response(error: Mapping[str, Any]) -> BillingError:
    """Builds the typed exception for a JSON-RPC ``error`` object."""
    code = cast(int, error.get("code"))
    message = error.get("message") or ""
    data = error.get("data")
    if not isinstance(data, dict):
        data = {} if data is None else {"value": data}
    cls = _BY_TYPE.get(data.get("type")) if "type" in data else _BY_CODE.get(code)
    return (cls or BillingError)(code, message, data)


class BillingConnectionError(ConnectionError):
    """A transport failure: the daemon is not running, or the connection was lost
    before the answer arrived (the request's outcome is then unknown)."""


class BillingUnreachable(BillingConnectionError):
    """The connection could not be opened (no socket, nobody listening): nothing was
    sent, so the call is retried whatever its method (Protocol/client-retries.md)."""


class BillingTimeout(BillingConnectionError, TimeoutError):
    """No answer within the client's timeout. Never retried automatically."""


class NotSent(Exception):
    """Internal: the request never reached the daemon; safe to send again at once."""


def clone_error(exc: BaseException) -> BaseException:
    """A fresh copy, so that concurrent callers never raise one shared instance."""
    if isinstance(exc, BillingError):
        return type(exc)(exc.code, exc.message, exc.data)
    return type(exc)(*exc.args)


def unreachable(path: str, error: OSError) -> BillingUnreachable:
    """The exception for a failed connect, worded for the usual causes."""
    if isinstance(error, FileNotFoundError):
        return BillingUnreachable("billingd is not running: no socket at %s" % path)
    if isinstance(error, ConnectionRefusedError):
        return BillingUnreachable(
            "billingd is not running: nobody listens on %s (stale socket file?)" % path)
    return BillingUnreachable("cannot connect to %s: %s" % (path, error))
