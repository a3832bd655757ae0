import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { spawnReferenceServer } from '../../../scripts/lib/reference-server.mjs';
import { call, createSession, sampleSession } from '../testing/harness.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ik-webhook-crash-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const env = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOB_POLL_MS: '50', JOB_LEASE_SECONDS: '2', WEBHOOK_RETRY_SCHEDULE: '0.2' };

test('kill -9 of the server while a delivery is in flight: after a restart it is delivered, with the same webhook-id and a valid signature', async () => {
  const receiver = await new WebhookReceiver().start();
  // The first request is never answered: the server dies waiting for it.
  receiver.answer = (_request, index) => (index === 0 ? 'hang' : 200);
  const first = await spawnReferenceServer({ dataDir, database: 'env', env });
  const apiKey = first.apiKey;
  let secret: string;
  let sessionId: string;
  try {
    const created = await call(first.url, 'POST', '/v1/webhooks', { auth: apiKey, body: { url: receiver.url, events: ['session.created'] } });
    assert.equal(created.status, 201);
    secret = created.body.secret;
    sessionId = (await createSession({ url: first.url, apiKey }, sampleSession(), { start: false })).id;
    await receiver.until((received) => received.length === 1);
  } finally {
    await first.kill();
  }

  const second = await spawnReferenceServer({ dataDir, database: 'env', env, apiKey });
  try {
    const received = await receiver.until((list) => list.some((r) => r.answered === 200), 20_000);
    const delivered = received.find((r) => r.answered === 200)!;
    assert.equal(delivered.id, received[0]!.id, 'the retry carries the webhook-id of the interrupted attempt');
    const event = new Webhook(secret).verify(delivered.body, delivered.headers) as { type: string; data: { sessionId: string } };
    assert.equal(event.type, 'session.created');
    assert.equal(event.data.sessionId, sessionId);
    const list = await call(second.url, 'GET', `/v1/webhooks`, { auth: apiKey });
    const webhookId = list.body.webhooks.find((w: { url: string }) => w.url === receiver.url).id;
    const deliveries = await call(second.url, 'GET', `/v1/webhooks/${webhookId}/deliveries`, { auth: apiKey });
    assert.equal(deliveries.body.deliveries.length, 1);
    assert.equal(deliveries.body.deliveries[0].status, 'succeeded');
    assert.equal(deliveries.body.deliveries[0].id, delivered.id);
  } finally {
    await second.stop();
    await receiver.stop();
  }
});
