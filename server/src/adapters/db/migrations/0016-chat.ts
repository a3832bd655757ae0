import type { Kysely } from 'kysely';

/**
 * The session's chat (`chat_messages`): one row per message, its place in the session's chat
 * (`seq`, from 1), its author (participant and role; the name comes from the session's
 * participants), its text (sealed with `DATA_ENCRYPTION_KEY` when set) and the server's time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_messages_session_seq').unique().on('chat_messages').columns(['session_id', 'seq']).execute();
}
