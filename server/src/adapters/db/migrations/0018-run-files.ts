import type { Kysely } from 'kysely';

/**
 * Multi-file runs: the project a run ran (`runs.files`, every file with its path as JSON, the entry
 * included, sealed at rest like the program), or '' for a single program (whose text is `runs.code`,
 * as before). Runs stored before this ran a single program.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('files', 'text', (c) => c.notNull().defaultTo('')).execute();
}
