import type { CallMode } from './call/state.js';
import type { VideoErrorCode } from './call/errors.js';
import type { DeviceChoice } from './call/device-preferences.js';

/** Dispatched by `<interview-video>` once it joined the call. */
export class VideoJoinEvent extends Event {
  /** The media path in use: `livekit` or `p2p` (peer-to-peer). */
  readonly detail: { mode: CallMode };

  constructor(detail: { mode: CallMode }) {
    super('interview-video-join', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Dispatched by `<interview-video>` when it left the call (the user left, or the element was removed). */
export class VideoLeaveEvent extends Event {
  constructor() {
    super('interview-video-leave', { bubbles: true, composed: true });
  }
}

/** Dispatched by `<interview-video>` when something went wrong; the element shows it too. */
export class VideoErrorEvent extends Event {
  /** `fatal` errors ended the call; others (a blocked camera) leave it running. */
  readonly detail: { code: VideoErrorCode; fatal: boolean; message: string };

  constructor(detail: { code: VideoErrorCode; fatal: boolean; message: string }) {
    super('interview-video-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/**
 * Dispatched by `<interview-device-check>` when the participant picked another camera or
 * microphone; `detail` holds both devices now chosen (and remembered for the video call).
 */
export class DeviceChangeEvent extends Event {
  readonly detail: DeviceChoice;

  constructor(detail: DeviceChoice) {
    super('interview-device-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'interview-device-change': DeviceChangeEvent;
    'interview-video-join': VideoJoinEvent;
    'interview-video-leave': VideoLeaveEvent;
    'interview-video-error': VideoErrorEvent;
  }
}
