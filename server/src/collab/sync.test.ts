import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { call, createSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { authOutcome, closed, connectProvider, frames, inbox, rawSocket, sessionWithCode, syncStatuses, until, wsUrl } from '../testing/collab.js';
import { MessageType, readAwarenessUpdate } from './sync-frames.js';

/** The client ids in each awareness message among the frames a raw socket received. */
function awarenessClients(received: Uint8Array[]): number[][] {
  return received.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MessageType.awareness) return [];
    return [readAwarenessUpdate(decoding.readVarUint8Array(decoder)).map((entry) => entry.clientId)];
  });
}

/** Frames sent in one write, so that the server reads them in one loop turn. */
function sendTogether(ws: WebSocket, ...data: Uint8Array[]): void {
  const socket = (ws as unknown as { _socket: Socket })._socket;
  socket.cork();
  for (const frame of data) ws.send(frame);
  socket.uncork();
}

describe('sync endpoint /v1/collab', () => {
  let server: TestServer;
  let session: CreatedSession;

  before(async () => {
    server = await startTestServer();
    session = await createSession(server, sessionWithCode());
  });
  after(() => server.dispose());

  test('a stock Hocuspocus client with a valid token syncs the starter code and edits it', async () => {
    const a = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
    const b = connectProvider(wsUrl(server), session.id, session.tokenFor('interviewer'));
    try {
      await until(() => a.text.toString() === 'print("hello")\n', 'the starter code');
      assert.equal(a.doc.getMap('meta').get('language'), 'python');
      a.text.insert(0, '# candidate\n');
      await until(() => b.text.toString().startsWith('# candidate\n'), 'the edit at the other client');
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });

  test('no token, a forged token, or another session’s token is refused', async () => {
    const other = await createSession(server, sessionWithCode());
    const forged = session.tokenFor('candidate').replace(/\.[^.]+$/, '.AAAA');
    for (const token of ['', forged, other.tokenFor('candidate')]) {
      const client = connectProvider(wsUrl(server), session.id, token);
      try {
        const outcome = await authOutcome(client.provider);
        assert.equal(outcome.ok, false, `token ${token.slice(0, 12)}… must be refused`);
        assert.equal(client.text.toString(), '');
      } finally {
        client.provider.destroy();
      }
    }
  });

  test('a candidate or observer cannot open the private document; an interviewer can', async () => {
    const name = `${session.id}/private`;
    for (const role of ['candidate', 'observer'] as const) {
      const client = connectProvider(wsUrl(server), name, session.tokenFor(role));
      try {
        const outcome = await authOutcome(client.provider);
        assert.deepEqual(outcome, { ok: false, reason: 'forbidden' });
      } finally {
        client.provider.destroy();
      }
    }
    const interviewer = connectProvider(wsUrl(server), name, session.tokenFor('interviewer'));
    try {
      assert.equal((await authOutcome(interviewer.provider)).ok, true);
      interviewer.doc.getText('notes').insert(0, 'strong on testing');
      await until(() => !interviewer.provider.hasUnsyncedChanges, 'the note acknowledged');
    } finally {
      interviewer.provider.destroy();
    }
    const again = connectProvider(wsUrl(server), name, session.tokenFor('interviewer'));
    try {
      await until(() => again.doc.getText('notes').toString() === 'strong on testing', 'the note from the server');
    } finally {
      again.provider.destroy();
    }
  });

  test('an observer is read-only: a forged client’s writes are rejected, not relayed and not persisted', async () => {
    const s = await createSession(server, sessionWithCode('x = 1\n'));
    const watcher = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    await until(() => watcher.text.toString() === 'x = 1\n', 'the starter code');

    // The stock provider as an observer: its edit is refused.
    const observer = connectProvider(wsUrl(server), s.id, s.tokenFor('observer'));
    const outcome = await authOutcome(observer.provider);
    assert.deepEqual(outcome, { ok: true, scope: 'readonly' });
    await until(() => observer.text.toString() === 'x = 1\n', 'the observer sees the code');

    // A forged client: authenticates as the observer and pushes an update frame by hand.
    const forged = await rawSocket(`${wsUrl(server)}/v1/collab`);
    forged.send(frames.auth(s.id, s.tokenFor('observer')));
    const evil = new Y.Doc();
    evil.getText('code').insert(0, 'rm -rf /\n');
    forged.send(frames.update(s.id, Y.encodeStateAsUpdate(evil)));
    observer.text.insert(0, 'observer was here\n');

    // A later write by an editor arrives, so everything before it was handled.
    const editor = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    await until(() => editor.text.toString() === 'x = 1\n', 'the editor synced');
    editor.text.insert(editor.text.length, 'y = 2\n');
    await until(() => watcher.text.toString() === 'x = 1\ny = 2\n', 'the editor’s line');
    assert.equal(watcher.text.toString(), 'x = 1\ny = 2\n');

    const { body } = await call(server.url, 'GET', `/v1/sessions/${s.id}/timeline`, { auth: s.tokenFor('interviewer') });
    const authors = body.updates.map((u: { author: string | null }) => u.author);
    assert.ok(!authors.includes('oli'), `no update by the observer is stored: ${authors}`);
    const replayed = new Y.Doc();
    for (const u of body.updates) Y.applyUpdate(replayed, Buffer.from(u.update, 'base64'));
    assert.equal(replayed.getText('code').toString(), 'x = 1\ny = 2\n');

    forged.close();
    for (const c of [watcher, observer, editor]) c.provider.destroy();
  });

  test('after the session ends everyone is read-only, including connections opened before', async () => {
    const s = await createSession(server, sessionWithCode('a\n'));
    const candidate = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    await until(() => candidate.text.toString() === 'a\n', 'the starter code');
    const ended = await call(server.url, 'POST', `/v1/sessions/${s.id}/end`, { auth: s.tokenFor('interviewer') });
    assert.equal(ended.status, 200);
    candidate.text.insert(2, 'late edit\n');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const late = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      assert.deepEqual(await authOutcome(late.provider), { ok: true, scope: 'readonly' });
      await until(() => late.text.length > 0, 'the ended document');
      assert.equal(late.text.toString(), 'a\n');
    } finally {
      candidate.provider.destroy();
      late.provider.destroy();
    }
  });

  test('a cursor that moves twice in one turn reaches the others once, at its latest place, and never comes back to its sender', async () => {
    const s = await createSession(server, sessionWithCode());
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    const candidate = await rawSocket(`${wsUrl(server)}/v1/collab`);
    const candidateReceived = inbox(candidate);
    const local = new Awareness(new Y.Doc());
    try {
      await until(() => interviewer.provider.isSynced, 'the interviewer synced');
      candidate.send(frames.auth(s.id, s.tokenFor('candidate')));
      await until(() => candidateReceived.length > 0, 'the candidate authenticated');

      const seen: unknown[] = [];
      interviewer.provider.awareness!.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
        if ([...added, ...updated].includes(local.clientID)) seen.push(interviewer.provider.awareness!.getStates().get(local.clientID)?.cursor);
      });
      const move = (cursor: number) => {
        local.setLocalStateField('cursor', cursor);
        return frames.awareness(s.id, encodeAwarenessUpdate(local, [local.clientID]));
      };
      sendTogether(candidate, move(1), move(2));
      await until(() => seen.length > 0, "the candidate's cursor at the interviewer");

      // The interviewer's own cursor, after the candidate's: once it arrives, anything sent to the
      // candidate before it has arrived too.
      interviewer.provider.setAwarenessField('cursor', 'here');
      const interviewerId = interviewer.doc.clientID;
      await until(() => awarenessClients(candidateReceived).some((ids) => ids.includes(interviewerId)), "the interviewer's cursor at the candidate");

      assert.deepEqual(seen, [2], 'one message, with the latest position');
      assert.ok(
        awarenessClients(candidateReceived).every((ids) => !ids.includes(local.clientID)),
        'the candidate is not sent its own state back',
      );
    } finally {
      local.destroy();
      candidate.close();
      interviewer.provider.destroy();
    }
  });

  test('an update reaches the others and is acknowledged to its sender, never sent back to it; a server write reaches everyone', async () => {
    const s = await createSession(server, sessionWithCode(''));
    const candidate = await rawSocket(`${wsUrl(server)}/v1/collab`);
    const interviewer = await rawSocket(`${wsUrl(server)}/v1/collab`);
    const candidateReceived = inbox(candidate);
    const interviewerReceived = inbox(interviewer);
    /** The Yjs client ids whose structs each document update among `received` brings. */
    const updateSenders = (received: Uint8Array[]) =>
      received.flatMap((frame) => {
        const decoder = decoding.createDecoder(frame);
        decoding.readVarString(decoder);
        if (decoding.readVarUint(decoder) !== MessageType.sync || decoding.readVarUint(decoder) !== 2) return [];
        return [...Y.parseUpdateMeta(decoding.readVarUint8Array(decoder)).to.keys()];
      });
    try {
      candidate.send(frames.auth(s.id, s.tokenFor('candidate')));
      interviewer.send(frames.auth(s.id, s.tokenFor('interviewer')));
      await until(() => candidateReceived.length > 0 && interviewerReceived.length > 0, 'both authenticated');
      const typed = new Y.Doc();
      typed.getText('code').insert(0, 'mine\n');
      candidate.send(frames.update(s.id, Y.encodeStateAsUpdate(typed)));
      await until(() => updateSenders(interviewerReceived).includes(typed.clientID), "the candidate's update at the interviewer");
      await until(() => syncStatuses(candidateReceived).length === 1, 'the acknowledgement');

      // A chat message is written into the shared document by the server: both get it. Once the
      // candidate has it, its own update would have arrived before it, had it been sent back.
      const before = updateSenders(candidateReceived).length;
      const chat = await call(server.url, 'POST', `/v1/sessions/${s.id}/chat`, { auth: s.tokenFor('candidate'), body: { text: 'hello' } });
      assert.equal(chat.status, 201);
      await until(() => updateSenders(candidateReceived).length > before, 'the server write at the candidate');
      await until(() => updateSenders(interviewerReceived).length > 1, 'the server write at the interviewer');
      assert.ok(!updateSenders(candidateReceived).includes(typed.clientID), 'the candidate is not sent its own update back');
      assert.deepEqual(syncStatuses(candidateReceived), [true]);
    } finally {
      candidate.close();
      interviewer.close();
    }
  });

  test('an update sent again (as a client re-sends after a reconnect) is acknowledged again but stored once', async () => {
    const s = await createSession(server, sessionWithCode(''));
    const candidate = await rawSocket(`${wsUrl(server)}/v1/collab`);
    const received = inbox(candidate);
    try {
      candidate.send(frames.auth(s.id, s.tokenFor('candidate')));
      const typed = new Y.Doc();
      typed.getText('code').insert(0, 'once\n');
      const update = Y.encodeStateAsUpdate(typed);
      candidate.send(frames.update(s.id, update));
      await until(() => syncStatuses(received).length === 1, 'the acknowledgement');
      typed.getText('code').delete(0, 1);
      const deletion = Y.encodeStateAsUpdate(typed);
      candidate.send(frames.update(s.id, deletion));
      await until(() => syncStatuses(received).length === 2, 'the second acknowledgement');
      candidate.send(frames.update(s.id, update));
      candidate.send(frames.update(s.id, deletion));
      await until(() => syncStatuses(received).length === 4, 'the acknowledgements of what was sent again');
      assert.deepEqual(syncStatuses(received), [true, true, true, true]);
      const { body } = await call(server.url, 'GET', `/v1/sessions/${s.id}/timeline`, { auth: s.tokenFor('interviewer') });
      assert.equal(body.updates.filter((u: { author: string | null }) => u.author !== null).length, 2, 'each stored once');
    } finally {
      candidate.close();
    }
  });

  test('ending the session turns open connections read-only at once: the next update is refused, not relayed, not stored', async () => {
    const s = await createSession(server, sessionWithCode('a\n'));
    const sync = server.services.collab.sync;
    const watcher = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    const candidate = await rawSocket(`${wsUrl(server)}/v1/collab`);
    const received = inbox(candidate);
    try {
      await until(() => watcher.text.toString() === 'a\n', 'the starter code');
      candidate.send(frames.auth(s.id, s.tokenFor('candidate')));
      await until(() => sync.documents.get(s.id)?.getConnectionsCount() === 2, 'both connections');
      // The candidate could write a moment ago.
      const before = new Y.Doc();
      before.getText('code').insert(0, 'in time\n');
      candidate.send(frames.update(s.id, Y.encodeStateAsUpdate(before)));
      await until(() => syncStatuses(received).length === 1, 'the first acknowledgement');
      assert.deepEqual(syncStatuses(received), [true]);
      await until(() => watcher.text.toString().includes('in time\n'), 'the edit relayed');
      const atEnd = watcher.text.toString();

      assert.equal((await call(server.url, 'POST', `/v1/sessions/${s.id}/end`, { auth: s.tokenFor('interviewer') })).status, 200);
      const late = new Y.Doc();
      late.getText('code').insert(0, 'too late\n');
      candidate.send(frames.update(s.id, Y.encodeStateAsUpdate(late)));
      await until(() => syncStatuses(received).length === 2, 'the answer to the late update');
      assert.deepEqual(syncStatuses(received), [true, false], 'the late update is refused');
      assert.equal(watcher.text.toString(), atEnd);
      const { body } = await call(server.url, 'GET', `/v1/sessions/${s.id}/timeline`, { auth: s.tokenFor('interviewer') });
      const replayed = new Y.Doc();
      for (const u of body.updates) Y.applyUpdate(replayed, Buffer.from(u.update, 'base64'));
      assert.equal(replayed.getText('code').toString(), atEnd);
    } finally {
      candidate.close();
      watcher.provider.destroy();
    }
  });

  test('malformed frames close that socket and the server stays healthy', async () => {
    const url = `${wsUrl(server)}/v1/collab`;
    const bad: (string | Uint8Array)[] = [
      'not binary',
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      frames.auth('../../etc/passwd', 'x'),
      // A sync update whose payload is not a Yjs update.
      frames.update(session.id, new Uint8Array([1, 2, 3, 4, 5, 200, 200, 200])),
      new Uint8Array(2 * 1024 * 1024),
    ];
    for (const frame of bad) {
      const ws = await rawSocket(url);
      ws.on('error', () => {});
      ws.send(frame);
      const code = await closed(ws);
      assert.ok([1003, 1007, 1008, 1009, 1006].includes(code), `closed with ${code}`);
    }
    // A malformed update after a successful authentication also closes the socket.
    const ws = await rawSocket(url);
    ws.send(frames.auth(session.id, session.tokenFor('candidate')));
    ws.send(frames.update(session.id, new Uint8Array([9, 9, 9])));
    assert.ok((await closed(ws)) > 0);

    assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
    const client = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
    try {
      await until(() => client.text.toString().includes('print("hello")'), 'a healthy sync after the garbage');
    } finally {
      client.provider.destroy();
    }
  });

  test('documents leave memory when the last client leaves and come back from the database', async () => {
    const s = await createSession(server, sessionWithCode(''));
    const a = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    await until(() => a.provider.isSynced, 'first sync');
    a.text.insert(0, 'kept\n');
    await until(() => !a.provider.hasUnsyncedChanges, 'acknowledged');
    const sync = server.services.collab.sync;
    assert.ok(sync.documents.has(s.id));
    a.provider.destroy();
    await until(() => !sync.documents.has(s.id), 'the document unloaded');

    const b = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      await until(() => b.text.toString() === 'kept\n', 'the content restored from the database');
    } finally {
      b.provider.destroy();
    }
  });
});
