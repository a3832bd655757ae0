import type { Db } from '../adapters/db/database.js';
import { exponentialBackoff, PermanentJobError, type JobQueue } from '../jobs/index.js';
import { HttpProblem } from '../problem.js';
import type { ReportService } from '../reports/report-service.js';
import type { ScoreService } from '../scoring/score-service.js';
import { recordEvent, REPORT_JOB, SCORE_JOB } from './session-events.js';

export interface AfterInterviewDeps {
  db: Db;
  scores: ScoreService;
  reports: ReportService;
  now: () => Date;
}

/**
 * The pipeline after an interview, as jobs: the end of a session enqueues its scoring (in the
 * transaction that ends it, see `session-events.ts`); a finished score records `score.completed`,
 * which enqueues the report; a prepared report records `report.ready`. Every step is idempotent —
 * the same code scores into the one record, the same content gives the same report, and each
 * event's id derives from the record it announces — so a retried job never announces twice.
 */
export function registerAfterInterviewJobs(jobs: JobQueue, { db, scores, reports, now }: AfterInterviewDeps): void {
  const retries = { maxAttempts: 8, backoff: exponentialBackoff({ baseMs: 5_000, maxMs: 600_000 }) };
  // Scoring and reports take a share of the queue's slots (scoring as many as the sandbox runs at
  // once), so that webhook deliveries always find one, however many interviews end together.
  const scoring = { ...retries, concurrency: 2 };
  const reporting = { ...retries, concurrency: 1 };

  /** Records the event of a finished step, with an id derived from what it announces (a retried step records nothing new). */
  const announce = async (id: string, tenantId: string | null, sessionId: string, type: 'score.completed' | 'report.ready', data: Record<string, unknown>) => {
    const externalId = await externalIdOf(db, sessionId);
    await db.transaction().execute((trx) =>
      recordEvent(trx, { id, tenantId: tenantId!, sessionId, type, at: now().toISOString(), data: { externalId, ...data } }),
    );
  };

  jobs.register<{ sessionId: string }>(
    SCORE_JOB,
    async ({ payload, tenantId }) => {
      const score = await orGone(() => scores.score(payload.sessionId));
      // The server is shutting down mid-run: the record stays pending and this job comes back.
      if (score.status === 'pending') return { deferMs: 5_000 };
      if (score.status === 'failed') throw new Error(`scoring failed: ${score.error ?? 'unknown error'}`);
      await announce(`score.completed:${score.id}`, tenantId, payload.sessionId, 'score.completed', {
        scoreId: score.id,
        passed: score.passed,
        total: score.total,
        language: score.language,
        questions: score.questions.map(({ index, title, language, passed, total }) => ({ index, title, language, passed, total })),
      });
    },
    scoring,
  );

  jobs.register<{ sessionId: string }>(
    REPORT_JOB,
    async ({ payload, tenantId }) => {
      const report = await orGone(() => reports.prepare(payload.sessionId));
      await announce(`report.ready:${report.reportId}`, tenantId, payload.sessionId, 'report.ready', {
        reportId: report.reportId,
        templateVersion: report.templateVersion,
      });
    },
    reporting,
  );
}

/** A session deleted meanwhile has nothing left to score or report: the job ends for good. */
async function orGone<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 404) throw new PermanentJobError(error.message);
    throw error;
  }
}

/** The host's own id of the session, which every event carries. */
async function externalIdOf(db: Db, sessionId: string): Promise<string | null> {
  const row = await db.selectFrom('sessions').select('external_id').where('id', '=', sessionId).executeTakeFirst();
  return row?.external_id ?? null;
}
