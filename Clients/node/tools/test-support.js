'use strict';
// What the Node suites share: throw-away daemons (env BILLINGD_BIN, else
// <repo>/.build/debug/billingd, each in its own short temp dir), fake servers and a proxy.

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const REPO = path.resolve(__dirname, '..', '..', '..');
const BILLINGD_BIN = process.env.BILLINGD_BIN || path.join(REPO, '.build', 'debug', 'billingd');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Linux caps socket paths at 107 bytes: keep the directory short. */
function shortTempDir(prefix) {
  return fs.mkdtempSync(path.join(fs.existsSync('/tmp') ? '/tmp' : os.tmpdir(), prefix));
}

/** One request on a fresh connection; the parsed answer, or null. */
function rawCall(socketPath, line) {
  return new Promise((resolve) => {
    const s = net.createConnection({ path: socketPath });
    let buf = '';
    const done = (v) => { s.destroy(); resolve(v); };
    s.setTimeout(1000, () => done(null));
    s.on('error', () => done(null));
    s.on('connect', () => s.write(line + '\n'));
    s.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) done(JSON.parse(buf.slice(0, nl)));
    });
    s.on('end', () => done(null));
  });
}

/**
 * The store a new daemon serves: a SQLite file in `dir`, or, with BILLINGD_TEST_STORE=postgresql,
 * a fresh database on the run's PostgreSQL server (scripts/fresh-database).
 */
function storeArguments(dir) {
  if (process.env.BILLINGD_TEST_STORE !== 'postgresql') return ['--db', path.join(dir, 'b.sqlite3')];
  const url = execFileSync(path.join(REPO, 'scripts', 'fresh-database'), { encoding: 'utf8' }).trim();
  return ['--database', url];
}

/** A throw-away billingd: start, stop (SIGTERM), restart on the same store + socket. */
class Daemon {
  constructor(...extra) {
    if (!fs.existsSync(BILLINGD_BIN)) throw new Error(`billingd not found at ${BILLINGD_BIN} (set BILLINGD_BIN)`);
    this.dir = shortTempDir('bdjs');
    this.socket = path.join(this.dir, 'b.sock');
    this.log = path.join(this.dir, 'daemon.log');
    this.args = ['serve', '--socket', this.socket, ...storeArguments(this.dir), '--log-level', 'warning', '--test-clock', ...extra];
    this.proc = null;
  }

  async start() {
    const log = fs.openSync(this.log, 'a');
    this.proc = spawn(BILLINGD_BIN, this.args, { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    let exited = null;
    this.proc.once('exit', (code) => { exited = code; });
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline) {
      if (exited !== null) throw new Error(`billingd exited with ${exited}: ${fs.readFileSync(this.log, 'utf8').slice(-2000)}`);
      const resp = fs.existsSync(this.socket) ? await rawCall(this.socket, '{"jsonrpc":"2.0","id":1,"method":"system.health"}') : null;
      if (resp && resp.result && resp.result.status === 'ok') return this;
      await sleep(20);
    }
    await this.stop();
    throw new Error(`billingd did not become ready: ${fs.readFileSync(this.log, 'utf8').slice(-2000)}`);
  }

  async stop() {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  }

  async cleanup() {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A Unix-socket server run by handler(socket, n) for the n-th connection (1-based). */
class FakeServer {
  constructor(handler) {
    this.dir = shortTempDir('bdjf');
    this.path = path.join(this.dir, 'f.sock');
    this.connections = 0;
    this.sockets = new Set();
    this.server = net.createServer((socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => this.sockets.delete(socket));
      handler(socket, this.connections);
    });
  }

  listen() {
    return new Promise((resolve) => this.server.listen(this.path, () => resolve(this)));
  }

  close() {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => {
      fs.rmSync(this.dir, { recursive: true, force: true });
      resolve();
    }));
  }
}

/** Calls onLine(line) for each line the socket sends. */
function onLines(socket, onLine) {
  let buf = '';
  socket.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      onLine(line);
    }
  });
}

/**
 * Forwards to the daemon, but on the first connection passes one request through, reads the
 * daemon's answer and drops the connection instead of answering (a lost answer: the request
 * ran, the client does not know).
 */
async function droppingProxy(daemonSocket) {
  const proxy = { attempts: 0, dropped: [] };
  proxy.server = await new FakeServer((client, n) => {
    const up = net.createConnection({ path: daemonSocket });
    up.on('error', () => {});
    if (n === 1) {
      let sent = false;
      onLines(client, (line) => {
        if (sent) return;
        sent = true;
        proxy.attempts += 1;
        up.write(line + '\n');
      });
      onLines(up, (line) => {
        proxy.dropped.push(JSON.parse(line));
        up.destroy();
        client.destroy();
      });
      return;
    }
    client.once('data', () => { proxy.attempts += 1; });
    client.pipe(up);
    up.pipe(client);
  }).listen();
  proxy.path = proxy.server.path;
  return proxy;
}

async function newUser(client, extraCredits = 0) {
  const user = `u-${randomUUID().slice(0, 12)}`;
  const res = await client.call('subscriptions.create', { user_id: user, plan_id: 'free' });
  if (res.credits.current_credits !== 10) throw new Error('a new free user has 10 credits');
  if (extraCredits) await client.call('credits.grant', { user_id: user, amount: extraCredits });
  return user;
}

module.exports = { REPO, BILLINGD_BIN, Daemon, FakeServer, droppingProxy, newUser, onLines, shortTempDir, sleep };
