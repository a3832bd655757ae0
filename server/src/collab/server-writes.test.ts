import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { createSession, startTestServer, type TestServer } from '../testing/harness.js';
import { sessionWithCode } from '../testing/collab.js';
import { documentName } from './documents.js';
import { applyAsServer } from './server-writes.js';
import { CollabStore } from './store.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.dispose());

test('a server write stored while the document loads (after its history was read) is in the loaded document', async () => {
  const session = await createSession(server, sessionWithCode(''));
  const store = new CollabStore(server.db);
  const name = documentName(session.id, 'shared');
  let historyRead!: () => void;
  const read = new Promise<void>((resolve) => (historyRead = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  // A load as the persistence extension does it: the stored history first, then (here) a wait.
  const sync = new Hocuspocus({
    extensions: [
      {
        async onLoadDocument({ document }: { document: Y.Doc }) {
          for (const update of await store.load(name)) Y.applyUpdate(document, update);
          historyRead();
          await gate;
        },
      },
    ],
  });
  const loading = sync.createDocument(name, { headers: {}, url: '/' } as never, 'socket', { readOnly: false, requiresAuthentication: false, isAuthenticated: true } as never, {});
  await read;

  // A chat message or run record written by the server now: stored, but the document is not open yet.
  const written = new Y.Doc();
  written.getArray('chat').push(['Take your time.']);
  assert.equal(await applyAsServer(sync, store, session.id, name, Y.encodeStateAsUpdate(written)), true);
  release();
  const document = await loading;
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(document.getArray('chat').toArray(), ['Take your time.']);
});
