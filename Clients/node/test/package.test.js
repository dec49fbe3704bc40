'use strict';
// `npm install ./Clients/node` into a fresh project, offline (no registry): the folder, and the
// tarball `npm pack` makes (so the "files" list is complete); then require() and import of the
// installed package, and the example, talk to a real daemon.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { test, before, after } = require('node:test');

const { Daemon, shortTempDir, REPO } = require('../tools/test-support');

const NODE_DIR = path.resolve(__dirname, '..');
const NPM_FLAGS = ['--offline', '--no-audit', '--no-fund', '--loglevel=error'];

let daemon;
before(async () => { daemon = await new Daemon().start(); });
after(async () => { await daemon.cleanup(); });

function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120000 });
}

function project(dir) {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  return dir;
}

const SMOKE_CJS = `
const { BillingClient, InsufficientCreditsError } = require('billingd-client');
(async () => {
  const c = new BillingClient();
  const user = 'npm-' + process.pid;
  await c.call('subscriptions.create', { user_id: user, plan_id: 'free' });
  const r = await c.call('credits.consume', { user_id: user, amount: 4, idempotency_key: 'n-' + user });
  try { await c.call('credits.consume', { user_id: user, amount: 100 }); } catch (e) {
    if (!(e instanceof InsufficientCreditsError)) throw e;
  }
  console.log('cjs ok', r.current_credits);
  c.close();
})().catch((e) => { console.error(e); process.exit(1); });
`;
const SMOKE_ESM = `
import { BillingClient } from 'billingd-client';
const c = new BillingClient();
console.log('esm ok', (await c.call('system.health')).status);
c.close();
`;

for (const how of ['folder', 'tarball']) {
  test(`npm install of the ${how}, then require, import and the example`, () => {
    const dir = project(shortTempDir('bdnpm'));
    try {
      let spec = NODE_DIR;
      if (how === 'tarball') {
        const name = run('npm', ['pack', '--silent', '--pack-destination', dir, NODE_DIR], dir).trim().split('\n').pop();
        spec = path.join(dir, name);
      }
      run('npm', ['install', ...NPM_FLAGS, spec], dir);
      const installed = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'billingd-client', 'package.json'), 'utf8'));
      assert.equal(installed.name, 'billingd-client');
      for (const f of ['index.d.ts', 'methods.d.ts', 'lib/client.js', 'lib/catalog.js']) {
        assert.ok(fs.existsSync(path.join(dir, 'node_modules', 'billingd-client', f)), f);
      }
      fs.writeFileSync(path.join(dir, 'smoke.cjs'), SMOKE_CJS);
      fs.writeFileSync(path.join(dir, 'smoke.mjs'), SMOKE_ESM);
      fs.copyFileSync(path.join(REPO, 'Clients', 'examples', 'node_example.mjs'), path.join(dir, 'example.mjs'));
      const env = { BILLINGD_SOCKET: daemon.socket };
      assert.match(run('node', ['smoke.cjs'], dir, env), /cjs ok 6/);
      assert.match(run('node', ['smoke.mjs'], dir, env), /esm ok ok/);
      for (const round of [0, 1]) {   // the second run meets the existing subscription
        const out = run('node', ['example.mjs', `ex-${how}`], dir, env);
        assert.equal(out.includes('already has a live subscription'), round === 1);
        assert.match(out, /7 left; the retry changed nothing/);
        assert.match(out, /cannot spend 1000 credits: only 7 available \(insufficient_credits, 1004\)/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
