import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_SHARED_RUNS, type SharedRunRecord } from '@interview-kit/core/runs';
import * as Y from 'yjs';
import { clampLimits } from '../adapters/executor/types.js';
import type { StoredRun } from '../services/runs/store.js';
import { createSession, startTestServer, type TestServer } from '../testing/harness.js';
import { connectProvider, sessionWithCode, until, wsUrl } from '../testing/collab.js';
import { documentName } from './documents.js';
import { recordUpdate, RunRecords } from './run-records.js';
import { serverWritesOf } from './server-owned-writer.js';
import type { CollabStore } from './store.js';

const record = (id: string) => ({ id, by: { id: 'cam', name: 'Cam', role: 'candidate' }, verdict: 'ok' }) as unknown as SharedRunRecord;
const idsOf = (doc: Y.Doc) => doc.getArray<SharedRunRecord>('runs').toArray().map((r) => r.id);

test('the document keeps the last 100 run records, oldest dropped, one per run id', () => {
  const written = new Y.Doc();
  const document = new Y.Doc();
  for (let i = 1; i <= MAX_SHARED_RUNS + 5; i++) Y.applyUpdate(document, recordUpdate(written, record(`run-${i}`))!);
  assert.equal(idsOf(document).length, MAX_SHARED_RUNS);
  assert.equal(idsOf(document)[0], 'run-6');
  assert.equal(idsOf(document).at(-1), `run-${MAX_SHARED_RUNS + 5}`);
  assert.equal(recordUpdate(written, record('run-50')), undefined, 'a run already recorded is not recorded twice');
  assert.deepEqual(idsOf(written), idsOf(document));
});

test('records build on the server’s writes alone: clients’ edits of the same document do not change them', () => {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const history: { author: string | null; update: Uint8Array }[] = [];
  const log = (doc: Y.Doc, author: string | null, change: () => void) => {
    doc.once('update', (update: Uint8Array) => history.push({ author, update }));
    doc.transact(change);
  };
  log(server, null, () => server.getText('code').insert(0, 'x = 1\n'));
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  for (let i = 0; i < 3; i++) {
    const update = recordUpdate(serverWritesOf(history), record(`run-${i}`))!;
    history.push({ author: null, update });
    Y.applyUpdate(client, update);
    log(client, 'cam', () => client.getText('code').insert(0, `# ${i}\n`));
  }
  const whole = new Y.Doc();
  for (const { update } of history) Y.applyUpdate(whole, update);
  assert.deepEqual(idsOf(whole), ['run-0', 'run-1', 'run-2']);
  assert.equal(whole.getText('code').toString(), '# 2\n# 1\n# 0\nx = 1\n');
  assert.deepEqual(idsOf(serverWritesOf(history)), idsOf(whole));
});

describe('run records in the shared document', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ database: 'sqlite' });
  });
  after(() => server.dispose());

  /** The real store, counting how often a document's stored history is read. */
  function countingStore(): { store: CollabStore; reads: () => number } {
    const real = server.services.collab.store;
    let reads = 0;
    const store = new Proxy(real, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (key === 'load' || key === 'timeline') {
          return (...args: unknown[]) => {
            reads++;
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
    return { store, reads: () => reads };
  }

  const runOf = (sessionId: string, id: string): StoredRun => ({
    id,
    sessionId,
    participantId: 'cam',
    language: 'python',
    stdin: '',
    createdAt: new Date().toISOString(),
    result: { verdict: 'ok', stdout: `${id}\n`, stderr: '', exitCode: 0, signal: null, cpuMs: 1, wallMs: 2, memoryKb: 3, truncated: false, limits: clampLimits() },
  });

  test('many runs in a session nobody has open: the stored history is read once, and a client opening it later gets the last 100 in order', async () => {
    const created = await createSession(server, sessionWithCode('x = 1\n'));
    const session = (await server.services.sessions.find(created.id))!;
    const { store, reads } = countingStore();
    const records = new RunRecords({ sync: server.services.collab.sync, store });
    const total = MAX_SHARED_RUNS + 20;
    for (let i = 0; i < total; i++) void records.publish(runOf(session.id, `run-${i}`), session);
    await records.idle();
    assert.equal(reads(), 1, 'the history is read for the first record only');

    const stored = new Y.Doc();
    for (const update of await server.services.collab.store.load(documentName(session.id, 'shared'))) Y.applyUpdate(stored, update);
    const expected = Array.from({ length: MAX_SHARED_RUNS }, (_, i) => `run-${i + 20}`);
    assert.deepEqual(idsOf(stored), expected);

    const client = connectProvider(wsUrl(server), session.id, created.tokenFor('interviewer'));
    try {
      await until(() => client.provider.isSynced, 'sync');
      assert.deepEqual(idsOf(client.doc), expected);
      assert.equal(client.text.toString(), 'x = 1\n', 'the starter code is seeded all the same');
      // With the document open: a new record reaches the client, and a reveal replaces a record in place.
      client.text.insert(0, '# edited\n');
      await records.publish(runOf(session.id, 'run-open'), session);
      await until(() => idsOf(client.doc).at(-1) === 'run-open', 'the record of a run made while the document is open');
      const revealed = { ...runOf(session.id, 'run-50'), result: { ...runOf(session.id, 'run-50').result, stdout: 'revealed\n' } };
      await records.reveal(revealed, session);
      await until(() => client.doc.getArray<SharedRunRecord>('runs').toArray().some((r) => r.stdout === 'revealed\n'), 'the revealed record');
      assert.equal(idsOf(client.doc).length, MAX_SHARED_RUNS);
      assert.equal(idsOf(client.doc).indexOf('run-50'), 29, 'replaced where it was');
      assert.equal(idsOf(client.doc)[0], 'run-21');
      assert.equal(reads(), 1, 'still read once');
    } finally {
      client.provider.destroy();
    }
  });

  test('a server forgetting documents (kept: one) reads their history again and carries on where the log left off', async () => {
    const created = await Promise.all([1, 2].map(() => createSession(server, sessionWithCode(''))));
    const sessions = await Promise.all(created.map(async (s) => (await server.services.sessions.find(s.id))!));
    const { store, reads } = countingStore();
    const records = new RunRecords({ sync: server.services.collab.sync, store, keptDocuments: 1 });
    for (let i = 0; i < 3; i++) for (const session of sessions) await records.publish(runOf(session.id, `run-${i}`), session);
    assert.equal(reads(), 6, 'each switch of document reads its history again');
    for (const session of sessions) {
      const stored = new Y.Doc();
      for (const update of await server.services.collab.store.load(documentName(session.id, 'shared'))) Y.applyUpdate(stored, update);
      assert.deepEqual(idsOf(stored), ['run-0', 'run-1', 'run-2']);
    }
  });
});
