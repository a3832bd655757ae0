/** A sandbox made ahead of its run; the pool only keeps, hands out and discards them. */
export interface PooledSandbox {
  /** True once it waits for its program; false if it failed or ended first. */
  readonly ready: Promise<boolean>;
  /** Whether it has ended while waiting (it is then never handed out). */
  readonly exited: boolean;
  /** Kills it and frees what it holds. */
  discard(): Promise<void>;
}

export interface WarmPoolOptions<S extends PooledSandbox> {
  /** Runs of a kind that can execute at once (`RUN_CONCURRENCY`): a kind keeps at most one more waiting. */
  maxPerKind: number;
  /** A kind with no run for this long keeps no sandbox; demand older than this is forgotten. */
  idleMs: number;
  /** Makes a sandbox of a kind (in the background); null when it cannot now without taking from runs. */
  create(kind: string): Promise<S | null>;
  /** Told when making a sandbox failed; the pool then waits for the next run of that kind to end to try again. */
  onError?(error: Error): void;
  now?(): number;
}

/** One kind's sandboxes and its recent demand. */
interface Kind<S> {
  /** Oldest first. */
  waiting: { sandbox: S; madeAt: number }[];
  creating: number;
  /** Runs of this kind executing now. */
  running: number;
  /** `lastAt[n]`: when n + 1 runs of this kind last executed at once. */
  lastAt: number[];
  failed: boolean;
}

/**
 * Sandboxes made ahead of demand, per kind (a language with its limits), each for exactly one run.
 *
 * A run `take`s a waiting sandbox when there is one, and never waits for one to be made: with none
 * it runs cold. When a run has `finished`, replacements are made one at a time for the whole pool,
 * in the background (the sandboxes themselves start at the lowest CPU priority). How
 * many a kind keeps is its recent demand — the most runs of the kind that executed at once within
 * `idleMs`, capped by `maxPerKind` — plus one: making a sandbox takes longer than the pause between
 * one person's runs, so a spare is ready while the one just taken is replaced. A kind nobody ran
 * for `idleMs` keeps none: idle kinds shrink to nothing (checked every quarter of `idleMs`).
 */
export class WarmPool<S extends PooledSandbox> {
  private readonly kinds = new Map<string, Kind<S>>();
  private readonly now: () => number;
  private readonly shrinkTimer: NodeJS.Timeout;
  private making: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: WarmPoolOptions<S>) {
    this.now = options.now ?? (() => performance.now());
    this.shrinkTimer = setInterval(() => this.shrink(), Math.max(10, options.idleMs / 4));
    this.shrinkTimer.unref();
  }

  /** A waiting sandbox of `kind`, or null; either way a run of `kind` starts now (call `finished` after). */
  take(kind: string): S | null {
    const state = this.kind(kind);
    state.running++;
    this.markDemand(state);
    let sandbox: S | null = null;
    while (!sandbox && state.waiting.length > 0) {
      const candidate = state.waiting.shift()!.sandbox;
      if (candidate.exited) void candidate.discard();
      else sandbox = candidate;
    }
    // Replacements are made once a run has ended, so that making them does not slow this one.
    return sandbox;
  }

  /** A run of `kind` has ended. */
  finished(kind: string): void {
    const state = this.kind(kind);
    state.running = Math.max(0, state.running - 1);
    this.markDemand(state);
    // A kind whose last attempt failed (or could not be made during a run) is tried again now.
    state.failed = false;
    this.fill();
  }

  /** Sandboxes waiting, in all or in one kind. */
  waiting(kind?: string): number {
    if (kind !== undefined) return this.kinds.get(kind)?.waiting.length ?? 0;
    let count = 0;
    for (const state of this.kinds.values()) count += state.waiting.length;
    return count;
  }

  /** How many sandboxes `kind` keeps now. */
  target(kind: string): number {
    const state = this.kinds.get(kind);
    if (!state) return 0;
    const since = this.now() - this.options.idleMs;
    let level = 0;
    while (level < this.options.maxPerKind && (state.lastAt[level] ?? -Infinity) > since) level++;
    return level === 0 ? 0 : level + 1;
  }

  /** Resolves once no sandbox is being made. */
  async settled(): Promise<void> {
    while (this.making) await this.making;
  }

  /** Discards the waiting sandbox made longest ago (of any kind), to free what it holds for a run; false when none waits. */
  async discardOldest(): Promise<boolean> {
    let oldest: Kind<S> | null = null;
    for (const state of this.kinds.values()) {
      const madeAt = state.waiting[0]?.madeAt;
      if (madeAt !== undefined && (!oldest || madeAt < oldest.waiting[0]!.madeAt)) oldest = state;
    }
    if (!oldest) return false;
    await oldest.waiting.shift()!.sandbox.discard();
    return true;
  }

  /** Stops making sandboxes and discards every waiting one. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.shrinkTimer);
    await this.settled();
    const all = [...this.kinds.values()].flatMap((state) => state.waiting.splice(0));
    await Promise.all(all.map(({ sandbox }) => sandbox.discard()));
  }

  /** Discards sandboxes beyond each kind's target, and forgets kinds with nothing left. */
  shrink(): void {
    for (const [name, state] of this.kinds) {
      const keep = this.target(name);
      while (state.waiting.length > keep) void state.waiting.shift()!.sandbox.discard();
      if (keep === 0 && state.running === 0 && state.creating === 0) this.kinds.delete(name);
    }
  }

  private kind(name: string): Kind<S> {
    let state = this.kinds.get(name);
    if (!state) {
      state = { waiting: [], creating: 0, running: 0, lastAt: [], failed: false };
      this.kinds.set(name, state);
    }
    return state;
  }

  private markDemand(state: Kind<S>): void {
    const now = this.now();
    for (let level = 0; level < Math.min(state.running, this.options.maxPerKind); level++) state.lastAt[level] = now;
  }

  /** The kind furthest below its target, if any. */
  private neediest(): string | null {
    let best: string | null = null;
    let missing = 0;
    for (const [name, state] of this.kinds) {
      if (state.failed) continue;
      const short = this.target(name) - state.waiting.length - state.creating;
      if (short > missing) [best, missing] = [name, short];
    }
    return best;
  }

  /** Makes sandboxes one after another, in the background, while a kind is below its target. */
  private fill(): void {
    if (this.making || this.closed) return;
    const name = this.neediest();
    if (name === null) return;
    const state = this.kind(name);
    state.creating++;
    this.making = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.options.create(name))
      .then(async (sandbox) => {
        if (!sandbox) {
          // Tried again when the next run of the kind ends.
          state.failed = true;
          return;
        }
        const ready = await sandbox.ready;
        if (ready && !this.closed && !sandbox.exited) state.waiting.push({ sandbox, madeAt: this.now() });
        else {
          await sandbox.discard();
          if (!ready) throw new Error('a warm sandbox ended before it was ready');
        }
      })
      .catch((error: Error) => {
        state.failed = true;
        this.options.onError?.(error);
      })
      .finally(() => {
        state.creating--;
        this.making = null;
        this.fill();
      });
  }
}
