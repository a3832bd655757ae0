/** Where a draft stands: everything stored, changes waiting, a save under way, or the last save failed. */
export type DraftState = 'saved' | 'pending' | 'saving' | 'failed';

export interface DraftSaverOptions<T> {
  /** Stores the value; a rejection marks the draft `failed`. */
  save(value: T): Promise<void>;
  /** Quiet time after the last change before saving, in ms. */
  delayMs: number;
  /** Whether a failed save is worth retrying on its own (e.g. the server is restarting); default: always. */
  retryable?(error: unknown): boolean;
  /** Called whenever the state changes. */
  onStateChange?(state: DraftState, error: unknown): void;
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Debounced autosave of a draft: saves once changes pause, never runs two saves at once, saves
 * again when changes arrived during a save, and retries failed saves with a growing delay, so a
 * draft outlives a server restart. Framework-free; the element drives it.
 */
export class DraftSaver<T> {
  readonly #options: DraftSaverOptions<T>;
  #value: T | undefined;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> | undefined;
  #failures = 0;
  #error: unknown;
  #state: DraftState = 'saved';

  constructor(options: DraftSaverOptions<T>) {
    this.#options = options;
  }

  get state(): DraftState {
    return this.#state;
  }

  /** Records a change; it is saved after `delayMs` without further changes. */
  change(value: T): void {
    this.#value = value;
    this.#dirty = true;
    if (this.#state !== 'saving') this.#set('pending');
    this.#schedule(this.#options.delayMs);
  }

  /** Saves pending changes now and waits until stored; rejects with the error if that save fails. */
  async flush(): Promise<void> {
    this.#clearTimer();
    await this.idle();
    if (this.#dirty) await this.#save();
    if (this.#state === 'failed') throw this.#error;
  }

  /** Waits for the save in flight, if any, without starting one. */
  async idle(): Promise<void> {
    while (this.#saving) await this.#saving;
  }

  /** Forgets unsaved changes and stops retrying (e.g. once the feedback is submitted). */
  discard(): void {
    this.#clearTimer();
    this.#dirty = false;
    this.#value = undefined;
    this.#failures = 0;
    if (this.#state !== 'saving') this.#set('saved');
  }

  #save(): Promise<void> {
    const value = this.#value as T;
    this.#dirty = false;
    this.#set('saving');
    const saving = this.#options.save(value).then(
      () => {
        this.#failures = 0;
        this.#error = undefined;
        this.#set(this.#dirty ? 'pending' : 'saved');
      },
      (error: unknown) => {
        // Keep the failed value unless newer changes replaced it.
        if (!this.#dirty) {
          this.#dirty = true;
          this.#value = value;
        }
        this.#error = error;
        this.#failures += 1;
        this.#set('failed', error);
        if (this.#options.retryable?.(error) ?? true) {
          this.#schedule(Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (this.#failures - 1)));
        }
      },
    );
    this.#saving = saving.finally(() => {
      this.#saving = undefined;
      // Changes made during the save whose timer fired meanwhile still need saving.
      if (this.#dirty && this.#state === 'pending' && this.#timer === undefined) this.#schedule(this.#options.delayMs);
    });
    return this.#saving;
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#saving && this.#dirty) void this.#save();
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #set(state: DraftState, error?: unknown): void {
    this.#state = state;
    this.#options.onStateChange?.(state, error);
  }
}
