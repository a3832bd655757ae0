// The audit log against the real app and real SQLite (or PostgreSQL with TEST_DATABASE_URL):
// accesses and changes through the API are entered with who, what, when and from where; the
// per-tenant hash chain verifies, survives concurrent appends, and names an entry edited in the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';

const audit = async (server: TestServer, query = '') => {
  const res = await call(server.url, 'GET', `/v1/audit${query}`, { auth: server.apiKey });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { entries: any[]; nextCursor: string | null };
};

describe('audit log', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  it('enters every access and change with the actor, the resource, the request id and the client address', async () => {
    const session = await createSession(server, sampleSession({ externalId: 'audit-1' }));
    const asHost = await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: server.apiKey, headers: { 'x-request-id': 'req-audit-host' } });
    assert.equal(asHost.status, 200);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: session.tokens.cam })).status, 200);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}/runs`, { auth: session.tokens.ivy })).status, 200);
    // A refused call touched nothing and is not entered.
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/scorecard`, { auth: session.tokens.cam }), 403);

    const { entries } = await audit(server, `?resource=session:${session.id}`);
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor.kind, e.actor.role]).reverse(),
      [
        ['session.create', 'api-key', null],
        ['session.start', 'api-key', null],
        ['session.read', 'api-key', null],
        ['session.read', 'participant', 'candidate'],
        ['runs.read', 'participant', 'interviewer'],
      ],
    );
    const read = entries.find((e) => e.requestId === 'req-audit-host');
    assert.ok(read, 'the request id is entered');
    assert.equal(read.sessionId, session.id);
    assert.match(read.clientAddress, /127\.0\.0\.1$/);
    assert.equal(entries.find((e) => e.actor.kind === 'participant' && e.action === 'session.read').actor.id, 'cam');
  });

  it('filters by action, actor and time, and pages with a cursor', async () => {
    const session = await createSession(server);
    for (let i = 0; i < 3; i++) await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: session.tokens.ivy });
    const byIvy = await audit(server, `?actor=ivy&action=session.read&resource=session:${session.id}`);
    assert.equal(byIvy.entries.length, 3);
    const first = await audit(server, `?resource=session:${session.id}&limit=2`);
    assert.equal(first.entries.length, 2);
    assert.ok(first.nextCursor);
    const second = await audit(server, `?resource=session:${session.id}&limit=2&cursor=${first.nextCursor}`);
    assert.ok(second.entries.every((e) => e.seq < first.entries[1].seq), 'the next page continues where the first ended');
    const future = await audit(server, `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    assert.equal(future.entries.length, 0);
    problemOf(await call(server.url, 'GET', '/v1/audit?cursor=nonsense', { auth: server.apiKey }), 400);
    problemOf(await call(server.url, 'GET', '/v1/audit', { auth: session.tokens.ivy }), 403, 'participants may not read the audit log');
  });

  it('chains entries without a fork under concurrent appends, and verify names the first entry edited in the database', async () => {
    const session = await createSession(server);
    await Promise.all(Array.from({ length: 25 }, () => call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: server.apiKey })));
    const verified = await call(server.url, 'GET', '/v1/audit/verify', { auth: server.apiKey });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body));
    const rows = await server.db.selectFrom('audit_entries').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    assert.equal(verified.body.checked, rows.length);
    rows.forEach((row, i) => {
      assert.equal(Number(row.seq), i + 1, 'sequence numbers have no gap and no twin');
      if (i > 0) assert.equal(row.prev_hash, rows[i - 1]!.hash, 'each entry carries the hash of the one before');
    });

    const target = Math.floor(rows.length / 2);
    await sql`update audit_entries set actor_id = 'someone-else' where seq = ${target}`.execute(server.db);
    const broken = await call(server.url, 'GET', '/v1/audit/verify', { auth: server.apiKey });
    assert.deepEqual({ ok: broken.body.ok, firstBrokenSeq: broken.body.firstBrokenSeq }, { ok: false, firstBrokenSeq: target });
    assert.equal(broken.body.checked, target);
  });

  it('notices an entry removed from the end of the chain', async () => {
    const head = await server.db.selectFrom('audit_heads').select('seq').executeTakeFirstOrThrow();
    await server.db.deleteFrom('audit_entries').where('seq', '=', Number(head.seq)).execute();
    const broken = await call(server.url, 'GET', '/v1/audit/verify', { auth: server.apiKey });
    assert.equal(broken.body.ok, false);
  });
});

describe('audit log behind a trusted proxy', () => {
  it('enters the client address from X-Forwarded-For only when TRUST_PROXY trusts the hop', async () => {
    for (const [trust, expected] of [
      ['loopback', '203.0.113.7'],
      ['false', '127.0.0.1'],
    ] as const) {
      const server = await startTestServer({ env: { TRUST_PROXY: trust } });
      try {
        const session = await createSession(server);
        await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: server.apiKey, headers: { 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'proxied' } });
        const { entries } = await audit(server, '?action=session.read');
        const entry = entries.find((e) => e.requestId === 'proxied');
        assert.ok(entry);
        assert.match(entry.clientAddress, new RegExp(`${expected.replace(/\./g, '\\.')}$`), `TRUST_PROXY=${trust}`);
      } finally {
        await server.dispose();
      }
    }
  });
});
