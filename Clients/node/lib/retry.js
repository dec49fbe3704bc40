'use strict';
// The one retry policy of every billingd client, as Protocol/client-retries.md states it:
// which calls may be repeated after which failures, and how long to wait in between.

const { METHOD_ACCESS } = require('./catalog');
const {
  BillingConnectionError, BillingTimeoutError, BillingUnreachableError, OverloadedError,
} = require('./errors');

const DEFAULT_RETRIES = 3;
const DEFAULT_RETRY_DELAY_MS = 100;

/**
 * True for reads (access `read` or `server` in Protocol/methods.json) and for any call whose
 * params carry a non-null `idempotency_key`; an unknown method counts as a write.
 */
function isRepeatable(method, params) {
  const access = Object.prototype.hasOwnProperty.call(METHOD_ACCESS, method) ? METHOD_ACCESS[method] : undefined;
  if (access !== undefined && access !== 'write') return true;
  return params != null && params.idempotency_key != null;
}

/** Nothing sent: any call. Answer lost or `overloaded`: a repeatable call. Timeout, other answers: never. */
function shouldRetry(error, repeatable) {
  if (error instanceof BillingTimeoutError) return false;
  if (error instanceof BillingUnreachableError) return true;
  if (error instanceof BillingConnectionError || error instanceof OverloadedError) return repeatable;
  return false;
}

/** The pause before retry number `attempt` (1, 2, ...): `attempt × base`. */
function retryDelay(baseMs, attempt) {
  return baseMs * attempt;
}

module.exports = { DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS, isRepeatable, shouldRetry, retryDelay };
