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

  jobs.register<{ sessionId: string }>(
    SCORE_JOB,
    async ({ payload, tenantId }) => {
      const score = await orGone(() => scores.score(payload.sessionId));
      // The server is shutting down mid-run: the record stays pending and this job comes back.
      if (score.status === 'pending') return { deferMs: 5_000 };
      if (score.status === 'failed') throw new Error(`scoring failed: ${score.error ?? 'unknown error'}`);
      const externalId = await externalIdOf(db, payload.sessionId);
      await db.transaction().execute((trx) =>
        recordEvent(trx, {
          id: `score.completed:${score.id}`,
          tenantId: tenantId!,
          sessionId: payload.sessionId,
          type: 'score.completed',
          at: now().toISOString(),
          data: { externalId, scoreId: score.id, passed: score.passed, total: score.total, language: score.language },
        }),
      );
    },
    scoring,
  );

  jobs.register<{ sessionId: string }>(
    REPORT_JOB,
    async ({ payload, tenantId }) => {
      const report = await orGone(() => reports.prepare(payload.sessionId));
      const externalId = await externalIdOf(db, payload.sessionId);
      await db.transaction().execute((trx) =>
        recordEvent(trx, {
          id: `report.ready:${report.reportId}`,
          tenantId: tenantId!,
          sessionId: payload.sessionId,
          type: 'report.ready',
          at: now().toISOString(),
          data: { externalId, reportId: report.reportId, templateVersion: report.templateVersion },
        }),
      );
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
