import type { Db } from '../adapters/db/database.js';
import { enqueue, exponentialBackoff, type JobQueue } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import type { RetentionService } from './retention.js';

/** The job kind of the daily retention pass; one job per UTC day (its key is the day). */
export const RETENTION_JOB = 'data.retention';

const DAY_MS = 86_400_000;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Enqueues the retention pass of `runAt`'s UTC day, due at `runAt` (once per day however often it is asked). */
export function scheduleRetention(db: Db, runAt: Date, now: Date): Promise<boolean> {
  return enqueue(db, { kind: RETENTION_JOB, key: `retention:${dayOf(runAt)}`, tenantId: null, payload: { day: dayOf(runAt) }, runAt }, now);
}

/**
 * The daily retention pass, through the job queue: at start-up the server enqueues today's pass
 * (a no-op when it exists), and each pass enqueues the next day's, due at the start of that UTC
 * day. A pass logs what it erased (per tenant, session and category).
 */
export function registerRetentionJob(jobs: JobQueue, deps: { db: Db; retention: RetentionService; logger: Logger; now: () => Date }): void {
  jobs.register(
    RETENTION_JOB,
    async () => {
      const report = await deps.retention.purgeDue();
      for (const tenant of report.tenants) {
        deps.logger.info('retention pass', {
          tenantId: tenant.tenantId,
          sessionsErased: tenant.sessionsErased.length,
          partialErasures: tenant.partial.length,
          auditEntries: tenant.auditEntries,
        });
      }
      const now = deps.now();
      await scheduleRetention(deps.db, new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS), now);
    },
    { maxAttempts: 5, backoff: exponentialBackoff({ baseMs: 60_000, maxMs: 3_600_000 }), concurrency: 1 },
  );
}
