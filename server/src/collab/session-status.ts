import { isOver, type SessionStatus as Status } from '@interview-kit/core/protocol';

/** A session's state as far as edits go: `undefined` when the session does not exist. */
export type SessionStatus = Status | undefined;

/** Ended and cancelled sessions never change again. */
const final = (status: SessionStatus) => status !== undefined && isOver(status);

export interface SessionStatusCacheOptions {
  /**
   * How long a reading of a session that is not over is trusted before it is read again. Changes
   * made through this server, and with `REDIS_URL` through the other instances too
   * (`scale-out/status-bus.ts`), arrive at once (see {@link SessionStatusCache.changed}); this
   * bounds how late a change made elsewhere unannounced (another server on the same database
   * without Redis, or a message Redis lost) is noticed.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * The status of the sessions whose documents are being edited, so that accepting an update does
 * not cost a database read. An ended or cancelled session never changes again, so those states are
 * final and a late reading of an earlier state cannot overwrite them.
 */
export class SessionStatusCache {
  readonly #entries = new Map<string, { status: SessionStatus; readAt: number }>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(options: SessionStatusCacheOptions = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  /** The cached status when it is still fresh (or final); `null` when it must be read. */
  get(sessionId: string): SessionStatus | null {
    const entry = this.#entries.get(sessionId);
    if (!entry) return null;
    if (final(entry.status)) return entry.status;
    return this.#now() - entry.readAt <= this.#maxAgeMs ? entry.status : null;
  }

  /** Records a status just read from the database. */
  remember(sessionId: string, status: SessionStatus): void {
    if (final(this.#entries.get(sessionId)?.status)) return;
    this.#entries.set(sessionId, { status, readAt: this.#now() });
  }

  /** Records a change made through this server (see `SessionLifecycle.onChange`). */
  changed(sessionId: string, status: Status): void {
    if (final(this.#entries.get(sessionId)?.status)) return;
    this.#entries.set(sessionId, { status, readAt: this.#now() });
  }

  /** Drops a session whose documents all left memory. */
  forget(sessionId: string): void {
    this.#entries.delete(sessionId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
