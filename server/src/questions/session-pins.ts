import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    /** The exact question versions a session was created with, in the order it asks them. */
    session_questions: {
      session_id: string;
      position: number;
      question_id: string;
      version: number;
      /** 1 for the question the session shows now. */
      current: number;
      kit_id: string | null;
      kit_version: number | null;
      /** The kit section the question came from. */
      section: number | null;
      /** The variant drawn for that section, when it has variants. */
      variant: number | null;
    };
  }
}

/** One question a session is pinned to. */
export interface QuestionPin {
  questionId: string;
  version: number;
  current: boolean;
  kit: { id: string; version: number; section: number; variant: number | null } | null;
}

/** Records the session's questions; call inside session creation. */
export async function pinQuestions(db: Kysely<Database>, sessionId: string, pins: readonly QuestionPin[]): Promise<void> {
  if (pins.length === 0) return;
  await db
    .insertInto('session_questions')
    .values(
      pins.map((pin, position) => ({
        session_id: sessionId,
        position,
        question_id: pin.questionId,
        version: pin.version,
        current: pin.current ? 1 : 0,
        kit_id: pin.kit?.id ?? null,
        kit_version: pin.kit?.version ?? null,
        section: pin.kit?.section ?? null,
        variant: pin.kit?.variant ?? null,
      })),
    )
    .execute();
}

/** The questions a session is pinned to, in order (none for a session created with an inline question). */
export async function pinnedQuestions(db: Kysely<Database>, sessionId: string): Promise<QuestionPin[]> {
  const rows = await db.selectFrom('session_questions').selectAll().where('session_id', '=', sessionId).orderBy('position').execute();
  return rows.map((r) => ({
    questionId: r.question_id,
    version: Number(r.version),
    current: Number(r.current) === 1,
    kit: r.kit_id === null ? null : { id: r.kit_id, version: Number(r.kit_version), section: Number(r.section), variant: r.variant === null ? null : Number(r.variant) },
  }));
}
