import type { Db } from './database.js';
import { describeStorageFailure, storageFailureOf } from './storage-failure.js';

export type ProbeResult = { writable: true } | { writable: false; detail: string };

/**
 * Whether the database can commit a write: upserts its one row of `write_probe` in a transaction,
 * as any request's write would. A full disk, read-only storage or an unreachable database fail it.
 * The answer is kept for `cacheMs`, and concurrent checks share one probe, so a busy readiness
 * endpoint costs at most one tiny write per period.
 */
export class WriteProbe {
  #last: { at: number; result: ProbeResult } | undefined;
  #pending: Promise<ProbeResult> | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: { cacheMs?: number; now?: () => number } = {},
  ) {}

  check(): Promise<ProbeResult> {
    const now = (this.options.now ?? Date.now)();
    if (this.#last && now - this.#last.at < (this.options.cacheMs ?? 1_500)) return Promise.resolve(this.#last.result);
    this.#pending ??= this.#probe().then((result) => {
      this.#last = { at: (this.options.now ?? Date.now)(), result };
      this.#pending = undefined;
      return result;
    });
    return this.#pending;
  }

  async #probe(): Promise<ProbeResult> {
    try {
      const checkedAt = new Date().toISOString();
      await this.db.transaction().execute((trx) =>
        trx
          .insertInto('write_probe')
          .values({ id: 1, checked_at: checkedAt })
          .onConflict((c) => c.column('id').doUpdateSet({ checked_at: checkedAt }))
          .execute(),
      );
      return { writable: true };
    } catch (error) {
      const failure = storageFailureOf(error);
      return {
        writable: false,
        detail: failure
          ? `the database cannot take writes: ${describeStorageFailure(failure).split(',')[0]}`
          : `the database does not answer: ${(error as Error).message ?? error}`,
      };
    }
  }
}
