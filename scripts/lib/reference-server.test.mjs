// spawnReferenceServer: the one way tests, benchmarks and `npm start` run the real server.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnReferenceServer } from './reference-server.mjs';

describe('spawnReferenceServer', () => {
  it('starts a server that answers with its API key, on SQLite in a fresh folder it removes on stop', async () => {
    const lines = [];
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none'; // the shell's; a test must not use it
    let server;
    try {
      server = await spawnReferenceServer({ onLine: (line) => lines.push(line) });
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(server.wsUrl, server.url.replace('http', 'ws'));
      const listening = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'listening');
      assert.equal(listening?.database, 'sqlite');
      assert.ok(existsSync(server.dataDir));
      const sessions = await fetch(`${server.url}/v1/sessions/none`, { headers: { authorization: `Bearer ${server.apiKey}` } });
      assert.equal(sessions.status, 404, 'the bootstrap key is accepted');
      const stranger = await fetch(`${server.url}/v1/sessions/none`, { headers: { authorization: 'Bearer ik_test_not_the_key_0123456789' } });
      assert.equal(stranger.status, 401);
    } finally {
      await server.stop();
    }
    assert.equal(server.child.signalCode ?? server.child.exitCode, 0, 'SIGTERM shuts it down cleanly');
    assert.equal(existsSync(server.dataDir), false, 'its own data folder is removed');
  });

  it('kill() ends it at once and keeps a data folder it was given, for a restart on the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ik-reference-server-test-'));
    try {
      const first = await spawnReferenceServer({ dataDir });
      await first.kill();
      assert.equal(first.child.signalCode, 'SIGKILL');
      assert.ok(existsSync(join(dataDir, 'interview-kit.sqlite')));
      const second = await spawnReferenceServer({ dataDir, apiKey: first.apiKey });
      assert.equal((await fetch(`${second.url}/healthz`)).status, 200);
      await second.stop();
      assert.ok(existsSync(dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects with the server’s own message when it cannot start', async () => {
    const stderr = [];
    await assert.rejects(
      spawnReferenceServer({ env: { PORT: 'eighty' }, onStderr: (line) => stderr.push(line) }),
      (error) => {
        assert.match(error.message, /exited \(code 78\) before listening/);
        assert.match(error.message, /PORT/);
        return true;
      },
    );
    assert.ok(stderr.some((line) => line.includes('PORT')));
  });
});
