import { PostgresAdapter, type Kysely, sql } from 'kysely';

/**
 * The interview lifecycle: scheduled → live → ended (or cancelled), with the times and options of
 * each session; the host's own ids and metadata; per-participant extra time; idempotent creation;
 * and an outbox of state-change events written in the same transaction as the change.
 * Sessions from before this migration were live from creation ('active').
 */
export async function up(db: Kysely<any>): Promise<void> {
  const columns: [string, 'text' | 'integer', ((c: any) => any)?][] = [
    ['scheduled_at', 'text'],
    ['started_at', 'text'],
    ['ends_at', 'text'],
    ['extended_minutes', 'integer', (c) => c.notNull().defaultTo(0)],
    ['ended_by', 'text'],
    ['end_reason', 'text'],
    ['auto_start', 'text', (c) => c.notNull().defaultTo('first-join')],
    ['reveal_question', 'text', (c) => c.notNull().defaultTo('immediately')],
    ['auto_end', 'integer', (c) => c.notNull().defaultTo(0)],
    ['external_id', 'text'],
    ['metadata', 'text'],
  ];
  for (const [name, type, build] of columns) {
    await db.schema.alterTable('sessions').addColumn(name, type, build).execute();
  }
  await sql`update sessions set status = 'live', started_at = created_at where status = 'active'`.execute(db);
  await db.schema.createIndex('sessions_tenant_external_id').on('sessions').columns(['tenant_id', 'external_id']).unique().execute();
  await db.schema.createIndex('sessions_due').on('sessions').columns(['status', 'auto_end', 'ends_at']).execute();
  await db.schema
    .alterTable('participants')
    .addColumn('extra_time_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('session_create_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_create_keys_pk', ['tenant_id', 'key'])
    .execute();

  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let events = db.schema.createTable('session_events');
  // `seq` orders a session's events as they happened, whatever their timestamps.
  events = postgres
    ? events.addColumn('seq', 'bigserial', (c) => c.primaryKey())
    : events.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
  await events
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_events_session').on('session_events').columns(['session_id', 'seq']).execute();
}
