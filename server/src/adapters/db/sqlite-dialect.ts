import type BetterSqlite3 from 'better-sqlite3';
import { type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from 'kysely';

/**
 * Kysely's SQLite driver, except that rolling back a transaction SQLite already rolled back is a
 * no-op. SQLite ends the transaction itself on some errors (SQLITE_FULL, SQLITE_IOERR, …); Kysely
 * then sends ROLLBACK, which fails with "cannot rollback - no transaction is active", and that
 * error replaced the original one. With this driver the caller sees the real cause.
 */
class RollbackOnlyOpenTransactions extends SqliteDriver {
  constructor(private readonly database: BetterSqlite3.Database) {
    super({ database });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.database.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** The SQLite dialect with {@link RollbackOnlyOpenTransactions}. */
export class EmbeddedSqliteDialect extends SqliteDialect {
  constructor(private readonly database: BetterSqlite3.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new RollbackOnlyOpenTransactions(this.database);
  }
}
