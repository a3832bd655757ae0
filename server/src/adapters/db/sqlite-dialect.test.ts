import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { EmbeddedSqliteDialect, PREPARED_STATEMENTS, reusingStatements } from './sqlite-dialect.js';

interface Tables {
  items: { id: number; name: string; note?: string | null };
}

/** A database in memory through the server's dialect, counting how often each SQL text is prepared. */
function counted() {
  const database = new BetterSqlite3(':memory:');
  const prepared = new Map<string, number>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((text: string) => {
    prepared.set(text, (prepared.get(text) ?? 0) + 1);
    return prepare(text);
  }) as typeof database.prepare;
  const db = new Kysely<Tables>({ dialect: new EmbeddedSqliteDialect(database) });
  return { db, prepared };
}

test('each query gets its own parameters and results while its SQL text is prepared once', async () => {
  const { db, prepared } = counted();
  await sql`create table items (id integer primary key, name text not null)`.execute(db);
  for (const [id, name] of [[1, 'one'], [2, 'two'], [3, 'three']] as const) await db.insertInto('items').values({ id, name }).execute();
  const names = [];
  for (const id of [3, 1, 2]) names.push((await db.selectFrom('items').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name);
  assert.deepEqual(names, ['three', 'one', 'two']);
  const insert = db.insertInto('items').values({ id: 9, name: 'x' }).compile().sql;
  const select = db.selectFrom('items').select('name').where('id', '=', 9).compile().sql;
  assert.equal(prepared.get(insert), 1);
  assert.equal(prepared.get(select), 1);
  // Transactions too: begin and commit are prepared once, and a rolled-back write is gone.
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 4, name: 'four' }).execute();
      throw new Error('abandoned');
    }),
    /abandoned/,
  );
  await db.transaction().execute((trx) => trx.insertInto('items').values({ id: 5, name: 'five' }).execute());
  const rows = await db.selectFrom('items').select('id').orderBy('id').execute();
  assert.deepEqual(rows.map((row) => row.id), [1, 2, 3, 5]);
  assert.equal(prepared.get('begin'), 1);
  await db.destroy();
});

test('a kept statement sees a changed schema', async () => {
  const { db } = counted();
  await sql`create table items (id integer primary key, name text not null)`.execute(db);
  await db.insertInto('items').values({ id: 1, name: 'one' }).execute();
  assert.deepEqual(await db.selectFrom('items').selectAll().execute(), [{ id: 1, name: 'one' }]);
  await sql`alter table items add column note text`.execute(db);
  assert.deepEqual(await db.selectFrom('items').selectAll().execute(), [{ id: 1, name: 'one', note: null }]);
  await db.destroy();
});

test(`at most ${PREPARED_STATEMENTS} statements are kept, the least recently used going first`, async () => {
  const { db, prepared } = counted();
  await sql`create table items (id integer primary key, name text not null)`.execute(db);
  // Distinct texts: each selects a different constant.
  const query = (n: number) => db.selectFrom('items').select(sql<number>`${sql.lit(n)}`.as('n'));
  for (let n = 0; n <= PREPARED_STATEMENTS; n += 1) await query(n).execute();
  await query(PREPARED_STATEMENTS).execute();
  assert.equal(prepared.get(query(PREPARED_STATEMENTS).compile().sql), 1, 'the latest is kept');
  await query(0).execute();
  assert.equal(prepared.get(query(0).compile().sql), 2, 'the oldest was dropped and is prepared again');
  await db.destroy();
});

test('a statement busy with an iteration is not handed out again', () => {
  const database = new BetterSqlite3(':memory:');
  const reusing = reusingStatements(database);
  database.exec('create table items (id integer primary key); insert into items values (1), (2), (3)');
  const text = 'select id from items order by id';
  const iterating = reusing.prepare(text).iterate([]);
  assert.deepEqual(iterating.next().value, { id: 1 });
  assert.deepEqual(reusing.prepare(text).all([]), [{ id: 1 }, { id: 2 }, { id: 3 }]);
  assert.deepEqual([...iterating], [{ id: 2 }, { id: 3 }]);
  reusing.close();
});
