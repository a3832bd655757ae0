import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';
import { enqueue } from '../jobs/enqueue.js';
import type { SessionEventType } from '../schemas/events.js';

export { SESSION_EVENT_TYPES, type SessionEventType } from '../schemas/events.js';

/** The job kind that turns one stored event into one delivery per subscribed webhook endpoint. */
export const WEBHOOK_FANOUT = 'webhook.fanout';

/** The job kind that scores a session's final code once it ended (see `after-interview.ts`). */
export const SCORE_JOB = 'interview.score';
/** The job kind that prepares a session's report once its score is done (see `after-interview.ts`). */
export const REPORT_JOB = 'interview.report';
/** The job kind that transcribes an ended session's recordings, then asks for the assistant's draft (see `recordings/after-call.ts`). */
export const TRANSCRIBE_JOB = 'interview.transcribe';

/** The work an event starts besides its webhooks, enqueued in the event's own transaction. */
const FOLLOW_UPS: Partial<Record<SessionEventType, string[]>> = {
  'session.ended': [SCORE_JOB, TRANSCRIBE_JOB],
  'score.completed': [REPORT_JOB],
};

/** What a state change of a session tells the outside world (delivered later as webhooks). */
export interface SessionEvent {
  /**
   * The event's id when the same event may be recorded again (a retried job): a second record of
   * the same id is a no-op. A fresh id by default.
   */
  id?: string;
  tenantId: string;
  sessionId: string;
  type: SessionEventType;
  /** Ids, times and reasons only: never code, notes or tokens. */
  data: Record<string, unknown>;
  at: string;
}

/**
 * Writes `event` to the outbox, with the job that fans it out to the tenant's webhooks (keyed by
 * the event's id) and the work it starts ({@link FOLLOW_UPS}: an ended session is scored, a
 * completed score gets its report; an ended session's recordings are transcribed). Call it with the transaction that makes the change, so that a change is never
 * stored without its event, nor an event without its change. Returns the event's id.
 */
export async function recordEvent(trx: Kysely<Database>, event: SessionEvent): Promise<string> {
  const id = event.id ?? randomUUID();
  const inserted = await trx
    .insertInto('session_events')
    .values({
      id,
      tenant_id: event.tenantId,
      session_id: event.sessionId,
      type: event.type,
      data: JSON.stringify({ sessionId: event.sessionId, ...event.data }),
      created_at: event.at,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return id;
  const at = new Date(event.at);
  await enqueue(trx, { kind: WEBHOOK_FANOUT, key: id, tenantId: event.tenantId, payload: { eventId: id } }, at);
  for (const followUp of FOLLOW_UPS[event.type] ?? []) {
    await enqueue(trx, { kind: followUp, key: `${followUp}:${id}`, tenantId: event.tenantId, payload: { sessionId: event.sessionId } }, at);
  }
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
