import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WEBHOOK_EVENTS } from './webhook-inbox.js';
import { registerWebhook } from './webhook-registration.js';
import { eventually, fizzBuzzForm, postJson, startStack } from './testing/stack.mjs';

describe('host portal receiving webhooks from the reference server', () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack?.stop());

  /** Calls the Interview Kit server with the API key, as the host's other systems would. */
  async function serverCall(/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body) {
    const response = await fetch(`${stack.interviewKit.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.interviewKit.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.status === 204 ? undefined : response.json();
  }

  /** Creates an interview through the portal's API. */
  async function createInterview() {
    const response = await postJson(`${stack.portalUrl}/api/sessions`, fizzBuzzForm());
    assert.equal(response.status, 201, await response.clone().text());
    return /** @type {{ id: string, participants: { id: string, role: string }[] }} */ ((await response.json()).session);
  }

  /** The interview as the portal's list has it. @param {string} id */
  async function listedEntry(id) {
    const { sessions } = await (await fetch(`${stack.portalUrl}/api/sessions?limit=100`)).json();
    return sessions.find((/** @type {{ id: string }} */ s) => s.id === id);
  }

  /** The deliveries that reached the portal for a session, as they arrived. @param {string} sessionId @param {string} [type] */
  const deliveriesFor = (sessionId, type) =>
    stack.deliveries.filter((d) => {
      const body = JSON.parse(d.body);
      return body.data?.sessionId === sessionId && (type === undefined || body.type === type);
    });

  /** Posts a delivery to the portal's webhook endpoint. @param {{ headers: Record<string, string>, body: string }} delivery */
  const deliver = ({ headers, body }) => fetch(stack.webhookUrl, { method: 'POST', headers, body });

  test('registers one webhook for every event; a restart reuses it with a new secret instead of adding one', async () => {
    const { webhooks } = await serverCall('GET', '/v1/webhooks');
    assert.deepEqual(
      webhooks.map((/** @type {any} */ w) => [w.url, [...w.events].sort()]),
      [[stack.webhookUrl, [...WEBHOOK_EVENTS].sort()]],
    );

    // A second start: the same webhook, a fresh secret; deliveries verify with it.
    const again = await registerWebhook({ interviewKit: stack.client, url: stack.webhookUrl });
    assert.deepEqual([again.id, again.reused], [stack.webhook?.id, true]);
    assert.match(again.secret, /^whsec_/);
    assert.equal((await serverCall('GET', '/v1/webhooks')).webhooks.length, 1, 'no second webhook');
    stack.verifier.useSecret(again.secret);

    const session = await createInterview();
    await eventually(() => stack.inbox.outcomeOf(session.id)?.status === 'scheduled', 'session.created to be taken');
  });

  test('a real signed delivery is taken; tampered, re-timed or unsigned ones are refused with 401', async () => {
    const session = await createInterview();
    await eventually(() => stack.inbox.outcomeOf(session.id), 'session.created to reach the portal');
    const [created] = deliveriesFor(session.id, 'session.created');
    assert.ok(created);
    assert.equal(JSON.parse(created.body).type, 'session.created');

    const tamperedBody = created.body.replace('"session.created"', '"session.cancelled"');
    const tampered = await deliver({ headers: { ...created.headers, 'webhook-id': `${created.headers['webhook-id']}-x` }, body: tamperedBody });
    assert.equal(tampered.status, 401);
    assert.equal((await tampered.json()).title, 'Unauthorized');
    const retimed = await deliver({
      headers: { ...created.headers, 'webhook-id': `${created.headers['webhook-id']}-y`, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 1) },
      body: created.body,
    });
    assert.equal(retimed.status, 401);
    const unsigned = await deliver({ headers: { 'content-type': 'application/json' }, body: created.body });
    assert.equal(unsigned.status, 401);
    assert.equal(stack.inbox.outcomeOf(session.id)?.status, 'scheduled', 'nothing refused changed what the portal knows');
  });

  test('after the interview ends, the list shows the score, then a report link that opens the report', async () => {
    const session = await createInterview();
    await serverCall('POST', `/v1/sessions/${session.id}/start`);
    await serverCall('POST', `/v1/sessions/${session.id}/end`);

    // The starter code prints nothing: no test passes.
    const scored = await eventually(async () => (await listedEntry(session.id))?.outcome?.score && listedEntry(session.id), 'score.completed', 60_000);
    assert.deepEqual(scored.outcome.score, { passed: 0, total: 2 });
    assert.equal(scored.outcome.status, 'ended');
    const reported = await eventually(async () => {
      const entry = await listedEntry(session.id);
      return entry?.outcome?.reportReady ? entry : undefined;
    }, 'report.ready', 60_000);
    assert.equal(reported.outcome.scoring, false);

    // The portal hands out a signed link, never its key.
    const redirect = await fetch(`${stack.portalUrl}/sessions/${session.id}/report`, { redirect: 'manual' });
    assert.equal(redirect.status, 303);
    const location = redirect.headers.get('location') ?? '';
    assert.ok(location.startsWith(`${stack.interviewKit.url}/v1/report-links/`), location);
    assert.ok(!location.includes(stack.interviewKit.apiKey));
    const report = await fetch(location);
    assert.equal(report.status, 200);
    assert.match(report.headers.get('content-type') ?? '', /text\/html/);
    const html = await report.text();
    assert.match(html, /Cam Candidate/);
    assert.match(html, /0\s*\/\s*2/);

    const pdf = await fetch(`${stack.portalUrl}/sessions/${session.id}/report.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');

    const unknown = await fetch(`${stack.portalUrl}/sessions/no-such-session/report`, { redirect: 'manual' });
    assert.equal(unknown.status, 404);
  });

  test('a delivery sent again with the same webhook-id is taken once', async () => {
    const session = await createInterview();
    await serverCall('POST', `/v1/sessions/${session.id}/start`);
    const interviewer = session.participants.find((p) => p.role === 'interviewer');
    const { token } = await (await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/${interviewer?.id}/token`, { method: 'POST' })).json();
    const submitted = await postJson(
      `${stack.interviewKit.url}/v1/sessions/${session.id}/feedback`,
      {
        competencies: Object.fromEntries(['problem-solving', 'code-quality', 'verification', 'communication'].map((c) => [c, { rating: 3, evidence: '' }])),
        recommendation: 'yes',
        summary: 'Fine.',
      },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(submitted.status, 201, await submitted.clone().text());
    await eventually(() => stack.inbox.outcomeOf(session.id)?.feedbackSubmitted === 1, 'feedback.submitted to be taken');

    // The server sends it again, with the same webhook-id (as after a lost answer).
    const { deliveries } = await serverCall('GET', `/v1/webhooks/${stack.webhook?.id}/deliveries?limit=100`);
    const feedback = deliveries.find((/** @type {any} */ d) => d.sessionId === session.id && d.type === 'feedback.submitted');
    assert.ok(feedback);
    await serverCall('POST', `/v1/webhooks/${stack.webhook?.id}/deliveries/${feedback.id}/retry`);
    await eventually(() => deliveriesFor(session.id, 'feedback.submitted').length === 2, 'the repeat to arrive');
    const [first, repeat] = deliveriesFor(session.id, 'feedback.submitted');
    assert.equal(repeat?.headers['webhook-id'], first?.headers['webhook-id']);
    await eventually(async () => {
      const { deliveries: now } = await serverCall('GET', `/v1/webhooks/${stack.webhook?.id}/deliveries?limit=100`);
      const again = now.find((/** @type {any} */ d) => d.id === feedback.id);
      return again.status === 'succeeded' && again.responseStatus === 200;
    }, 'the repeat to be answered 200');

    // And once more by hand: accepted (so no one retries) but recorded once.
    const replay = await deliver(/** @type {any} */ (first));
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), { received: true, duplicate: true });
    assert.equal(stack.inbox.outcomeOf(session.id)?.feedbackSubmitted, 1);
    assert.equal((await listedEntry(session.id)).outcome.feedbackSubmitted, 1);
  });
});
