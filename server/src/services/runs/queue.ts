import { availableParallelism } from 'node:os';
import type { Executor, RunOptions, RunRequest, RunResult } from '../../adapters/executor/types.js';

/** The waiting list is full; the client should retry after `retryAfterSeconds` (HTTP 429). */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many runs are waiting; retry in ${retryAfterSeconds} s`);
    this.name = 'QueueFullError';
  }
}

export interface RunQueueOptions {
  /** Jobs running at once; default the number of CPUs. */
  concurrency?: number;
  /** Jobs waiting for a slot; more are refused with `QueueFullError`. Default 32. */
  maxWaiting?: number;
}

interface Waiter {
  /** Hands the caller a slot that a finishing job released. */
  admit(): void;
}

/** Weight of the latest job in the running average of job durations. */
const DURATION_SMOOTHING = 0.2;
const MAX_RETRY_AFTER_SECONDS = 60;

/**
 * A bounded queue in front of an executor: at most `concurrency` jobs run, at most `maxWaiting`
 * wait (first come, first served), and the rest are refused at once with an estimate of when
 * a slot frees up. A waiting job whose signal aborts leaves the queue without running.
 */
export class RunQueue {
  readonly concurrency: number;
  readonly maxWaiting: number;
  private active = 0;
  private readonly waiters: Waiter[] = [];
  /** Running average of job durations, for Retry-After. */
  private averageMs = 1_000;

  constructor(options: RunQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? availableParallelism());
    this.maxWaiting = Math.max(0, options.maxWaiting ?? 32);
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Runs `job` once a slot is free. Rejects with `QueueFullError` when the waiting list is full,
   * or with the signal's reason when it aborts before the job starts (a running job gets the same
   * signal from its caller and decides itself how to stop).
   */
  async add<T>(job: () => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    options.signal?.throwIfAborted();
    if (this.active < this.concurrency) this.active++;
    else if (this.waiters.length >= this.maxWaiting) throw new QueueFullError(this.retryAfterSeconds());
    else await this.slotFreed(options.signal);

    const started = performance.now();
    try {
      return await job();
    } finally {
      const elapsed = performance.now() - started;
      this.averageMs += (elapsed - this.averageMs) * DURATION_SMOOTHING;
      this.release();
    }
  }

  /** Seconds until a newcomer would likely start: everyone ahead, spread over the slots. */
  retryAfterSeconds(): number {
    const ahead = this.waiters.length + this.active;
    const seconds = Math.ceil((ahead / this.concurrency) * (this.averageMs / 1000));
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
  }

  private slotFreed(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** A finished job's slot passes straight to the next waiter, so newcomers cannot jump the line. */
  private release(): void {
    const next = this.waiters.shift();
    if (next) next.admit();
    else this.active--;
  }
}

/** An executor whose runs go through `queue`; the abort signal of a run also cancels its wait. */
export function queuedExecutor(executor: Executor, queue: RunQueue): Executor {
  return {
    get available() {
      return executor.available;
    },
    get unavailableReason() {
      return executor.unavailableReason;
    },
    languages: () => executor.languages(),
    run: (request: RunRequest, options: RunOptions = {}): Promise<RunResult> =>
      queue.add(() => executor.run(request, options), options.signal ? { signal: options.signal } : {}),
    close: () => executor.close?.() ?? Promise.resolve(),
  };
}
