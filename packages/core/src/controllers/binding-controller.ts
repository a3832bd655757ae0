import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Cleanup } from './cleanup.js';

/** Options of a {@link BindingController}. */
export interface BindingOptions<T> {
  /** What the element should be bound to now (read on every update); `undefined` for nothing. */
  target(): T | undefined;
  /** Binds the element to `target`; everything to undo when the binding ends goes on `cleanup`. */
  bind(target: T, cleanup: Cleanup): void;
  /**
   * When a new binding is made: `update` (default) before the element renders; `updated` after
   * it rendered, for bindings that need the element's rendered DOM. A stale binding always ends
   * before the element renders.
   */
  phase?: 'update' | 'updated';
}

/**
 * Keeps an element bound to one object chosen from its properties (a session, a collaboration
 * session, a document): binds while the element is connected, binds again when the choice
 * changes, and undoes the binding (the {@link Cleanup} given to `bind`) when the choice changes
 * or the element leaves the page. Back in the page, it binds again.
 *
 * A Lit `ReactiveController`, in the manner of Shoelace's `HasSlotController`.
 *
 * @example
 * ```ts
 * class MyElement extends LitElement {
 *   @property({ attribute: false }) doc: Y.Doc | undefined;
 *   readonly #doc = new BindingController(this, {
 *     target: () => this.doc,
 *     bind: (doc, cleanup) => {
 *       const onUpdate = () => this.requestUpdate();
 *       doc.on('update', onUpdate);
 *       cleanup.add(() => doc.off('update', onUpdate));
 *     },
 *   });
 * }
 * ```
 */
export class BindingController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: BindingOptions<T>;
  #bound: T | undefined;
  #cleanup: Cleanup | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: BindingOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** What the element is bound to now. */
  get bound(): T | undefined {
    return this.#bound;
  }

  hostConnected(): void {
    this.#connected = true;
    // Back in the page: the next update binds again.
    if (this.#bound === undefined) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unbind();
  }

  hostUpdate(): void {
    const target = this.#options.target();
    if (target !== this.#bound) this.#unbind();
    if ((this.#options.phase ?? 'update') === 'update') this.#bindTo(target);
  }

  hostUpdated(): void {
    if (this.#options.phase === 'updated') this.#bindTo(this.#options.target());
  }

  #bindTo(target: T | undefined): void {
    if (target === this.#bound) return;
    this.#unbind();
    if (target === undefined || !this.#connected) return;
    const cleanup = new Cleanup();
    this.#bound = target;
    this.#cleanup = cleanup;
    this.#options.bind(target, cleanup);
  }

  #unbind(): void {
    const cleanup = this.#cleanup;
    this.#bound = undefined;
    this.#cleanup = undefined;
    cleanup?.run();
  }
}
