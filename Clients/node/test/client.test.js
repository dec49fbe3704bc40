'use strict';
// The Node client against a real billingd (and fake servers for the transport corners).
// Run: node --test Clients/node/test

const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { test, before, after } = require('node:test');
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');

const billing = require('..');
const { BillingClient } = billing;
const { Daemon, FakeServer, droppingProxy, newUser, onLines, shortTempDir, REPO } = require('../tools/test-support');

let daemon;
before(async () => { daemon = await new Daemon().start(); });
after(async () => { await daemon.cleanup(); });

const connectionsSoFar = async (client) => (await client.call('system.stats')).total_connections;

test('calls, params and results', async () => {
  const c = new BillingClient({ socketPath: daemon.socket, timeoutMs: 10000 });
  try {
    assert.equal((await c.call('system.health')).status, 'ok');
    const plans = (await c.call('plans.list')).plans;
    assert.deepEqual(plans.map((p) => p.id), ['free', 'basic', 'pro', 'enterprise']);
    assert.equal((await c.call('plans.get', { plan_id: 'basic' })).price, '9.99');
    const user = await newUser(c);
    const r = await c.call('credits.consume', { user_id: user, amount: 3n, cost_usd: '0.000125', usage_type: 'ai' });
    assert.equal(r.credits_used, 3);
    assert.equal(r.current_credits, 7);
    assert.equal((await c.call('credits.grant', { user_id: user, amount: 5 })).current_credits, 12);
    const pay = await c.call('payments.record', { user_id: user, amount: '19.9', currency: 'USD', status: 'completed' });
    assert.equal(pay.amount, '19.90');
    const meta = { q: 'say "hi"\\ \n\t\u0001', e: 'café 😀', n: [1, { x: null }] };
    const sub = (await c.call('subscriptions.current', { user_id: user }));
    assert.equal(sub.plan_id, 'free');
    const other = await c.call('subscriptions.create', { user_id: `m-${user}`, plan_id: 'free', metadata: meta });
    assert.deepEqual(other.subscription.metadata, meta);
  } finally {
    c.close();
  }
});

test('entitlements.get and the products-per-batch limit', async () => {
  const c = new BillingClient({ socketPath: daemon.socket, timeoutMs: 10000 });
  try {
    const user = await newUser(c);
    const e = await c.call('entitlements.get', { user_id: user });
    assert.deepEqual([e.plan_id, e.status, e.limits.max_products_per_batch], ['free', 'active', 1]);
    assert.equal(e.features.csv_upload, true);
    await assert.rejects(c.call('credits.consume', { user_id: user, amount: 1, product_count: 2 }),
      (err) => err instanceof billing.PlanLimitExceededError && err.code === 1011 && err.data.limit === 1);
    assert.equal((await c.call('credits.get', { user_id: user })).current_credits, 10);
  } finally {
    c.close();
  }
});

test('every contract error type is its own class with code, type and data', async () => {
  const catalog = JSON.parse(fs.readFileSync(path.join(REPO, 'Protocol', 'methods.json'), 'utf8'));
  for (const { code, type } of catalog.errors) {
    const err = billing.errorFromResponse({ code, message: 'm', data: { type, extra: 1 } });
    assert.notEqual(err.constructor, billing.BillingError, `no class for ${type}`);
    assert.ok(err instanceof billing.BillingError && err instanceof Error);
    assert.deepEqual([err.code, err.type, err.message, err.data.extra], [code, type, 'm', 1]);
  }
  const unknown = billing.errorFromResponse({ code: 4242, message: 'new', data: { type: 'brand_new' } });
  assert.equal(unknown.constructor, billing.BillingError);
  assert.equal(unknown.type, 'brand_new');
  assert.ok(new billing.RequestTooLargeError(-32600, 'x', {}) instanceof billing.InvalidRequestError);

  const c = new BillingClient({ socketPath: daemon.socket });
  try {
    const user = await newUser(c);
    await assert.rejects(c.call('credits.consume', { user_id: user, amount: 11 }), (e) => {
      assert.ok(e instanceof billing.InsufficientCreditsError);
      assert.deepEqual([e.code, e.type, e.data.available, e.data.requested], [1004, 'insufficient_credits', 10, 11]);
      return true;
    });
    await assert.rejects(c.call('credits.get', { user_id: user, usr_id: 'typo' }),
      (e) => e instanceof billing.InvalidParamsError && e.data.field === 'usr_id');
    await assert.rejects(c.call('credits.get', { user_id: `nobody-${randomUUID()}` }), billing.NotFoundError);
    await assert.rejects(c.call('credits.steal', {}), (e) => e instanceof billing.MethodNotFoundError && e.code === -32601);
    const key = `k-${user}`;
    const first = await c.call('credits.consume', { user_id: user, amount: 2, idempotency_key: key });
    assert.deepEqual(await c.call('credits.consume', { user_id: user, amount: 2, idempotency_key: key }), first);
    await assert.rejects(c.call('credits.consume', { user_id: user, amount: 3, idempotency_key: key }),
      billing.IdempotencyConflictError);
    assert.equal((await c.call('credits.get', { user_id: user })).current_credits, 8);
  } finally {
    c.close();
  }
});

