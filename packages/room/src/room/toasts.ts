/** How a toast reads: news, a warning (time running out), or a problem. */
export type ToastKind = 'info' | 'warning' | 'error';

export interface Toast {
  id: number;
  text: string;
  kind: ToastKind;
}

export interface ToastQueueOptions {
  /** How long a toast stays, ms (default 5 000; warnings and errors twice as long). */
  durationMs?: number;
  /** At most this many at once; the oldest goes first (default 3). */
  max?: number;
  /** Called after every change of {@link ToastQueue.toasts}. */
  onChange: () => void;
}

/** The short notices of the room (who joined, time warnings), each dismissed after a while. */
export class ToastQueue {
  #toasts: Toast[] = [];
  #next = 1;
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #durationMs: number;
  readonly #max: number;
  readonly #onChange: () => void;

  constructor(options: ToastQueueOptions) {
    this.#durationMs = options.durationMs ?? 5_000;
    this.#max = options.max ?? 3;
    this.#onChange = options.onChange;
  }

  /** The toasts shown, oldest first. */
  get toasts(): readonly Toast[] {
    return this.#toasts;
  }

  push(text: string, kind: ToastKind = 'info'): Toast {
    const toast = { id: this.#next++, text, kind };
    this.#toasts = [...this.#toasts, toast];
    while (this.#toasts.length > this.#max) this.dismiss(this.#toasts[0]!.id);
    this.#timers.set(toast.id, setTimeout(() => this.dismiss(toast.id), kind === 'info' ? this.#durationMs : this.#durationMs * 2));
    this.#onChange();
    return toast;
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    const before = this.#toasts.length;
    this.#toasts = this.#toasts.filter((toast) => toast.id !== id);
    if (this.#toasts.length !== before) this.#onChange();
  }

  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#toasts = [];
    this.#onChange();
  }
}
