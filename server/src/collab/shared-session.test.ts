// The session's lifecycle in the shared document (`Y.Map('session')`), written by the server:
// the real server in-process, SQLite in a temp dir, stock Hocuspocus providers and raw sockets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sessionStateOf, type SharedSessionState } from '@interview-kit/core/collab/session-state';
import type { SessionView } from '@interview-kit/core/protocol';
import * as Y from 'yjs';
import { closeReasons, connectProvider, destroyClosedProvider, interviewerAndCandidate, until, wsUrl } from '../testing/collab.js';
import { call, createSession, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';
import type { Hocuspocus } from '@hocuspocus/server';
import { createLogger } from '../logger.js';
import { seedUpdate } from './extensions/persistence.js';
import { SharedSessionWriter, sessionStateUpdate } from './shared-session.js';

/** The lifecycle fields of a session as the API shows them: what the document must hold. */
const expected = (view: SessionView): SharedSessionState => ({
  status: view.status,
  startedAt: view.startedAt,
  endsAt: view.endsAt,
  endedAt: view.endedAt,
  endReason: view.endReason,
});

/** The shared document as its stored history (the replay timeline) rebuilds it. */
async function storedDoc(server: TestServer, sessionId: string): Promise<{ doc: Y.Doc; authors: (string | null)[] }> {
  const doc = new Y.Doc();
  const timeline = await server.services.collab.store.timeline(sessionId);
  for (const { update } of timeline) Y.applyUpdate(doc, update);
  return { doc, authors: timeline.map((u) => u.author) };
}

describe('the session’s lifecycle in the shared document', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  const post = async (path: string, auth: string, body?: unknown) => {
    const res = await call<SessionView>(server.url, 'POST', path, { auth, ...(body === undefined ? {} : { body }) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  test('connected clients see the start, each extension and the end within a second, without reloading', async (t) => {
    const s = await createSession(server, sampleSession({ autoStart: 'manual', durationMinutes: 30 }), { start: false });
    const { interviewer, candidate } = await interviewerAndCandidate(wsUrl(server), s);
    const clients = [interviewer, candidate];
    const sees = async (state: SharedSessionState, what: string) => {
      const asked = performance.now();
      await until(() => clients.every((c) => JSON.stringify(sessionStateOf(c.doc)) === JSON.stringify(state)), what, 1_000);
      t.diagnostic(`${what}: at every client ${(performance.now() - asked).toFixed(0)} ms after the response`);
    };
    try {
      await until(() => clients.every((c) => sessionStateOf(c.doc) !== undefined), 'the state of the scheduled session');
      for (const c of clients) {
        assert.deepEqual(sessionStateOf(c.doc), { status: 'scheduled', startedAt: null, endsAt: null, endedAt: null, endReason: null });
      }

      const started = await post(`/v1/sessions/${s.id}/start`, s.tokenFor('interviewer'));
      assert.ok(started.startedAt && started.endsAt);
      await sees(expected(started), 'the start');

      const extended = await post(`/v1/sessions/${s.id}/extend`, s.tokenFor('interviewer'), { minutes: 10 });
      assert.equal(Date.parse(extended.endsAt!) - Date.parse(started.endsAt!), 10 * 60_000);
      await sees(expected(extended), 'the extension');

      const ended = await post(`/v1/sessions/${s.id}/end`, s.tokenFor('interviewer'));
      assert.equal(ended.endReason, 'interviewer');
      await sees(expected(ended), 'the end');
      assert.equal(sessionStateOf(candidate.doc)!.endsAt, extended.endsAt, 'the end time stays as it was');
    } finally {
      for (const c of clients) c.provider.destroy();
    }
    // Stored as the server's: the history alone rebuilds the final state.
    const { doc, authors } = await storedDoc(server, s.id);
    assert.equal(sessionStateOf(doc)!.status, 'ended');
    assert.ok(!authors.includes('cam') && !authors.includes('ivy'), 'nobody but the server wrote');
  });

  test('a cancelled session’s open room sees it cancelled', async () => {
    const s = await createSession(server, sampleSession({ autoStart: 'manual' }), { start: false });
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      await until(() => sessionStateOf(interviewer.doc)?.status === 'scheduled', 'the scheduled state');
      const cancelled = await post(`/v1/sessions/${s.id}/cancel`, server.apiKey);
      await until(() => sessionStateOf(interviewer.doc)?.status === 'cancelled', 'the cancellation', 1_000);
      assert.deepEqual(sessionStateOf(interviewer.doc), expected(cancelled));
      assert.equal(sessionStateOf(interviewer.doc)!.endReason, 'cancelled');
    } finally {
      interviewer.provider.destroy();
    }
  });

  test('quick changes in a row leave the latest values, in the open document and in the stored history', async () => {
    const s = await createSession(server, sampleSession({ autoStart: 'manual', durationMinutes: 30 }), { start: false });
    const watcher = connectProvider(wsUrl(server), s.id, s.tokenFor('observer'));
    try {
      await until(() => sessionStateOf(watcher.doc)?.status === 'scheduled', 'the scheduled state');
      // Each request answered before the next is sent, none waiting for the document.
      const started = await post(`/v1/sessions/${s.id}/start`, server.apiKey);
      await post(`/v1/sessions/${s.id}/extend`, server.apiKey, { minutes: 5 });
      const twice = await post(`/v1/sessions/${s.id}/extend`, server.apiKey, { minutes: 7 });
      assert.equal(Date.parse(twice.endsAt!) - Date.parse(started.startedAt!), 42 * 60_000);
      const ended = await post(`/v1/sessions/${s.id}/end`, server.apiKey);
      assert.equal(ended.endReason, 'host');
      await until(() => sessionStateOf(watcher.doc)?.status === 'ended', 'the end');
      await server.services.collab.sharedSession.idle();
      assert.deepEqual(sessionStateOf(watcher.doc), expected(ended));
      assert.equal(sessionStateOf(watcher.doc)!.endsAt, twice.endsAt, 'both extensions');
    } finally {
      watcher.provider.destroy();
    }
    const { doc } = await storedDoc(server, s.id);
    assert.deepEqual(sessionStateOf(doc), expected(await view(server, s.id)), 'the history replays to the same state');
  });

  test('a client connecting after the end reads the final state, also after a restart', async () => {
    const s = await createSession(server, sampleSession({ autoStart: 'manual' }), { start: false });
    await post(`/v1/sessions/${s.id}/start`, server.apiKey);
    // Nobody has the document open: the changes reach it through the stored history.
    const ended = await post(`/v1/sessions/${s.id}/end`, s.tokenFor('interviewer'));
    const late = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    try {
      await until(() => sessionStateOf(late.doc)?.status === 'ended', 'the final state');
      assert.deepEqual(sessionStateOf(late.doc), expected(ended));
    } finally {
      late.provider.destroy();
    }
    server = await server.restart();
    const afterRestart = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    try {
      await until(() => afterRestart.provider.isSynced, 'synced after the restart');
      assert.deepEqual(sessionStateOf(afterRestart.doc), expected(ended));
      assert.equal(afterRestart.text.toString(), sampleSession().question.starterCode);
    } finally {
      afterRestart.provider.destroy();
    }
  });

  test('a document stored before the server wrote its lifecycle gets the current state when it is opened', async () => {
    const s = await createSession(server, sampleSession());
    const ended = await post(`/v1/sessions/${s.id}/end`, server.apiKey);
    // The history as it was stored before: the starter code only.
    await server.services.collab.store.idle();
    await server.db.deleteFrom('collab_updates').where('document', '=', s.id).execute();
    await server.db.deleteFrom('collab_snapshots').where('document', '=', s.id).execute();
    await server.services.collab.store.append(s.id, s.id, null, seedUpdate((await server.services.sessions.find(s.id))!.question));
    assert.equal(sessionStateOf((await storedDoc(server, s.id)).doc), undefined);

    const reader = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      await until(() => sessionStateOf(reader.doc)?.status === 'ended', 'the current state');
      assert.deepEqual(sessionStateOf(reader.doc), expected(ended));
      assert.equal(reader.text.toString(), sampleSession().question.starterCode);
    } finally {
      reader.provider.destroy();
    }
    assert.deepEqual(sessionStateOf((await storedDoc(server, s.id)).doc), expected(ended), 'and it is stored');
  });

  test('a candidate’s forged session.status is refused: never shown to others, never stored', async () => {
    const s = await createSession(server, sampleSession());
    const { interviewer, candidate: forger } = await interviewerAndCandidate(wsUrl(server), s);
    const reasons = closeReasons(forger.provider);
    try {
      await until(() => sessionStateOf(interviewer.doc)?.status === 'live', 'the live state');
      forger.doc.getMap('session').set('status', 'ended');
      await until(() => reasons.some((r) => r.includes('only the server writes "session"')), 'the refusal at the forger');
      // A later change by the server still arrives, so the forged one would have by now.
      await post(`/v1/sessions/${s.id}/extend`, server.apiKey, { minutes: 1 });
      const extended = await view(server, s.id);
      await until(() => sessionStateOf(interviewer.doc)?.endsAt === extended.endsAt, 'the extension');
      assert.equal(sessionStateOf(interviewer.doc)!.status, 'live');
    } finally {
      await destroyClosedProvider(forger.provider);
      interviewer.provider.destroy();
    }
    const { doc, authors } = await storedDoc(server, s.id);
    assert.equal(sessionStateOf(doc)!.status, 'live', 'the stored history holds no forged status');
    assert.ok(!authors.includes('cam'), 'nothing of the forger’s stored');
  });
});

describe('the session’s lifecycle at its end time', () => {
  test('auto-end at endsAt: the open room sees the session ended for "time"', async () => {
    const server = await startTestServer();
    try {
      const s = await createSession(server, sampleSession({ autoStart: 'manual', autoEnd: true, durationMinutes: 5 }), { start: false });
      const watcher = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
      try {
        await until(() => sessionStateOf(watcher.doc)?.status === 'scheduled', 'the scheduled state');
        await call(server.url, 'POST', `/v1/sessions/${s.id}/start`, { auth: server.apiKey });
        // The interview has been running for 5 min 59 s: one more minute leaves a second and a half.
        const startedAt = new Date(Date.now() - 6 * 60_000 + 1_500).toISOString();
        await server.db.updateTable('sessions').set({ started_at: startedAt }).where('id', '=', s.id).execute();
        const extended = (await call<SessionView>(server.url, 'POST', `/v1/sessions/${s.id}/extend`, { auth: server.apiKey, body: { minutes: 1 } })).body;
        await until(() => sessionStateOf(watcher.doc)?.endsAt === extended.endsAt, 'the new end time');
        assert.equal(sessionStateOf(watcher.doc)!.startedAt, startedAt);

        await until(() => sessionStateOf(watcher.doc)?.status === 'ended', 'the end at endsAt', 10_000);
        const ended = await view(server, s.id);
        assert.equal(ended.endReason, 'time');
        assert.deepEqual(sessionStateOf(watcher.doc), expected(ended));
        assert.ok(Date.parse(ended.endedAt!) >= Date.parse(extended.endsAt!), 'not before the end time');
      } finally {
        watcher.provider.destroy();
      }
    } finally {
      await server.dispose();
    }
  });
});

describe('SharedSessionWriter', () => {
  test('a change made while the document loads reaches it, even when the load read the state before the change', async () => {
    const server = await startTestServer();
    try {
      const { store } = server.services.collab;
      const { sessions } = server.services;
      const writer = new SharedSessionWriter({ store, sessions, logger: createLogger('silent') });
      const s = await createSession(server, sampleSession({ autoStart: 'manual' }), { start: false });
      // Hocuspocus as the writer sees it: the document is loading, and listed once its load hooks return.
      let listed!: () => void;
      const hocuspocus = { documents: new Map<string, Y.Doc>(), loadingDocuments: new Map([[s.id, new Promise<void>((r) => (listed = r))]]) };
      const sync = hocuspocus as unknown as Hocuspocus;
      const document = Object.assign(new Y.Doc(), { name: s.id });
      let readState!: () => void;
      const stateRead = new Promise<void>((r) => (readState = r));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));

      const loaded = writer.loading(sync, document as never, s.id, async () => {
        const session = await sessions.find(s.id);
        readState();
        await held;
        return { session };
      });
      await stateRead;
      // The session starts after the load read it (elsewhere, so that only `writer` writes here).
      const startedAt = new Date().toISOString();
      await server.db.updateTable('sessions').set({ status: 'live', started_at: startedAt }).where('id', '=', s.id).execute();
      const written = writer.write(sync, s.id);
      release();
      await loaded;
      assert.equal(sessionStateOf(document)!.status, 'scheduled', 'the load wrote what it read');

      // Hocuspocus lists the document once its hooks returned; the start's write then finds it open.
      await new Promise((resolve) => setTimeout(resolve, 50));
      hocuspocus.documents.set(s.id, document);
      listed();
      await written;
      assert.deepEqual(sessionStateOf(document), { status: 'live', startedAt, endsAt: null, endedAt: null, endReason: null });
      const stored = new Y.Doc();
      for (const { update } of await store.timeline(s.id)) Y.applyUpdate(stored, update);
      assert.deepEqual(sessionStateOf(stored), sessionStateOf(document), 'stored as shown');
    } finally {
      await server.dispose();
    }
  });
});

