import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { rubricTemplate } from '@interview-kit/core/rubric';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';
import { WebhookReceiver, type ReceivedWebhook } from '../testing/webhook-receiver.js';
import { sampleOf } from '../testing/metrics.js';

/**
 * Webhooks end to end: the real server in-process (private networks allowed, so the receiver can
 * be on loopback; retries a fraction of a second apart), a real HTTP receiver, signatures checked
 * with the `standardwebhooks` package.
 */
let server: TestServer;
before(async () => {
  server = await startTestServer({
    env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_SCHEDULE: '0.2,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3', JOB_POLL_MS: '50' },
  });
});
after(() => server.dispose());

const host = () => ({ auth: server.apiKey });
const register = async (url: string, events: string[]) => {
  const res = await call(server.url, 'POST', '/v1/webhooks', { ...host(), body: { url, events, description: 'ATS' } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; secret: string };
};
const deliveries = async (webhookId: string, query = '') =>
  (await call(server.url, 'GET', `/v1/webhooks/${webhookId}/deliveries${query}`, host())).body as {
    webhook: { status: string; disabledReason: string | null };
    deliveries: { id: string; type: string; status: string; attempts: number; responseStatus: number | null; nextAttemptAt: string | null; lastError: string | null }[];
  };
const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const verify = (secret: string, r: ReceivedWebhook) => new Webhook(secret).verify(r.body, r.headers) as { type: string; timestamp: string; data: Record<string, any> };
/** The first request of each webhook-id, in the order they arrived. */
const firstOfEach = (received: ReceivedWebhook[]) => received.filter((r, i) => received.findIndex((o) => o.id === r.id) === i);

describe('webhook registration', () => {
  test('201 with a whsec_ secret shown once; listing, reading and changing never show it', async () => {
    const created = await register('http://127.0.0.1:9/hooks', ['session.ended']);
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]+={0,2}$/);
    assert.ok(Buffer.from(created.secret.slice(6), 'base64').length >= 24, 'at least 24 random bytes');
    const list = await call(server.url, 'GET', '/v1/webhooks', host());
    const listed = list.body.webhooks.find((w: { id: string }) => w.id === created.id);
    assert.equal(listed.url, 'http://127.0.0.1:9/hooks');
    assert.equal(listed.secret, undefined);
    const patched = await call(server.url, 'PATCH', `/v1/webhooks/${created.id}`, { ...host(), body: { events: ['session.ended', 'report.ready'], description: null } });
    assert.deepEqual(patched.body.events, ['session.ended', 'report.ready']);
    assert.equal(patched.body.description, null);
    assert.equal(patched.body.secret, undefined);
    assert.equal((await call(server.url, 'DELETE', `/v1/webhooks/${created.id}`, host())).status, 204);
    problemOf(await call(server.url, 'GET', `/v1/webhooks/${created.id}`, host()), 404);
  });

  test('unknown event types and non-http URLs are refused with field errors', async () => {
    const bad = problemOf(await call(server.url, 'POST', '/v1/webhooks', { ...host(), body: { url: 'ftp://example.com/x', events: ['session.exploded'] } }), 400);
    assert.deepEqual(bad.errors!.map((e) => e.path).sort(), ['events.0', 'url']);
  });

  test('the OpenAPI document describes the webhook and job routes from the same schemas', async () => {
    const doc = (await call(server.url, 'GET', '/v1/openapi.json')).body;
    for (const path of ['/v1/webhooks', '/v1/webhooks/{id}', '/v1/webhooks/{id}/rotate-secret', '/v1/webhooks/{id}/deliveries', '/v1/webhooks/{id}/deliveries/{deliveryId}/retry', '/v1/jobs']) {
      assert.ok(doc.paths[path], path);
    }
    assert.deepEqual(Object.keys(doc.paths['/v1/webhooks']).sort(), ['get', 'post']);
    assert.deepEqual(doc.paths['/v1/webhooks'].post['x-roles'], [], 'no participant role may call it');
    assert.ok(doc.components.schemas.EventType.enum.includes('scorecard.completed'));
    assert.deepEqual(doc.components.schemas.JobState.enum, ['queued', 'running', 'failed', 'done', 'dead']);
    assert.ok(doc.paths['/v1/jobs'].get.parameters.some((p: { name: string }) => p.name === 'state'));
  });

  test('participants get 403 on every webhook and job route, candidates included', async () => {
    const { id } = await register('http://127.0.0.1:9/hooks', ['session.ended']);
    const s = await createSession(server);
    for (const token of [s.tokens.cam!, s.tokens.ivy!]) {
      for (const [method, path] of [
        ['POST', '/v1/webhooks'],
        ['GET', '/v1/webhooks'],
        ['GET', `/v1/webhooks/${id}`],
        ['PATCH', `/v1/webhooks/${id}`],
        ['DELETE', `/v1/webhooks/${id}`],
        ['POST', `/v1/webhooks/${id}/rotate-secret`],
        ['GET', `/v1/webhooks/${id}/deliveries`],
        ['POST', `/v1/webhooks/${id}/deliveries/msg_x/retry`],
        ['GET', '/v1/jobs?state=dead'],
      ] as const) {
        const body = method === 'GET' ? {} : { body: { url: 'https://example.com', events: ['session.ended'] } };
        problemOf(await call(server.url, method, path, { auth: token, ...body }), 403, `${method} ${path}`);
      }
    }
    problemOf(await call(server.url, 'GET', '/v1/webhooks'), 401);
    assert.equal((await call(server.url, 'GET', `/v1/webhooks/${id}`, host())).status, 200, 'the webhook is untouched');
  });
});

