import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.dispose());

describe('API keys', () => {
  test('a missing key is refused with 401 and says what is needed', async () => {
    const body = problemOf(await call(server.url, 'POST', '/v1/sessions', { body: sampleSession() }), 401);
    assert.match(body.detail, /API key/);
  });

  test('a wrong key is refused with 401', async () => {
    problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: 'ik_000000000000_' + 'x'.repeat(43), body: sampleSession() }), 401);
    problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: 'not-a-key-at-all', body: sampleSession() }), 401);
  });

  test('a malformed Authorization header is refused with 401', async () => {
    const res = await call(server.url, 'POST', '/v1/sessions', { headers: { authorization: `Basic ${server.apiKey}` }, body: sampleSession() });
    problemOf(res, 401);
  });

  test('a revoked key stops working at once', async () => {
    const created = await server.app.ctx.apiKeys.create('default', 'to-revoke');
    assert.equal((await call(server.url, 'POST', '/v1/sessions', { auth: created.key, body: sampleSession() })).status, 201);
    assert.ok(await server.app.ctx.apiKeys.revoke(created.id));
    const body = problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: created.key, body: sampleSession() }), 401);
    assert.match(body.detail, /revoked|unknown/);
  });

  test("a key of tenant A cannot read or manage tenant B's session (404)", async () => {
    const a = await server.app.ctx.apiKeys.create('tenant-a', 'a');
    const b = await server.app.ctx.apiKeys.create('tenant-b', 'b');
    const { id } = await createSession({ url: server.url, apiKey: b.key });
    problemOf(await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: a.key }), 404);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${id}/tokens`, { auth: a.key, body: { participantId: 'cam' } }), 404);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${id}/end`, { auth: a.key }), 404);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: b.key })).status, 200);
  });

  test('keys are stored hashed, never in clear', async () => {
    const created = await server.app.ctx.apiKeys.create('default', 'hashed');
    const row = await server.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes(created.key.slice(16)));
    assert.match(row.key_hash, /^[0-9a-f]{64}$/);
  });
});

describe('session creation', () => {
  test('returns 201 with one token per participant, in order', async () => {
    const res = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession() });
    assert.equal(res.status, 201);
    assert.match(res.headers.get('location') ?? '', new RegExp(`/v1/sessions/${res.body.id}$`));
    assert.deepEqual(
      res.body.participants.map((p: any) => [p.id, p.role]),
      [['ivy', 'interviewer'], ['cam', 'candidate'], ['oli', 'observer']],
    );
    for (const p of res.body.participants) {
      assert.match(p.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      const ttl = Date.parse(p.expiresAt) - Date.now();
      assert.ok(ttl > 0 && ttl <= 15 * 60_000, `token TTL ${ttl} ms is at most 15 minutes`);
    }
  });

  test('malformed JSON → 400 problem', async () => {
    const body = problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, raw: '{"title": "x",' }), 400);
    assert.match(body.detail, /JSON/);
  });

  test('a non-JSON content type → 415 problem', async () => {
    const res = await call(server.url, 'POST', '/v1/sessions', {
      auth: server.apiKey,
      raw: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    problemOf(res, 415);
  });

  test('wrong types and missing fields → 400 with field-level errors', async () => {
    const bad = { title: 42, question: { prompt: '', language: 'Python 3!', tests: [{ stdin: 1 }] }, participants: [{ id: 'x', role: 'boss' }] };
    const body = problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: bad }), 400);
    const paths = body.errors!.map((e) => e.path);
    for (const path of ['title', 'question.prompt', 'question.language', 'question.tests.0.stdin', 'question.tests.0.expected', 'participants.0.name', 'participants.0.role']) {
      assert.ok(paths.includes(path), `errors name ${path}: ${paths.join(', ')}`);
    }
  });

  test('an empty body, an array, unknown fields and duplicate participant ids are refused', async () => {
    problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey }), 400);
    problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: [] }), 400);
    problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: { ...sampleSession(), admin: true } }), 400);
    const dup = sampleSession({ participants: [{ id: 'a', name: 'A', role: 'candidate' }, { id: 'a', name: 'B', role: 'interviewer' }] });
    const body = problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: dup }), 400);
    assert.match(JSON.stringify(body.errors), /unique/);
  });

  test('an oversized body → 413 problem, and the server keeps serving', async () => {
    const huge = sampleSession({ title: 'x'.repeat(server.config.bodyLimitBytes + 10) });
    problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: huge }), 413);
    assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
  });

  test('a participant token cannot create sessions', async () => {
    const { tokens } = await createSession(server);
    problemOf(await call(server.url, 'POST', '/v1/sessions', { auth: tokens.ivy, body: sampleSession() }), 401);
  });
});

