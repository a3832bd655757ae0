import type { Kysely } from 'kysely';

/**
 * The question bank: a tenant's questions and interview kits (`bank_entries`, one row each with
 * the latest version's searchable fields), every version of each (`bank_entry_versions`, the
 * whole content as JSON; a published version never changes), and the exact versions a session
 * was created with (`session_questions`, in the order it asks them, with the variant drawn).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bank_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('difficulty', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bank_entries_slug').on('bank_entries').columns(['tenant_id', 'kind', 'slug']).unique().execute();
  await db.schema.createIndex('bank_entries_list').on('bank_entries').columns(['tenant_id', 'kind', 'created_at', 'id']).execute();
  await db.schema
    .createTable('bank_entry_versions')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('bank_entries.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addPrimaryKeyConstraint('bank_entry_versions_pk', ['entry_id', 'version'])
    .execute();
  await db.schema
    .createTable('session_questions')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('current', 'integer', (c) => c.notNull())
    .addColumn('kit_id', 'text')
    .addColumn('kit_version', 'integer')
    .addColumn('section', 'integer')
    .addColumn('variant', 'integer')
    .addPrimaryKeyConstraint('session_questions_pk', ['session_id', 'position'])
    .execute();
  await db.schema.createIndex('session_questions_question').on('session_questions').columns(['question_id', 'version']).execute();
}
