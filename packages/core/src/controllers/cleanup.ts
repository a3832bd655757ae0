import type { TypedEventTarget } from '../typed-event-target.js';

/**
 * What one binding set up and must undo when it ends: listeners, observers, objects to destroy.
 * {@link BindingController} hands one to each binding and runs it when the binding ends.
 */
export class Cleanup {
  readonly #undo: (() => void)[] = [];

  /** Registers `undo` to run when the binding ends (last registered, first run). */
  add(undo: () => void): void {
    this.#undo.push(undo);
  }

  /** Adds an event listener now and removes it when the binding ends. */
  listen<M extends object, K extends keyof M & string>(target: TypedEventTarget<M>, type: K, listener: (event: M[K]) => void): void;
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void;
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void {
    target.addEventListener(type, listener);
    this.add(() => target.removeEventListener(type, listener));
  }

  /** Undoes everything registered, once. */
  run(): void {
    for (const undo of this.#undo.splice(0).reverse()) undo();
  }
}
