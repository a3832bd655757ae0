import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { sessionContext } from '../context.js';
import type { InterviewSession } from '../session.js';
import { BindingController } from './binding-controller.js';
import type { Cleanup } from './cleanup.js';

/** An element that works for an interview session: its `session` property. */
export interface SessionElement extends ReactiveControllerHost, HTMLElement {
  session: InterviewSession | undefined;
}

/** Options of a {@link SessionController}. */
export interface SessionControllerOptions {
  /**
   * Binds the element to a session: called when the element is in the page with a session, and
   * again when the session is replaced or the element comes back; undo on `cleanup`.
   */
  bind?(session: InterviewSession, cleanup: Cleanup): void;
}

/**
 * What every element does with its interview session: takes the session `<interview-room>`
 * provides through {@link sessionContext} into its `session` property (as `@consume` would, a
 * session set by the host page counts until the context provides one), renders again whenever
 * the session's view changes, and keeps the element's own binding (`bind`) to the session
 * current, undoing it when the session is replaced or the element leaves the page.
 *
 * @example
 * ```ts
 * class MyElement extends LitElement {
 *   @property({ attribute: false }) session: InterviewSession | undefined;
 *   readonly #session = new SessionController(this, {
 *     bind: (session, cleanup) => cleanup.listen(session, 'dispose', () => this.remove()),
 *   });
 * }
 * ```
 */
export class SessionController {
  readonly #binding: BindingController<InterviewSession>;

  constructor(host: SessionElement, options: SessionControllerOptions = {}) {
    new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: (session) => (host.session = session),
    });
    this.#binding = new BindingController(host, {
      target: () => host.session,
      bind: (session, cleanup) => {
        cleanup.listen(session, 'change', () => host.requestUpdate());
        options.bind?.(session, cleanup);
      },
    });
  }

  /** The session the element is bound to now. */
  get session(): InterviewSession | undefined {
    return this.#binding.bound;
  }
}
