// Idle and excess WebSockets against the real server: the authentication deadline, the per-address
// and total caps (503 + Retry-After before any WebSocket exists), TRUST_PROXY, and that HTTP and the
// real sandbox keep answering while the sockets are held.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { call, createSession, startTestServer, type TestServer } from '../testing/harness.js';
import { authOutcome, connectProvider, until } from '../testing/collab.js';
import { documentName } from './documents.js';
import { AUTH_TIMEOUT_CLOSE } from './socket-control.js';
import { sampleOf } from '../testing/metrics.js';

type Attempt =
  | { ws: WebSocket; opened: true; closedWith?: number }
  | { opened: false; status: number; retryAfter: string | undefined; contentType: string | undefined };

/** Opens a WebSocket and never sends a byte on it; resolves once it opened or was refused. */
function idleSocket(url: string, headers: Record<string, string> = {}): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      const attempt: Attempt = { ws, opened: true };
      ws.once('close', (code) => (attempt.closedWith = code));
      resolve(attempt);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], contentType: res.headers['content-type'] });
      res.resume();
    });
    ws.once('error', (error) => reject(error));
  });
}

const metric = async (server: TestServer, name: string, labels: Record<string, string> = {}) => {
  const text = (await call(server.url, 'GET', '/metrics')).body as string;
  return sampleOf(text, name, labels) ?? 0;
};

/** /healthz and a real sandboxed run answer. */
async function assertServing(server: TestServer, token: string): Promise<void> {
  assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
  const run = await call(server.url, 'POST', '/v1/runs', { auth: token, body: { language: 'python', code: 'print("still here")' } });
  assert.equal(run.status, 200, JSON.stringify(run.body));
  assert.equal(run.body.stdout, 'still here\n');
}

describe('idle sockets from one address', () => {
  const PER_IP = 300;
  const DEADLINE_MS = 2_000;
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      env: { WS_MAX_PER_IP: String(PER_IP), WS_AUTH_TIMEOUT_MS: String(DEADLINE_MS), RATE_LIMIT_PER_IP: '100000', EXECUTOR: 'local' },
    });
  });
  after(() => server.dispose());

  test('are refused past the cap with 503 and Retry-After, closed after the deadline, while HTTP and runs keep answering', async () => {
    const session = await createSession(server);
    const syncUrl = `${server.url.replace(/^http/, 'ws')}/v1/collab`;

    // An authenticated client before the flood: the deadline never applies to it.
    const honest = connectProvider(server.url.replace(/^http/, 'ws'), documentName(session.id, 'shared'), session.tokens.cam!);
    assert.equal((await authOutcome(honest.provider)).ok, true);

    const attempts = await Promise.all(Array.from({ length: PER_IP + 40 }, () => idleSocket(syncUrl)));
    const opened = attempts.filter((a): a is Extract<Attempt, { opened: true }> => a.opened);
    const refused = attempts.filter((a): a is Extract<Attempt, { opened: false }> => !a.opened);
    // The honest client's socket counts against the same address.
    assert.equal(opened.length, PER_IP - 1);
    assert.equal(refused.length, 41);
    for (const refusal of refused) {
      assert.equal(refusal.status, 503);
      assert.ok(Number(refusal.retryAfter) >= 1, `Retry-After: ${refusal.retryAfter}`);
      assert.match(refusal.contentType ?? '', /^application\/problem\+json/);
    }
    assert.equal(await metric(server, 'ws_refused_upgrades_total', { limit: 'per-address' }), 41);

    // While every slot of the address is held, the server still serves HTTP and runs code.
    await assertServing(server, session.tokens.cam!);

    await until(() => opened.every((a) => a.closedWith !== undefined), 'the server to close the idle sockets', DEADLINE_MS + 5_000);
    assert.ok(opened.every((a) => a.closedWith === AUTH_TIMEOUT_CLOSE), 'closed for not authenticating');
    assert.equal(await metric(server, 'ws_auth_timeouts_total'), opened.length);
    assert.equal(honest.provider.isAuthenticated, true, 'the authenticated client stays connected');

    // Once they are gone, the address may connect again.
    await until(async () => (await metric(server, 'ws_connections')) === 1, 'the slots to be released');
    const again = await idleSocket(syncUrl);
    assert.equal(again.opened, true);
    if (again.opened) again.ws.terminate();
    honest.provider.destroy();
    await assertServing(server, session.tokens.ivy!);
  });
});

describe('the total cap and TRUST_PROXY', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      env: { WS_MAX_CONNECTIONS: '4', WS_MAX_PER_IP: '2', TRUST_PROXY: 'loopback', RATE_LIMIT_PER_IP: '3' },
    });
  });
  after(() => server.dispose());

  test('behind a trusted proxy each forwarded client has its own cap, and the total caps them all', async () => {
    const url = `${server.url.replace(/^http/, 'ws')}/v1/collab`;
    const from = (address: string) => idleSocket(url, { 'x-forwarded-for': address });
    const a = [await from('203.0.113.1'), await from('203.0.113.1'), await from('203.0.113.1')];
    assert.deepEqual(a.map((x) => x.opened), [true, true, false]);
    const b = [await from('203.0.113.2'), await from('203.0.113.2')];
    assert.deepEqual(b.map((x) => x.opened), [true, true]);
    const c = await from('203.0.113.3');
    assert.equal(c.opened, false, 'the total cap of 4 is reached');
    assert.equal(!c.opened && c.status, 503);
    assert.equal(await metric(server, 'ws_refused_upgrades_total', { limit: 'total' }), 1);
    for (const attempt of [...a, ...b]) if (attempt.opened) attempt.ws.terminate();
  });

  test('HTTP rate limits count per forwarded client', async () => {
    const hit = (address: string) => call(server.url, 'GET', '/healthz', { headers: { 'x-forwarded-for': address } });
    for (let i = 0; i < 3; i++) assert.equal((await hit('198.51.100.7')).status, 200);
    assert.equal((await hit('198.51.100.7')).status, 429);
    assert.equal((await hit('198.51.100.8')).status, 200);
  });
});

describe('without TRUST_PROXY', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { WS_MAX_PER_IP: '2' } });
  });
  after(() => server.dispose());

  test('X-Forwarded-For cannot lift the per-address cap', async () => {
    const url = `${server.url.replace(/^http/, 'ws')}/v1/collab`;
    const attempts = [];
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) attempts.push(await idleSocket(url, { 'x-forwarded-for': address }));
    assert.deepEqual(attempts.map((x) => x.opened), [true, true, false]);
    for (const attempt of attempts) if (attempt.opened) attempt.ws.terminate();
  });
});
