// What one client may store or relay: the document size cap, the byte rate per connection and the
// awareness state size, against the real server (SQLite in a temp dir, or TEST_DATABASE_URL).
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as Y from 'yjs';
import { projectFilesOf } from '@interview-kit/core/collab/project';
import { documentName } from './documents.js';
import {
  closeReasons,
  connectProvider,
  destroyClosedProvider,
  frames,
  inbox,
  interviewerAndCandidate,
  rawSocket,
  syncStatuses,
  until,
  wsUrl,
} from '../testing/collab.js';
import { call, createSession, sampleSession, startTestServer, type TestServer, type CreatedSession } from '../testing/harness.js';

const KiB = 1024;

/** Bytes of every file under `dir` (the SQLite database and its write-ahead log). */
function dirBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** `count` updates of one client, each inserting `bytes` characters of text. */
function bigUpdates(count: number, bytes: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText('code').insert(0, String.fromCharCode(97 + (i % 26)).repeat(bytes));
  doc.destroy();
  return updates;
}

/** A raw candidate connection to `session`'s shared document, authenticated. */
async function rawCandidate(server: TestServer, session: CreatedSession) {
  const ws = await rawSocket(`${wsUrl(server)}/v1/collab`);
  const received = inbox(ws);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.send(frames.auth(session.id, session.tokenFor('candidate')));
  await until(() => received.length > 0, 'the authentication answer');
  return { ws, received, closed };
}

