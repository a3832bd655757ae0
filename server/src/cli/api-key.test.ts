import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../config/index.js';
import { startServer } from '../server.js';
import { createLogger } from '../logger.js';
import { call, sampleSession } from '../testing/harness.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ik-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=interview-kit-source', '--import', 'tsx', join(import.meta.dirname, '..', 'index.ts'), 'api-key', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });

test('api-key create prints a key once; it works until api-key revoke', async () => {
  const created = cli('create', '--label', 'ats');
  assert.equal(created.status, 0, created.stderr);
  const key = created.stdout.trim().split('\n').at(-1)!;
  const id = /API key (\w+)/.exec(created.stdout)![1]!;
  assert.match(key, /^ik_[0-9a-f]{12}_/);

  const listed = cli('list');
  assert.match(listed.stdout, new RegExp(`${id}\\ttenant=default\\tlabel=ats`));
  assert.ok(!listed.stdout.includes(key), 'list never shows secrets');

  const server = await startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), createLogger('silent'));
  try {
    assert.equal((await call(server.url, 'POST', '/v1/sessions', { auth: key, body: sampleSession() })).status, 201);
    assert.equal(cli('revoke', id).status, 0);
    assert.equal((await call(server.url, 'POST', '/v1/sessions', { auth: key, body: sampleSession() })).status, 401);
    assert.equal(cli('revoke', id).status, 1, 'revoking twice says there is no active key');
  } finally {
    await server.close();
  }
});

test('api-key without a command prints usage and exits 2', () => {
  const result = cli();
  assert.equal(result.status, 2);
  assert.match(result.stdout, /usage: npm run server -- api-key/);
});
