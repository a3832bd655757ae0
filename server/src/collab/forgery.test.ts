// Forged run records and forged identities against the real server: stock Hocuspocus providers,
// raw sockets, the real local sandbox for runs, SQLite in a temp dir (or TEST_DATABASE_URL).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RECORD_STDIN_CHARS, type SharedRunRecord } from '@interview-kit/core/runs';
import { encodeAwarenessUpdate, Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  closeReasons,
  connectProvider,
  destroyClosedProvider,
  frames,
  interviewerAndCandidate,
  rawSocket,
  until,
  wsUrl,
} from '../testing/collab.js';
import { call, createSession, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';

const runsOf = (doc: Y.Doc) => doc.getArray<SharedRunRecord>('runs').toArray();

/** The `user` field each client of `provider`'s awareness shows, by client id. */
function usersSeenBy(provider: { awareness: Awareness | null }): Map<number, { id?: string; name?: string; role?: string; color?: string }> {
  const users = new Map();
  for (const [clientId, state] of provider.awareness!.getStates()) if (state.user) users.set(clientId, state.user);
  return users;
}

/** An awareness of a client with the given id. */
function awarenessOf(clientId: number): Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return new Awareness(doc);
}

async function timelineDoc(url: string, sessionId: string, token: string): Promise<{ doc: Y.Doc; authors: (string | null)[] }> {
  const { body } = await call(url, 'GET', `/v1/sessions/${sessionId}/timeline`, { auth: token });
  const doc = new Y.Doc();
  for (const u of body.updates) Y.applyUpdate(doc, Buffer.from(u.update, 'base64'));
  return { doc, authors: body.updates.map((u: { author: string | null }) => u.author) };
}

