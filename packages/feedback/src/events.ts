import type { Feedback } from '@interview-kit/core';

/** Dispatched by `<interview-feedback>` once the server accepted the submitted feedback; it is final from then on. */
export class FeedbackSubmitEvent extends Event {
  readonly detail: { feedback: Feedback };

  constructor(detail: { feedback: Feedback }) {
    super('interview-feedback-submit', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Dispatched by `<interview-feedback>` each time the server stored the draft. */
export class FeedbackSaveEvent extends Event {
  readonly detail: { feedback: Feedback };

  constructor(detail: { feedback: Feedback }) {
    super('interview-feedback-save', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Dispatched by `<interview-feedback>` when loading, saving or submitting failed; the form shows it too. */
export class FeedbackErrorEvent extends Event {
  readonly detail: { action: 'load' | 'save' | 'submit'; error: unknown };

  constructor(detail: { action: 'load' | 'save' | 'submit'; error: unknown }) {
    super('interview-feedback-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * Dispatched when someone clicks a moment of the session, such as a time chip (⏱ 12:34) in
 * rendered feedback evidence: `detail.at` is that moment in epoch milliseconds. `<interview-room>`
 * answers it by showing the replay at that moment.
 */
export class MomentSelectEvent extends Event {
  readonly detail: { at: number };

  constructor(detail: { at: number }) {
    super('interview-moment-select', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'interview-moment-select': MomentSelectEvent;
    'interview-feedback-submit': FeedbackSubmitEvent;
    'interview-feedback-save': FeedbackSaveEvent;
    'interview-feedback-error': FeedbackErrorEvent;
  }
}
