// The ES module entry: the same exports as index.js.
import client from './index.js';

export const {
  BillingClient, resolveSocketPath, isRepeatable, DEFAULT_SOCKET,
  BillingError, ParseError, InvalidRequestError, RequestTooLargeError, MethodNotFoundError,
  InvalidParamsError, InternalError, NotFoundError, AlreadyExistsError, IdempotencyConflictError,
  InsufficientCreditsError, RateLimitedError, SubscriptionInactiveError, InvalidStateError,
  SignatureInvalidError, OverloadedError, UnavailableError, PlanLimitExceededError,
  BillingConnectionError, BillingUnreachableError, BillingTimeoutError, errorFromResponse,
} = client;
export default client;
