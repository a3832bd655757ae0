import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../adapters/db/database.js';

/**
 * Makes erased rows unreadable on disk as well as in queries. SQLite runs with `secure_delete`
 * (see `database.ts`): a deleted row's bytes are overwritten with zeros in its page, and freed
 * pages are zeroed. Until a checkpoint, though, the write-ahead log still holds the earlier
 * versions of those pages; a truncating checkpoint copies the zeroed pages into the database file
 * and empties the log. On PostgreSQL, deleted rows stay in their pages as dead tuples until
 * VACUUM reclaims them (and until the space is reused): see docs/data-lifecycle.md.
 */
export async function reclaimErasedSpace(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