describe('server-owned structures and presence', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  test('a candidate’s forged run record is refused: the provider is told why, the interviewer never sees it, nothing is stored', async () => {
    const s = await createSession(server);
    const { interviewer, candidate: forger } = await interviewerAndCandidate(wsUrl(server), s);
    const reasons = closeReasons(forger.provider);
    try {
      forger.doc.getArray('runs').push([
        { id: 'forged', by: { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' }, verdict: 'ok', stdout: 'all tests pass' },
      ]);
      await until(() => reasons.some((r) => r.includes('only the server writes "runs"')), 'the refusal at the forger');
      // The forger's honest-looking edit in the same breath is not taken either, and the session goes on.
      const honest = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
      await until(() => honest.provider.isSynced, 'a fresh candidate client');
      honest.text.insert(0, '# after\n');
      await until(() => interviewer.text.toString().startsWith('# after\n'), 'a later edit at the interviewer');
      honest.provider.destroy();
      assert.deepEqual(runsOf(interviewer.doc), []);
      const { doc, authors } = await timelineDoc(server.url, s.id, s.tokenFor('interviewer'));
      assert.deepEqual(runsOf(doc), [], 'no record in the stored history');
      assert.ok(authors.includes('cam'), 'the honest edit is stored');
    } finally {
      await destroyClosedProvider(forger.provider);
      interviewer.provider.destroy();
    }
  });

  test('a real run’s record reaches every connected client and survives a restart; a forged deletion of it is refused', async (t) => {
    const s = await createSession(
      server,
      sampleSession({
        question: {
          starterCode: 'print("hello")\n',
          tests: [
            { stdin: '', expected: 'visible\n', hidden: false },
            { stdin: 'SECRET-INPUT', expected: 'SECRET-EXPECTED\n', hidden: true },
          ],
        },
      }),
    );
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    const candidate = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    const observer = connectProvider(wsUrl(server), s.id, s.tokenFor('observer'));
    const clients = [interviewer, candidate, observer];
    try {
      await until(() => clients.every((c) => c.provider.isSynced), 'everyone synced');
      const response = await fetch(`${server.url}/v1/runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.tokenFor('candidate')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ language: 'python', code: 'print("visible")', tests: 'all' }),
      });
      const answered = performance.now();
      assert.equal(response.status, 200, await response.clone().text());
      const run = (await response.json()) as { id: string };
      await until(() => clients.every((c) => runsOf(c.doc).length === 1), 'the record at every client');
      t.diagnostic(`record at every client ${(performance.now() - answered).toFixed(0)} ms after the run's response`);
      for (const c of clients) {
        const [record] = runsOf(c.doc);
        assert.equal(record!.id, run.id);
        assert.deepEqual(record!.by, { id: 'cam', name: 'Cam Candidate', role: 'candidate' });
        assert.equal(record!.stdout, 'visible\n');
        assert.deepEqual(record!.tests.map((test) => test.index), [0], 'visible tests only');
        assert.ok(!JSON.stringify(record).includes('SECRET'), 'nothing of the hidden test');
      }

      // A forged deletion of the server's record (by a raw client) is refused as well.
      const forged = await rawSocket(`${wsUrl(server)}/v1/collab`);
      const closed = new Promise<string>((resolve) => forged.once('close', (_code, reason) => resolve(reason.toString())));
      forged.send(frames.auth(s.id, s.tokenFor('candidate')));
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(candidate.doc));
      let deletion: Uint8Array | undefined;
      copy.on('update', (u: Uint8Array) => (deletion = u));
      copy.getArray('runs').delete(0, 1);
      forged.send(frames.update(s.id, deletion!));
      assert.match(await closed, /only the server writes "runs"/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const c of clients) assert.equal(runsOf(c.doc).length, 1);

      const { doc, authors } = await timelineDoc(server.url, s.id, s.tokenFor('interviewer'));
      assert.equal(runsOf(doc)[0]?.id, run.id, 'the record is in the stored history, for replay');
      assert.ok(authors.every((a) => a === null), 'written by the server only');
    } finally {
      for (const c of clients) c.provider.destroy();
    }

    server = await server.restart();
    const later = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      await until(() => runsOf(later.doc).length === 1, 'the record after a restart');
      assert.equal(later.text.toString(), 'print("hello")\n');
    } finally {
      later.provider.destroy();
    }
  });

  test('a run made before anyone opened the document is recorded, and the starter code is still seeded', async () => {
    const s = await createSession(server, sampleSession({ question: { starterCode: 'x = 1\n', tests: [] } }));
    const response = await fetch(`${server.url}/v1/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.tokenFor('interviewer')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'python', code: 'print(2)' }),
    });
    assert.equal(response.status, 200);
    await server.services.collab.runRecords.idle();
    const client = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    try {
      await until(() => runsOf(client.doc).length === 1 && client.text.toString() === 'x = 1\n', 'the record and the starter code');
      assert.deepEqual(runsOf(client.doc)[0]!.by, { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' });
    } finally {
      client.provider.destroy();
    }
  });

  test('each record carries the input its run read, as the server ran it: cut at 4 KiB and marked so, never a hidden test’s', async () => {
    const s = await createSession(
      server,
      sampleSession({ question: { tests: [{ stdin: 'SECRET-INPUT', expected: 'x\n', hidden: true }] } }),
    );
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      await until(() => interviewer.provider.isSynced, 'synced');
      const run = async (stdin: string, tests?: 'all') => {
        const response = await fetch(`${server.url}/v1/runs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.tokenFor('candidate')}`, 'content-type': 'application/json' },
          body: JSON.stringify({ language: 'python', code: 'import sys\nprint(len(sys.stdin.read()))', stdin, ...(tests ? { tests } : {}) }),
        });
        assert.equal(response.status, 200, await response.clone().text());
        const view = (await response.json()) as { id: string; stdin: string };
        assert.equal(view.stdin, stdin, 'the answer names the input too');
        await until(() => runsOf(interviewer.doc).some((r) => r.id === view.id), 'the record');
        return runsOf(interviewer.doc).find((r) => r.id === view.id)!;
      };

      const short = await run('20 22\n', 'all');
      assert.equal(short.stdout, '6\n');
      assert.equal(short.stdin, '20 22\n');
      assert.equal(short.stdinTruncated, false);
      assert.ok(!JSON.stringify(short).includes('SECRET'), 'the main input only, never a hidden test’s');

      const long = 'n'.repeat(RECORD_STDIN_CHARS + 100);
      const cut = await run(long);
      assert.equal(cut.stdout, `${long.length}\n`, 'the program read all of it');
      assert.equal(cut.stdin, long.slice(0, RECORD_STDIN_CHARS));
      assert.equal(cut.stdinTruncated, true);
      assert.equal(cut.truncated, false, 'the output was not cut');
    } finally {
      interviewer.provider.destroy();
    }
  });

  test('test details beside the records come from the runs list by role: interviewers get hidden tests in full, candidates and observers never', async () => {
    const s = await createSession(
      server,
      sampleSession({
        question: {
          tests: [
            { stdin: '1 2\n', expected: '3\n', hidden: false },
            { stdin: 'SECRET-INPUT\n', expected: 'SECRET-EXPECTED\n', hidden: true },
          ],
        },
      }),
    );
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      await until(() => interviewer.provider.isSynced, 'synced');
      for (const role of ['interviewer', 'candidate'] as const) {
        const response = await call(server.url, 'POST', '/v1/runs', {
          auth: s.tokenFor(role),
          body: { language: 'python', code: 'print(input())', stdin: 'main input', tests: 'all' },
        });
        assert.equal(response.status, 200, JSON.stringify(response.body));
      }
      await until(() => runsOf(interviewer.doc).length === 2, 'both records');
      assert.ok(!JSON.stringify(runsOf(interviewer.doc)).includes('SECRET'), 'records never carry hidden details');

      const listed = async (role: 'interviewer' | 'candidate' | 'observer') =>
        (await call(server.url, 'GET', `/v1/sessions/${s.id}/runs`, { auth: s.tokenFor(role) })).body.runs as {
          stdin: string;
          tests: { index: number; stdin?: string; stdout?: string }[];
          hiddenTests?: { status: string };
        }[];
      let forInterviewer = await listed('interviewer');
      for (let i = 0; i < 50 && forInterviewer.some((run) => run.hiddenTests?.status === 'pending'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        forInterviewer = await listed('interviewer');
      }
      for (const run of forInterviewer) {
        assert.equal(run.stdin, 'main input');
        assert.deepEqual(run.tests.map((t) => [t.index, t.stdin, t.stdout]), [[0, '1 2\n', '1 2\n'], [1, 'SECRET-INPUT\n', 'SECRET-INPUT\n']]);
      }
      for (const role of ['candidate', 'observer'] as const) {
        const runs = await listed(role);
        assert.equal(runs.length, 2);
        assert.ok(!JSON.stringify(runs).includes('SECRET'), `nothing of the hidden test for the ${role}`);
        for (const run of runs) assert.deepEqual(run.tests.map((t) => [t.index, t.stdin]), [[0, '1 2\n']], `visible test details for the ${role}`);
      }
    } finally {
      interviewer.provider.destroy();
    }
  });

  test('presence shows the server’s name, role and colour: a candidate claiming to be the interviewer is shown as the candidate', async () => {
    const s = await createSession(server);
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    const candidate = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    try {
      interviewer.provider.setAwarenessField('user', { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer', color: '#2563eb', colorLight: '#2563eb33' });
      // The interviewer's colour, and one that is not a colour at all: neither is relayed.
      candidate.provider.setAwarenessField('user', {
        id: 'ivy',
        name: 'Ivy Interviewer',
        role: 'interviewer',
        color: 'red; background: url(https://evil.example/)',
        colorLight: '#2563eb33',
      });
      const candidateId = candidate.doc.clientID;
      await until(() => usersSeenBy(interviewer.provider).has(candidateId), 'the candidate’s presence at the interviewer');
      assert.deepEqual(usersSeenBy(interviewer.provider).get(candidateId), {
        id: 'cam',
        name: 'Cam Candidate',
        role: 'candidate',
        color: '#c2410c',
        colorLight: '#c2410c33',
      });
    } finally {
      interviewer.provider.destroy();
      candidate.provider.destroy();
    }
  });

  test('a raw client cannot publish awareness for another client id: the interviewer’s presence stays the interviewer’s', async () => {
    const s = await createSession(server);
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    const watcher = connectProvider(wsUrl(server), s.id, s.tokenFor('observer'));
    const forged = await rawSocket(`${wsUrl(server)}/v1/collab`);
    const ivyId = interviewer.doc.clientID;
    const own = awarenessOf(7);
    const fake = awarenessOf(ivyId);
    try {
      interviewer.provider.setAwarenessField('user', { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer', color: '#1f77b4', colorLight: '#1f77b433' });
      await until(() => usersSeenBy(watcher.provider).get(ivyId)?.name === 'Ivy Interviewer', 'the interviewer’s presence');

      forged.send(frames.auth(s.id, s.tokenFor('candidate')));
      // Its own state first (it binds the connection to client id 7), then one for the interviewer's id.
      own.setLocalState({ user: { name: 'whoever' } });
      forged.send(frames.awareness(s.id, encodeAwarenessUpdate(own, [7])));
      fake.setLocalState({ user: { id: 'ivy', name: 'Ivy (says: candidate passed)', role: 'interviewer' } });
      // A clock far ahead of the interviewer's own, so that it would win if it were applied.
      fake.meta.get(ivyId)!.clock = 1000;
      forged.send(frames.awareness(s.id, encodeAwarenessUpdate(fake, [ivyId])));

      await until(() => usersSeenBy(watcher.provider).get(7)?.name === 'Cam Candidate', 'the forger’s own presence, as the candidate');
      // A later change of the interviewer's own still shows, so everything before it was handled.
      interviewer.provider.setAwarenessField('cursor', { at: 3 });
      await until(() => (watcher.provider.awareness!.getStates().get(ivyId) as { cursor?: unknown })?.cursor !== undefined, 'the interviewer’s cursor');
      assert.equal(usersSeenBy(watcher.provider).get(ivyId)?.name, 'Ivy Interviewer');
      assert.equal(usersSeenBy(interviewer.provider).get(ivyId)?.name, 'Ivy Interviewer');
    } finally {
      own.destroy();
      fake.destroy();
      forged.close();
      interviewer.provider.destroy();
      watcher.provider.destroy();
    }
  });
});

describe('hidden tests in the shared record', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { RUN_REQUEST_BUDGET_MS: '1000' } });
  });
  after(() => server.dispose());

  test('the count of passed hidden tests joins the record at the run’s fixed reveal time, not before', async () => {
    const s = await createSession(server);
    const candidate = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    try {
      await until(() => candidate.provider.isSynced, 'synced');
      const response = await fetch(`${server.url}/v1/runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.tokenFor('candidate')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ language: 'python', code: sampleSession().question.starterCode, tests: 'all', limits: { wallMs: 1000 } }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      const run = (await response.json()) as { id: string; hiddenTests: { status: string; revealAt: string } };
      assert.equal(run.hiddenTests.status, 'pending');
      await until(() => runsOf(candidate.doc).length === 1, 'the record');
      assert.equal(runsOf(candidate.doc)[0]!.hiddenSummary, undefined, 'no count before the reveal time');

      const revealAt = Date.parse(run.hiddenTests.revealAt);
      await until(() => runsOf(candidate.doc)[0]?.hiddenSummary !== undefined, 'the count at the reveal time', revealAt - Date.now() + 5_000);
      assert.ok(Date.now() >= revealAt - 50, `the count arrived ${revealAt - Date.now()} ms before the reveal time`);
      assert.deepEqual(runsOf(candidate.doc)[0]!.hiddenSummary, { passed: 1, total: 1 });
      assert.equal(runsOf(candidate.doc).length, 1, 'the record is replaced, not added twice');
    } finally {
      candidate.provider.destroy();
    }
  });
});
