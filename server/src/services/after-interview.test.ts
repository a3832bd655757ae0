// The pipeline after an interview against the real app: the end enqueues scoring (the real local
// sandbox), the score enqueues the report, and each step is announced by a signed webhook.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { changeSession } from '@interview-kit/core/testing';
import { enqueue } from '../jobs/index.js';
import { call, createSession, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';
import { SCORE_JOB } from './session-events.js';

describe('after the interview', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let secret: string;

  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOB_POLL_MS: '50' } });
    receiver = await new WebhookReceiver().start();
    const registered = await call(server.url, 'POST', '/v1/webhooks', {
      auth: server.apiKey,
      body: { url: receiver.url, events: ['session.ended', 'score.completed', 'report.ready'] },
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    secret = registered.body.secret;
  });
  after(async () => {
    await receiver.stop();
    await server.dispose();
  });

  /** The verified webhooks of one session, first delivery of each id, in arrival order. */
  const eventsOf = (sessionId: string) =>
    receiver.received
      .filter((r, i) => receiver.received.findIndex((o) => o.id === r.id) === i)
      .map((r) => new Webhook(secret).verify(r.body, r.headers) as { type: string; data: Record<string, any> })
      .filter((event) => event.data.sessionId === sessionId);

  test('an ended interview is scored and reported without anyone asking, each step a signed webhook, in order', async () => {
    const session = await createSession(server, sampleSession({ externalId: 'ats-application-42' }));
    await changeSession(server, session.id, 'end');
    await receiver.until(() => eventsOf(session.id).some((event) => event.type === 'report.ready'), 30_000);
    const events = eventsOf(session.id);
    assert.deepEqual(
      events.map((event) => event.type),
      ['session.ended', 'score.completed', 'report.ready'],
    );
    const [, scored, ready] = events as [unknown, { data: Record<string, any> }, { data: Record<string, any> }];
    assert.deepEqual([scored.data.passed, scored.data.total], [2, 2]);
    assert.deepEqual([scored.data.externalId, ready.data.externalId], ['ats-application-42', 'ats-application-42']);
    assert.match(scored.data.links.score, /\/v1\/sessions\/.+\/score$/);
    const score = await call(server.url, 'GET', `/v1/sessions/${session.id}/score`, { auth: server.apiKey });
    assert.equal(score.body.id, scored.data.scoreId);
    const report = await call(server.url, 'GET', `/v1/sessions/${session.id}/report`, { auth: server.apiKey });
    assert.equal(report.status, 200);
    assert.equal(report.body.reportId, ready.data.reportId);
    // No code, notes or names in the payloads.
    assert.doesNotMatch(JSON.stringify(events), /print\(|Cam Candidate/);
  });

  test('scoring again the same code announces nothing new: one score, one report, one event each', async () => {
    const session = await createSession(server);
    await changeSession(server, session.id, 'end');
    await receiver.until(() => eventsOf(session.id).some((event) => event.type === 'report.ready'), 30_000);
    // A retried or repeated scoring job, as after a crash between scoring and its event.
    const { tenant_id: tenantId } = await server.services.db.selectFrom('sessions').select('tenant_id').where('id', '=', session.id).executeTakeFirstOrThrow();
    await enqueue(server.services.db, { kind: SCORE_JOB, key: `again:${session.id}`, tenantId, payload: { sessionId: session.id } });
    server.services.jobs.wake();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const types = eventsOf(session.id).map((event) => event.type);
    assert.deepEqual(types, ['session.ended', 'score.completed', 'report.ready']);
    const stored = await server.services.db
      .selectFrom('session_events')
      .select(['type'])
      .where('session_id', '=', session.id)
      .execute();
    assert.deepEqual(stored.map((row) => row.type).sort(), ['report.ready', 'score.completed', 'session.created', 'session.ended', 'session.started']);
  });
});