test('100 concurrent calls share one pipelined connection', async () => {
  const c = new BillingClient({ socketPath: daemon.socket });
  try {
    const user = await newUser(c, 90);
    const before = await connectionsSoFar(c);
    const results = await Promise.all(Array.from({ length: 100 }, (_, n) =>
      c.call('credits.consume', { user_id: user, amount: 1, idempotency_key: `t${n}-${user}` })));
    assert.deepEqual(results.map((r) => r.current_credits).sort((a, b) => a - b), [...Array(100).keys()]);
    assert.equal(new Set(results.map((r) => r.usage_id)).size, 100);
    const refused = await Promise.allSettled(Array.from({ length: 50 }, () =>
      c.call('credits.consume', { user_id: user, amount: 1 })));
    assert.ok(refused.every((o) => o.status === 'rejected' && o.reason instanceof billing.InsufficientCreditsError));
    // submitted in one go, answered in order: balances count down
    const user2 = await newUser(c, 190);
    const inOrder = await Promise.all(Array.from({ length: 200 }, () => c.call('credits.consume', { user_id: user2, amount: 1 })));
    assert.deepEqual(inOrder.map((r) => r.current_credits), [...Array(200).keys()].reverse());
    assert.equal(await connectionsSoFar(c), before);
    assert.equal((await c.call('system.verify')).ok, true);
  } finally {
    c.close();
  }
});

test('the client really pipelines (nothing is answered until 50 requests arrived)', async () => {
  const srv = await new FakeServer((socket) => {
    const reqs = [];
    onLines(socket, (line) => {
      reqs.push(JSON.parse(line));
      if (reqs.length === 50) {
        for (const r of reqs) socket.write(JSON.stringify({ jsonrpc: '2.0', id: r.id, result: { echo: r.params.n } }) + '\n');
      }
    });
  }).listen();
  const c = new BillingClient({ socketPath: srv.path, timeoutMs: 5000 });
  try {
    const got = await Promise.all(Array.from({ length: 50 }, (_, n) => c.call('test.echo', { n })));
    assert.deepEqual(got.map((g) => g.echo), [...Array(50).keys()]);
    assert.equal(srv.connections, 1);
  } finally {
    c.close();
    await srv.close();
  }
});

test('a mismatched response id is a connection error', async () => {
  const srv = await new FakeServer((socket) => {
    onLines(socket, () => socket.write('{"jsonrpc":"2.0","id":999999,"result":{}}\n'));
  }).listen();
  const c = new BillingClient({ socketPath: srv.path, timeoutMs: 5000, retries: 0 });
  try {
    await assert.rejects(c.call('credits.grant', { user_id: 'u', amount: 1 }),
      (e) => e instanceof billing.BillingConnectionError && /does not match/.test(e.message) && e.code === 'ECONNLOST');
  } finally {
    c.close();
    await srv.close();
  }
});

test('a timeout is never retried, and a late answer does not reach the next caller', async () => {
  const srv = await new FakeServer((socket) => {
    let answered = new Promise((resolve) => setTimeout(resolve, 600));   // the first answer is late
    onLines(socket, (line) => {
      const req = JSON.parse(line);
      answered = answered.then(() => socket.write(JSON.stringify({ jsonrpc: '2.0', id: req.id, result: { n: req.params.n } }) + '\n'));
    });
  }).listen();
  const c = new BillingClient({ socketPath: srv.path, timeoutMs: 300 });
  try {
    const t0 = Date.now();
    await assert.rejects(c.call('credits.consume', { user_id: 'u', amount: 1, idempotency_key: 'k', n: 1 }),
      (e) => e instanceof billing.BillingTimeoutError && e.type === 'timeout' && e.code === 'ETIMEDOUT');
    assert.ok(Date.now() - t0 < 1000);
    c.timeoutMs = 5000;
    assert.deepEqual(await c.call('test.echo', { n: 2 }), { n: 2 });   // queued behind the late one
    assert.equal(srv.connections, 1);
  } finally {
    c.close();
    await srv.close();
  }
});

