import type { Kysely } from 'kysely';

/** Bootstrap keys carry no id, so they are found by their hash on every request. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('api_keys_key_hash').on('api_keys').column('key_hash').execute();
}