/** `promise`, or a failure naming `what` after 10 s. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function storedClientBytes(server: TestServer, session: CreatedSession): Promise<number> {
  const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`, { auth: session.tokenFor('interviewer') });
  return body.updates
    .filter((u: { author: string | null }) => u.author !== null)
    .reduce((sum: number, u: { update: string }) => sum + Buffer.from(u.update, 'base64').byteLength, 0);
}

describe('document size cap (DOC_MAX_BYTES)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { DOC_MAX_BYTES: String(256 * KiB), COLLAB_BYTES_PER_SECOND: String(1024 ** 3), COLLAB_BYTES_BURST: String(1024 ** 3) } });
  });
  after(() => server.dispose());

  test('a flood of large updates is refused once the cap is reached, nothing partial is stored, the data dir stays bounded, other sessions keep editing', async () => {
    const flooded = await createSession(server, sampleSession({ question: { starterCode: '', tests: [] } }));
    const other = await createSession(server, sampleSession({ question: { starterCode: '', tests: [] } }));
    const reader = connectProvider(wsUrl(server), flooded.id, flooded.tokenFor('interviewer'));
    const typist = connectProvider(wsUrl(server), other.id, other.tokenFor('candidate'));
    const otherReader = connectProvider(wsUrl(server), other.id, other.tokenFor('interviewer'));
    const clients = [reader, typist, otherReader];
    // The other session types all along.
    let typed = 0;
    let flood: Awaited<ReturnType<typeof rawCandidate>> | undefined;
    const typing = setInterval(() => {
      typist.text.insert(typist.text.length, 'x');
      typed++;
    }, 20);
    try {
      await until(() => clients.every((c) => c.provider.isSynced), 'everyone synced');
      await server.services.collab.store.idle();
      const before = dirBytes(server.dataDir);

      const chunk = 100 * KiB;
      flood = await rawCandidate(server, flooded);
      for (const update of bigUpdates(40, chunk)) flood.ws.send(frames.update(flooded.id, update));
      const { code, reason } = await within(flood.closed, 'the flood to be refused');
      assert.equal(code, 1008);
      assert.match(reason, /document size limit reached: 262144 bytes/);
      // Two updates of 100 KiB fit under 256 KiB, the third does not (acknowledgements of the
      // first two may be cut off by the close).
      const accepted = 2;
      assert.ok(syncStatuses(flood.received).every(Boolean));
      await server.services.collab.store.idle();
      const stored = await storedClientBytes(server, flooded);
      assert.ok(stored > accepted * chunk && stored <= 256 * KiB, `${stored} bytes stored`);
      await until(() => reader.text.length === accepted * chunk, 'the accepted updates at the reader');
      const grown = dirBytes(server.dataDir) - before;
      assert.ok(grown < 1.5 * 1024 * KiB, `the data dir grew by ${grown} bytes for 4 MB sent`);

      // The other session kept editing, and still does: a few more keystrokes, then every one of
      // them arrives (compared once the typing stopped: under load the reader may trail a typist
      // who types every 20 ms at every instant).
      const mark = typed;
      await until(() => typed > mark + 5, 'the other session typing on');
      clearInterval(typing);
      await until(() => otherReader.text.length === typed, 'every keystroke of the other session arrives');

      // The document still reads; an edit of any client that does not fit is refused with the reason.
      const late = connectProvider(wsUrl(server), flooded.id, flooded.tokenFor('candidate'));
      const reasons = closeReasons(late.provider);
      await until(() => late.provider.isSynced && late.text.length === accepted * chunk, 'the full document at a new client');
      late.text.insert(0, 'y'.repeat(60 * KiB));
      await until(() => reasons.some((r) => r.includes('document size limit')), 'the refusal at the new client');
      await destroyClosedProvider(late.provider);
      assert.equal(reader.text.length, accepted * chunk);
    } finally {
      clearInterval(typing);
      for (const c of clients) c.provider.destroy();
      flood?.ws.terminate();
    }
  });
});

describe('byte rate per connection (COLLAB_BYTES_PER_SECOND, COLLAB_BYTES_BURST)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { COLLAB_BYTES_PER_SECOND: String(16 * KiB), COLLAB_BYTES_BURST: String(1024 * KiB) } });
  });
  after(() => server.dispose());

  test('a connection sending faster than its byte rate, past its burst, is closed with the reason', async () => {
    const session = await createSession(server, sampleSession({ question: { starterCode: '', tests: [] } }));
    const flood = await rawCandidate(server, session);
    for (const update of bigUpdates(3, 400 * KiB)) flood.ws.send(frames.update(session.id, update));
    const { code, reason } = await within(flood.closed, 'the fast connection to be refused').finally(() => flood.ws.terminate());
    assert.equal(code, 1008);
    assert.match(reason, /byte rate limit exceeded/);
    assert.ok(syncStatuses(flood.received).filter(Boolean).length <= 2);
  });
});

describe('project files (DOC_MAX_FILES)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { DOC_MAX_FILES: '4' } });
  });
  after(() => server.dispose());

  test("a client adding a project's fifth file, or a file with a path outside the project, is refused; renames at the limit pass", async () => {
    const session = await createSession(server);
    const { interviewer, candidate } = await interviewerAndCandidate(wsUrl(server), session);
    const paths = (doc: Y.Doc) => [...projectFilesOf(doc).keys()].sort();
    /** Makes `edit` in a fresh candidate connection and resolves with the reason it was refused. */
    const refusedEdit = async (edit: (files: Y.Map<Y.Text>) => void) => {
      const late = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
      const reasons = closeReasons(late.provider);
      try {
        await until(() => late.provider.isSynced, 'the late client synced');
        late.doc.transact(() => edit(projectFilesOf(late.doc)));
        await until(() => reasons.length > 0, 'the refusal');
        return reasons[0]!;
      } finally {
        await destroyClosedProvider(late.provider);
      }
    };
    try {
      const files = projectFilesOf(candidate.doc);
      candidate.doc.transact(() => {
        for (const path of ['a.py', 'b.py', 'lib/c.py']) files.set(path, new Y.Text(`# ${path}\n`));
      });
      await until(() => paths(interviewer.doc).length === 3, 'three files, the entry being the fourth, reach the interviewer');
      candidate.doc.transact(() => {
        files.delete('a.py');
        files.set('d.py', new Y.Text('# renamed\n'));
      });
      await until(() => paths(interviewer.doc).join() === 'b.py,d.py,lib/c.py', 'a rename at the limit');
      candidate.doc.transact(() => files.delete('b.py'));
      await until(() => paths(interviewer.doc).length === 2, 'a file deleted');

      files.set('e.py', new Y.Text('# e\n'));
      await until(() => paths(interviewer.doc).join() === 'd.py,e.py,lib/c.py', 'the third file fits again');

      assert.match(await refusedEdit((map) => map.set('f.py', new Y.Text(''))), /file limit reached: a project holds at most 4 files/);
      assert.match(await refusedEdit((map) => map.set('b.py', new Y.Text('# back\n'))), /file limit reached/, 'a deleted file brought back counts too');
      for (const path of ['../x.py', '/etc/x', '.git/config', 'a//b.py']) {
        const reason = await refusedEdit((map) => {
          map.delete('e.py');
          map.set(path, new Y.Text(''));
        });
        assert.match(reason, /invalid file path/, path);
      }
      await server.services.collab.store.idle();
      assert.deepEqual(paths(interviewer.doc), ['d.py', 'e.py', 'lib/c.py'], 'nothing refused reached the interviewer');
      const stored = new Y.Doc();
      for (const update of await server.services.collab.store.load(documentName(session.id, 'shared'))) Y.applyUpdate(stored, update);
      assert.deepEqual(paths(stored), ['d.py', 'e.py', 'lib/c.py'], 'nothing refused was stored');
    } finally {
      interviewer.provider.destroy();
      candidate.provider.destroy();
    }
  });
});

describe('awareness state size (AWARENESS_MAX_BYTES)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  test('an oversized awareness state is refused with the reason and never relayed', async () => {
    const session = await createSession(server);
    const { interviewer, candidate } = await interviewerAndCandidate(wsUrl(server), session);
    const reasons = closeReasons(candidate.provider);
    try {
      const states = () => interviewer.provider.awareness!.getStates().get(candidate.doc.clientID) as { note?: string; blob?: string } | undefined;
      let sawBlob = false;
      interviewer.provider.awareness!.on('change', () => {
        if (states()?.blob !== undefined) sawBlob = true;
      });
      candidate.provider.setAwarenessField('note', 'small');
      await until(() => states()?.note === 'small', 'a small state relayed');
      candidate.provider.setAwarenessField('blob', 'x'.repeat(10 * KiB));
      await until(() => reasons.some((r) => r.includes('awareness state larger than 4096 bytes')), 'the refusal at the candidate');
      // The provider reconnects and sends it again; it is refused every time.
      await until(() => reasons.filter((r) => r.includes('awareness state larger')).length >= 2, 'the second refusal');
      assert.equal(sawBlob, false, 'the big state never reached the interviewer');
    } finally {
      interviewer.provider.destroy();
      await destroyClosedProvider(candidate.provider);
    }
  });
});
