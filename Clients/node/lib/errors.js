'use strict';
// The typed errors: one BillingError subclass per `data.type` of the contract (an error
// answer from the daemon), and the transport failures (BillingConnectionError and its
// subclasses), which carry `code`, `type` and `data` as well so one switch handles both.

/** An error answer from billingd: `code`, `message` and `data` as sent; `type` is `data.type`. */
class BillingError extends Error {
  constructor(code, message, data) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.data = data && typeof data === 'object' && !Array.isArray(data) ? { ...data } : {};
    this.type = typeof this.data.type === 'string' ? this.data.type : null;
  }
}

const ERROR_TYPES = [
  // [class name, code, data.type, parent]
  ['ParseError', -32700, 'parse_error'],
  ['InvalidRequestError', -32600, 'invalid_request'],
  ['RequestTooLargeError', -32600, 'request_too_large', 'InvalidRequestError'],
  ['MethodNotFoundError', -32601, 'method_not_found'],
  ['InvalidParamsError', -32602, 'invalid_params'],
  ['InternalError', -32603, 'internal_error'],
  ['NotFoundError', 1001, 'not_found'],
  ['AlreadyExistsError', 1002, 'already_exists'],
  ['IdempotencyConflictError', 1003, 'idempotency_conflict'],
  ['InsufficientCreditsError', 1004, 'insufficient_credits'],
  ['RateLimitedError', 1005, 'rate_limited'],
  ['SubscriptionInactiveError', 1006, 'subscription_inactive'],
  ['InvalidStateError', 1007, 'invalid_state'],
  ['SignatureInvalidError', 1008, 'signature_invalid'],
  ['OverloadedError', 1009, 'overloaded'],
  ['UnavailableError', 1010, 'unavailable'],
  ['PlanLimitExceededError', 1011, 'plan_limit_exceeded'],
];

const classes = { BillingError };
const byType = new Map();
const byCode = new Map();
for (const [name, code, type, parent] of ERROR_TYPES) {
  const Base = parent ? classes[parent] : BillingError;
  // A named class per type, so `instanceof` and `err.name` both work.
  const cls = { [name]: class extends Base {} }[name];
  cls.errorCode = code;
  cls.errorType = type;
  classes[name] = cls;
  byType.set(type, cls);
  if (!parent) byCode.set(code, cls);
}

/** The typed error for a JSON-RPC `error` object (an unknown type stays a BillingError). */
function errorFromResponse(error) {
  const data = error.data === undefined || error.data === null ? {}
    : typeof error.data === 'object' && !Array.isArray(error.data) ? error.data : { value: error.data };
  const cls = (typeof data.type === 'string' ? byType.get(data.type) : byCode.get(error.code)) || BillingError;
  return new cls(error.code, typeof error.message === 'string' ? error.message : '', data);
}

/** A transport failure: the connection was lost before the answer came (outcome unknown). */
class BillingConnectionError extends Error {
  constructor(message, type = 'connection_lost', code = 'ECONNLOST') {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.type = type;
    this.data = {};
  }
}

/** The connection could not be opened: nothing was sent, so any call may be retried. */
class BillingUnreachableError extends BillingConnectionError {
  constructor(message) { super(message, 'unreachable', 'EUNREACHABLE'); }
}

/** No answer within the timeout; never retried. */
class BillingTimeoutError extends BillingConnectionError {
  constructor(message) { super(message, 'timeout', 'ETIMEDOUT'); }
}

/** A fresh copy, so that concurrent callers never share (and mutate) one error object. */
function cloneError(err) {
  if (err instanceof BillingError) return new err.constructor(err.code, err.message, err.data);
  if (err instanceof BillingUnreachableError || err instanceof BillingTimeoutError) return new err.constructor(err.message);
  if (err instanceof BillingConnectionError) return new BillingConnectionError(err.message, err.type, err.code);
  return err;
}

module.exports = {
  ...classes,
  ERROR_TYPES,
  BillingConnectionError,
  BillingUnreachableError,
  BillingTimeoutError,
  errorFromResponse,
  cloneError,
};
