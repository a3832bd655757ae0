import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, createSession, problemOf, startTestServer, type TestServer } from '../testing/harness.js';
import { RateLimiter } from '../services/rate-limiter.js';
import { sampleOf } from '../testing/metrics.js';

const PORTAL = 'https://portal.example.test';

describe('HTTP hardening', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ database: 'sqlite', env: { CORS_ORIGINS: PORTAL } });
  });
  after(() => server.dispose());

  test('CORS: a listed origin is echoed, an unlisted one gets no CORS headers and a refused preflight', async () => {
    const listed = await call(server.url, 'GET', '/healthz', { headers: { origin: PORTAL } });
    assert.equal(listed.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(listed.headers.get('vary') ?? '', /Origin/);
    const unlisted = await call(server.url, 'GET', '/healthz', { headers: { origin: 'https://evil.example' } });
    assert.equal(unlisted.headers.get('access-control-allow-origin'), null);

    const preflight = (origin: string) =>
      fetch(`${server.url}/v1/sessions`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const ok = await preflight(PORTAL);
    assert.equal(ok.status, 204);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const refused = await preflight('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  test('security headers are set', async () => {
    const res = await call(server.url, 'GET', '/healthz');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(res.headers.get('x-powered-by'), null);
  });

  test('request ids: generated, or kept when well-formed, and echoed in the response', async () => {
    assert.match((await call(server.url, 'GET', '/healthz')).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const kept = await call(server.url, 'GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } });
    assert.equal(kept.headers.get('x-request-id'), 'trace-123');
    const replaced = await call(server.url, 'GET', '/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
    assert.notEqual(replaced.headers.get('x-request-id'), 'bad id <script>');
  });

  test('structured logs never contain tokens or keys', async () => {
    const { id, tokens } = await createSession(server);
    await call(server.url, 'GET', `/v1/sessions/${id}?token=${tokens.cam}`, { auth: tokens.cam });
    await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: `${tokens.cam}tampered` });
    const logs = server.logs.join('');
    assert.ok(server.logs.length > 0);
    for (const line of server.logs) JSON.parse(line);
    assert.ok(!logs.includes(server.apiKey), 'API key absent');
    for (const token of Object.values(tokens)) assert.ok(!logs.includes(token.split('.')[2]!), 'token signature absent');
    assert.match(logs, /"route":"\/v1\/sessions\/:id"/);
  });

  test('unknown routes → 404 problem; /readyz and /metrics answer', async () => {
    const missing = await call(server.url, 'GET', '/v1/nothing-here');
    problemOf(missing, 404);
    assert.equal((await call(server.url, 'GET', '/readyz')).body.status, 'ready');
    const metrics = await call(server.url, 'GET', '/metrics');
    assert.match(metrics.contentType, /text\/plain/);
    assert.ok(sampleOf(metrics.body, 'http_requests_total', { method: 'GET', route: '/healthz', status: '200' })! >= 1, 'requests are counted by route and status');
    assert.match(metrics.body, /http_request_duration_seconds_bucket\{/);
  });
});

describe('rate limits', () => {
  test('per key: beyond the limit → 429 with Retry-After; another key is unaffected', async () => {
    const server = await startTestServer({ database: 'sqlite', env: { RATE_LIMIT_PER_KEY: '5' } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 7; i++) {
        last = await call(server.url, 'GET', '/v1/sessions/none', { auth: server.apiKey });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429]);
      problemOf(last!, 429);
      // The answer says which limits apply and what is left of each.
      assert.match(last!.headers.get('ratelimit-policy') ?? '', /"credential";q=5;w=60/);
      assert.match(last!.headers.get('ratelimit-policy') ?? '', /"address";q=\d+;w=60/);
      assert.match(last!.headers.get('ratelimit') ?? '', /"credential";r=0;t=\d+/);
      assert.ok(Number(last!.headers.get('retry-after')) >= 1);
      const other = await server.app.ctx.apiKeys.create('default', 'other');
      const fresh = await call(server.url, 'GET', '/v1/sessions/none', { auth: other.key });
      assert.equal(fresh.status, 404);
      assert.match(fresh.headers.get('ratelimit') ?? '', /"credential";r=4;t=\d+/);
    } finally {
      await server.dispose();
    }
  });

  test('per IP: beyond the limit → 429 even without credentials', async () => {
    const server = await startTestServer({ database: 'sqlite', env: { RATE_LIMIT_PER_IP: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(server.url, 'GET', '/healthz')).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    } finally {
      await server.dispose();
    }
  });

  test('the bucket refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) assert.equal(limiter.take('k'), 0);
    assert.ok(limiter.take('k') > 0);
    now += 1000;
    assert.equal(limiter.take('k'), 0, 'one request a second comes back');
  });
});
