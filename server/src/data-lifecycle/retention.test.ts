// Retention against the real app and database, with an injected clock: each kind of data goes
// once its days have passed, a session past every period is erased whole, live sessions are left
// alone, the audit log keeps a verifiable chain; and the pass runs daily through the job queue.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changeSession } from '@interview-kit/core/testing';
import { createLogger } from '../logger.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { until } from '../testing/collab.js';
import { RetentionService, type RetentionPolicy } from './retention.js';
import { RETENTION_JOB } from './retention-job.js';

const DAY_MS = 86_400_000;
const KEEP: RetentionPolicy = { codeDays: null, runsDays: null, feedbackDays: null, reportsDays: null, auditDays: null };

async function count(server: TestServer, table: 'runs' | 'session_feedback' | 'collab_updates' | 'scores' | 'chat_messages', sessionId: string): Promise<number> {
  const rows = await server.db.selectFrom(table).select('session_id').where('session_id', '=', sessionId).execute();
  return rows.length;
}

describe('retention', () => {
  let server: TestServer;
  let ended: CreatedSession;
  let live: CreatedSession;
  /** A retention pass `days` from now. */
  const passIn = (days: number) =>
    new RetentionService({
      db: server.db,
      audit: server.services.audit,
      eraser: server.services.data.eraser,
      recordings: server.services.recordings,
      logger: createLogger('error'),
      now: () => new Date(Date.now() + days * DAY_MS),
    }).purgeDue();
  const setPolicy = async (policy: Partial<RetentionPolicy>) => {
    const res = await call(server.url, 'PUT', '/v1/settings/retention', { auth: server.apiKey, body: { ...KEEP, ...policy } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
    ended = await createSession(server);
    live = await createSession(server);
    for (const session of [ended, live]) {
      const run = await call(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: { language: 'python', code: 'print(1)', stdin: '' } });
      assert.equal(run.status, 200, JSON.stringify(run.body));
    }
    const chat = await call(server.url, 'POST', `/v1/sessions/${ended.id}/chat`, { auth: ended.tokens.cam, body: { text: 'Thanks!' } });
    assert.equal(chat.status, 201, JSON.stringify(chat.body));
    const competencies = Object.fromEntries(['problem-solving', 'code-quality', 'verification', 'communication'].map((id) => [id, { rating: 3, evidence: '' }]));
    const feedback = await call(server.url, 'POST', `/v1/sessions/${ended.id}/feedback`, { auth: ended.tokens.ivy, body: { competencies, recommendation: 'yes', summary: 'ok' } });
    assert.equal(feedback.status, 201, JSON.stringify(feedback.body));
    await changeSession(server, ended.id, 'end');
    await server.services.scores.score(ended.id);
    await server.services.collab.runRecords.idle();
  });
  after(() => server.dispose());

  it('keeps everything by default, and stores a policy per tenant', async () => {
    const res = await call(server.url, 'GET', '/v1/settings/retention', { auth: server.apiKey });
    assert.deepEqual(res.body, { ...KEEP, updatedAt: null });
    const report = await passIn(10_000);
    assert.deepEqual(report.tenants, [], 'no policy, nothing erased');
    assert.equal(await count(server, 'runs', ended.id), 1);
    const set = await setPolicy({ runsDays: 30 });
    assert.equal(set.runsDays, 30);
    assert.deepEqual((await call(server.url, 'GET', '/v1/settings/retention', { auth: server.apiKey })).body, set);
    problemOf(await call(server.url, 'PUT', '/v1/settings/retention', { auth: server.apiKey, body: { ...KEEP, runsDays: 0 } }), 400);
    problemOf(await call(server.url, 'PUT', '/v1/settings/retention', { auth: ended.tokens.ivy, body: KEEP }), 403);
  });

  it("erases a kind of data once its days have passed since the session ended, never a live session's, and audits what it erased", async () => {
    await setPolicy({ runsDays: 30 });
    await passIn(29);
    assert.equal(await count(server, 'runs', ended.id), 1, 'not yet due');
    const report = await passIn(31);
    assert.deepEqual(report.tenants[0]!.partial.map((p) => [p.sessionId, p.category, p.rows.runs]), [[ended.id, 'runsDays', 1]]);
    assert.equal(await count(server, 'runs', ended.id), 0);
    assert.equal(await count(server, 'runs', live.id), 1, 'the live session keeps its runs');
    assert.equal(await count(server, 'session_feedback', ended.id), 1, 'feedback has its own period (kept)');
    assert.ok((await count(server, 'collab_updates', ended.id)) > 0, 'so has the code');
    assert.equal(await count(server, 'chat_messages', ended.id), 1, 'and the chat, with the code');
    const audit = await call(server.url, 'GET', '/v1/audit?action=retention.erase', { auth: server.apiKey });
    assert.deepEqual(audit.body.entries.map((e: any) => [e.actor.kind, e.actor.id, e.resource, e.detail.category]), [['system', 'retention', `session:${ended.id}`, 'runsDays']]);
    assert.equal((await passIn(31)).tenants[0]!.partial.length, 0, 'what is gone is not erased again');
  });

  it('erases a session whole once every period has passed, and prunes old audit entries keeping the chain verifiable', async () => {
    await setPolicy({ codeDays: 30, runsDays: 30, feedbackDays: 60, reportsDays: 30, auditDays: 30 });
    const early = await passIn(45);
    assert.deepEqual(early.tenants[0]!.sessionsErased, [], 'feedback is kept 60 days');
    assert.equal(await count(server, 'collab_updates', ended.id), 0, 'the code went after 30 days');
    assert.equal(await count(server, 'chat_messages', ended.id), 0, 'the chat with the document that carries it');
    assert.equal(await count(server, 'scores', ended.id), 0, 'scores go with reports');
    assert.equal(await count(server, 'session_feedback', ended.id), 1);

    const late = await passIn(61);
    assert.deepEqual(late.tenants[0]!.sessionsErased, [ended.id]);
    const gone = problemOf(await call(server.url, 'GET', `/v1/sessions/${ended.id}`, { auth: server.apiKey }), 410);
    assert.match(gone.detail, /erased/);
    const tombstone = await server.db.selectFrom('session_tombstones').selectAll().where('session_id', '=', ended.id).executeTakeFirstOrThrow();
    assert.deepEqual([tombstone.reason, tombstone.erased_by], ['retention', 'system:retention']);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${live.id}`, { auth: server.apiKey })).status, 200, 'the live session stays');
    assert.ok(late.tenants[0]!.auditEntries > 0, 'audit entries older than 30 days were removed');
    const verified = await call(server.url, 'GET', '/v1/audit/verify', { auth: server.apiKey });
    assert.equal(verified.body.ok, true, JSON.stringify(verified.body));
  });

  it("runs daily through the job queue: today's pass at start-up, then the next day's", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
    const job = () => server.db.selectFrom('jobs').select(['state', 'run_at']).where('kind', '=', RETENTION_JOB).where('key', '=', `retention:${today}`).executeTakeFirst();
    let state: string | undefined;
    await until(() => {
      void job().then((row) => (state = row?.state));
      return state === 'done';
    }, "today's retention pass ran");
    const next = await server.db.selectFrom('jobs').select(['state', 'run_at']).where('kind', '=', RETENTION_JOB).where('key', '=', `retention:${tomorrow}`).executeTakeFirstOrThrow();
    assert.deepEqual(next, { state: 'queued', run_at: `${tomorrow}T00:00:00.000Z` });
  });
});
