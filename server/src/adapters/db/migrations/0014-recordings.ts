import type { Kysely } from 'kysely';

/**
 * Recordings, consented: the session's setting (`sessions.recording`: `off` unless the host says
 * `audio` or `audio+video`), each participant's consent (`recording_consents`: text version and
 * time), each participant's recording (`recordings`: kind, media type, the server's time at its
 * start, bytes and chunks so far) and its chunks (`recording_chunks`: sequence number, size and
 * the server's time of arrival; the bytes are in the object store, not in the database).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('recording', 'text', (c) => c.notNull().defaultTo('off')).execute();
  await db.schema
    .createTable('recording_consents')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('text_version', 'integer', (c) => c.notNull())
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recording_consents_pk', ['session_id', 'participant_id'])
    .execute();
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('chunks', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('recordings_session').on('recordings').columns(['session_id', 'started_at']).execute();
  await db.schema
    .createTable('recording_chunks')
    .addColumn('recording_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recording_chunks_pk', ['recording_id', 'seq'])
    .execute();
  await db.schema.createIndex('recording_chunks_session').on('recording_chunks').column('session_id').execute();
}
