import type { RunRequest, RunView } from '@interview-kit/core';

/**
 * Dispatched by `<interview-run-panel>` before it sends a run; cancelable. `detail.request` is
 * what will be sent, and may be changed by the listener (for example, to add limits).
 */
export class RunStartEvent extends Event {
  readonly detail: { request: RunRequest };

  constructor(detail: { request: RunRequest }) {
    super('interview-run-start', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** Dispatched by `<interview-run-panel>` when this participant's run finished; `detail.run` is the result as they may see it. */
export class RunCompleteEvent extends Event {
  readonly detail: { run: RunView };

  constructor(detail: { run: RunView }) {
    super('interview-run-complete', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Dispatched by `<interview-run-panel>` when a run could not start or failed (`detail.error`: a ProblemError, NetworkError…). */
export class RunErrorEvent extends Event {
  readonly detail: { error: unknown };

  constructor(detail: { error: unknown }) {
    super('interview-run-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'interview-run-start': RunStartEvent;
    'interview-run-complete': RunCompleteEvent;
    'interview-run-error': RunErrorEvent;
  }
}
