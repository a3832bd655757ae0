import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import * as Y from 'yjs';
import { decodeTimeline, reconstructAt } from '@interview-kit/core/collab/replay';
import { spawnReferenceServer } from '../../../scripts/lib/reference-server.mjs';
import { call, createSession, startTestServer } from '../testing/harness.js';
import { connectProvider, sessionWithCode, until, wsUrl } from '../testing/collab.js';
import { sampleOf } from '../testing/metrics.js';

describe('persistence', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('every update acknowledged to a client survives kill -9 of the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ik-collab-kill-'));
    dirs.push(dataDir);
    const first = await spawnReferenceServer({ dataDir, database: 'env' });
    const session = await createSession(first, sessionWithCode(''));
    const ws = first.url.replace(/^http/, 'ws');
    const client = connectProvider(ws, session.id, session.tokenFor('candidate'));
    let acknowledged = '';
    client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number === 0) acknowledged = client.text.toString();
    });
    await until(() => client.provider.isSynced, 'first sync');
    // Type steadily; kill the server right after an acknowledgement, while more edits are in flight.
    for (let i = 0; i < 40; i++) {
      client.text.insert(client.text.length, `line ${i}\n`);
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => acknowledged.includes('line 30'), 'acknowledgements');
    const frozen = acknowledged;
    first.child.kill('SIGKILL');
    // Let the client go in the same tick, before it notices the server is gone and starts retrying.
    client.provider.destroy();
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await spawnReferenceServer({ dataDir, database: 'env' });
    try {
      const reader = connectProvider(second.url.replace(/^http/, 'ws'), session.id, session.tokenFor('interviewer'));
      await until(() => reader.provider.isSynced, 'sync after restart');
      assert.ok(
        reader.text.toString().startsWith(frozen),
        `acknowledged text (${frozen.length} chars) must survive; found ${reader.text.length} chars`,
      );
      reader.provider.destroy();
    } finally {
      second.child.kill('SIGKILL');
    }
  });

  test('with many clients typing at once (commits grouped), every update acknowledged to any of them survives kill -9', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ik-collab-kill-'));
    dirs.push(dataDir);
    const first = await spawnReferenceServer({ dataDir, database: 'env' });
    const sessions = await Promise.all([0, 1, 2].map(() => createSession(first, sessionWithCode(''))));
    const ws = first.url.replace(/^http/, 'ws');
    const clients = sessions.flatMap((session) =>
      (['candidate', 'interviewer'] as const).map((role) => ({ session, acknowledged: '', ...connectProvider(ws, session.id, session.tokenFor(role)) })),
    );
    for (const client of clients) {
      client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        if (number === 0) client.acknowledged = client.text.toString();
      });
    }
    await until(() => clients.every((c) => c.provider.isSynced), 'first sync');
    // Everyone types at once, each line tagged with its author; kill the server while edits are in flight.
    for (let i = 0; i < 40; i++) {
      clients.forEach((client, k) => client.text.insert(client.text.length, `${k}:${i}\n`));
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => clients.every((client, k) => client.acknowledged.includes(`${k}:30\n`)), 'acknowledgements');
    const metrics = await (await fetch(`${first.url}/metrics`)).text();
    const frozen = clients.map((client) => client.acknowledged);
    first.child.kill('SIGKILL');
    clients.forEach((client) => client.provider.destroy());
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await spawnReferenceServer({ dataDir, database: 'env' });
    try {
      for (const session of sessions) {
        const reader = connectProvider(second.url.replace(/^http/, 'ws'), session.id, session.tokenFor('interviewer'));
        await until(() => reader.provider.isSynced, 'sync after restart');
        const restored = new Set(reader.text.toString().split('\n'));
        clients.forEach((client, k) => {
          if (client.session !== session) return;
          const lost = frozen[k]!.split('\n').filter((line) => line && !restored.has(line));
          assert.deepEqual(lost, [], `lines acknowledged to client ${k} must survive`);
        });
        reader.provider.destroy();
      }
    } finally {
      second.child.kill('SIGKILL');
    }
    const counter = (name: string) => sampleOf(metrics, name) ?? NaN;
    assert.ok(counter('collab_commit_groups_total') < counter('collab_updates_total'), 'some transactions stored several updates');
  });

  test('the timeline reconstructs every recorded state, and only interviewers and the host may read it', async () => {
    const server = await startTestServer();
    try {
      const session = await createSession(server, sessionWithCode('def f():\n'));
      const client = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
      await until(() => client.text.toString() === 'def f():\n', 'the starter code');
      const recorded: { at: number; code: string }[] = [];
      const edits = ['    return 1\n', '\nprint(f())\n', '# done\n'];
      for (const [i, edit] of edits.entries()) {
        client.text.insert(i === 2 ? 0 : client.text.length, edit);
        await until(() => !client.provider.hasUnsyncedChanges, 'acknowledged');
        recorded.push({ at: Date.now(), code: client.text.toString() });
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      client.text.delete(0, 7);
      await until(() => !client.provider.hasUnsyncedChanges, 'acknowledged');
      recorded.push({ at: Date.now(), code: client.text.toString() });
      client.provider.destroy();

      assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`, { auth: session.tokenFor('candidate') })).status, 403);
      assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`, { auth: session.tokenFor('observer') })).status, 403);
      assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`)).status, 401);
      const byHost = await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`, { auth: server.apiKey });
      assert.equal(byHost.status, 200);
      const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`, { auth: session.tokenFor('interviewer') });
      assert.deepEqual(body, byHost.body);

      const timeline = decodeTimeline(body);
      const firstEdit = timeline.findIndex((entry) => entry.author !== null);
      assert.equal(firstEdit, 1, 'the starter code and the session’s state, written together at the first load, come first');
      assert.equal(timeline[0]!.author, null, 'the server’s');
      assert.ok(timeline.slice(firstEdit).every((entry) => entry.author === 'cam'));
      const start = reconstructAt(timeline, timeline[firstEdit - 1]!.at);
      assert.equal(start.getText('code').toString(), 'def f():\n');
      assert.equal(start.getMap('session').get('status'), 'live');
      for (const state of recorded) {
        const doc = reconstructAt(timeline, state.at);
        assert.equal(doc.getText('code').toString(), state.code);
        doc.destroy();
      }
      assert.equal(reconstructAt(timeline, timeline[0]!.at - 1).getText('code').toString(), '');
    } finally {
      await server.dispose();
    }
  });

  test('compaction folds the log into a snapshot; loading from it gives the same document and the log stays whole', async () => {
    const server = await startTestServer();
    try {
      const session = await createSession(server, sessionWithCode(''));
      const { store } = server.services.collab;
      const client = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
      await until(() => client.provider.isSynced, 'first sync');
      for (let i = 0; i < 30; i++) {
        client.text.insert(client.text.length, `${i},`);
        await until(() => !client.provider.hasUnsyncedChanges, 'acknowledged');
      }
      const expected = client.text.toString();
      client.provider.destroy();
      await store.compact(session.id);
      const snapshot = await server.db.selectFrom('collab_snapshots').selectAll().where('document', '=', session.id).executeTakeFirst();
      assert.ok(snapshot, 'a snapshot exists');
      const loaded = new Y.Doc();
      for (const update of await store.load(session.id)) Y.applyUpdate(loaded, update);
      assert.equal(loaded.getText('code').toString(), expected);
      assert.equal((await store.load(session.id)).length, 1, 'only the snapshot is read');
      assert.equal((await store.timeline(session.id)).length, 31, 'the log keeps every update for replay: the starter code and the state (one), 30 edits');
    } finally {
      await server.dispose();
    }
  });
});
