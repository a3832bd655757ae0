import type { Db } from '../adapters/db/database.js';
import { enqueue } from '../jobs/enqueue.js';
import { exponentialBackoff, PermanentJobError, type JobQueue } from '../jobs/index.js';
import type { StoredRun } from '../services/runs/store.js';
import { TRANSCRIBE_JOB } from '../services/session-events.js';
import type { SessionRecord } from '../services/session-record.js';
import type { Assistant } from './assistant.js';
import type { Transcriber } from './transcription.js';

/** The job kind that asks the assistant for its draft once the transcripts are in. */
export const ASSIST_JOB = 'interview.assist';

export interface AfterCallDeps {
  db: Db;
  transcriber: Transcriber;
  assistant: Assistant;
  findSession(id: string): Promise<SessionRecord | undefined>;
  finalCode(session: SessionRecord): Promise<{ language: string; code: string }>;
  runs(sessionId: string): Promise<StoredRun[]>;
  notes(sessionId: string): Promise<string | null>;
  /** Attempts and the first retry's delay of the assistant's job (`ASSISTANT_MAX_ATTEMPTS`, `ASSISTANT_RETRY_BASE_MS`). */
  assistantRetries: { maxAttempts: number; baseMs: number };
  /** The recorders' last chunks may arrive this long after the end (`RECORDING_LATE_CHUNK_GRACE_MS`). */
  lateChunkGraceMs: number;
  now: () => Date;
}

/**
 * After the call, as jobs: an ended session's recordings are transcribed (`interview.transcribe`,
 * enqueued with the end; it waits out the last chunks' grace first), then the assistant drafts its
 * review (`interview.assist`, enqueued by the transcription when an assistant is configured).
 * Both are idempotent: a transcribed recording is not sent again, a new draft replaces the old.
 */
export function registerAfterCallJobs(jobs: JobQueue, deps: AfterCallDeps): void {
  jobs.register<{ sessionId: string }>(
    TRANSCRIBE_JOB,
    async ({ payload, tenantId }, { signal }) => {
      // Neither model configured: nothing to wait for.
      if (!deps.transcriber.enabled && !deps.assistant.enabled) return;
      const session = await existing(deps.findSession(payload.sessionId), payload.sessionId);
      const settled = Date.parse(session.endedAt ?? '') + deps.lateChunkGraceMs - deps.now().getTime();
      if (settled > 0) return { deferMs: settled };
      await deps.transcriber.transcribeSession(session.id, signal);
      if (deps.assistant.enabled) {
        await enqueue(deps.db, { kind: ASSIST_JOB, key: `${ASSIST_JOB}:${session.id}`, tenantId, payload: { sessionId: session.id } }, deps.now());
      }
    },
    { maxAttempts: 6, backoff: exponentialBackoff({ baseMs: 30_000, maxMs: 3_600_000 }), concurrency: 1 },
  );

  jobs.register<{ sessionId: string }>(
    ASSIST_JOB,
    async ({ payload }, { signal }) => {
      const session = await existing(deps.findSession(payload.sessionId), payload.sessionId);
      const [finalCode, runs, notes, { segments }] = await Promise.all([
        deps.finalCode(session),
        deps.runs(session.id),
        deps.notes(session.id),
        deps.transcriber.transcript(session.id),
      ]);
      await deps.assistant.draft({ session, finalCode, runs, transcript: segments, notes }, signal);
    },
    { maxAttempts: deps.assistantRetries.maxAttempts, backoff: exponentialBackoff({ baseMs: deps.assistantRetries.baseMs, maxMs: 3_600_000 }), concurrency: 1 },
  );
}

/** A session erased meanwhile has nothing left to transcribe or review: the job ends for good. */
async function existing(found: Promise<SessionRecord | undefined>, id: string): Promise<SessionRecord> {
  const session = await found;
  if (!session) throw new PermanentJobError(`session ${id} is gone`);
  return session;
}
