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
  /** New jobs waiting for a slot; more are refused with `QueueFullError`. Default 32. */
  maxWaiting?: number;
  /**
   * Jobs of one session that someone waits for running at once; default half the slots, rounded up
   * (so with two or more slots, one session never holds them all).
   */
  sessionSlots?: number;
}

/**
 * Background jobs running at once, whatever their sessions: all slots but one, so that work
 * someone waits for always finds one. They do not count towards their session's slots, so a
 * session's own answers never wait behind its background work (whose length they would reveal).
 */
const backgroundSlotsOf = (concurrency: number) => Math.max(1, concurrency - 1);

/** Whose job it is: slots and waiting places are shared fairly between tenants, then between a tenant's sessions. */
export interface QueueOwner {
  tenant: string;
  session: string;
}

export interface AddOptions {
  /** Aborting it takes a waiting job out of the queue (the job itself gets its caller's signal). */
  signal?: AbortSignal;
  /** Whose job it is; a job without an owner is its own session of an anonymous tenant. */
  owner?: QueueOwner;
  /**
   * A further step of work the queue already admitted (a run's next test case, its hidden tests):
   * it waits for its turn like any job but is never refused for a full waiting list nor evicted.
   */
  continuation?: boolean;
  /** Work nobody waits for (hidden tests): it never takes the last slot while another job could use it. */
  background?: boolean;
  /**
   * A job whose length says nothing about the next one's (an interactive run, open for minutes):
   * left out of the average that estimates `Retry-After`.
   */
  untimed?: boolean;
}

interface Waiter {
  owner: QueueOwner;
  background: boolean;
  /** Takes a waiting place (a new job, not a continuation). */
  counted: boolean;
  /** Arrival order. */
  seq: number;
  /** Hands the caller a slot. */
  admit(): void;
  /** Refuses the caller (its place went to another tenant). */
  evict(error: Error): void;
}

/** Weight of the latest job in the running average of job durations. */
const DURATION_SMOOTHING = 0.2;
const MAX_RETRY_AFTER_SECONDS = 60;
/** Remembered "last served" marks beyond which idle owners are forgotten. */
const MAX_REMEMBERED_OWNERS = 10_000;

/**
 * A bounded, fair queue in front of an executor. At most `concurrency` jobs run; at most
 * `sessionSlots` of those someone waits for belong to one session, and background jobs (of any
 * session) leave one slot to the others. When a slot frees it goes to the waiting job whose
 * tenant, then whose session, was served least recently (round-robin), first come first served
 * within a session. At most `maxWaiting` new jobs wait; when the list is full, a newcomer whose
 * tenant holds fewer places than another tenant takes that tenant's newest place (which is
 * refused), else the newcomer is refused at once with an estimate of when a slot frees up.
 * A waiting job whose signal aborts leaves the queue without running.
 */
export class RunQueue {
  readonly concurrency: number;
  readonly maxWaiting: number;
  readonly sessionSlots: number;
  readonly backgroundSlots: number;
  private active = 0;
  private activeBackground = 0;
  private readonly waiters: Waiter[] = [];
  private readonly runningBySession = new Map<string, number>();
  /** When each tenant (`t:` keys) and session (`s:` keys) last got a slot, in admissions. */
  private readonly lastServed = new Map<string, number>();
  private admissions = 0;
  private arrivals = 0;
  /** Running average of job durations, for Retry-After. */
  private averageMs = 1_000;

  constructor(options: RunQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? availableParallelism());
    this.maxWaiting = Math.max(0, options.maxWaiting ?? 32);
    this.sessionSlots = Math.max(1, options.sessionSlots ?? Math.ceil(this.concurrency / 2));
    this.backgroundSlots = backgroundSlotsOf(this.concurrency);
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Runs `job` once the fair order gives it a slot. Rejects with `QueueFullError` when the waiting
   * list is full (or its place goes to a tenant with fewer), or with the signal's reason when it
   * aborts before the job starts (a running job gets the same signal from its caller and decides
   * itself how to stop).
   */
  async add<T>(job: () => Promise<T>, options: AddOptions = {}): Promise<T> {
    options.signal?.throwIfAborted();
    const owner = options.owner ?? { tenant: '', session: `anonymous:${this.arrivals}` };
    const background = Boolean(options.background);
    await this.slot(owner, { counted: !options.continuation, background }, options.signal);

    const started = performance.now();
    try {
      return await job();
    } finally {
      const elapsed = performance.now() - started;
      if (!options.untimed) this.averageMs += (elapsed - this.averageMs) * DURATION_SMOOTHING;
      this.release(owner, background);
    }
  }

