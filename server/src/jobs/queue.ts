import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { context, ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import type { Db } from '../adapters/db/database.js';
import type { Logger } from '../logger.js';
import { onEnqueued } from './enqueue.js';
import { JobStore, type JobRow } from './store.js';
import { PermanentJobError, type JobHandler, type JobKindOptions } from './types.js';
import { inSpan } from '../telemetry/tracing.js';

export interface JobQueueOptions {
  db: Db;
  /** Claims use `FOR UPDATE SKIP LOCKED` on PostgreSQL. */
  postgres: boolean;
  logger: Logger;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** How often to look for due jobs when idle. */
  pollMs: number;
  /** How long a claim holds; renewed while the handler runs. A dead worker's jobs are claimed again after it. */
  leaseMs: number;
  /** How long `close()` waits for running handlers before aborting them. */
  closeTimeoutMs: number;
  /** Done jobs are deleted this long after they finished (checked hourly); dead ones stay. */
  retentionMs?: number;
  now?: () => number;
}

const PURGE_INTERVAL_MS = 3_600_000;
const ENQUEUE_HINT_DELAY_MS = 5;

/** A job's end: `done`, or `dead` after its last attempt; `seconds` since it was enqueued, retries included. */
export type JobSettledListener = (kind: string, outcome: 'done' | 'dead', seconds: number) => void;

interface Registration {
  handler: JobHandler<any>;
  options: JobKindOptions;
}

/**
 * The durable job queue's workers, inside the server process. Jobs are rows of the product's own
 * database (see `enqueue`), so they are written in the transaction of the change that causes
 * them and survive any crash; a worker claims due jobs under a lease, runs the handler registered
 * for the job's kind, and records the outcome: done; failed and retried after the kind's backoff;
 * or dead after its last attempt. Delivery is at least once: a handler must be idempotent (a
 * worker may die after the handler's effect and before `done`).
 *
 * Written here rather than taken from pg-boss, which runs on PostgreSQL only: the embedded
 * default is SQLite. On PostgreSQL the claim is the same `FOR UPDATE SKIP LOCKED` such libraries use.
 */
export class JobQueue {
  readonly #store: JobStore;
  readonly #handlers = new Map<string, Registration>();
  readonly #running = new Map<string, { kind: string; done: Promise<void>; abort: AbortController }>();
  readonly #settled = new Set<JobSettledListener>();
  readonly #worker = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #lease: NodeJS.Timeout | undefined;
  #purge: NodeJS.Timeout | undefined;
  #soon: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #polling: Promise<void> | undefined;
  #again = false;
  #started = false;
  #closed = false;

  constructor(private readonly options: JobQueueOptions) {
    this.#store = new JobStore(options.db, options.postgres);
    this.#now = options.now ?? Date.now;
  }

  get store(): JobStore {
    return this.#store;
  }

  /** Runs `handler` for jobs of `kind`. Register every kind before `start()`; kinds without a handler wait. */
  register<P>(kind: string, handler: JobHandler<P>, options: JobKindOptions): void {
    if (this.#handlers.has(kind)) throw new Error(`a handler for jobs of kind ${kind} is already registered`);
    this.#handlers.set(kind, { handler, options });
    if (this.#started) this.wake();
  }

  /** Calls `listener` each time a job of this process ends done or dead (metrics). Returns the unsubscribe function. */
  onSettled(listener: JobSettledListener): () => void {
    this.#settled.add(listener);
    return () => this.#settled.delete(listener);
  }

  private settled(row: JobRow, outcome: 'done' | 'dead'): void {
    const seconds = Math.max(0, (this.#now() - Date.parse(row.created_at)) / 1000);
    for (const listener of this.#settled) listener(row.kind, outcome, seconds);
  }

  /**
   * Starts claiming. On SQLite, jobs a killed earlier process left running are released first.
   * The workers run outside any caller's trace: each job's handler is the root of its own.
   */
  async start(): Promise<void> {
    return context.with(ROOT_CONTEXT, () => this.starting());
  }

  private async starting(): Promise<void> {
    if (this.#started || this.#closed) return;
    this.#started = true;
    if (!this.options.postgres) {
      const released = await this.#store.releaseOrphans(this.date());
      if (released) this.options.logger.warn('jobs left running by an earlier process are retried', { count: released });
    }
    this.#lease = setInterval(() => this.renewLeases(), Math.max(50, this.options.leaseMs / 3));
    this.#lease.unref();
    // A job enqueued by this process is looked for right after its transaction has likely committed.
    this.#unsubscribe = onEnqueued(() => {
      this.#soon ??= setTimeout(() => {
        this.#soon = undefined;
        this.wake();
      }, ENQUEUE_HINT_DELAY_MS);
    });
    if (this.options.retentionMs) {
      this.#purge = setInterval(() => void this.purge(), PURGE_INTERVAL_MS);
      this.#purge.unref();
      void this.purge();
    }
    this.wake();
  }

  /** Deletes done jobs older than the retention, in batches; returns how many. */
  async purge(): Promise<number> {
    let deleted = 0;
    try {
      while (!this.#closed) {
        const batch = await this.#store.purgeDone(this.date(-(this.options.retentionMs ?? 0)));
        deleted += batch;
        if (batch === 0) break;
      }
    } catch (error) {
      if (!this.#closed) this.options.logger.warn('deleting old jobs failed', { error: (error as Error).message });
    }
    return deleted;
  }

  /** Looks for due jobs now instead of at the next poll (e.g. right after a commit that enqueued one). */
  wake(): void {
    if (!this.#started || this.#closed) return;
    if (this.#polling) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    // A wake from a request (an enqueue) must not make the polls that follow part of its trace.
    this.#polling = context.with(ROOT_CONTEXT, () => this.poll()).finally(() => {
      this.#polling = undefined;
      if (this.#closed) return;
      if (this.#again) {
        this.#again = false;
        this.wake();
      } else {
        this.#timer = setTimeout(() => this.wake(), this.options.pollMs);
        this.#timer.unref();
      }
    });
  }

  /**
   * Looks for due jobs once `delayMs` from now, when that comes before the next poll: a job this
   * process put off or will retry soon (an ordered delivery waiting for the one before it) runs
   * when it is due, not up to a poll interval later.
   */
  private wakeIn(delayMs: number): void {
    if (this.#closed || delayMs >= this.options.pollMs) return;
    setTimeout(() => this.wake(), Math.max(0, delayMs)).unref();
  }

  /** Resolves once no handler runs (tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.#running.size || this.#polling) await Promise.all([this.#polling, ...[...this.#running.values()].map((r) => r.done)]);
  }

  /**
   * Stops claiming and waits for running handlers up to `closeTimeoutMs`; then aborts them. An
   * aborted job stays `running` until its lease ends and is retried then (or at the next start on SQLite).
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    clearTimeout(this.#soon);
    clearTimeout(this.#timer);
    await this.#polling;
    const running = [...this.#running.values()];
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.all(running.map((r) => r.done)).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.closeTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.options.logger.warn('jobs still running at shutdown are aborted and retried later', { count: this.#running.size });
      for (const r of this.#running.values()) r.abort.abort(new Error('the server is shutting down'));
      await Promise.race([Promise.all(running.map((r) => r.done)), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    }
    clearInterval(this.#lease);
    clearInterval(this.#purge);
  }

  private date(offsetMs = 0): Date {
    return new Date(this.#now() + offsetMs);
  }

  private async poll(): Promise<void> {
    const free = this.options.concurrency - this.#running.size;
    if (free <= 0) return;
    const claimed: JobRow[] = [];
    try {
      // Kinds without a limit of their own first (deliveries: short, and someone waits for them),
      // then each limited kind up to its own share, so a burst of long jobs never fills every slot.
      const kinds = [...this.#handlers.entries()];
      const unlimited = kinds.filter(([, { options }]) => options.concurrency === undefined).map(([kind]) => kind);
      claimed.push(...(await this.#store.claim(unlimited, free, this.#worker, this.date(), this.date(this.options.leaseMs))));
      for (const [kind, { options }] of kinds) {
        if (options.concurrency === undefined) continue;
        const running = [...this.#running.values()].filter((r) => r.kind === kind).length;
        const room = Math.min(free - claimed.length, options.concurrency - running);
        if (room > 0) claimed.push(...(await this.#store.claim([kind], room, this.#worker, this.date(), this.date(this.options.leaseMs))));
      }
    } catch (error) {
      if (!this.#closed) this.options.logger.error('claiming jobs failed', { error: (error as Error).message });
      return;
    }
    for (const row of claimed) this.run(row);
    // A full batch: more may be due.
    if (claimed.length === free) this.#again = true;
  }

  private run(row: JobRow): void {
    const abort = new AbortController();
    const done = this.execute(row, abort.signal).finally(() => {
      this.#running.delete(row.id);
      this.wake();
    });
    this.#running.set(row.id, { kind: row.kind, done, abort });
  }

  private async execute(row: JobRow, signal: AbortSignal): Promise<void> {
    const { handler, options } = this.#handlers.get(row.kind)!;
    const attempt = Number(row.attempts);
    const job = { id: row.id, tenantId: row.tenant_id, kind: row.kind, key: row.key, payload: JSON.parse(row.payload), attempt, createdAt: row.created_at };
    try {
      const attributes = { 'job.id': row.id, 'job.kind': row.kind, 'job.key': row.key, 'job.attempt': attempt };
      const result = await inSpan(`job ${row.kind}`, { kind: SpanKind.CONSUMER, root: true, attributes }, () => handler(job, { db: this.options.db, signal }));
      if (signal.aborted) return;
      if (result && typeof result === 'object' && 'deferMs' in result) {
        await this.#store.deferred(row.id, this.#worker, this.date(result.deferMs), this.date());
        this.wakeIn(result.deferMs);
      } else {
        await this.#store.done(row.id, this.#worker, this.date());
        this.settled(row, 'done');
      }
    } catch (error) {
      if (signal.aborted || this.#closed) return;
      const message = (error as Error)?.message ?? String(error);
      const last = error instanceof PermanentJobError || attempt >= options.maxAttempts;
      const retryAt = last ? undefined : this.date(options.backoff(attempt));
      try {
        await this.#store.failed(row.id, this.#worker, message, options.maxAttempts, this.date(), retryAt);
        if (retryAt) this.wakeIn(retryAt.getTime() - this.date().getTime());
      } catch (settleError) {
        this.options.logger.error('recording a failed job failed', { job: row.id, error: (settleError as Error).message });
        return;
      }
      if (last) this.settled(row, 'dead');
      const log = last ? this.options.logger.error : this.options.logger.warn;
      log.call(this.options.logger, last ? 'job is dead after its last attempt' : 'job attempt failed', {
        job: row.id,
        kind: row.kind,
        jobKey: row.key,
        attempt,
        error: message,
        ...(retryAt ? { retryAt: retryAt.toISOString() } : {}),
      });
    }
  }

  private renewLeases(): void {
    const ids = [...this.#running.keys()];
    if (!ids.length || this.#closed) return;
    this.#store.renew(ids, this.#worker, this.date(this.options.leaseMs)).catch((error: Error) => {
      this.options.logger.warn('renewing job leases failed', { error: error.message });
    });
  }
}
