/**
 * The durable job queue. Work that follows a change takes two steps:
 * 1. in the change's transaction, `await enqueue(trx, { kind: 'report.render', key: 'session-42:v3', tenantId, payload: { sessionId } })`
 *    (the key makes a second enqueue of the same work a no-op);
 * 2. once, in the composition root: `jobs.register('report.render', handler, { maxAttempts: 5, backoff: exponentialBackoff({ baseMs: 5_000, maxMs: 600_000 }) })`.
 * Handlers run at least once per job, so they must be idempotent; a `PermanentJobError` makes the
 * job dead at once, `{ deferMs }` runs it later without spending an attempt.
 */
export { exponentialBackoff, jittered, scheduledBackoff } from './backoff.js';
export { enqueue, type NewJob } from './enqueue.js';
export { listJobs, type JobView } from './list.js';
export { JobMetrics } from './metrics.js';
export { JobQueue, type JobQueueOptions } from './queue.js';
export { JOB_STATES, PermanentJobError, type Job, type JobContext, type JobHandler, type JobKindOptions, type JobResult, type JobState } from './types.js';
