'use strict';
// One socket with its FIFO of pending calls. billingd answers in request order, so each
// answer line completes the queue's head (its id is checked; the few errors with `id: null`,
// such as request_too_large, belong to the head too).

const net = require('node:net');
const { decode } = require('./json');
const {
  BillingConnectionError, BillingError, BillingUnreachableError, cloneError, errorFromResponse,
} = require('./errors');

/** Thrown by send() when the request never reached the daemon: safe to send again at once. */
class NotSent extends Error {}

class Connection {
  /** Connects; rejects with BillingUnreachableError when nobody listens at `path`. */
  static open(path) {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ path });
      const onError = (err) => {
        socket.destroy();
        reject(unreachable(path, err));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve(new Connection(path, socket));
      });
    });
  }

  constructor(path, socket) {
    this.path = path;
    this.socket = socket;
    this.pending = [];        // [{ id, resolve, reject, abandoned }] in wire order
    this.chunks = [];
    this.closed = false;
    this.error = null;        // why it closed; a BillingError when the daemon refused it
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('end', () => this.fail(new BillingConnectionError(
      `connection to ${path} closed before the answer arrived (daemon stopped or restarted?)`)));
    socket.on('error', (err) => this.fail(new BillingConnectionError(
      `connection to ${path} lost before the answer arrived: ${err.message}`)));
    socket.on('close', () => this.fail(new BillingConnectionError(`connection to ${path} closed`)));
    socket.unref();           // an idle client does not keep the process alive
  }

  get alive() {
    return !this.closed && !this.socket.destroyed && this.socket.writable;
  }

  /**
   * Queues the request and writes its line in one step, so the FIFO order is the wire order.
   * Returns the queue entry: `entry.promise` settles with the answer; a caller that gives up
   * sets `entry.abandoned` and the answer, when it comes, is dropped.
   */
  send(id, line) {
    if (!this.alive) {
      if (this.error instanceof BillingError) throw cloneError(this.error);
      throw new NotSent();
    }
    const entry = { id, abandoned: false };
    entry.promise = new Promise((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    this.pending.push(entry);
    this.socket.ref();
    this.socket.write(line);
    return entry;
  }

  onData(chunk) {
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl >= 0 && !this.closed) {
      const line = Buffer.concat([...this.chunks, chunk.subarray(start, nl)]).toString('utf8').trim();
      this.chunks = [];
      start = nl + 1;
      if (line) {
        try {
          this.dispatch(line);
        } catch (err) {       // a protocol violation: give up the connection
          this.fail(new BillingConnectionError(`bad response from ${this.path}: ${err.message}`));
        }
      }
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.chunks.push(chunk.subarray(start));
  }

  dispatch(line) {
    const resp = decode(line);
    if (resp === null || typeof resp !== 'object' || Array.isArray(resp)) {
      throw new Error(`expected a response object, got ${line.slice(0, 200)}`);
    }
    const err = resp.error && typeof resp.error === 'object' ? resp.error : null;
    if (this.pending.length === 0) {
      if (err) {              // an error before any request: the daemon refused this connection
        this.error = errorFromResponse(err);
        return;
      }
      throw new Error(`unsolicited response ${line.slice(0, 200)}`);
    }
    const head = this.pending[0];
    const rid = resp.id === undefined ? null : resp.id;
    if (rid !== null && rid !== head.id) {
      throw new Error(`response id ${JSON.stringify(rid)} does not match request id ${head.id}`);
    }
    this.pending.shift();
    if (this.pending.length === 0) this.socket.unref();
    let refused = null;
    if (rid === null && err && err.data && err.data.type === 'overloaded') {
      refused = this.error = errorFromResponse(err);
    }
    if (!head.abandoned) {
      if (err) head.reject(errorFromResponse(err));
      else if ('result' in resp) head.resolve(resp.result);
      else head.reject(new BillingConnectionError(`response without result or error: ${line.slice(0, 200)}`));
    }
    if (refused) this.fail(refused);   // nothing on this connection was executed
  }

  /** Closes the connection; every call still waiting gets `error` (or the refusal that came first). */
  fail(error) {
    if (!this.closed) {
      this.closed = true;
      if (!this.error) this.error = error;
    }
    const pending = this.pending;
    this.pending = [];
    for (const entry of pending) {
      if (!entry.abandoned) entry.reject(cloneError(this.error));
    }
    if (!this.socket.destroyed) this.socket.destroy();
  }
}

function unreachable(path, err) {
  if (err.code === 'ENOENT') return new BillingUnreachableError(`billingd is not running: no socket at ${path}`);
  if (err.code === 'ECONNREFUSED') {
    return new BillingUnreachableError(`billingd is not running: nobody listens on ${path} (stale socket file?)`);
  }
  return new BillingUnreachableError(`cannot connect to ${path}: ${err.message}`);
}

module.exports = { Connection, NotSent };
