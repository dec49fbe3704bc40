'use strict';
// The TypeScript declarations: generated from Protocol/methods.json and up to date (the
// generator's --check), and they type-check real usage (tsc --strict, from the Debian package
// node-typescript that scripts/setup installs).

const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { test } = require('node:test');

const NODE_DIR = path.resolve(__dirname, '..');

test('methods.d.ts and the access tables are what tools/generate.mjs writes from methods.json', () => {
  const p = spawnSync(process.execPath, [path.join(NODE_DIR, 'tools', 'generate.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
});

test('the declarations accept correct calls and reject wrong ones (tsc --strict)', () => {
  let tsc;
  try {
    tsc = execFileSync('sh', ['-c', 'command -v tsc'], { encoding: 'utf8' }).trim();
  } catch {
    assert.fail('tsc not found: run scripts/setup (apt-get install node-typescript)');
  }
  const p = spawnSync(tsc, ['--noEmit', '--strict', '--target', 'es2020', '--moduleResolution', 'node',
    path.join(NODE_DIR, 'test', 'types', 'usage.ts')], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stdout + p.stderr);
});
