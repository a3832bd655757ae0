import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hocuspocus } from '@hocuspocus/server';
import { serveDiagnostics, type Diagnostics } from './diagnostics.js';
import { spawnReferenceServer } from '../../../scripts/lib/reference-server.mjs';
import { createSession } from '../testing/harness.js';
import { connectProvider, sessionWithCode, until, wsUrl } from '../testing/collab.js';

test('a server started by a benchmark with DIAGNOSTICS_IPC=1 reports its memory after a full GC and the documents it holds', async () => {
  const server = await spawnReferenceServer({ env: { DIAGNOSTICS_IPC: '1' }, database: 'env', nodeArgs: ['--expose-gc'], ipc: true });
  const { child } = server;
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

    const session = await createSession(server, sessionWithCode());
    const client = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
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
    await server.kill();
  }
});

test('without DIAGNOSTICS_IPC=1 the probe does not listen', () => {
  const listeners = process.listenerCount('message');
  const stop = serveDiagnostics({} as Hocuspocus, {});
  assert.equal(process.listenerCount('message'), listeners);
  stop();
});
