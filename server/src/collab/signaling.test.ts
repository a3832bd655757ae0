import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { call, createSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { closed, sessionWithCode, wsUrl } from '../testing/collab.js';

/** Opens a signaling socket; resolves with it, or with the HTTP status that refused the upgrade. */
function open(url: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

function nextMessage(ws: WebSocket): Promise<any> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('signaling endpoint /v1/signal', () => {
  let server: TestServer;
  let session: CreatedSession;
  const ticket = async (token: string, id = session.id) => (await call(server.url, 'POST', `/v1/sessions/${id}/collab-ticket`, { auth: token })).body;
  const signalUrl = (path: string) => `${wsUrl(server)}${path}`;

  before(async () => {
    server = await startTestServer();
    session = await createSession(server, sessionWithCode());
  });
  after(() => server.dispose());

  test('the ticket endpoint gives editors a one-time ticket and the room secret, observers none', async () => {
    const candidate = await ticket(session.tokenFor('candidate'));
    assert.equal(candidate.readOnly, false);
    assert.match(candidate.signalingUrl, /^\/v1\/signal\?ticket=[\w-]{20,}$/);
    assert.ok(candidate.roomSecret.length >= 32);
    assert.deepEqual(candidate.iceServers, []);
    assert.deepEqual(candidate.documents, { shared: session.id, private: null });
    const interviewer = await ticket(session.tokenFor('interviewer'));
    assert.equal(interviewer.roomSecret, candidate.roomSecret, 'one secret per session');
    assert.equal(interviewer.documents.private, `${session.id}/private`);
    assert.notEqual(interviewer.ticket, candidate.ticket);
    const observer = await ticket(session.tokenFor('observer'));
    assert.equal(observer.readOnly, true);
    assert.equal(observer.ticket, null);
    assert.equal(observer.roomSecret, null);
    const other = await createSession(server, sessionWithCode());
    assert.notEqual((await ticket(other.tokenFor('candidate'), other.id)).roomSecret, candidate.roomSecret);
    assert.equal((await call(server.url, 'POST', `/v1/sessions/${session.id}/collab-ticket`)).status, 401);
  });

  test('y-webrtc peers in one session exchange signaling; tickets are single-use; no ticket is refused', async () => {
    const a = await ticket(session.tokenFor('candidate'));
    const b = await ticket(session.tokenFor('interviewer'));
    const peerA = (await open(signalUrl(a.signalingUrl))) as WebSocket;
    const peerB = (await open(signalUrl(b.signalingUrl))) as WebSocket;
    peerA.send(JSON.stringify({ type: 'subscribe', topics: [a.roomName] }));
    peerB.send(JSON.stringify({ type: 'subscribe', topics: [b.roomName] }));
    peerB.send(JSON.stringify({ type: 'ping' }));
    assert.deepEqual(await nextMessage(peerB), { type: 'pong' });
    const received = nextMessage(peerB);
    peerA.send(JSON.stringify({ type: 'publish', topic: a.roomName, data: 'ciphertext-base64' }));
    assert.deepEqual(await received, { type: 'publish', topic: a.roomName, data: 'ciphertext-base64', clients: 2 });

    assert.equal(await open(signalUrl(a.signalingUrl)), 401, 'a used ticket is refused');
    assert.equal(await open(signalUrl('/v1/signal')), 401);
    assert.equal(await open(signalUrl('/v1/signal?ticket=made-up')), 401);
    peerA.close();
    peerB.close();
  });

  test('the stock y-webrtc signaling client connects with a ticket URL', async () => {
    // lib0's WebSocket client (what y-webrtc uses) expects a global WebSocket, as in browsers.
    const globals = globalThis as { WebSocket?: unknown };
    const previous = globals.WebSocket;
    globals.WebSocket = WebSocket;
    const { SignalingConn } = await import('y-webrtc');
    const t = await ticket(session.tokenFor('candidate'));
    const conn = new SignalingConn(signalUrl(t.signalingUrl));
    try {
      await new Promise<void>((resolve) => conn.on('connect', () => resolve()));
      const pong = new Promise((resolve) => conn.on('message', (m: { type: string }) => m.type === 'pong' && resolve(m)));
      conn.send({ type: 'ping' });
      assert.deepEqual(await pong, { type: 'pong' });
    } finally {
      conn.destroy();
      globals.WebSocket = previous;
    }
  });

  test('a peer may only use its own session’s room, and malformed frames close the socket', async () => {
    const other = await createSession(server, sessionWithCode());
    const otherRoom = (await ticket(other.tokenFor('candidate'), other.id)).roomName;
    const frames: (string | Buffer)[] = [
      JSON.stringify({ type: 'subscribe', topics: [otherRoom] }),
      JSON.stringify({ type: 'publish', topic: otherRoom, data: 'x' }),
      JSON.stringify({ type: 'publish', topic: '', data: { plain: 'unencrypted' } }),
      '{not json',
      JSON.stringify({ type: 'launch-missiles' }),
      JSON.stringify([1, 2, 3]),
      Buffer.from([1, 2, 3]),
      'x'.repeat(100 * 1024),
    ];
    for (const frame of frames) {
      const t = await ticket(session.tokenFor('candidate'));
      const ws = (await open(signalUrl(t.signalingUrl))) as WebSocket;
      ws.on('error', () => {});
      ws.send(frame);
      const code = await closed(ws);
      assert.ok([1003, 1007, 1008, 1009].includes(code), `${String(frame).slice(0, 40)} closed with ${code}`);
    }
    // A flood is cut off.
    const t = await ticket(session.tokenFor('candidate'));
    const flood = (await open(signalUrl(t.signalingUrl))) as WebSocket;
    for (let i = 0; i < 400; i++) flood.send(JSON.stringify({ type: 'ping' }));
    assert.equal(await closed(flood), 1008);

    assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
  });
});
