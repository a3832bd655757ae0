import type BetterSqlite3 from 'better-sqlite3';
import { type DatabaseConnection, type Driver, SqliteDialect, type SqliteDatabase, SqliteDriver } from 'kysely';

/** How many distinct statements a database keeps prepared; the least recently used one goes first. */
export const PREPARED_STATEMENTS = 256;

/**
 * The database as Kysely's SQLite driver sees it, except that each distinct SQL text is prepared
 * once and its statement used again. The driver prepares every query anew, and under load that was
 * about 5% of the server's CPU (the collaboration bench's profile at 500 sessions): compiling the
 * same few dozen statements again and again. SQLite prepares a kept statement again by itself when
 * the schema changes. A statement still busy with an iteration is never handed out twice.
 */
export function reusingStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      statements.delete(sql);
      if (!statement || statement.busy) statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > PREPARED_STATEMENTS) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/**
 * Kysely's SQLite driver, except that rolling back a transaction SQLite already rolled back is a
 * no-op. SQLite ends the transaction itself on some errors (SQLITE_FULL, SQLITE_IOERR, …); Kysely
 * then sends ROLLBACK, which fails with "cannot rollback - no transaction is active", and that
 * error replaced the original one. With this driver the caller sees the real cause.
 */
class RollbackOnlyOpenTransactions extends SqliteDriver {
  constructor(private readonly database: BetterSqlite3.Database) {
    super({ database: reusingStatements(database) });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.database.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** The SQLite dialect with {@link RollbackOnlyOpenTransactions}, its statements prepared once ({@link reusingStatements}). */
export class EmbeddedSqliteDialect extends SqliteDialect {
  constructor(private readonly database: BetterSqlite3.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new RollbackOnlyOpenTransactions(this.database);
  }
}
