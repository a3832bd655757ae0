import type { Kysely } from 'kysely';

/**
 * Integrity signals, disclosed: the session's setting (`sessions.integrity`, `record` unless the
 * host says `off`), the candidate's consent to the disclosure (`integrity_consents`: text version
 * and time) and the signals recorded after it (`integrity_signals`: kind, sizes or durations as
 * JSON, the server's time, and the position in its batch, which orders signals of the same time).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('integrity', 'text', (c) => c.notNull().defaultTo('record')).execute();
  await db.schema
    .createTable('integrity_consents')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('text_version', 'integer', (c) => c.notNull())
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('integrity_consents_pk', ['session_id', 'participant_id'])
    .execute();
  await db.schema
    .createTable('integrity_signals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('integrity_signals_session').on('integrity_signals').columns(['session_id', 'at']).execute();
}
