import { type Kysely, sql } from 'kysely';

/**
 * Multi-question sessions: the position of a session's current question in its plan
 * (`sessions.question_index`; 0 for a question written inline) and when each pinned question was
 * first shown (`session_questions.reached_at`; candidates see only reached questions). Sessions
 * made from the bank before this start at the question they showed, reached when created.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('question_index', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('session_questions').addColumn('reached_at', 'text').execute();
  await db
    .updateTable('session_questions')
    .set({ reached_at: sql`(select created_at from sessions where sessions.id = session_questions.session_id)` })
    .where('current', '=', 1)
    .execute();
  await db
    .updateTable('sessions')
    .set({ question_index: sql`(select position from session_questions where session_questions.session_id = sessions.id and session_questions.current = 1)` })
    .where(({ exists, selectFrom }) => exists(selectFrom('session_questions').select('position').whereRef('session_questions.session_id', '=', 'sessions.id').where('current', '=', 1)))
    .execute();
}
