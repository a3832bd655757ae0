/**
 * Every way a call can fail, each with its own message and remedy in the element's strings:
 * - `permission-denied`: the browser blocked camera or microphone;
 * - `no-devices`: no camera or microphone exists;
 * - `device-in-use`: another application holds the device;
 * - `media-server-unreachable`: the LiveKit server (or the signaling endpoint) cannot be reached;
 * - `token-expired`: the participant's access ran out and could not be renewed;
 * - `room-full`: peer-to-peer calls carry two participants; more need LiveKit;
 * - `p2p-unavailable`: this participant cannot join a peer-to-peer call (observers, ended sessions);
 * - `screen-share-failed`: screen sharing was refused or is unsupported;
 * - `unknown`: anything else.
 */
export const VIDEO_ERROR_CODES = [
  'permission-denied',
  'no-devices',
  'device-in-use',
  'media-server-unreachable',
  'token-expired',
  'room-full',
  'p2p-unavailable',
  'screen-share-failed',
  'unknown',
] as const;

export type VideoErrorCode = (typeof VIDEO_ERROR_CODES)[number];

import { NetworkError, ProblemError } from '@interview-kit/core';

/** An error the call understood: a code the element can explain, and the original cause. */
export class VideoCallError extends Error {
  readonly code: VideoErrorCode;

  constructor(code: VideoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VideoCallError';
    this.code = code;
  }
}

/** The code of a `getUserMedia`/`getDisplayMedia` failure (DOMException names, or LiveKit's wrapping of them). */
export function mediaErrorCode(error: unknown): VideoErrorCode {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError' || /permission denied/i.test(message)) return 'permission-denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || /requested device not found/i.test(message)) return 'no-devices';
  if (name === 'NotReadableError' || /could not start/i.test(message)) return 'device-in-use';
  return 'unknown';
}

/** `error` as a {@link VideoCallError}, classifying media errors on the way. */
export function asVideoCallError(error: unknown, fallback: VideoErrorCode = 'unknown'): VideoCallError {
  if (error instanceof VideoCallError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Our own server refused the participant token (and the token provider could not renew it).
  if (error instanceof ProblemError && error.status === 401) return new VideoCallError('token-expired', message, { cause: error });
  if (error instanceof NetworkError) return new VideoCallError('media-server-unreachable', message, { cause: error });
  const code = mediaErrorCode(error);
  return new VideoCallError(code === 'unknown' ? fallback : code, message, { cause: error });
}
