import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';

/** What a state change of a session tells the outside world (delivered later as webhooks). */
export interface SessionEvent {
  tenantId: string;
  sessionId: string;
  type: Database['session_events']['type'];
  /** Ids, times and reasons only: never code, notes or tokens. */
  data: Record<string, unknown>;
  at: string;
}

/**
 * Writes `event` to the outbox. Call it with the transaction that makes the change, so that a
 * change is never stored without its event, nor an event without its change.
 */
export async function recordEvent(trx: Kysely<Database>, event: SessionEvent): Promise<void> {
  await trx
    .insertInto('session_events')
    .values({
      id: randomUUID(),
      tenant_id: event.tenantId,
      session_id: event.sessionId,
      type: event.type,
      data: JSON.stringify({ sessionId: event.sessionId, ...event.data }),
      created_at: event.at,
    })
    .execute();
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
