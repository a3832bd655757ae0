import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';

const enqueued = new EventEmitter().setMaxListeners(0);

/**
 * Calls `listener` whenever this process enqueues a job: a hint for workers to look soon. The
 * enqueuing transaction may not have committed yet, so a worker that finds nothing simply finds
 * it at its next poll.
 */
export function onEnqueued(listener: () => void): () => void {
  enqueued.on('job', listener);
  return () => enqueued.off('job', listener);
}

export interface NewJob {
  kind: string;
  /** The idempotency key within the kind: a second enqueue of the same kind and key is a no-op. */
  key: string;
  payload: Record<string, unknown>;
  tenantId?: string | null;
  /** Not before this time; default now. */
  runAt?: Date;
}

/**
 * Adds a job. Call it with the transaction that makes the change the job follows from, so the
 * job exists exactly when the change does (the transactional outbox). Returns whether it was new.
 */
export async function enqueue(trx: Kysely<Database>, job: NewJob, now: Date = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const result = await trx
    .insertInto('jobs')
    .values({
      id: randomUUID(),
      tenant_id: job.tenantId ?? null,
      kind: job.kind,
      key: job.key,
      payload: JSON.stringify(job.payload),
      state: 'queued',
      attempts: 0,
      max_attempts: null,
      run_at: (job.runAt ?? now).toISOString(),
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .executeTakeFirst();
  const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added) enqueued.emit('job');
  return added;
}