  /** Seconds until a newcomer would likely start: everyone ahead, spread over the slots. */
  retryAfterSeconds(): number {
    const ahead = this.waiters.length + this.active;
    const seconds = Math.ceil((ahead / this.concurrency) * (this.averageMs / 1000));
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
  }

  /** Waits for a slot in the fair order; a new job needs a waiting place if it cannot start at once. */
  private slot(
    owner: QueueOwner,
    { counted, background }: { counted: boolean; background: boolean },
    signal: AbortSignal | undefined,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const leave = () => {
        signal?.removeEventListener('abort', onAbort);
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
      };
      const onAbort = () => {
        leave();
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        owner,
        background,
        counted,
        seq: this.arrivals++,
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        evict: (error) => {
          leave();
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.dispatch();
      if (!counted || !this.waiters.includes(waiter)) return;
      if (this.waiters.filter((w) => w.counted).length <= this.maxWaiting) return;
      const victim = this.placeToGiveUp(owner.tenant);
      (victim ?? waiter).evict(new QueueFullError(this.retryAfterSeconds()));
    });
  }

  /**
   * The newest waiting place of the tenant holding the most places, when `tenant` (the newcomer's,
   * already counted) holds fewer than that tenant would keep; else none.
   */
  private placeToGiveUp(tenant: string): Waiter | undefined {
    const places = new Map<string, Waiter[]>();
    for (const waiter of this.waiters) {
      if (waiter.counted) places.set(waiter.owner.tenant, [...(places.get(waiter.owner.tenant) ?? []), waiter]);
    }
    const mine = places.get(tenant)?.length ?? 0;
    let largest: Waiter[] = [];
    for (const [other, held] of places) if (other !== tenant && held.length > largest.length) largest = held;
    return mine < largest.length ? largest.at(-1) : undefined;
  }

  /** Hands free slots to waiting jobs in the fair order. */
  private dispatch(): void {
    while (this.active < this.concurrency) {
      const next = this.nextInTurn();
      if (!next) return;
      this.waiters.splice(this.waiters.indexOf(next), 1);
      this.active++;
      if (next.background) this.activeBackground++;
      else this.runningBySession.set(next.owner.session, (this.runningBySession.get(next.owner.session) ?? 0) + 1);
      this.admissions++;
      this.lastServed.set(`t:${next.owner.tenant}`, this.admissions);
      this.lastServed.set(`s:${next.owner.session}`, this.admissions);
      next.admit();
    }
  }

  /**
   * The waiting job of the least recently served tenant, then session, then the earliest; skipping
   * sessions at their cap, and background jobs when they hold their share of the slots.
   */
  private nextInTurn(): Waiter | undefined {
    const served = (key: string) => this.lastServed.get(key) ?? 0;
    let best: Waiter | undefined;
    for (const waiter of this.waiters) {
      if (waiter.background ? this.activeBackground >= this.backgroundSlots : (this.runningBySession.get(waiter.owner.session) ?? 0) >= this.sessionSlots) {
        continue;
      }
      if (!best) {
        best = waiter;
        continue;
      }
      const order =
        served(`t:${waiter.owner.tenant}`) - served(`t:${best.owner.tenant}`) ||
        served(`s:${waiter.owner.session}`) - served(`s:${best.owner.session}`) ||
        waiter.seq - best.seq;
      if (order < 0) best = waiter;
    }
    return best;
  }

  private release(owner: QueueOwner, background: boolean): void {
    this.active--;
    if (background) this.activeBackground--;
    else {
      const left = (this.runningBySession.get(owner.session) ?? 1) - 1;
      if (left > 0) this.runningBySession.set(owner.session, left);
      else this.runningBySession.delete(owner.session);
    }
    this.forgetIdleOwners();
    this.dispatch();
  }

  /** Keeps the "last served" marks bounded: idle owners are forgotten once there are many. */
  private forgetIdleOwners(): void {
    if (this.lastServed.size <= MAX_REMEMBERED_OWNERS) return;
    const busy = new Set<string>();
    for (const waiter of this.waiters) busy.add(`t:${waiter.owner.tenant}`).add(`s:${waiter.owner.session}`);
    for (const session of this.runningBySession.keys()) busy.add(`s:${session}`);
    for (const key of this.lastServed.keys()) if (!busy.has(key)) this.lastServed.delete(key);
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
