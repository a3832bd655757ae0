import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, Migrator } from 'kysely';

const FOLDER = new URL('./migrations/', import.meta.url);

/**
 * Migrations are the modules in `migrations/`, applied in file-name order (`0001-core.ts`,
 * `0002-…`), each exporting `up(db)` written with Kysely's schema builder so it runs unchanged on
 * SQLite and PostgreSQL. Add a file for a new table; never edit a released one.
 */
async function loadMigrations(): Promise<Record<string, Migration>> {
  const files = (await readdir(fileURLToPath(FOLDER)))
    .filter((f) => /^\d{4}-[\w-]+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const entries = await Promise.all(
    files.map(async (file) => [file.replace(/\.(ts|js)$/, ''), (await import(new URL(file, FOLDER).href)) as Migration] as const),
  );
  return Object.fromEntries(entries);
}

/** Brings the schema up to date. Throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrations = await loadMigrations();
  const { error, results } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? error}`, { cause: error });
  }
}
