import type { Store } from '@interview-kit/core';
import type { CallMode, VideoCallState } from './state.js';

/**
 * One way of carrying media (LiveKit or peer-to-peer). Engines write participants, phase changes
 * and non-fatal errors into the shared store; `connect` rejects with a `VideoCallError` when the
 * call cannot start, and `onFatal` reports a failure after it started.
 */
export interface CallEngine {
  readonly mode: CallMode;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  setCameraEnabled(enabled: boolean): Promise<void>;
  setScreenShareEnabled(enabled: boolean): Promise<void>;
  switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
}

/** What every engine is given. */
export interface EngineContext {
  store: Store<VideoCallState>;
  /** Reports an error that ends the call. */
  onFatal(error: unknown): void;
}
