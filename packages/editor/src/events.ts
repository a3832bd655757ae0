import type { ClientSignal, CollabStatus, CollabUser } from '@interview-kit/core';

/** Dispatched by `<interview-editor>` when its connection status changes. */
export class ConnectionChangeEvent extends Event {
  readonly detail: { status: CollabStatus };

  constructor(detail: { status: CollabStatus }) {
    super('interview-connection-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** What an `interview-language-change` event tells. */
export interface LanguageChangeDetail {
  language: string | undefined;
  /** Whether someone else changed it (`false` for your own change and for the language shown on joining). */
  remote: boolean;
  /** Who changed it, when known (present participants only). */
  changedBy?: CollabUser;
}

/** Dispatched by `<interview-editor>` when the shared document's language changes (by anyone). */
export class LanguageChangeEvent extends Event {
  readonly detail: LanguageChangeDetail;

  constructor(detail: LanguageChangeDetail) {
    super('interview-language-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * Dispatched by `<interview-editor>` when the local user pastes or inserts a large piece of text at
 * once: sizes only, never the text (see `insertionSignals`). The room records it as an integrity
 * signal only for a consenting candidate of a session that records them.
 */
export class InsertionSignalEvent extends Event {
  readonly detail: Extract<ClientSignal, { kind: 'paste' | 'large-insert' }>;

  constructor(detail: Extract<ClientSignal, { kind: 'paste' | 'large-insert' }>) {
    super('interview-insertion-signal', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * Dispatched by `<interview-editor>` in replay whenever it shows another moment (playing,
 * seeking, a run mark): `detail.at`, ms since the epoch. `<interview-room>` moves its whiteboard
 * and its chat there, so that they evolve in step with the code.
 */
export class ReplayMomentEvent extends Event {
  readonly detail: { at: number };

  constructor(detail: { at: number }) {
    super('interview-replay-moment', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * Dispatched by `<interview-editor>` when the reader moves its replay (the scrubber, a run's mark) —
 * not while it plays, nor when `replayAt` is set. `detail.at` is the moment shown, ms since the
 * epoch: a host (the room) keeps what it shows beside the code, such as the recording, at that moment.
 */
export class ReplaySeekEvent extends Event {
  readonly detail: { at: number };

  constructor(detail: { at: number }) {
    super('interview-replay-seek', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'interview-replay-seek': ReplaySeekEvent;
    'interview-connection-change': ConnectionChangeEvent;
    'interview-language-change': LanguageChangeEvent;
    'interview-insertion-signal': InsertionSignalEvent;
    'interview-replay-moment': ReplayMomentEvent;
  }
}
