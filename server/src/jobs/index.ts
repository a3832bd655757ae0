export { exponentialBackoff, jittered, scheduledBackoff } from './backoff.js';
export { enqueue, type NewJob } from './enqueue.js';
export { listJobs, type JobView } from './list.js';
export { JobMetrics } from './metrics.js';
export { JobQueue, type JobQueueOptions } from './queue.js';
export { JOB_STATES, PermanentJobError, type Job, type JobContext, type JobHandler, type JobKindOptions, type JobResult, type JobState } from './types.js';
