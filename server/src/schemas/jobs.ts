import { z } from 'zod';
import { cursor, limit, nextCursor } from './pages.js';

/** Job schemas: they validate input and document the API. */

/** A job's states: queued → running → done; failed (to be retried); dead (after its last attempt). */
export const JOB_STATES = ['queued', 'running', 'failed', 'done', 'dead'] as const;

const instant = z.iso.datetime();

export const JobState = z.enum(JOB_STATES).meta({
  id: 'JobState',
  description: 'queued → running → done; failed: an attempt failed and it is retried at runAt; dead: its last attempt failed',
});

export const JobView = z
  .object({
    id: z.string(),
    kind: z.string(),
    key: z.string().describe('Idempotency key within the kind'),
    state: JobState,
    attempts: z.int(),
    maxAttempts: z.int().nullable(),
    payload: z.record(z.string(), z.unknown()),
    runAt: instant.describe('When it runs (next)'),
    lastError: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
    finishedAt: instant.nullable(),
  })
  .meta({ id: 'Job' });

export const JobList = z.object({ jobs: z.array(JobView), nextCursor }).meta({ id: 'JobList' });

export const ListJobsQuery = z.strictObject({ state: JobState.optional(), limit, cursor });
