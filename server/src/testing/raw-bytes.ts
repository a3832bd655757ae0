import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { usingPostgres, type TestServer } from './harness.js';

/** Every value of every text and blob column of every table that holds the marker, as `table.column`. */
export async function tablesHolding(server: TestServer, marker: string): Promise<string[]> {
  const tables = usingPostgres()
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(server.db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(server.db);
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(server.db);
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        const bytes = typeof value === 'string' ? Buffer.from(value) : value instanceof Uint8Array ? Buffer.from(value) : undefined;
        if (bytes?.includes(marker)) found.push(`${name}.${column}`);
      }
    }
  }
  return [...new Set(found)];
}

/** The SQLite files of the data directory (database, write-ahead log, shared memory) that hold the marker's bytes (none on PostgreSQL). */
export function filesHolding(server: TestServer, marker: string): string[] {
  if (usingPostgres()) return [];
  return ['interview-kit.sqlite', 'interview-kit.sqlite-wal', 'interview-kit.sqlite-shm']
    .map((name) => join(server.dataDir, name))
    .filter((file) => existsSync(file) && readFileSync(file).includes(marker));
}