describe('delivery', () => {
  test('receiver down, then up: every event arrives once per webhook-id, signed, in the order of the session', async () => {
    const receiver = await new WebhookReceiver().start();
    await receiver.stop(); // down: its port refuses connections
    const { id: webhookId, secret } = await register(receiver.url, ['session.created', 'session.started', 'session.ended']);
    const externalId = `app-${Date.now()}`;
    const s = await createSession(server, sampleSession({ externalId }));
    await call(server.url, 'POST', `/v1/sessions/${s.id}/end`, host());
    await until('every delivery failed at least once', async () => {
      const list = await deliveries(webhookId);
      return list.deliveries.length === 3 && list.deliveries.some((d) => d.status === 'retrying');
    });
    const waiting = (await deliveries(webhookId)).deliveries.find((d) => d.status === 'retrying')!;
    assert.equal(waiting.responseStatus, null, 'no response from a receiver that is down');
    assert.ok(waiting.lastError);

    await receiver.start();
    await until('all three are delivered', async () => (await deliveries(webhookId)).deliveries.every((d) => d.status === 'succeeded'));
    const received = firstOfEach(receiver.received);
    assert.equal(new Set(receiver.received.map((r) => r.id)).size, 3);
    assert.equal(receiver.received.length, 3, 'an answered delivery is never sent again');
    const events = received.map((r) => verify(secret, r));
    assert.deepEqual(events.map((e) => e.type), ['session.created', 'session.started', 'session.ended'], 'in the order they happened');
    for (const event of events) {
      assert.equal(event.data.sessionId, s.id);
      assert.equal(event.data.externalId, externalId);
      assert.equal(event.data.links.session, `/v1/sessions/${s.id}`);
      assert.doesNotMatch(JSON.stringify(event), /print\(a \+ b\)|Read two integers|token/i, 'no code, question or tokens');
    }
    assert.ok(events.every((e) => typeof e.timestamp === 'string'));
    const listed = (await deliveries(webhookId)).deliveries;
    assert.deepEqual(new Set(listed.map((d) => d.id)), new Set(received.map((r) => r.id)), 'the webhook-id is the delivery id, stable across attempts');
    assert.ok(listed.every((d) => d.responseStatus === 200 && d.nextAttemptAt === null));
    const firstPage = await call(server.url, 'GET', `/v1/webhooks/${webhookId}/deliveries?limit=2`, host());
    const secondPage = await call(server.url, 'GET', `/v1/webhooks/${webhookId}/deliveries?limit=2&cursor=${firstPage.body.nextCursor}`, host());
    assert.deepEqual([...firstPage.body.deliveries, ...secondPage.body.deliveries].map((d: { id: string }) => d.id), listed.map((d) => d.id), 'pages cover the list once');
    assert.equal(secondPage.body.nextCursor, null);
    const created = listed.find((d) => d.type === 'session.created')!;
    assert.ok(created.attempts >= 2, 'the first event was tried while the receiver was down');
    await receiver.stop();
  });

  test('a later event of a session waits while an earlier one is being retried; other sessions do not wait', async () => {
    const receiver = await new WebhookReceiver().start();
    const { secret } = await register(receiver.url, ['session.created', 'session.started', 'session.ended']);
    const slow = await createSession(server, sampleSession(), { start: false });
    // The receiver refuses the slow session's first event three times.
    let refusals = 0;
    receiver.answer = (r) => (JSON.parse(r.body).data.sessionId === slow.id && JSON.parse(r.body).type === 'session.created' && refusals++ < 3 ? 503 : 200);
    await call(server.url, 'POST', `/v1/sessions/${slow.id}/start`, host());
    await call(server.url, 'POST', `/v1/sessions/${slow.id}/end`, host());
    const other = await createSession(server, sampleSession(), { start: false });
    const received = await receiver.until((list) => list.filter((r) => r.answered === 200).length >= 4);
    const delivered = received.filter((r) => r.answered === 200).map((r) => verify(secret, r));
    const ofSlow = delivered.filter((e) => e.data.sessionId === slow.id).map((e) => e.type);
    assert.deepEqual(ofSlow, ['session.created', 'session.started', 'session.ended']);
    assert.equal(refusals, 4, 'three refusals, then the success');
    const otherAt = delivered.findIndex((e) => e.data.sessionId === other.id);
    assert.ok(otherAt >= 0 && otherAt < delivered.length - 1, 'the other session was not held up behind the slow one');
    await receiver.stop();
  });

  test('a tampered body, a forged signature or an old timestamp fails verification', async () => {
    const receiver = await new WebhookReceiver().start();
    const { secret } = await register(receiver.url, ['session.created']);
    await createSession(server, sampleSession(), { start: false });
    const [r] = await receiver.until((list) => list.length >= 1);
    verify(secret, r!);
    assert.throws(() => verify(secret, { ...r!, body: r!.body.replace('session.created', 'session.cancelled') }), WebhookVerificationError);
    assert.throws(() => verify(secret, { ...r!, headers: { ...r!.headers, 'webhook-id': 'msg_other' } }), WebhookVerificationError);
    const old = String(Number(r!.timestamp) - 3600);
    assert.throws(() => verify(secret, { ...r!, headers: { ...r!.headers, 'webhook-timestamp': old } }), WebhookVerificationError);
    assert.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(r!.body, r!.headers), WebhookVerificationError);
    await receiver.stop();
  });

  test('after a secret rotation, deliveries verify with the new secret and, for 24 hours, the old one', async () => {
    const receiver = await new WebhookReceiver().start();
    const { id, secret: old } = await register(receiver.url, ['session.created']);
    const rotated = await call(server.url, 'POST', `/v1/webhooks/${id}/rotate-secret`, host());
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, old);
    const hours = (Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `${hours} h`);
    await createSession(server, sampleSession(), { start: false });
    const [r] = await receiver.until((list) => list.length >= 1);
    assert.equal(r!.signature.split(' ').length, 2);
    verify(rotated.body.secret, r!);
    verify(old, r!);
    await receiver.stop();
  });

  test('feedback.submitted for each submission, scorecard.completed once every interviewer has submitted', async () => {
    const receiver = await new WebhookReceiver().start();
    const { secret } = await register(receiver.url, ['feedback.submitted', 'scorecard.completed']);
    const s = await createSession(
      server,
      sampleSession({ participants: [...sampleSession().participants, { id: 'ian', name: 'Ian Interviewer', role: 'interviewer' }] }),
    );
    const content = {
      competencies: Object.fromEntries(rubricTemplate('coding-interview').competencies.map((c) => [c.id, { rating: 3, evidence: 'secret evidence' }])),
      recommendation: 'yes',
      summary: 'private summary',
    };
    const submit = (token: string) => call(server.url, 'POST', `/v1/sessions/${s.id}/feedback`, { auth: token, body: content });
    assert.equal((await submit(s.tokens.ivy!)).status, 201);
    assert.equal((await submit(s.tokens.oli!)).status, 201);
    assert.equal((await submit(s.tokens.ivy!)).status, 200, 'a replayed submission is no new event');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receiver.received.length, 2, 'no scorecard.completed while Ian has not submitted');
    assert.equal((await submit(s.tokens.ian!)).status, 201);
    const received = await receiver.until((list) => list.length >= 4);
    const events = received.map((r) => verify(secret, r));
    assert.deepEqual(events.map((e) => [e.type, e.data.participantId ?? null]), [
      ['feedback.submitted', 'ivy'],
      ['feedback.submitted', 'oli'],
      ['feedback.submitted', 'ian'],
      ['scorecard.completed', null],
    ]);
    assert.equal(events[3]!.data.links.scorecard, `/v1/sessions/${s.id}/scorecard`);
    assert.doesNotMatch(received.map((r) => r.body).join(), /secret evidence|private summary/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(receiver.received.length, 4);
    await receiver.stop();
  });

  test('a receiver that keeps failing: the delivery fails after its last attempt, its job is dead and listed; a manual retry delivers it', async () => {
    const receiver = await new WebhookReceiver().start();
    receiver.answer = () => 500;
    const { id, secret } = await register(receiver.url, ['session.created']);
    const s = await createSession(server, sampleSession(), { start: false });
    await until('the delivery failed', async () => (await deliveries(id)).deliveries[0]?.status === 'failed');
    const [failed] = (await deliveries(id)).deliveries;
    assert.equal(failed!.attempts, 11, 'one attempt and ten retries');
    assert.equal(failed!.responseStatus, 500);
    assert.equal(receiver.received.length, 11);
    assert.equal(new Set(receiver.received.map((r) => r.id)).size, 1, 'every attempt carries the same webhook-id');

    const dead = await call(server.url, 'GET', '/v1/jobs?state=dead', host());
    assert.equal(dead.status, 200);
    const job = dead.body.jobs.find((j: { key: string }) => j.key === failed!.id);
    assert.ok(job, 'the dead delivery job is listed');
    assert.equal(job.kind, 'webhook.deliver');
    assert.equal(job.attempts, 11);
    assert.match(job.lastError, /500/);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.ok(sampleOf(metrics, 'jobs', { state: 'dead' })! >= 1, 'dead jobs are counted');
    assert.ok(sampleOf(metrics, 'jobs_oldest_queued_seconds')! >= 0, 'the oldest queued job is measured');

    receiver.answer = () => 204;
    const retried = await call(server.url, 'POST', `/v1/webhooks/${id}/deliveries/${failed!.id}/retry`, host());
    assert.equal(retried.status, 202);
    await until('the retried delivery succeeded', async () => (await deliveries(id)).deliveries[0]?.status === 'succeeded');
    const last = receiver.received.at(-1)!;
    assert.equal(last.id, failed!.id);
    assert.equal(verify(secret, last).data.sessionId, s.id);
    problemOf(await call(server.url, 'POST', `/v1/webhooks/${id}/deliveries/msg_nope/retry`, host()), 404);
    await receiver.stop();
  });

  test('a 4xx answer is final at once; other tenants see neither the webhook nor its jobs', async () => {
    const receiver = await new WebhookReceiver().start();
    receiver.answer = () => 410;
    const { id } = await register(receiver.url, ['session.created']);
    await createSession(server, sampleSession(), { start: false });
    await until('the delivery failed', async () => (await deliveries(id)).deliveries[0]?.status === 'failed');
    assert.equal(receiver.received.length, 1);
    const [gone] = (await deliveries(id)).deliveries;
    assert.equal(gone!.responseStatus, 410);
    const stranger = (await server.app.ctx.apiKeys.create('tenant-stranger', 'stranger')).key;
    problemOf(await call(server.url, 'GET', `/v1/webhooks/${id}`, { auth: stranger }), 404);
    problemOf(await call(server.url, 'GET', `/v1/webhooks/${id}/deliveries`, { auth: stranger }), 404);
    assert.deepEqual((await call(server.url, 'GET', '/v1/webhooks', { auth: stranger })).body.webhooks, []);
    assert.deepEqual((await call(server.url, 'GET', '/v1/jobs', { auth: stranger })).body.jobs, []);
    const own = (await call(server.url, 'GET', '/v1/jobs?state=dead&limit=100', host())).body.jobs;
    assert.ok(own.some((j: { key: string }) => j.key === gone!.id), 'a 4xx makes the job dead at once');
    await receiver.stop();
  });

  test('an endpoint failing for the disable period is disabled, its deliveries list says so, and nothing more is sent until it is re-enabled', async () => {
    const receiver = await new WebhookReceiver().start();
    receiver.answer = () => 503;
    const { id } = await register(receiver.url, ['session.created', 'session.started']);
    // It has been failing for four days.
    await server.db.updateTable('webhook_endpoints').set({ failing_since: new Date(Date.now() - 4 * 86_400_000).toISOString() }).where('id', '=', id).execute();
    const s = await createSession(server, sampleSession(), { start: false });
    await until('the endpoint is disabled', async () => (await deliveries(id)).webhook.status === 'disabled');
    const list = await deliveries(id);
    assert.match(list.webhook.disabledReason!, /failed since .* 503/);
    assert.equal(list.deliveries[0]!.status, 'failed');
    await call(server.url, 'POST', `/v1/sessions/${s.id}/start`, host());
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(receiver.received.length, 1, 'a disabled endpoint gets nothing');
    problemOf(await call(server.url, 'POST', `/v1/webhooks/${id}/deliveries/${list.deliveries[0]!.id}/retry`, host()), 409);

    receiver.answer = () => 200;
    const enabled = await call(server.url, 'PATCH', `/v1/webhooks/${id}`, { ...host(), body: { enabled: true } });
    assert.equal(enabled.body.status, 'enabled');
    assert.equal(enabled.body.failingSince, null);
    await createSession(server, sampleSession(), { start: false });
    await receiver.until((received) => received.some((r) => r.answered === 200));
    await receiver.stop();
  });
});
