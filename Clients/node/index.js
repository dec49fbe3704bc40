'use strict';
// billingd-client: a zero-dependency Node.js client for billingd (newline-delimited JSON-RPC
// 2.0 over a Unix socket). See README.md; types in index.d.ts and methods.d.ts.

const { BillingClient, resolveSocketPath, DEFAULT_SOCKET } = require('./lib/client');
const errors = require('./lib/errors');
const { isRepeatable } = require('./lib/retry');

module.exports = {
  BillingClient,
  resolveSocketPath,
  isRepeatable,
  DEFAULT_SOCKET,
  BillingError: errors.BillingError,
  ParseError: errors.ParseError,
  InvalidRequestError: errors.InvalidRequestError,
  RequestTooLargeError: errors.RequestTooLargeError,
  MethodNotFoundError: errors.MethodNotFoundError,
  InvalidParamsError: errors.InvalidParamsError,
  InternalError: errors.InternalError,
  NotFoundError: errors.NotFoundError,
  AlreadyExistsError: errors.AlreadyExistsError,
  IdempotencyConflictError: errors.IdempotencyConflictError,
  InsufficientCreditsError: errors.InsufficientCreditsError,
  RateLimitedError: errors.RateLimitedError,
  SubscriptionInactiveError: errors.SubscriptionInactiveError,
  InvalidStateError: errors.InvalidStateError,
  SignatureInvalidError: errors.SignatureInvalidError,
  OverloadedError: errors.OverloadedError,
  UnavailableError: errors.UnavailableError,
  PlanLimitExceededError: errors.PlanLimitExceededError,
  BillingConnectionError: errors.BillingConnectionError,
  BillingUnreachableError: errors.BillingUnreachableError,
  BillingTimeoutError: errors.BillingTimeoutError,
  errorFromResponse: errors.errorFromResponse,
};
