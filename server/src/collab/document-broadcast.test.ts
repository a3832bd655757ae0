import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import * as decoding from 'lib0/decoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import { createSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { connectProvider, frames, inbox, rawSocket, sessionWithCode, until, wsUrl } from '../testing/collab.js';
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

describe('document broadcast', () => {
  let server: TestServer;
  let session: CreatedSession;

  before(async () => {
    server = await startTestServer();
    session = await createSession(server, sessionWithCode());
  });
  after(() => server.dispose());

  test('a cursor that moves twice in one turn reaches the others once, at its latest place, and never comes back to its sender', async () => {
    const interviewer = connectProvider(wsUrl(server), session.id, session.tokenFor('interviewer'));
    const candidate = await rawSocket(`${wsUrl(server)}/v1/collab`);
    const candidateReceived = inbox(candidate);
    const local = new Awareness(new Y.Doc());
    try {
      await until(() => interviewer.provider.isSynced, 'the interviewer synced');
      candidate.send(frames.auth(session.id, session.tokenFor('candidate')));
      await until(() => candidateReceived.length > 0, 'the candidate authenticated');

      const seen: unknown[] = [];
      interviewer.provider.awareness!.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
        if ([...added, ...updated].includes(local.clientID)) seen.push(interviewer.provider.awareness!.getStates().get(local.clientID)?.cursor);
      });
      const move = (cursor: number) => {
        local.setLocalStateField('cursor', cursor);
        return frames.awareness(session.id, encodeAwarenessUpdate(local, [local.clientID]));
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
});
