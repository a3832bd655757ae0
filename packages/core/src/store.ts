/** A value that can be read now and watched for changes. */
export interface Readable<T> {
  readonly value: T;
  /** Calls `listener` with every new value (not the current one); returns the unsubscriber. */
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * The smallest observable state holder: immutable snapshots, replaced by `update`.
 * Framework-free on purpose, so that the models behind the elements (the video call, the run
 * panel's runs, the feedback form) run and are tested without any element.
 */
export class Store<T extends object> implements Readable<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Merges `patch` into a new snapshot and notifies the listeners. */
  update(patch: Partial<T> | ((current: T) => Partial<T>)): void {
    const changes = typeof patch === 'function' ? patch(this.#value) : patch;
    this.#value = { ...this.#value, ...changes };
    for (const listener of [...this.#listeners]) listener(this.#value);
  }
}
