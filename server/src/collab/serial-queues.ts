/**
 * Queues of tasks by key: the tasks of one key run one at a time, in the order they were added;
 * tasks of different keys do not wait for each other. A task that fails does not stop the ones
 * after it (its caller gets the failure).
 */
export class SerialQueues {
  /** Per key, the promise that settles once the key's last task has settled. */
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `task` once every task added before it under `key` has settled; settles as `task` does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const next = (this.#tails.get(key) ?? Promise.resolve()).then(task);
    const settled = next.then(
      () => {},
      () => {},
    );
    this.#tails.set(key, settled);
    void settled.then(() => {
      if (this.#tails.get(key) === settled) this.#tails.delete(key);
    });
    return next;
  }

  /** Whether a task of `key` (without a key: of any key) is running or waiting. */
  busy(key?: string): boolean {
    return key === undefined ? this.#tails.size > 0 : this.#tails.has(key);
  }

  /** Resolves once no task of any key is running or waiting, tasks added meanwhile included. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}
