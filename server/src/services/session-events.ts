import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';
import { enqueue } from '../jobs/enqueue.js';
import type { SessionEventType } from '../schemas/events.js';

export { SESSION_EVENT_TYPES, type SessionEventType } from '../schemas/events.js';

/** The job kind that turns one stored event into one delivery per subscribed webhook endpoint. */
export const WEBHOOK_FANOUT = 'webhook.fanout';

/** What a state change of a session tells the outside world (delivered later as webhooks). */
export interface SessionEvent {
  tenantId: string;
  sessionId: string;
  type: SessionEventType;
  /** Ids, times and reasons only: never code, notes or tokens. */
  data: Record<string, unknown>;
  at: string;
}

/**
 * Writes `event` to the outbox, with the job that fans it out to the tenant's webhooks (keyed by
 * the event's id). Call it with the transaction that makes the change, so that a change is never
 * stored without its event, nor an event without its change. Returns the event's id.
 */
export async function recordEvent(trx: Kysely<Database>, event: SessionEvent): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('session_events')
    .values({
      id,
      tenant_id: event.tenantId,
      session_id: event.sessionId,
      type: event.type,
      data: JSON.stringify({ sessionId: event.sessionId, ...event.data }),
      created_at: event.at,
    })
    .execute();
  await enqueue(trx, { kind: WEBHOOK_FANOUT, key: id, tenantId: event.tenantId, payload: { eventId: id } }, new Date(event.at));
  return id;
}

/** The session's events, oldest first. */
export async function eventsOf(db: Kysely<Database>, sessionId: string): Promise<{ type: string; data: Record<string, unknown>; createdAt: string }[]> {
  const rows = await db
    .selectFrom('session_events')
    .select(['type', 'data', 'created_at'])
    .where('session_id', '=', sessionId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as Record<string, unknown>, createdAt: row.created_at }));
}
