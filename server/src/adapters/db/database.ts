import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../../config/env.js';
import { queryTracing } from '../../telemetry/db-queries.js';
import { migrateToLatest } from './migrations.js';
import { EmbeddedSqliteDialect } from './sqlite-dialect.js';
import { storageFailureOf } from './storage-failure.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** `postgres://…` for PostgreSQL; absent for the embedded SQLite file. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file `interview-kit.sqlite`. */
  dataDir: string;
}

/**
 * Opens the database (SQLite in WAL mode, or a PostgreSQL pool) and runs migrations.
 * @throws {ConfigError} naming `DATA_DIR` and the file when the SQLite file cannot be written
 * (read-only or full storage).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return migrated(postgres(options.databaseUrl));
  const file = join(options.dataDir, 'interview-kit.sqlite');
  try {
    return await migrated(sqlite(file));
  } catch (error) {
    const failure = storageFailureOf(error);
    if (failure) throw new ConfigError('DATA_DIR', `cannot write the database ${file} (${failure}): ${(error as Error).message}`);
    throw error;
  }
}

async function migrated(db: Db): Promise<Db> {
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

function sqlite(file: string): Db {
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, so an erased session leaves no bytes in the file (data-lifecycle/storage.ts).
  database.pragma('secure_delete = ON');
  return new Kysely<Database>({ dialect: new EmbeddedSqliteDialect(database), ...queryTracing('sqlite') });
}

function postgres(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection that breaks (a server restart, a terminated backend) is dropped by the pool
  // and the next query opens a new one; unheard, the pool's 'error' event would end the process.
  pool.on('error', () => undefined);
  // The same for a connection that breaks while checked out between two queries (inside a
  // transaction, say): the pool listens only to idle ones, and the client's unheard 'error' would
  // end the process too. The transaction's next query fails with that error instead.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...queryTracing('postgresql') });
}
