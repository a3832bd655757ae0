import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * The collaboration log: every Yjs update as it was accepted (author, time), and per-document
 * snapshots that fold the log up to a sequence number so that loading stays fast. The log itself
 * is kept whole, because the replay timeline is read from it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const binary = postgres ? 'bytea' : 'blob';

  let updates = db.schema.createTable('collab_updates');
  updates = postgres
    ? updates.addColumn('seq', 'bigserial', (c) => c.primaryKey())
    : updates.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
  await updates
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('update', binary, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_updates_document').on('collab_updates').columns(['document', 'seq']).execute();

  await db.schema
    .createTable('collab_snapshots')
    .addColumn('document', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('state', binary, (c) => c.notNull())
    .execute();
}
