import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { codeOf, metaOf } from '@interview-kit/core/collab/structure';
import { sharedSessionOf } from '@interview-kit/core/collab/session-state';
import { call, createSession, startTestServer, type TestServer } from '../testing/harness.js';
import { connectProvider, sessionWithCode, syncStatuses, until, wsUrl } from '../testing/collab.js';
import { documentName } from './documents.js';
import { DocumentSnapshots } from './document-snapshots.js';

const docOf = (snapshot: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(snapshot, 'base64'));
  return doc;
};

describe('the collaboration ticket’s snapshot', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.dispose());
  const ticket = async (sessionId: string, token: string) => (await call(server.url, 'POST', `/v1/sessions/${sessionId}/collab-ticket`, { auth: token })).body;

  test('holds the shared document as the server holds it (starter code, language, lifecycle), and keeps it loaded for the socket that follows', async () => {
    const session = await createSession(server, sessionWithCode('print("from the snapshot")\n'));
    const name = documentName(session.id, 'shared');
    assert.equal(server.services.collab.sync.documents.has(name), false, 'nobody opened the document yet');
    const body = await ticket(session.id, session.tokenFor('candidate'));
    assert.equal(typeof body.snapshot, 'string');
    const doc = docOf(body.snapshot);
    assert.equal(codeOf(doc, 0).toString(), 'print("from the snapshot")\n');
    assert.equal(metaOf(doc).get('language'), 'python');
    assert.equal(sharedSessionOf(doc).get('status'), 'live');
    assert.ok(server.services.collab.sync.documents.has(name), 'the document stays loaded for the sync socket');
    // What the socket then syncs is the same document.
    const reader = connectProvider(wsUrl(server), session.id, session.tokenFor('interviewer'));
    await until(() => reader.provider.isSynced, 'sync');
    assert.deepEqual(Y.encodeStateVector(reader.doc), Y.encodeStateVector(doc));
    reader.provider.destroy();
    // Observers read the same document (read-only) and get it too.
    assert.equal(codeOf(docOf((await ticket(session.id, session.tokenFor('observer'))).snapshot), 0).toString(), 'print("from the snapshot")\n');
  });

  test('is left out when not asked for (`snapshot=false`): the document is then neither loaded nor held', async () => {
    const session = await createSession(server, sessionWithCode('print("not asked")\n'));
    const name = documentName(session.id, 'shared');
    const held = server.services.collab.snapshots.held;
    const asked = async (query: string) => call(server.url, 'POST', `/v1/sessions/${session.id}/collab-ticket${query}`, { auth: session.tokenFor('candidate') });
    const bare = await asked('?snapshot=false');
    assert.equal(bare.status, 200);
    assert.equal(bare.body.snapshot, null);
    assert.equal(typeof bare.body.ticket, 'string', 'the signaling ticket is there as always');
    assert.equal(server.services.collab.sync.documents.has(name), false, 'the document was not loaded for it');
    assert.equal(server.services.collab.snapshots.held, held);
    // Asked (explicitly or by default), it is there.
    assert.equal(codeOf(docOf((await asked('?snapshot=true')).body.snapshot), 0).toString(), 'print("not asked")\n');
    assert.equal((await asked('?snapshot=no')).status, 400);
  });

  test('edits typed on the snapshot before the socket syncs reach everyone, and the server refuses nothing of it', async () => {
    const session = await createSession(server, sessionWithCode('x = 1\n'));
    const doc = docOf((await ticket(session.id, session.tokenFor('candidate'))).snapshot);
    // Typed while the socket is not there yet: after the starter code, as the editor shows it.
    codeOf(doc, 0).insert(codeOf(doc, 0).length, 'y = 2\n');
    const candidate = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'), doc);
    const acknowledged: boolean[] = [];
    candidate.provider.on('message', ({ event }: { event: MessageEvent }) => acknowledged.push(...syncStatuses([new Uint8Array(event.data as ArrayBuffer)])));
    const interviewer = connectProvider(wsUrl(server), session.id, session.tokenFor('interviewer'));
    await until(() => codeOf(interviewer.doc, 0).toString() === 'x = 1\ny = 2\n', 'the edit reaches the interviewer');
    await until(() => candidate.provider.unsyncedChanges === 0, 'the edit acknowledged');
    assert.ok(!acknowledged.includes(false), 'no update was refused (the snapshot’s server-written parts are not sent back as edits)');
    candidate.provider.destroy();
    interviewer.provider.destroy();
  });
});

describe('DocumentSnapshots', () => {
  const sync = new Hocuspocus({ quiet: true });
  const fill = async (name: string, text: string) => {
    const connection = await sync.openDirectConnection(name, {});
    await connection.transact((doc) => doc.getText('code').insert(0, text));
    return connection;
  };

  test('leaves out a document larger than the limit, and holds at most `maxHeld` documents, each for `holdMs`', async () => {
    const snapshots = new DocumentSnapshots(sync, { maxBytes: 64, holdMs: 200, maxHeld: 1 });
    const open = await fill('large', 'x'.repeat(100));
    assert.equal(await snapshots.snapshot('large'), undefined, 'over 64 bytes');
    await open.disconnect();

    const first = await snapshots.snapshot('first');
    assert.ok(first, 'a document loaded for the snapshot');
    assert.equal(snapshots.held, 1);
    assert.equal(await snapshots.snapshot('second'), undefined, 'the limit of held documents is reached and it is not in memory');
    assert.equal(sync.documents.has('second'), false);
    // A document in memory anyway needs no holding.
    const loaded = await fill('loaded', 'hi');
    assert.equal(new TextDecoder().decode(await snapshots.snapshot('loaded')).includes('hi'), true);
    await loaded.disconnect();

    await until(() => snapshots.held === 0 && !sync.documents.has('first'), 'the held document released after holdMs', 2_000);
    assert.ok(await snapshots.snapshot('second'), 'room again');
    await snapshots.close();
    assert.equal(snapshots.held, 0);
    assert.equal(sync.documents.has('second'), false, 'closing releases what is held');
    assert.equal(await snapshots.snapshot('third'), undefined, 'nothing is loaded once closed');
  });
});
