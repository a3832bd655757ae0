import { setTimeout as sleep } from 'node:timers/promises';
import { processState } from './proc-stats.js';

/** A finished sandbox's init that nobody has reaped yet (a zombie), identified for good. */
export interface Leftover {
  pid: number;
  startTime: string;
}

export interface UidPoolOptions {
  /** A uid with more unreaped sandbox inits than this is not handed out. Default 4. */
  maxUnreapedPerUid?: number;
  /** How long `acquire` waits for a usable uid before failing. Default 5 s. */
  maxWaitMs?: number;
  /** Whether a leftover is gone; reads /proc by default. */
  isReaped?: (leftover: Leftover) => boolean;
}

/** No uid is usable: all busy, or all holding zombies that the host's init does not reap. */
export class UidPoolExhaustedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UidPoolExhaustedError';
  }
}

const POLL_MS = 50;

/**
 * Hands each concurrent run its own unprivileged uid. RLIMIT_NPROC counts every process of a uid
 * host-wide, so runs sharing one uid would share one process budget: a fork bomb in one run would
 * starve every other run. One uid per run keeps their budgets (and their files) apart.
 *
 * bubblewrap's outer process exits without waiting for the sandbox's init (bubblewrap issue #697),
 * so that init stays a zombie until the host's init reaps it — and zombies count against their
 * uid's process limit. The pool remembers them and skips a uid holding too many; when the host
 * never reaps (e.g. a container whose pid 1 is not an init), it fails with the remedy.
 */
export class UidPool {
  private readonly inUse = new Set<number>();
  private readonly unreaped = new Map<number, Leftover[]>();
  private readonly maxUnreapedPerUid: number;
  private readonly maxWaitMs: number;
  private readonly isReaped: (leftover: Leftover) => boolean;

  constructor(
    readonly first: number,
    readonly size: number,
    options: UidPoolOptions = {},
  ) {
    this.maxUnreapedPerUid = options.maxUnreapedPerUid ?? 4;
    this.maxWaitMs = options.maxWaitMs ?? 5_000;
    this.isReaped = options.isReaped ?? ((l) => processState(l.pid, l.startTime) === 'gone');
  }

  /**
   * Takes a free uid, starting the search at a random place: other executors on this host (another
   * server process) then rarely pick the same uid. Give each instance its own range to be certain.
   */
  async acquire(): Promise<number> {
    const deadline = performance.now() + this.maxWaitMs;
    for (;;) {
      const uid = this.tryAcquire();
      if (uid !== null) return uid;
      if (performance.now() >= deadline) {
        const zombies = this.unreapedCount();
        throw new UidPoolExhaustedError(
          zombies > 0
            ? `no sandbox uid is usable: ${zombies} finished sandboxes were never reaped. Run the server under an init ` +
                'that reaps orphaned processes (docker run --init, tini, systemd)'
            : `all ${this.size} sandbox uids from ${this.first} are in use`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  /** Returns the uid, with the zombies its run left behind. */
  release(uid: number, leftovers: readonly Leftover[] = []): void {
    this.inUse.delete(uid);
    if (leftovers.length > 0) this.unreaped.set(uid, [...(this.unreaped.get(uid) ?? []), ...leftovers]);
  }

  get busy(): number {
    return this.inUse.size;
  }

  /** Finished sandboxes not yet reaped by the host. */
  unreapedCount(): number {
    let count = 0;
    for (const uid of [...this.unreaped.keys()]) count += this.pending(uid);
    return count;
  }

  /** A free uid now, or null (never waits). */
  tryAcquire(): number | null {
    const start = Math.floor(Math.random() * this.size);
    for (let i = 0; i < this.size; i++) {
      const uid = this.first + ((start + i) % this.size);
      if (this.inUse.has(uid) || this.pending(uid) > this.maxUnreapedPerUid) continue;
      this.inUse.add(uid);
      return uid;
    }
    return null;
  }

  /** Unreaped leftovers of `uid`, forgetting those the host reaped meanwhile. */
  private pending(uid: number): number {
    const leftovers = this.unreaped.get(uid);
    if (!leftovers) return 0;
    const remaining = leftovers.filter((leftover) => !this.isReaped(leftover));
    if (remaining.length === 0) this.unreaped.delete(uid);
    else this.unreaped.set(uid, remaining);
    return remaining.length;
  }
}
