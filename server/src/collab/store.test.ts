import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as Y from 'yjs';
import { SessionStatusCache } from './session-status.js';
import { CollabStore } from './store.js';
import pg from 'pg';
import { createSession, startTestServer, usingPostgres, type TestServer } from '../testing/harness.js';
import { sessionWithCode } from '../testing/collab.js';

/** A one-character Yjs update, as a keystroke makes. */
function keystroke(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | undefined;
  doc.once('update', (u: Uint8Array) => (update = u));
  doc.getText('code').insert(doc.getText('code').length, text);
  return update!;
}

describe('collaboration store: grouped commits', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  test('appends made in one turn are committed together, each in order, and each resolves only once committed', async () => {
    const groups: number[] = [];
    // An interval longer than the turn takes here, however slow the machine.
    const store = new CollabStore(server.db, { commitIntervalMs: 5_000, onGroupCommitted: (n) => groups.push(n) });
    const sessions = await Promise.all([1, 2, 3, 4].map(() => createSession(server, sessionWithCode(''))));
    const docs = sessions.map(() => new Y.Doc());
    const appends: Promise<number | undefined>[] = [];
    for (let i = 0; i < 50; i++) {
      sessions.forEach((s, d) => appends.push(store.append(s.id, s.id, 'cam', keystroke(docs[d]!, String(i % 10)))));
    }
    const seqs = await Promise.all(appends);
    assert.deepEqual(groups, [200], 'one transaction for the whole turn');
    assert.ok(seqs.every((seq) => typeof seq === 'number'));
    for (const [d, s] of sessions.entries()) {
      const mine = seqs.filter((_, i) => i % sessions.length === d) as number[];
      assert.deepEqual(mine, [...mine].sort((a, b) => a - b), 'a document’s updates are numbered in the order they were appended');
      const replayed = new Y.Doc();
      for (const { update } of await store.timeline(s.id)) Y.applyUpdate(replayed, update);
      assert.equal(replayed.getText('code').toString(), docs[d]!.getText('code').toString());
    }
  });

  test('under load, appends of the turns within the commit interval share one transaction; an idle store commits at the end of the turn', async () => {
    const groups: number[] = [];
    const store = new CollabStore(server.db, { commitIntervalMs: 200, onGroupCommitted: (n) => groups.push(n) });
    const s = await createSession(server, sessionWithCode(''));
    const doc = new Y.Doc();
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const idleAt = performance.now();
    const first = store.append(s.id, s.id, 'cam', keystroke(doc, 'a'));
    assert.equal(typeof (await first), 'number');
    assert.ok(performance.now() - idleAt < 150, 'the first append does not wait for the interval');
    assert.deepEqual(groups, [1]);
    // Three keystrokes in three later turns, while the interval since that commit runs.
    const later: Promise<number | undefined>[] = [];
    for (const key of ['b', 'c', 'd']) {
      await nextTurn();
      later.push(store.append(s.id, s.id, 'cam', keystroke(doc, key)));
    }
    const seqs = await Promise.all(later);
    assert.deepEqual(groups, [1, 3], 'one transaction for the three turns');
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a! - b!));
    const replayed = new Y.Doc();
    for (const { update } of await store.timeline(s.id)) Y.applyUpdate(replayed, update);
    assert.equal(replayed.getText('code').toString(), 'abcd');
  });

  // SQLite commits within the turn; PostgreSQL's answers arrive in later turns.
  test('in a long turn (a loaded server reading its sockets), groups are committed every interval, not only at its end', { skip: usingPostgres() && 'SQLite only' }, async () => {
    const groups: number[] = [];
    const store = new CollabStore(server.db, { commitIntervalMs: 4, onGroupCommitted: (n) => groups.push(n) });
    const s = await createSession(server, sessionWithCode(''));
    const doc = new Y.Doc();
    const appends: Promise<number | undefined>[] = [];
    let endOfTurn = false;
    setImmediate(() => (endOfTurn = true));
    // Forty socket reads of 1 ms each, one after the other in one turn: each one's promise
    // callbacks run after it, but nothing scheduled for the end of the turn does.
    for (let i = 0; i < 40; i++) {
      appends.push(store.append(s.id, s.id, 'cam', keystroke(doc, 'x')));
      const until = performance.now() + 1;
      while (performance.now() < until);
      for (let hop = 0; hop < 20; hop++) await Promise.resolve();
    }
    const committedInTurn = groups.reduce((sum, n) => sum + n, 0);
    assert.equal(endOfTurn, false, 'still the same turn');
    assert.ok(groups.length >= 4 && committedInTurn >= 20, `committed within the turn: groups ${groups.join(', ')}`);
    assert.ok(groups.every((n) => n <= 10), `groups of about the interval's appends: ${groups.join(', ')}`);
    await Promise.all(appends);
    assert.equal(groups.reduce((sum, n) => sum + n, 0), 40);
  });

  test('participants’ appends of an ended session are refused in a group that stores the others; the server’s final state is stored', async () => {
    const store = new CollabStore(server.db);
    const [live, ended, cancelled] = await Promise.all([1, 2, 3].map(() => createSession(server, sessionWithCode(''))));
    await server.db.updateTable('sessions').set({ status: 'ended' }).where('id', '=', ended!.id).execute();
    await server.db.updateTable('sessions').set({ status: 'cancelled' }).where('id', '=', cancelled!.id).execute();
    const doc = new Y.Doc();
    const [kept, refused, unknown, finalState, cancelledState, nowhere] = await Promise.all([
      store.append(live!.id, live!.id, 'cam', keystroke(doc, 'a')),
      store.append(ended!.id, ended!.id, 'cam', keystroke(doc, 'b')),
      store.append('no-such-session', 'no-such-session', 'cam', keystroke(doc, 'c')),
      store.append(ended!.id, ended!.id, null, keystroke(doc, 'd')),
      store.append(cancelled!.id, cancelled!.id, null, keystroke(doc, 'e')),
      store.append('no-such-session', 'no-such-session', null, keystroke(doc, 'f')),
    ]);
    assert.equal(typeof kept, 'number');
    assert.equal(refused, undefined);
    assert.equal(unknown, undefined);
    assert.deepEqual((await store.timeline(ended!.id)).filter((u) => u.author !== null), [], 'nothing of the participant’s stored');
    assert.equal(typeof finalState, 'number', 'the server writes into an ended session');
    assert.equal(typeof cancelledState, 'number', 'and into a cancelled one');
    assert.equal(nowhere, undefined, 'but not into one that is gone');
  });

  test('an end recorded elsewhere is noticed once the cached status is older than its maximum age', async () => {
    let now = 1_000_000;
    const statuses = new SessionStatusCache({ maxAgeMs: 5_000, now: () => now });
    const store = new CollabStore(server.db, { statuses });
    const s = await createSession(server, sessionWithCode(''));
    const doc = new Y.Doc();
    assert.equal(typeof (await store.append(s.id, s.id, 'cam', keystroke(doc, 'a'))), 'number');
    // Another server on the same database ends the session.
    await server.db.updateTable('sessions').set({ status: 'ended' }).where('id', '=', s.id).execute();
    now += 6_000;
    assert.equal(await store.append(s.id, s.id, 'cam', keystroke(doc, 'b')), undefined);
    assert.equal((await store.timeline(s.id)).filter((u) => u.author !== null).length, 1);
  });

  test(
    'several instances on PostgreSQL: a compaction waits for an append to its document still under way elsewhere, so the snapshot skips nothing',
    { skip: !usingPostgres() && 'PostgreSQL only (TEST_DATABASE_URL)' },
    async () => {
      const session = await createSession(server, sessionWithCode(''));
      const store = new CollabStore(server.db);
      const doc = new Y.Doc();
      const [first, second] = [keystroke(doc, 'a'), keystroke(doc, 'b')];
      // Another instance's append, as CollabStore makes it: its document's shared lock, then its
      // row (the lower sequence number), committed only after this instance appended and compacts.
      const other = new pg.Client({ connectionString: server.config.databaseUrl });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [session.id]);
        await other.query('INSERT INTO collab_updates (session_id, document, author, created_at, update) VALUES ($1, $1, $2, $3, $4)', [
          session.id,
          'cam',
          new Date().toISOString(),
          Buffer.from(first),
        ]);
        await store.append(session.id, session.id, 'ivy', second);
        const compacted = store.compact(session.id);
        const waiting = async () => {
          for (;;) {
            const { rows } = await other.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
            if (rows.length > 0) return;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        };
        await Promise.race([compacted, waiting()]);
        await other.query('COMMIT');
        await compacted;
      } finally {
        await other.end();
      }
      const loaded = new Y.Doc();
      for (const update of await store.load(session.id)) Y.applyUpdate(loaded, update);
      assert.equal(loaded.getText('code').toString(), 'ab', 'both edits load after the compaction');
    },
  );

  test('an end through this server is final at once, even against an older reading', () => {
    const statuses = new SessionStatusCache();
    statuses.remember('s1', 'live');
    statuses.changed('s1', 'ended');
    statuses.remember('s1', 'live');
    statuses.changed('s1', 'live');
    assert.equal(statuses.get('s1'), 'ended');
  });
});

describe('collaboration store: failures', () => {
  test('when the database fails, appends reject (nothing is acknowledged) instead of hanging', async () => {
    const server = await startTestServer();
    const s = await createSession(server, sessionWithCode(''));
    const store = new CollabStore(server.db);
    await server.dispose();
    await assert.rejects(store.append(s.id, s.id, 'cam', keystroke(new Y.Doc(), 'a')));
    await store.idle();
  });
});
