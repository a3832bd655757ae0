import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Hocuspocus } from '@hocuspocus/server';
import { serveDiagnostics, type Diagnostics } from './diagnostics.js';
import { connectProvider, createSession, killServer, spawnServer, until } from './testing.js';

test('a server started by a benchmark with DIAGNOSTICS_IPC=1 reports its memory after a full GC and the documents it holds', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-collab-diagnostics-'));
  const { child, url } = await spawnServer(dataDir, { DIAGNOSTICS_IPC: '1', LOG_LEVEL: 'warn' }, { nodeArgs: ['--expose-gc'], ipc: true });
  let nextId = 0;
  const ask = (gc: boolean) =>
    new Promise<Diagnostics>((resolve) => {
      const id = ++nextId;
      const onMessage = (message: Diagnostics) => {
        if (message.id !== id) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type: 'diagnostics', id, gc });
    });
  try {
    const idle = await ask(true);
    assert.equal(idle.collected, true);
    assert.equal(idle.documents, 0);
    assert.ok(idle.heapUsed > 0 && idle.rss >= idle.heapUsed);

    const session = await createSession(url);
    const client = connectProvider(url.replace(/^http/, 'ws'), session.id, session.tokens.candidate);
    await until(() => client.provider.isSynced, 'first sync');
    const busy = await ask(false);
    assert.deepEqual([busy.documents, busy.connections, busy.collected], [1, 1, false]);
    client.provider.destroy();
    let left = await ask(false);
    while (left.documents > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await ask(false);
    }
    assert.equal(left.connections, 0);
  } finally {
    await killServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('without DIAGNOSTICS_IPC=1 the probe does not listen', () => {
  const listeners = process.listenerCount('message');
  const stop = serveDiagnostics({} as Hocuspocus, {});
  assert.equal(process.listenerCount('message'), listeners);
  stop();
});
