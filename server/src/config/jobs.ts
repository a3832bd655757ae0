import { wholeNumber as whole, type Env } from './env.js';

/** How this process works the durable job queue (`JOB_*`). */
export interface JobSettings {
  /** Jobs run at once by this process (`JOB_CONCURRENCY`, default 4; 0 claims none). */
  concurrency: number;
  /** How often an idle worker looks for due jobs (`JOB_POLL_MS`, default 500). */
  pollMs: number;
  /** How long a claim holds before another worker may take the job (`JOB_LEASE_SECONDS`, default 60); renewed while it runs. */
  leaseMs: number;
  /** How long shutdown waits for running jobs before aborting them (`JOB_SHUTDOWN_GRACE_MS`, default 10000). */
  closeTimeoutMs: number;
  /** Done jobs are deleted this many days after they finished (`JOB_RETENTION_DAYS`, default 7); dead ones stay. */
  retentionMs: number;
}

export function jobSettingsFromEnv(env: Env): JobSettings {
  return {
    concurrency: whole(env, 'JOB_CONCURRENCY', 4, 0, 256),
    pollMs: whole(env, 'JOB_POLL_MS', 500, 10, 60_000),
    leaseMs: whole(env, 'JOB_LEASE_SECONDS', 60, 1, 86_400) * 1000,
    closeTimeoutMs: whole(env, 'JOB_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    retentionMs: whole(env, 'JOB_RETENTION_DAYS', 7, 1, 3650) * 86_400_000,
  };
}
