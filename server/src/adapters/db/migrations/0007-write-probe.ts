import type { Kysely } from 'kysely';

/** One row that `/readyz` rewrites to learn whether the database can still commit writes. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('write_probe')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
}
