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
      /** When the session first showed it; `null` until then (candidates see only reached questions). */
      reached_at: string | null;
    };
  }
}

/** One question a session is pinned to. */
export interface QuestionPin {
  questionId: string;
  version: number;
  /** The session's first coding question, the one it opened with (and whose code is slot 0). */
  current: boolean;
  /** Whether the session has shown it. */
  reached: boolean;
  kit: { id: string; version: number; section: number; variant: number | null } | null;
}

/** Records the session's questions; call inside session creation (`at`: its creation time, when the questions it opens with are reached). */
export async function pinQuestions(db: Kysely<Database>, sessionId: string, pins: readonly QuestionPin[], at: string): Promise<void> {
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
        reached_at: pin.reached ? at : null,
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
    reached: r.reached_at !== null,
    kit: r.kit_id === null ? null : { id: r.kit_id, version: Number(r.kit_version), section: Number(r.section), variant: r.variant === null ? null : Number(r.variant) },
  }));
}

/** Marks the question at `position` reached (once: the first time counts). */
export async function reachQuestion(db: Kysely<Database>, sessionId: string, position: number, at: string): Promise<void> {
  await db
    .updateTable('session_questions')
    .set({ reached_at: at })
    .where('session_id', '=', sessionId)
    .where('position', '=', position)
    .where('reached_at', 'is', null)
    .execute();
}