describe('sessionStateUpdate', () => {
  const live: SharedSessionState = { status: 'live', startedAt: '2030-01-01T10:00:00.000Z', endsAt: '2030-01-01T10:30:00.000Z', endedAt: null, endReason: null };

  test('writes only the keys that changed, and nothing when none did', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, sessionStateUpdate(doc, live)!);
    assert.deepEqual(sessionStateOf(doc), live);
    assert.deepEqual(Object.keys(doc.getMap('session').toJSON()).sort(), ['endsAt', 'startedAt', 'status'], 'null keys not written');
    assert.equal(sessionStateUpdate(doc, live), undefined);

    const extended = { ...live, endsAt: '2030-01-01T10:40:00.000Z' };
    const update = sessionStateUpdate(doc, extended)!;
    assert.equal(Y.decodeUpdate(update).structs.filter((s) => s instanceof Y.Item).length, 1, 'one value written');
    assert.deepEqual(sessionStateOf(doc), live, 'the base is left as it is');
    Y.applyUpdate(doc, update);
    assert.deepEqual(sessionStateOf(doc), extended);
  });

  test('each write wins over the ones before it, whatever the client ids', () => {
    // Concurrent writes to one key are ordered by client id; writes made on top of each other by time.
    for (let round = 0; round < 20; round++) {
      const server = new Y.Doc();
      const history: Uint8Array[] = [];
      const states: SharedSessionState[] = [
        { ...live, status: 'scheduled', startedAt: null, endsAt: null },
        live,
        { ...live, endsAt: '2030-01-01T10:45:00.000Z' },
        { ...live, endsAt: '2030-01-01T10:45:00.000Z', status: 'ended', endedAt: '2030-01-01T10:44:00.000Z', endReason: 'time' },
      ];
      for (const state of states) {
        const update = sessionStateUpdate(server, state)!;
        history.push(update);
        Y.applyUpdate(server, update);
      }
      const replayed = new Y.Doc();
      for (const update of history) Y.applyUpdate(replayed, update);
      assert.deepEqual(sessionStateOf(replayed), states.at(-1));
      const shuffled = new Y.Doc();
      for (const update of [...history].reverse()) Y.applyUpdate(shuffled, update);
      assert.deepEqual(sessionStateOf(shuffled), states.at(-1), 'in any order of arrival');
    }
  });
});

async function view(server: TestServer, id: string): Promise<SessionView> {
  return (await call<SessionView>(server.url, 'GET', `/v1/sessions/${id}`, { auth: server.apiKey })).body;
}
