import type { Kysely } from 'kysely';

/**
 * Automatic scores of a session's final code (one row per code hash, question version and
 * language, so scoring the same code again finds the row instead of adding one) and the reports
 * built for a session (one row per template version and report content).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('question_hash', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('scores_input')
    .on('scores')
    .columns(['session_id', 'code_hash', 'question_hash', 'language'])
    .unique()
    .execute();
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('score_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reports_content')
    .on('reports')
    .columns(['session_id', 'template_version', 'content_hash'])
    .unique()
    .execute();
}