test('an unreachable daemon: every call is retried, then BillingUnreachableError', async () => {
  const dir = shortTempDir('bdjn');
  try {
    const c = new BillingClient({ socketPath: path.join(dir, 'none.sock'), retries: 3, retryDelayMs: 200 });
    const t0 = Date.now();
    await assert.rejects(c.call('credits.grant', { user_id: 'u', amount: 1 }),
      (e) => e instanceof billing.BillingUnreachableError && /not running/.test(e.message) && e.type === 'unreachable');
    assert.ok(Date.now() - t0 >= 200 + 400 + 600 - 20);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a refused connection is OverloadedError, retried only when repeatable', async () => {
  const refusal = '{"jsonrpc":"2.0","id":null,"error":{"code":1009,"message":"too many connections","data":{"type":"overloaded"}}}\n';
  const srv = await new FakeServer((socket, n) => {
    setTimeout(() => socket.end(refusal), n % 2 === 0 ? 20 : 0);  // half the time after the request
  }).listen();
  const c = new BillingClient({ socketPath: srv.path, retries: 3, retryDelayMs: 1 });
  try {
    for (let i = 0; i < 10; i++) {
      await assert.rejects(c.call('credits.grant', { user_id: 'u', amount: 1 }), billing.OverloadedError);
    }
    assert.equal(srv.connections, 10);
    for (let i = 0; i < 10; i++) await assert.rejects(c.call('system.health'), billing.OverloadedError);
    assert.equal(srv.connections, 10 + 10 * 4);
  } finally {
    c.close();
    await srv.close();
  }
});

test('a lost answer is retried only for reads and keyed calls', async () => {
  const direct = new BillingClient({ socketPath: daemon.socket });
  try {
    const user = await newUser(direct, 90);
    let proxy = await droppingProxy(daemon.socket);
    let c = new BillingClient({ socketPath: proxy.path });
    const r = await c.call('credits.consume', { user_id: user, amount: 3, idempotency_key: `lost-${user}` });
    assert.equal(proxy.attempts, 2);
    assert.deepEqual(r, proxy.dropped[0].result);          // the daemon's first answer: ran once
    c.close(); await proxy.server.close();

    proxy = await droppingProxy(daemon.socket);
    c = new BillingClient({ socketPath: proxy.path });
    assert.equal((await c.call('credits.get', { user_id: user })).current_credits, 97);
    assert.equal(proxy.attempts, 2);
    c.close(); await proxy.server.close();

    proxy = await droppingProxy(daemon.socket);
    c = new BillingClient({ socketPath: proxy.path });
    await assert.rejects(c.call('credits.consume', { user_id: user, amount: 5 }),
      (e) => e instanceof billing.BillingConnectionError && !(e instanceof billing.BillingUnreachableError));
    assert.equal(proxy.attempts, 1);
    c.close(); await proxy.server.close();
    assert.equal((await direct.call('credits.get', { user_id: user })).current_credits, 92);   // ran once
  } finally {
    direct.close();
  }
});

test('reconnects after a daemon restart; 100 concurrent callers ride one out', async () => {
  const d = await new Daemon().start();
  try {
    const c = new BillingClient({ socketPath: d.socket, retries: 0 });
    const user = await newUser(c, 100 * 10 - 10);
    await d.stop();
    await assert.rejects(c.call('credits.get', { user_id: user }), billing.BillingUnreachableError);
    await d.start();
    assert.equal((await c.call('credits.get', { user_id: user })).current_credits, 1000);
    await d.stop();
    await d.start();
    assert.equal((await c.call('credits.get', { user_id: user })).current_credits, 1000);

    c.retries = 30;
    c.retryDelayMs = 20;
    let done = 0;
    let stoppedAt = null;
    let progress;
    const reached = new Promise((resolve) => { progress = resolve; });
    const restart = reached.then(async () => { await d.stop(); stoppedAt = done; await d.start(); });
    await Promise.all(Array.from({ length: 100 }, async (_, n) => {
      for (let i = 0; i < 10; i++) {
        await c.call('credits.consume', { user_id: user, amount: 1, idempotency_key: `r${n}-${i}-${user}` });
        await c.call('credits.get', { user_id: user });
        if (++done === 200) progress();
      }
    }));
    await restart;
    assert.ok(stoppedAt >= 200 && stoppedAt < 1000, `the restart came in the middle (${stoppedAt})`);
    const credits = await c.call('credits.get', { user_id: user });
    assert.deepEqual([credits.current_credits, credits.total_credits_used], [0, 1000]);
    c.close();
  } finally {
    await d.cleanup();
  }
});

test('an idle client does not keep the process alive', () => {
  const script = `const { BillingClient } = require(${JSON.stringify(path.resolve(__dirname, '..'))});
    new BillingClient({ socketPath: process.argv[1] }).call('system.health')
      .then((h) => console.log('health', h.status));`;
  const out = execFileSync(process.execPath, ['-e', script, daemon.socket], { encoding: 'utf8', timeout: 10000 });
  assert.equal(out.trim(), 'health ok');    // it exited on its own, without close()
});
