"""billingd_client: standard-library Python clients for billingd.

billingd serves billing state (plans, subscriptions, credits, payments, usage, rate
limits) as newline-delimited JSON-RPC 2.0 over a Unix domain socket. Two clients, one
behaviour:

* :class:`BillingClient`, synchronous and thread-safe (a reader thread);
* :class:`AsyncBillingClient`, for asyncio (a reader task), shared by any number of tasks.

The old SQLAlchemy payment service's helpers map to methods as follows (see CONTRACT.md
section 5)::

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

    async with AsyncBillingClient() as aclient:
        await aclient.consume("u1", 1, idempotency_key="job-43")

Concurrency design: **pipelined**. One client holds one connection. Each request gets a
fresh integer id and is registered in a FIFO queue and written to the socket in one
step, so the queue order is the wire order. A single reader reads response lines and
completes the queue's head (billingd answers in request order; the response id is
checked against the head's id, and the few errors that carry ``id: null``, such as
request_too_large, belong to the head as well). So many requests are in flight on the one
connection at once and no caller waits for another's answer.

Failures:

* An error response raises a :class:`BillingError` subclass chosen by ``data.type``.
* Transport failures raise :class:`BillingConnectionError` (a ``ConnectionError``):
  :class:`BillingUnreachable` when the connection could not be opened (nothing was sent),
  the base class when the connection was lost before the answer arrived (the outcome is
  unknown).
* A call that does not get its answer within ``timeout`` raises :class:`BillingTimeout`
  (a ``TimeoutError`` and a ``BillingConnectionError``).
* Reconnect: a dead connection is replaced on the next call; a request that could not be
  written at all (the connection was already closed) is sent again on a new one.
* Retry, the policy of every billingd client (Protocol/client-retries.md): a call is
  *repeatable* when its method is a read (``read`` or ``server`` access in
  Protocol/methods.json) or its params carry an ``idempotency_key``. Unreachable: every
  call is retried. Answer lost, or ``overloaded``: only repeatable calls. Timeouts and
  other error answers: never. Retry n waits ``n * retry_backoff`` (0.1 s), at most
  ``retries`` (3) times.

Money: responses are decoded with ``parse_float=Decimal`` and money arrives as decimal
strings; use :func:`to_decimal` / :func:`money` to get ``decimal.Decimal`` values. Decimal
params are sent as decimal strings. The money params of the convenience wrappers
(``amount`` of ``record_payment``, ``cost_usd``) refuse ``float``.
"""

from .aio import AsyncBillingClient
from .client import BillingClient
from .errors import (
    AlreadyExists, BillingConnectionError, BillingError, BillingTimeout,
    BillingUnreachable, IdempotencyConflict, InsufficientCredits, InternalError,
    InvalidParams, InvalidRequest, InvalidState, MethodNotFound, NotFound, Overloaded,
    ParseError, PlanLimitExceeded, RateLimited, RequestTooLarge, SignatureInvalid,
    SubscriptionInactive, Unavailable, error_from_response,
)
from .retry import is_repeatable
from .wire import money, resolve_socket_path, to_decimal

__version__ = "1.0.0"

__all__ = [
    "BillingClient",
    "AsyncBillingClient",
    "resolve_socket_path",
    "is_repeatable",
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
    "PlanLimitExceeded",
    "BillingConnectionError",
    "BillingUnreachable",
    "BillingTimeout",
    "error_from_response",
]
