import type { Kysely } from 'kysely';

/** The rubric each session pinned at creation, and each participant's feedback on it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_rubrics')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('rubric_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rubric', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('session_feedback')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('rubric_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addPrimaryKeyConstraint('session_feedback_pk', ['session_id', 'participant_id'])
    .addForeignKeyConstraint('session_feedback_participant', ['session_id', 'participant_id'], 'participants', ['session_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
}
