import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import type { Score, ScoredQuestion, ScoredTest, ScoreStatus } from './score.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    scores: {
      id: string;
      session_id: string;
      code_hash: string;
      question_hash: string;
      language: string;
      status: ScoreStatus;
      /** `{ passed, total, tests, questions }` as JSON text once done (records of before per-question scores lack `questions`). */
      result: string | null;
      error: string | null;
      created_at: string;
      finished_at: string | null;
    };
  }
}

/** What a score is of: the session, the code, the question's version and the language. */
export interface ScoreInput {
  sessionId: string;
  codeHash: string;
  questionVersion: string;
  language: string;
}

/** The scores table: one row per session, code, question version and language. */
export class ScoreStore {
  constructor(private readonly db: Db) {}

  /** The score of `input`, created as pending when there is none (a concurrent creator's row wins). */
  async findOrCreate(input: ScoreInput, now: string): Promise<Score> {
    await this.db
      .insertInto('scores')
      .values({
        id: randomUUID(),
        session_id: input.sessionId,
        code_hash: input.codeHash,
        question_hash: input.questionVersion,
        language: input.language,
        status: 'pending',
        result: null,
        error: null,
        created_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.columns(['session_id', 'code_hash', 'question_hash', 'language']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('scores')
      .selectAll()
      .where('session_id', '=', input.sessionId)
      .where('code_hash', '=', input.codeHash)
      .where('question_hash', '=', input.questionVersion)
      .where('language', '=', input.language)
      .executeTakeFirstOrThrow();
    return scoreOf(row);
  }

  async get(id: string): Promise<Score | undefined> {
    const row = await this.db.selectFrom('scores').selectAll().where('id', '=', id).executeTakeFirst();
    return row && scoreOf(row);
  }

  /** The session's most recently created score. */
  async latest(sessionId: string): Promise<Score | undefined> {
    const row = await this.db
      .selectFrom('scores')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && scoreOf(row);
  }

  /** A failed score is tried again: back to pending. */
  async retry(id: string): Promise<void> {
    await this.db.updateTable('scores').set({ status: 'pending', error: null, finished_at: null }).where('id', '=', id).where('status', '=', 'failed').execute();
  }

  /** Stores the verdicts of each question; the record's totals are their sums. */
  async finish(id: string, questions: ScoredQuestion[], now: string): Promise<void> {
    const tests = questions.flatMap((question) => question.tests);
    const passed = tests.filter((test) => test.passed).length;
    await this.db
      .updateTable('scores')
      .set({ status: 'done', result: JSON.stringify({ passed, total: tests.length, tests, questions }), error: null, finished_at: now })
      .where('id', '=', id)
      .execute();
  }

  async fail(id: string, error: string, now: string): Promise<void> {
    await this.db.updateTable('scores').set({ status: 'failed', error, finished_at: now }).where('id', '=', id).where('status', '=', 'pending').execute();
  }
}

function scoreOf(row: Selectable<Database['scores']>): Score {
  const result = row.result ? (JSON.parse(row.result) as { passed: number; total: number; tests: ScoredTest[]; questions?: ScoredQuestion[] }) : undefined;
  // A record of before per-question scores is of the session's one question.
  const questions = result?.questions ?? (result ? [{ index: 0, title: '', language: row.language, codeHash: row.code_hash, passed: result.passed, total: result.total, tests: result.tests }] : []);
  return {
    id: row.id,
    sessionId: row.session_id,
    status: row.status,
    codeHash: row.code_hash,
    questionVersion: row.question_hash,
    language: row.language,
    passed: result?.passed ?? null,
    total: result?.total ?? null,
    tests: result?.tests ?? [],
    questions,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
