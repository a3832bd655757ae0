import type { CollabStatus } from '@interview-kit/core';

/** Dispatched by `<interview-editor>` when its connection status changes. */
export class ConnectionChangeEvent extends Event {
  readonly detail: { status: CollabStatus };

  constructor(detail: { status: CollabStatus }) {
    super('interview-connection-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Dispatched by `<interview-editor>` when the shared document's language changes (by anyone). */
export class LanguageChangeEvent extends Event {
  readonly detail: { language: string | undefined };

  constructor(detail: { language: string | undefined }) {
    super('interview-language-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'interview-connection-change': ConnectionChangeEvent;
    'interview-language-change': LanguageChangeEvent;
  }
}
