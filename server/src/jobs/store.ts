import { sql, type Selectable } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';

export type JobRow = Selectable<Database['jobs']>;

/**
 * The queue's SQL: claiming due jobs under a lease, and settling them. Every write after the
 * claim is fenced by the worker id, so a worker whose lease ran out (and whose job someone else
 * claimed) cannot overwrite the newer outcome.
 */
export class JobStore {
  constructor(
    private readonly db: Db,
    private readonly postgres: boolean,
  ) {}

  /**
   * Claims up to `limit` due jobs of `kinds` for `worker` until `leaseUntil`: queued or failed jobs
   * whose time has come, and running jobs whose lease ran out (their worker died). On PostgreSQL
   * `FOR UPDATE SKIP LOCKED` lets several servers claim side by side without taking the same job;
   * on SQLite one process claims, inside a transaction.
   */
  async claim(kinds: string[], limit: number, worker: string, now: Date, leaseUntil: Date): Promise<JobRow[]> {
    if (!kinds.length || limit <= 0) return [];
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', 'in', ['queued', 'failed']), eb('run_at', '<=', at)]),
            eb.and([eb('state', '=', 'running'), eb('locked_until', '<', at)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('created_at')
        .limit(limit)
        .$if(this.postgres, (q) => q.forUpdate().skipLocked())
        .execute();
      if (!due.length) return [];
      return trx
        .updateTable('jobs')
        .set({ state: 'running', attempts: sql`attempts + 1`, locked_by: worker, locked_until: leaseUntil.toISOString(), updated_at: at })
        .where('id', 'in', due.map((row) => row.id))
        .returningAll()
        .execute();
    });
  }

  /** Extends the lease of `worker`'s running jobs `ids`. */
  async renew(ids: string[], worker: string, leaseUntil: Date): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('jobs')
      .set({ locked_until: leaseUntil.toISOString() })
      .where('id', 'in', ids)
      .where('locked_by', '=', worker)
      .where('state', '=', 'running')
      .execute();
  }

  /** The job is finished. */
  done(id: string, worker: string, now: Date): Promise<boolean> {
    return this.settle(id, worker, { state: 'done', finished_at: now.toISOString(), updated_at: now.toISOString(), last_error: null });
  }

  /** The attempt failed: retried at `retryAt`, or `dead` when `retryAt` is absent. */
  failed(id: string, worker: string, error: string, maxAttempts: number, now: Date, retryAt?: Date): Promise<boolean> {
    const at = now.toISOString();
    return this.settle(id, worker, {
      state: retryAt ? 'failed' : 'dead',
      last_error: error.slice(0, 2000),
      max_attempts: maxAttempts,
      run_at: retryAt?.toISOString() ?? at,
      finished_at: retryAt ? null : at,
      updated_at: at,
    });
  }

  /** The handler asked to run later: back to queued, the attempt not counted. */
  deferred(id: string, worker: string, runAt: Date, now: Date): Promise<boolean> {
    return this.settle(id, worker, { state: 'queued', attempts: sql`attempts - 1` as never, run_at: runAt.toISOString(), updated_at: now.toISOString() });
  }

  /**
   * Jobs left `running` by an earlier process of this SQLite database can be claimed again at
   * once: with SQLite only one process works the queue, so their worker is gone.
   */
  async releaseOrphans(now: Date): Promise<number> {
    const result = await this.db.updateTable('jobs').set({ locked_until: now.toISOString() }).where('state', '=', 'running').executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes up to `limit` jobs finished `done` before `before`; returns how many. Dead jobs stay for inspection. */
  async purgeDone(before: Date, limit = 1000): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('id', 'in', (qb) => qb.selectFrom('jobs').select('id').where('state', '=', 'done').where('finished_at', '<', before.toISOString()).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Counts by state, and the longest any due queued job has waited (seconds). */
  async stats(now: Date): Promise<{ byState: Record<string, number>; oldestQueuedSeconds: number }> {
    const counts = await this.db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('state').execute();
    const oldest = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_at').as('run_at'))
      .where('state', '=', 'queued')
      .where('run_at', '<=', now.toISOString())
      .executeTakeFirst();
    const runAt = oldest?.run_at as string | null | undefined;
    return {
      byState: Object.fromEntries(counts.map((row) => [row.state, Number(row.count)])),
      oldestQueuedSeconds: runAt ? Math.max(0, (now.getTime() - Date.parse(runAt)) / 1000) : 0,
    };
  }

  private async settle(id: string, worker: string, changes: Record<string, unknown>): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ ...changes, locked_by: null, locked_until: null } as never)
      .where('id', '=', id)
      .where('locked_by', '=', worker)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
