import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';

export type JobState = Database['jobs']['state'];
export { JOB_STATES } from '../schemas/jobs.js';

/** A job as its handler receives it. */
export interface Job<P = Record<string, unknown>> {
  id: string;
  tenantId: string | null;
  kind: string;
  key: string;
  payload: P;
  /** This attempt's number, from 1. */
  attempt: number;
  createdAt: string;
}

/** What a handler gets besides its job. */
export interface JobContext {
  db: Db;
  /** Aborted when the server shuts down past its grace period; the job is then retried later. */
  signal: AbortSignal;
}

/**
 * A handler may ask to run again later without spending an attempt (it waits for something
 * else, e.g. an earlier delivery of the same session); returning nothing means done.
 */
export type JobResult = void | { deferMs: number };

export type JobHandler<P = Record<string, unknown>> = (job: Job<P>, context: JobContext) => Promise<JobResult>;

/** Delay in milliseconds before attempt `attempt + 1`, given that attempt `attempt` failed. */
export type Backoff = (attempt: number) => number;

export interface JobKindOptions {
  /** After this many failed attempts the job is `dead`. */
  maxAttempts: number;
  backoff: Backoff;
  /**
   * At most this many jobs of the kind run at once in this process (default: any number, up to
   * the queue's concurrency). Kinds without a limit are claimed first.
   */
  concurrency?: number;
}

/** Thrown by a handler when retrying cannot help (e.g. the receiver refused with 4xx): the job is `dead` at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
