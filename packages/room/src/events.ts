import type { InterviewSession, SessionView } from '@interview-kit/core';

/** Dispatched by `<interview-room>` once its session loaded; `detail.session` is the one shared with every part. */
export class SessionReadyEvent extends Event {
  readonly detail: { session: InterviewSession; view: SessionView };

  constructor(detail: { session: InterviewSession; view: SessionView }) {
    super('interview-session-ready', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Dispatched by `<interview-room>` when the session ended (by an interviewer, here or elsewhere). */
export class SessionEndEvent extends Event {
  readonly detail: { view: SessionView };

  constructor(detail: { view: SessionView }) {
    super('interview-session-end', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Where an error reported by `<interview-room>` came from. */
export type RoomErrorSource = 'session' | 'video' | 'run' | 'feedback';

/**
 * Dispatched by `<interview-room>` when something failed: loading or ending the session, or one
 * of its parts (their own error events are re-announced here, so a host needs one listener).
 */
export class RoomErrorEvent extends Event {
  readonly detail: { source: RoomErrorSource; error: unknown };

  constructor(detail: { source: RoomErrorSource; error: unknown }) {
    super('interview-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'interview-session-ready': SessionReadyEvent;
    'interview-session-end': SessionEndEvent;
    'interview-error': RoomErrorEvent;
  }
}
