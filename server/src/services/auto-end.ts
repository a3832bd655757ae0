import type { Logger } from '../logger.js';
import type { SessionLifecycle } from './lifecycle.js';
import type { SessionService } from './sessions.js';

export interface AutoEndOptions {
  /** Longest sleep between two looks at the database (changes made by other instances). Default 30 s. */
  maxSleepMs?: number;
  now?: () => number;
}

/**
 * Ends live sessions with `autoEnd` when their end time comes. The end times live in the database,
 * so the timer survives restarts (the first look runs at start) and works with several instances
 * (the conditional state change lets exactly one of them end a session). It sleeps until the
 * earliest end time, at most `maxSleepMs`, and wakes early when a session starts or gets more time.
 */
export class AutoEnder {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  readonly #maxSleepMs: number;
  readonly #now: () => number;

  constructor(
    private readonly lifecycle: SessionLifecycle,
    private readonly sessions: SessionService,
    private readonly logger: Logger,
    options: AutoEndOptions = {},
  ) {
    this.#maxSleepMs = options.maxSleepMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    lifecycle.onChange(() => this.wake());
  }

  /** Looks now (and then again when the next session is due). */
  wake(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running ??= this.#tick().finally(() => (this.#running = undefined));
    }, 0);
  }

  async close(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  async #tick(): Promise<void> {
    try {
      for (const id of await this.lifecycle.due()) {
        const session = await this.sessions.find(id);
        if (session?.status !== 'live') continue;
        await this.lifecycle.end(session, { kind: 'server' }).catch((error: unknown) => {
          this.logger.warn('could not end a session at its end time', { sessionId: id, error });
        });
      }
      this.#schedule(await this.lifecycle.nextDue());
    } catch (error) {
      this.logger.error('auto-end failed; retrying', { error });
      this.#schedule(undefined);
    }
  }

  #schedule(nextDue: string | undefined): void {
    if (this.#stopped) return;
    const wait = nextDue === undefined ? this.#maxSleepMs : Math.min(this.#maxSleepMs, Math.max(0, Date.parse(nextDue) - this.#now()));
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.wake(), wait);
    this.#timer.unref();
  }
}
