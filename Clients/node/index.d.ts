// Types of billingd-client. The params and result of every method are generated into
// methods.d.ts from Protocol/methods.json (node tools/generate.mjs).

import type { BillingMethods, MethodName, ErrorType } from './methods';

export * from './methods';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject { [key: string]: JsonValue | undefined }

export interface BillingClientOptions {
  /** The daemon's socket; else env BILLINGD_SOCKET, else ./billingd.sock. */
  socketPath?: string;
  /** Per attempt, connecting included; 0 waits forever. Default 30 000. */
  timeoutMs?: number;
  /** Extra attempts, when the retry policy (Protocol/client-retries.md) allows. Default 3. */
  retries?: number;
  /** Retry n waits n × retryDelayMs. Default 100. */
  retryDelayMs?: number;
}

/** The params argument: optional when every param of the method is. */
type ParamsArg<M extends MethodName> =
  {} extends BillingMethods[M]['params'] ? [params?: BillingMethods[M]['params']] : [params: BillingMethods[M]['params']];

/**
 * One pipelined connection shared by every concurrent call; reconnects after a daemon restart;
 * retries by the policy of every billingd client: reads and calls with an idempotency_key after
 * a lost answer or `overloaded`, any call that could not be sent; timeouts never.
 */
export class BillingClient {
  constructor(options?: BillingClientOptions);
  readonly socketPath: string;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  /**
   * Calls a method: a contract method with its typed params, resolving with its typed result;
   * any other name (e.g. a method newer than these declarations) with any params.
   */
  call<M extends string>(method: M, ...params: M extends MethodName ? ParamsArg<M> : [params?: JsonObject]):
    Promise<M extends MethodName ? BillingMethods[M]['result'] : JsonValue>;
  /** Closes the connection; calls still waiting fail. A later call reconnects. */
  close(): void;
}

/** The contract's rule: the argument, else env BILLINGD_SOCKET, else ./billingd.sock. */
export function resolveSocketPath(socketPath?: string): string;
/** Whether the retry policy may repeat this call after its answer was lost. */
export function isRepeatable(method: string, params?: JsonObject | null): boolean;
export const DEFAULT_SOCKET: string;

/** An error answer from billingd. */
export class BillingError extends Error {
  constructor(code: number, message: string, data?: JsonObject);
  /** The JSON-RPC error code (e.g. 1004). */
  readonly code: number;
  /** `data.type`, the stable snake_case name (e.g. "insufficient_credits"). */
  readonly type: ErrorType | string | null;
  /** The error's `data` object as sent. */
  readonly data: JsonObject;
}
export class ParseError extends BillingError {}
export class InvalidRequestError extends BillingError {}
export class RequestTooLargeError extends InvalidRequestError {}
export class MethodNotFoundError extends BillingError { readonly data: JsonObject & { method?: string } }
export class InvalidParamsError extends BillingError { readonly data: JsonObject & { field?: string } }
export class InternalError extends BillingError {}
export class NotFoundError extends BillingError { readonly data: JsonObject & { resource?: string; id?: string } }
export class AlreadyExistsError extends BillingError {}
export class IdempotencyConflictError extends BillingError {}
export class InsufficientCreditsError extends BillingError { readonly data: JsonObject & { available: number; requested: number } }
export class RateLimitedError extends BillingError { readonly data: JsonObject & { retry_after_ms: number } }
export class SubscriptionInactiveError extends BillingError {}
export class InvalidStateError extends BillingError { readonly data: JsonObject & { state?: string } }
export class SignatureInvalidError extends BillingError {}
export class OverloadedError extends BillingError {}
export class UnavailableError extends BillingError {}
export class PlanLimitExceededError extends BillingError {
  readonly data: JsonObject & { limit: number; requested: number; field: string; plan_id?: string };
}

/** A transport failure: the connection was lost before the answer came (outcome unknown). */
export class BillingConnectionError extends Error {
  readonly code: 'ECONNLOST' | 'EUNREACHABLE' | 'ETIMEDOUT';
  readonly type: 'connection_lost' | 'unreachable' | 'timeout';
  readonly data: JsonObject;
}
/** The connection could not be opened: nothing was sent. */
export class BillingUnreachableError extends BillingConnectionError {
  readonly code: 'EUNREACHABLE';
  readonly type: 'unreachable';
}
/** No answer within timeoutMs; never retried. */
export class BillingTimeoutError extends BillingConnectionError {
  readonly code: 'ETIMEDOUT';
  readonly type: 'timeout';
}

/** The typed error for a JSON-RPC `error` object. */
export function errorFromResponse(error: { code: number; message?: string; data?: JsonValue }): BillingError;
