/** Whether a session still accepts edits: `undefined` when the session does not exist. */
export type SessionStatus = 'active' | 'ended' | undefined;

export interface SessionStatusCacheOptions {
  /**
   * How long an `active` reading is trusted before it is read again. Ends through this server
   * arrive at once (see {@link SessionStatusCache.markEnded}); this bounds how late an end made
   * elsewhere (another server on the same database) is noticed.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * The status of the sessions whose documents are being edited, so that accepting an update does
 * not cost a database read. An ended session never becomes active again, so `ended` is final and
 * a late `active` reading cannot overwrite it.
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
    if (entry.status === 'ended') return 'ended';
    return this.#now() - entry.readAt <= this.#maxAgeMs ? entry.status : null;
  }

  /** Records a status just read from the database. */
  remember(sessionId: string, status: SessionStatus): void {
    if (this.#entries.get(sessionId)?.status === 'ended') return;
    this.#entries.set(sessionId, { status, readAt: this.#now() });
  }

  markEnded(sessionId: string): void {
    this.#entries.set(sessionId, { status: 'ended', readAt: this.#now() });
  }

  /** Drops a session whose documents all left memory. */
  forget(sessionId: string): void {
    this.#entries.delete(sessionId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
