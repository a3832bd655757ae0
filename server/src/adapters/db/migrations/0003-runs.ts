import type { Kysely } from 'kysely';

/**
 * Every finished code run of a session, hidden-test results included, so that reports can list
 * them later. `idempotency_key` and `request_hash` let a retried `POST /v1/runs` get the stored
 * result back instead of running again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('stdin', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('runs_session').on('runs').columns(['session_id', 'created_at']).execute();
  await db.schema
    .createIndex('runs_idempotency')
    .on('runs')
    .columns(['session_id', 'participant_id', 'idempotency_key'])
    .unique()
    .execute();
}
