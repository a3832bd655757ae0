import type { Kysely } from 'kysely';

/**
 * After the call: each recording's transcript (`transcripts`: done or skipped and why, by which
 * model; `transcript_segments`: the speaker — the recording's participant —, start and end in
 * the recording and the text) and the assistant's draft for interviewers (`assistant_drafts`:
 * the validated output, the prompt version and model that made it, token usage and latency).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('transcripts')
    .addColumn('recording_id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transcripts_session').on('transcripts').column('session_id').execute();
  await db.schema
    .createTable('transcript_segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('recording_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('start_ms', 'integer', (c) => c.notNull())
    .addColumn('end_ms', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transcript_segments_session').on('transcript_segments').columns(['session_id', 'recording_id', 'start_ms']).execute();
  await db.schema
    .createTable('assistant_drafts')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('prompt_version', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('usage', 'text', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
