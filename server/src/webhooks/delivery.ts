import { randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Db } from '../adapters/db/database.js';
import type { WebhookSettings } from '../config/index.js';
import { enqueue } from '../jobs/enqueue.js';
import type { JobQueue } from '../jobs/queue.js';
import { scheduledBackoff } from '../jobs/backoff.js';
import { PermanentJobError, type Job, type JobResult } from '../jobs/types.js';
import { WEBHOOK_FANOUT } from '../services/session-events.js';
import { WEBHOOK_DELIVER } from './endpoints.js';
import { webhookBody } from './payload.js';
import { isRetryable, isSuccess, type WebhookSender } from './sender.js';
import { webhookHeaders } from './signature.js';
import { inSpan } from '../telemetry/tracing.js';

export interface WebhookJobDeps {
  settings: WebhookSettings;
  sender: WebhookSender;
  now?: () => Date;
}

/** How soon a delivery waiting for an earlier one of its session looks again, at most. */
const ORDER_WAIT_MAX_MS = 30_000;
const ORDER_WAIT_MIN_MS = 100;

/**
 * The webhook jobs. `webhook.fanout` (one per stored event) creates a delivery record and a
 * `webhook.deliver` job per enabled endpoint subscribed to the event's type, in one transaction,
 * so a retried fan-out never creates a second delivery. `webhook.deliver` sends it, signed per
 * Standard Webhooks with a `webhook-id` that stays the same across attempts, retried on the
 * configured schedule; deliveries of one session reach an endpoint in the order of their events.
 */
export function registerWebhookJobs(queue: JobQueue, deps: WebhookJobDeps): void {
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.settings.retryScheduleMs.length + 1;

  queue.register<{ eventId: string }>(
    WEBHOOK_FANOUT,
    async (job, { db }) => {
      if (await fanOut(db, job, deps.settings.publicUrl, now())) queue.wake();
    },
    { maxAttempts: 10, backoff: scheduledBackoff([1_000, 5_000, 30_000, 120_000, 600_000]) },
  );

  queue.register<{ deliveryId: string }>(WEBHOOK_DELIVER, (job, { db, signal }) => deliver(db, job, { ...deps, now, maxAttempts }, signal), {
    maxAttempts,
    backoff: scheduledBackoff(deps.settings.retryScheduleMs),
  });
}

async function fanOut(db: Db, job: Job<{ eventId: string }>, publicUrl: string | undefined, at: Date): Promise<boolean> {
  const event = await db.selectFrom('session_events').selectAll().where('id', '=', job.payload.eventId).executeTakeFirst();
  if (!event) return false;
  const endpoints = await db.selectFrom('webhook_endpoints').select(['id', 'events']).where('tenant_id', '=', event.tenant_id).where('status', '=', 'enabled').execute();
  const subscribed = endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(event.type));
  if (!subscribed.length) return false;
  const body = webhookBody(event, publicUrl);
  return db.transaction().execute(async (trx) => {
    let created = false;
    for (const endpoint of subscribed) {
      const id = `msg_${randomUUID().replace(/-/g, '')}`;
      const inserted = await trx
        .insertInto('webhook_deliveries')
        .values({
          id,
          endpoint_id: endpoint.id,
          tenant_id: event.tenant_id,
          event_id: event.id,
          event_seq: Number(event.seq),
          session_id: event.session_id,
          type: event.type,
          body,
          status: 'pending',
          attempts: 0,
          response_status: null,
          last_error: null,
          duration_ms: null,
          created_at: at.toISOString(),
          first_attempt_at: null,
          last_attempt_at: null,
          delivered_at: null,
        })
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      await enqueue(trx, { kind: WEBHOOK_DELIVER, key: id, tenantId: event.tenant_id, payload: { deliveryId: id } }, at);
      created = true;
    }
    return created;
  });
}

/**
 * When this delivery must wait, the time to look again: while an earlier delivery of the same
 * session to the same endpoint is unfinished, or an earlier event of the session is not yet fanned out.
 */
