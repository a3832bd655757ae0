import type { ReactiveControllerHost } from 'lit';
import { collabOf, type CollabSession, type CollabStatus, type CollabUser } from '../collab/collab-session.js';
import type { InterviewSession } from '../session.js';
import { BindingController } from './binding-controller.js';
import type { Cleanup } from './cleanup.js';

/** An element that may be given a collaboration session, or find one through its interview session. */
export interface CollabElement extends ReactiveControllerHost {
  session?: InterviewSession | undefined;
  collab?: CollabSession | undefined;
}

/** Options of a {@link CollabController}. */
export interface CollabControllerOptions {
  /** Which collaboration session to follow; by default the element's `collab`, else `collabOf(session)`. */
  collab?(): CollabSession | undefined;
  /** The element's own binding to the collaboration session; undo on `cleanup`. */
  bind?(collab: CollabSession, cleanup: Cleanup): void;
  /** When a new binding is made (see {@link BindingOptions.phase}); default `update`. */
  phase?: 'update' | 'updated';
}

/**
 * Binds an element to the collaboration session it works in (`collab` property, else the
 * interview session's shared one through {@link collabOf}): starts it, renders the element again
 * when the connection status, who is present, or read-only changes, and lets go when the
 * session is replaced or the element leaves the page.
 *
 * Names and roles in {@link users} are what each participant's client publishes (awareness):
 * show them, but decide nothing that matters for security on them.
 */
export class CollabController {
  readonly #binding: BindingController<CollabSession>;

  /** Follows the element's `collab`, else its session's shared one, unless `options.collab` chooses. */
  constructor(host: CollabElement, options?: CollabControllerOptions);
  /** Follows the collaboration session `options.collab` chooses. */
  constructor(host: ReactiveControllerHost, options: CollabControllerOptions & Required<Pick<CollabControllerOptions, 'collab'>>);
  constructor(host: ReactiveControllerHost, options: CollabControllerOptions = {}) {
    const element = host as CollabElement;
    const chosen = options.collab ?? (() => element.collab ?? (element.session ? collabOf(element.session) : undefined));
    this.#binding = new BindingController(host, {
      target: chosen,
      phase: options.phase ?? 'update',
      bind: (collab, cleanup) => {
        const render = () => host.requestUpdate();
        cleanup.listen(collab, 'status', render);
        cleanup.listen(collab, 'presence', render);
        cleanup.listen(collab, 'readonly', render);
        options.bind?.(collab, cleanup);
        void collab.start().then(render, () => {
          // Reported through the status.
        });
      },
    });
  }

  /** The collaboration session the element is bound to now. */
  get collab(): CollabSession | undefined {
    return this.#binding.bound;
  }

  /** Where the connection stands (`connecting` until bound). */
  get status(): CollabStatus {
    return this.collab?.status ?? 'connecting';
  }

  /** Everyone present, as their clients describe themselves. */
  get users(): CollabUser[] {
    return this.collab?.users ?? [];
  }

  /** Whether this participant may not edit (also while unbound). */
  get readOnly(): boolean {
    return this.collab?.readOnly ?? true;
  }
}
