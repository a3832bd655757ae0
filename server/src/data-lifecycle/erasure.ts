import type { Kysely } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import type { AuditContext, AuditLog } from '../audit/audit-log.js';
import type { CollabServices } from '../collab/services.js';
import type { Logger } from '../logger.js';
import type { Recordings } from '../recordings/recordings.js';
import { notFound } from '../problem.js';
import { recordEvent } from '../services/session-events.js';
import { closeSessionConnections } from './collab-closing.js';
import { reclaimErasedSpace } from './storage.js';
import { tombstoneOf, type Tombstone } from './tombstones.js';

export interface SessionEraserDeps {
  db: Db;
  audit: AuditLog;
  collab: Pick<CollabServices, 'sync' | 'store'>;
  /** Recordings' bytes live in the object store, beside the database. */
  recordings: Pick<Recordings, 'eraseObjects'>;
  logger: Logger;
  now?: () => Date;
}

/** Rows removed per table, as the erasure's audit entry and log line count them. */
export type ErasedCounts = Record<string, number>;

/** The tables holding a session's data by its `session_id`, removed children first; the session row goes last. */
const SESSION_TABLES = [
  'collab_updates',
  'collab_snapshots',
  'runs',
  'scores',
  'reports',
  'chat_messages',
  'integrity_signals',
  'integrity_consents',
  'transcript_segments',
  'transcripts',
  'assistant_drafts',
  'recording_chunks',
  'recordings',
  'recording_consents',
  'session_feedback',
  'session_rubrics',
  'session_create_keys',
  'session_questions',
  'participants',
] as const;

/**
 * Erases sessions whole: its collaboration history and snapshots (code and private notes), runs
 * with their code and output, scores, reports, chat messages, integrity signals and consents, recordings (their
 * bytes in the object store first) and consents, feedback, the pinned rubric and questions, participants, the
 * outbox events and webhook deliveries of the session, the jobs whose payload or key names it, and
 * the session row — in one transaction with its tombstone, its audit entry and the `session.erased`
 * event (whose webhook carries ids and times only). Open collaboration connections are closed
 * first. Erasing an erased session answers its tombstone again. Audit entries stay: they hold ids,
 * addresses and times, no content, and are the record of the erasure itself.
 */
export class SessionEraser {
  readonly #now: () => Date;

  constructor(private readonly deps: SessionEraserDeps) {
    this.#now = deps.now ?? (() => new Date());
  }

  /**
   * Erases the tenant's session; `by` is who asked (`api-key:<id>`, `system:retention`).
   * @throws {HttpProblem} 404 when the tenant has no such session and never had.
   */
  async erase(tenantId: string, sessionId: string, context: AuditContext, reason: Tombstone['reason']): Promise<{ tombstone: Tombstone; erased: ErasedCounts | undefined }> {
    const earlier = await tombstoneOf(this.deps.db, tenantId, sessionId);
    if (earlier) return { tombstone: earlier, erased: undefined };
    const exists = await this.deps.db.selectFrom('sessions').select('id').where('id', '=', sessionId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!exists) throw notFound(`no session ${sessionId}`);

    closeSessionConnections(this.deps.collab, sessionId);
    // Updates accepted before the sockets closed are written before the rows go.
    await this.deps.collab.store.idle();
    // Recordings' bytes go before their rows: a failure here leaves the session to be erased again, never bytes without rows.
    const objects = await this.deps.recordings.eraseObjects({ id: sessionId, tenantId });
    const tombstone: Tombstone = { sessionId, erasedAt: this.#now().toISOString(), erasedBy: erasedBy(context), reason };
    const erased = await this.deps.db.transaction().execute(async (trx) => {
      const counts: ErasedCounts = { ...(await deleteSession(trx, sessionId)), recording_objects: objects };
      if (counts.sessions === 0) return undefined; // erased meanwhile by another request
      await trx
        .insertInto('session_tombstones')
        .values({ session_id: sessionId, tenant_id: tenantId, erased_at: tombstone.erasedAt, erased_by: tombstone.erasedBy, reason })
        .execute();
      await this.deps.audit.appendIn(trx, { ...context, tenantId, action: 'session.erase', resource: `session:${sessionId}`, sessionId, detail: { reason, rows: counts } });
      await recordEvent(trx, { tenantId, sessionId, type: 'session.erased', at: tombstone.erasedAt, data: { erasedAt: tombstone.erasedAt, reason } });
      return counts;
    });
    if (!erased) return { tombstone: (await tombstoneOf(this.deps.db, tenantId, sessionId))!, erased: undefined };
    await reclaimErasedSpace(this.deps.db);
    this.deps.logger.info('session erased', { sessionId, tenantId, reason, by: tombstone.erasedBy, rows: erased });
    return { tombstone, erased };
  }
}

/** Deletes every row of the session (see {@link SessionEraser}); returns the count per table. */
async function deleteSession(trx: Kysely<Database>, sessionId: string): Promise<ErasedCounts> {
  const counts: ErasedCounts = {};
  const removed = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
  const events = (await trx.selectFrom('session_events').select('id').where('session_id', '=', sessionId).execute()).map((r) => r.id);
  const deliveries = (await trx.selectFrom('webhook_deliveries').select('id').where('session_id', '=', sessionId).execute()).map((r) => r.id);
  // Fan-out and delivery jobs are keyed by their event and delivery; scoring and report jobs carry the session id.
  const keys = [...events, ...deliveries];
  counts.jobs = removed(
    await trx
      .deleteFrom('jobs')
      .where((eb) => eb.or([eb('payload', 'like', `%"sessionId":"${likeEscaped(sessionId)}"%`), ...(keys.length ? [eb('key', 'in', keys)] : [])]))
      .executeTakeFirstOrThrow(),
  );
  counts.webhook_deliveries = removed(await trx.deleteFrom('webhook_deliveries').where('session_id', '=', sessionId).executeTakeFirstOrThrow());
  counts.session_events = removed(await trx.deleteFrom('session_events').where('session_id', '=', sessionId).executeTakeFirstOrThrow());
  for (const table of SESSION_TABLES) {
    counts[table] = removed(await trx.deleteFrom(table).where('session_id', '=', sessionId).executeTakeFirstOrThrow());
  }
  counts.sessions = removed(await trx.deleteFrom('sessions').where('id', '=', sessionId).executeTakeFirstOrThrow());
  return counts;
}

/** Session ids are UUIDs or `[A-Za-z0-9._:-]`; `_` is LIKE's one-character wildcard, which only widens the match to ids of the same shape. */
const likeEscaped = (value: string) => value.replace(/%/g, '');

function erasedBy(context: AuditContext): string {
  return `${context.actor.kind === 'api-key' ? 'api-key' : context.actor.kind}:${context.actor.id}`;
}