async function waitForEarlier(db: Db, delivery: { endpoint_id: string; session_id: string; event_seq: number }, at: Date): Promise<number | undefined> {
  const earlier = await db
    .selectFrom('webhook_deliveries')
    .leftJoin('jobs', (join) => join.on('jobs.kind', '=', WEBHOOK_DELIVER).onRef('jobs.key', '=', 'webhook_deliveries.id'))
    .select('jobs.run_at')
    .where('webhook_deliveries.endpoint_id', '=', delivery.endpoint_id)
    .where('webhook_deliveries.session_id', '=', delivery.session_id)
    .where('webhook_deliveries.event_seq', '<', delivery.event_seq)
    .where('webhook_deliveries.status', 'in', ['pending', 'retrying'])
    // One that can no longer be attempted (its job dead or gone) does not hold the others up.
    .where('jobs.state', 'in', ['queued', 'running', 'failed'])
    .orderBy('jobs.run_at', 'desc')
    .executeTakeFirst();
  const clamp = (ms: number) => Math.min(ORDER_WAIT_MAX_MS, Math.max(ORDER_WAIT_MIN_MS, ms));
  if (earlier) return clamp(earlier.run_at ? Date.parse(earlier.run_at) - at.getTime() : 0);
  const unfanned = await db
    .selectFrom('session_events')
    .innerJoin('jobs', (join) => join.on('jobs.kind', '=', WEBHOOK_FANOUT).onRef('jobs.key', '=', 'session_events.id'))
    .select('session_events.id')
    .where('session_events.session_id', '=', delivery.session_id)
    .where('session_events.seq', '<', delivery.event_seq)
    .where('jobs.state', 'not in', ['done', 'dead'])
    .executeTakeFirst();
  return unfanned ? ORDER_WAIT_MIN_MS : undefined;
}

async function deliver(
  db: Db,
  job: Job<{ deliveryId: string }>,
  deps: Required<Pick<WebhookJobDeps, 'now'>> & WebhookJobDeps & { maxAttempts: number },
  signal: AbortSignal,
): Promise<JobResult> {
  const delivery = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', job.payload.deliveryId).executeTakeFirst();
  // Deleted with its endpoint, or settled by an attempt whose worker died before recording the job done.
  if (!delivery || delivery.status === 'succeeded' || delivery.status === 'cancelled' || delivery.status === 'failed') return;
  const endpoint = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', delivery.endpoint_id).executeTakeFirst();
  if (!endpoint) return;
  if (endpoint.status === 'disabled') {
    await db
      .updateTable('webhook_deliveries')
      .set({ status: 'cancelled', last_error: `not sent: the webhook is disabled (${endpoint.disabled_reason})` })
      .where('id', '=', delivery.id)
      .execute();
    return;
  }
  const wait = await waitForEarlier(db, { ...delivery, event_seq: Number(delivery.event_seq) }, deps.now());
  if (wait !== undefined) return { deferMs: wait };

  const at = deps.now();
  const secrets = [endpoint.secret];
  if (endpoint.previous_secret && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > at.toISOString()) secrets.push(endpoint.previous_secret);
  const headers = webhookHeaders(secrets, delivery.id, Math.floor(at.getTime() / 1000), delivery.body);
  await db
    .updateTable('webhook_deliveries')
    .set({ attempts: Number(delivery.attempts) + 1, first_attempt_at: delivery.first_attempt_at ?? at.toISOString(), last_attempt_at: at.toISOString() })
    .where('id', '=', delivery.id)
    .execute();
  const attributes = { 'webhook.delivery_id': delivery.id, 'webhook.event_type': delivery.type, 'webhook.endpoint_id': endpoint.id, 'webhook.attempt': job.attempt, 'http.request.method': 'POST' };
  const result = await inSpan('webhook deliver', { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const sent = await deps.sender.send(endpoint.url, headers, delivery.body, signal);
    if (sent.kind === 'response') span.setAttribute('http.response.status_code', sent.status);
    if (!isSuccess(sent)) span.setStatus({ code: SpanStatusCode.ERROR, message: sent.kind === 'response' ? `answered ${sent.status}` : sent.error });
    return sent;
  });
  if (signal.aborted) throw new Error('aborted: the server is shutting down');
  const outcome = {
    response_status: result.kind === 'response' ? result.status : null,
    duration_ms: result.durationMs,
  };
  if (isSuccess(result)) {
    await db
      .updateTable('webhook_deliveries')
      .set({ ...outcome, status: 'succeeded', last_error: null, delivered_at: deps.now().toISOString() })
      .where('id', '=', delivery.id)
      .execute();
    await db.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', endpoint.id).where('failing_since', 'is not', null).execute();
    return;
  }

  const error = result.kind === 'response' ? `the endpoint answered ${result.status}` : result.error;
  const failingSince = endpoint.failing_since ?? at.toISOString();
  const disable = at.getTime() - Date.parse(failingSince) >= deps.settings.disableAfterMs;
  const last = disable || !isRetryable(result) || job.attempt >= deps.maxAttempts;
  await db
    .updateTable('webhook_deliveries')
    .set({ ...outcome, status: last ? 'failed' : 'retrying', last_error: error })
    .where('id', '=', delivery.id)
    .execute();
  await db
    .updateTable('webhook_endpoints')
    .set(
      disable
        ? { failing_since: failingSince, status: 'disabled', disabled_at: at.toISOString(), disabled_reason: `every delivery failed since ${failingSince}; last: ${error}` }
        : { failing_since: failingSince },
    )
    .where('id', '=', endpoint.id)
    .execute();
  if (last && job.attempt < deps.maxAttempts) throw new PermanentJobError(disable ? `the webhook was disabled after failing since ${failingSince}: ${error}` : error);
  throw new Error(error);
}
