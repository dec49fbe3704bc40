'use strict';
// The client: one pipelined connection shared by every concurrent call, reconnects after a
// daemon restart, a timeout per attempt, and the shared retry policy (lib/retry.js).

const { Connection, NotSent } = require('./connection');
const { encode } = require('./json');
const { BillingTimeoutError, BillingUnreachableError, BillingConnectionError, BillingError } = require('./errors');
const {
  DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS, isRepeatable, shouldRetry, retryDelay,
} = require('./retry');

const DEFAULT_SOCKET = './billingd.sock';

/** The contract's rule: the argument, else env BILLINGD_SOCKET, else ./billingd.sock. */
function resolveSocketPath(socketPath) {
  return socketPath || process.env.BILLINGD_SOCKET || DEFAULT_SOCKET;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class BillingClient {
  /**
   * @param {object} [options]
   * @param {string} [options.socketPath] else env BILLINGD_SOCKET, else ./billingd.sock
   * @param {number} [options.timeoutMs] per attempt, connecting included (30 000); 0 = none
   * @param {number} [options.retries] extra attempts the retry policy allows (3)
   * @param {number} [options.retryDelayMs] retry n waits n × this (100)
   */
  constructor(options = {}) {
    this.socketPath = resolveSocketPath(options.socketPath);
    this.timeoutMs = options.timeoutMs === undefined ? 30000 : options.timeoutMs;
    this.retries = options.retries === undefined ? DEFAULT_RETRIES : options.retries;
    this.retryDelayMs = options.retryDelayMs === undefined ? DEFAULT_RETRY_DELAY_MS : options.retryDelayMs;
    this.conn = null;
    this.connecting = null;
    this.nextId = 1;
  }

  /** Closes the connection; calls still waiting fail. A later call reconnects. */
  close() {
    const conn = this.conn;
    this.conn = null;
    if (conn) conn.fail(new BillingConnectionError('the client was closed'));
  }

  /**
   * Calls `method` and resolves with its `result`. Rejects with a BillingError subclass for an
   * error answer, BillingConnectionError for a transport failure and BillingTimeoutError when
   * no answer comes in time, each after the retries Protocol/client-retries.md allows.
   */
  async call(method, params) {
    const repeatable = isRepeatable(method, params);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(method, params);
      } catch (err) {
        if (!(err instanceof BillingError || err instanceof BillingConnectionError)
            || attempt >= this.retries || !shouldRetry(err, repeatable)) {
          throw err;
        }
        await sleep(retryDelay(this.retryDelayMs, attempt + 1));
      }
    }
  }

  async connection() {
    if (this.conn && this.conn.alive) return this.conn;
    if (!this.connecting) {   // one connect, however many calls wait for it
      this.connecting = Connection.open(this.socketPath).then(
        (conn) => { this.connecting = null; this.conn = conn; return conn; },
        (err) => { this.connecting = null; throw err; });
    }
    return this.connecting;
  }

  attempt(method, params) {
    const body = { jsonrpc: '2.0', id: 0, method };
    if (params && Object.keys(params).length > 0) body.params = params;
    let entry = null;
    let timer = null;
    let gaveUp = false;
    const sent = (async () => {
      for (let i = 0; i < 3; i++) {
        const conn = await this.connection();
        if (gaveUp) throw new BillingTimeoutError('gave up before sending');   // never sent late
        body.id = this.nextId++;
        try {
          entry = conn.send(body.id, encode(body) + '\n');
        } catch (err) {
          if (err instanceof NotSent) continue;   // already dead; the next connection is fresh
          throw err;
        }
        return entry.promise;
      }
      throw new BillingUnreachableError(`cannot send to ${this.socketPath}: the connection keeps closing`);
    })();
    if (!this.timeoutMs) return sent;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        if (entry) entry.abandoned = true;          // its answer, if it comes, is dropped
        reject(new BillingTimeoutError(`no answer to ${method} from ${this.socketPath} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    sent.catch(() => {});     // settled after a timeout: already reported
    return Promise.race([sent, timeout]).finally(() => clearTimeout(timer));
  }
}

module.exports = { BillingClient, resolveSocketPath, DEFAULT_SOCKET };