describe('session views by role', () => {
  test('the candidate never receives hidden tests; the interviewer and the host do', async () => {
    const { id, tokens } = await createSession(server);
    const candidate = await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: tokens.cam });
    assert.equal(candidate.status, 200);
    assert.deepEqual(candidate.body.question.tests, [{ stdin: '1 2\n', expected: '3\n', hidden: false, index: 0 }]);
    assert.equal(candidate.body.question.hiddenTestCount, 1);
    assert.ok(!JSON.stringify(candidate.body).includes('40 2'), 'no trace of the hidden input');
    assert.deepEqual(candidate.body.viewer, { role: 'candidate', participantId: 'cam' });

    const observer = await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: tokens.oli });
    assert.equal(observer.body.question.tests.length, 1);

    const interviewer = await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: tokens.ivy });
    assert.deepEqual(interviewer.body.question.tests.map((t: any) => [t.index, t.hidden]), [[0, false], [1, true]]);
    const host = await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: server.apiKey });
    assert.equal(host.body.question.tests.length, 2);
    assert.deepEqual(host.body.viewer, { role: 'host', participantId: null });
    assert.equal(host.body.video, 'peer-to-peer', 'without LiveKit, video is peer-to-peer');
  });

  test('an unknown session → 404 for the host', async () => {
    problemOf(await call(server.url, 'GET', '/v1/sessions/00000000-0000-0000-0000-000000000000', { auth: server.apiKey }), 404);
  });

  test('a malformed session id → 400', async () => {
    problemOf(await call(server.url, 'GET', `/v1/sessions/${encodeURIComponent('bad id!')}`, { auth: server.apiKey }), 400);
  });
});

describe('token refresh and ending', () => {
  test('the host issues a fresh token for a participant; an unknown participant → 404', async () => {
    const { id } = await createSession(server);
    const res = await call(server.url, 'POST', `/v1/sessions/${id}/tokens`, { auth: server.apiKey, body: { participantId: 'cam' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.role, 'candidate');
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: res.body.token })).body.viewer.participantId, 'cam');
    problemOf(await call(server.url, 'POST', `/v1/sessions/${id}/tokens`, { auth: server.apiKey, body: { participantId: 'nobody' } }), 404);
  });

  test('a participant cannot mint tokens', async () => {
    const { id, tokens } = await createSession(server);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${id}/tokens`, { auth: tokens.ivy, body: { participantId: 'cam' } }), 401);
  });

  test('a candidate cannot end the session; an interviewer can, twice without error', async () => {
    const { id, tokens } = await createSession(server);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${id}/end`, { auth: tokens.cam }), 403);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${id}/end`, { auth: tokens.oli }), 403);
    const ended = await call(server.url, 'POST', `/v1/sessions/${id}/end`, { auth: tokens.ivy });
    assert.equal(ended.status, 200);
    assert.equal(ended.body.status, 'ended');
    assert.ok(ended.body.endedAt);
    const again = await call(server.url, 'POST', `/v1/sessions/${id}/end`, { auth: server.apiKey });
    assert.equal(again.body.endedAt, ended.body.endedAt);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: tokens.cam })).body.status, 'ended');
  });
});
