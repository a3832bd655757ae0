// SQLite statements prepared for every query (Kysely's driver as it comes) against prepared once
// and kept (the server's dialect, server/src/adapters/db/sqlite-dialect.ts): the CPU time per query
// of a lookup by key and an insert of a small row, each on an in-memory database, in turns.
// Usage: `node scripts/bench-sqlite-statements.mjs` (also `npm run bench -- sqlite-statements`).
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { tsImport } from 'tsx/esm/api';

const { EmbeddedSqliteDialect } = await tsImport('../server/src/adapters/db/sqlite-dialect.ts', import.meta.url);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20_000);

async function cpuPerQuery(kind) {
  const database = new BetterSqlite3(':memory:');
  const db = new Kysely({ dialect: kind === 'kept' ? new EmbeddedSqliteDialect(database) : new SqliteDialect({ database }) });
  await sql`create table sessions (id text primary key, tenant_id text, status text, title text)`.execute(db);
  await sql`create table updates (id integer primary key, session_id text, document text, data blob)`.execute(db);
  for (let i = 0; i < 100; i += 1) await db.insertInto('sessions').values({ id: `s${i}`, tenant_id: 't', status: 'live', title: 'x' }).execute();
  const before = process.cpuUsage();
  for (let i = 0; i < QUERIES; i += 1) {
    await db.selectFrom('sessions').select(['id', 'status', 'title']).where('id', '=', `s${i % 100}`).where('tenant_id', '=', 't').executeTakeFirst();
    await db.insertInto('updates').values({ session_id: `s${i % 100}`, document: 'shared', data: Buffer.from([i & 255]) }).execute();
  }
  const used = process.cpuUsage(before);
  await db.destroy();
  return (used.user + used.system) / (2 * QUERIES);
}

console.log(`\nSQLite through Kysely, ${QUERIES} lookups + ${QUERIES} inserts per row, in turns (µs of CPU per query)\n`);
console.log('| round | prepared for every query | prepared once, kept | kept / every query |');
console.log('|---:|---:|---:|---:|');
for (let round = 1; round <= 3; round += 1) {
  const anew = await cpuPerQuery('anew');
  const kept = await cpuPerQuery('kept');
  console.log(`| ${round} | ${anew.toFixed(1)} | ${kept.toFixed(1)} | ${(kept / anew).toFixed(2)} |`);
}
