"""The one retry policy of every billingd client, as Protocol/client-retries.md states it:
which calls may be repeated after which failures, and how long to wait in between."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from .catalog import METHOD_ACCESS
from .errors import BillingConnectionError, BillingTimeout, BillingUnreachable, Overloaded

DEFAULT_RETRIES = 3
DEFAULT_RETRY_DELAY = 0.1


def is_repeatable(method: str, params: Optional[Mapping[str, Any]]) -> bool:
    """True for reads (access ``read`` or ``server`` in Protocol/methods.json) and for any
    call whose params carry a non-null ``idempotency_key``; an unknown method counts as a
    write."""
    access = METHOD_ACCESS.get(method)
    if access is not None and access != "write":
        return True
    return bool(params) and params.get("idempotency_key") is not None  # type: ignore[union-attr]


def should_retry(error: BaseException, repeatable: bool) -> bool:
    """Nothing sent (unreachable): any call. Answer lost or ``overloaded``: only a
    repeatable call. A timeout, or any other error answer: never."""
    if isinstance(error, BillingTimeout):
        return False
    if isinstance(error, BillingUnreachable):
        return True
    if isinstance(error, (BillingConnectionError, Overloaded)):
        return repeatable
    return False


def retry_delay(base: float, attempt: int) -> float:
    """The pause before retry number ``attempt`` (1, 2, ...): ``attempt × base``."""
    return base * attempt
