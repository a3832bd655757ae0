import { SIGNAL_BATCH_MAX, type ClientSignal } from './integrity.js';

/** Options of a {@link SignalQueue}. */
export interface SignalQueueOptions {
  /** Sends one batch; a rejection keeps the batch queued for the next flush, unless `isFinal(error)`. */
  send: (signals: ClientSignal[]) => Promise<void>;
  /** Whether a failed send will never succeed (a refusal): its batch is dropped. */
  isFinal?: (error: unknown) => boolean;
  /** Most signals held while the server cannot be reached; newer ones are dropped and counted. */
  maxQueued?: number;
  /** How often queued signals are sent. */
  flushEveryMs?: number;
}

/**
 * The browser's bounded queue of integrity signals: collects them and sends them in batches of at
 * most {@link SIGNAL_BATCH_MAX} every `flushEveryMs`, one batch at a time. While the server cannot
 * be reached it holds at most `maxQueued` signals; what does not fit is dropped (and counted in
 * `dropped`), so the page's memory stays bounded however long the outage.
 */
export class SignalQueue {
  readonly #options: Required<SignalQueueOptions>;
  readonly #queued: ClientSignal[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #sending: Promise<void> | undefined;
  #dropped = 0;

  constructor(options: SignalQueueOptions) {
    this.#options = { isFinal: () => false, maxQueued: 500, flushEveryMs: 3_000, ...options };
  }

  /** Signals waiting to be sent. */
  get size(): number {
    return this.#queued.length;
  }

  /** Signals dropped because the queue was full or the server refused them. */
  get dropped(): number {
    return this.#dropped;
  }

  add(signal: ClientSignal): void {
    if (this.#queued.length >= this.#options.maxQueued) this.#dropped += 1;
    else this.#queued.push(signal);
  }

  /** Sends queued signals now, batch by batch; resolves when the queue is empty or a send failed. */
  flush(): Promise<void> {
    this.#sending ??= this.#drain().finally(() => (this.#sending = undefined));
    return this.#sending;
  }

  /** Flushes every `flushEveryMs` until {@link stop}. */
  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), this.#options.flushEveryMs);
  }

  /** Stops the timer and sends what is queued once more. */
  stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    return this.flush();
  }

  async #drain(): Promise<void> {
    while (this.#queued.length > 0) {
      const batch = this.#queued.splice(0, SIGNAL_BATCH_MAX);
      try {
        await this.#options.send(batch);
      } catch (error) {
        if (this.#options.isFinal(error)) {
          this.#dropped += batch.length;
          continue;
        }
        this.#queued.unshift(...batch);
        return;
      }
    }
  }
}

/**
 * Measures how long a window is without focus: `onLost(ms)` once focus returns after a blur.
 * `stop()` removes the listeners; a loss still open then is reported too.
 */
export class FocusWatch {
  #lostAt: number | undefined;
  readonly #onBlur = () => {
    this.#lostAt ??= this.now();
  };
  readonly #onFocus = () => this.#report();

  constructor(
    private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
    private readonly onLost: (ms: number) => void,
    private readonly now: () => number = Date.now,
  ) {
    target.addEventListener('blur', this.#onBlur);
    target.addEventListener('focus', this.#onFocus);
  }

  stop(): void {
    this.target.removeEventListener('blur', this.#onBlur);
    this.target.removeEventListener('focus', this.#onFocus);
    this.#report();
  }

  #report(): void {
    if (this.#lostAt === undefined) return;
    const ms = Math.max(1, Math.round(this.now() - this.#lostAt));
    this.#lostAt = undefined;
    this.onLost(ms);
  }
}
