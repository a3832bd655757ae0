import { Store, type Readable } from '@interview-kit/core';
import { readDeviceChoice, saveDeviceChoice, type DeviceChoice } from '../call/device-preferences.js';
import { captureFrom, listDevices, watchDevices } from '../call/devices.js';
import { mediaErrorCode } from '../call/errors.js';
import type { DeviceOption } from '../call/state.js';
import { AudioLevelMeter } from './audio-level.js';

/**
 * Why a device cannot be checked: the browser blocked it (`permission-denied`), none exists
 * (`no-devices`), another application holds it (`device-in-use`), or something else (`unknown`).
 */
export type DeviceProblem = 'permission-denied' | 'no-devices' | 'device-in-use' | 'unknown';

/** `idle`: devices off; `starting`: opening them; `running`: previewing (possibly with a problem per device). */
export type DeviceCheckPhase = 'idle' | 'starting' | 'running';

/** Everything a {@link DeviceCheck} knows; an immutable snapshot. */
export interface DeviceCheckState {
  phase: DeviceCheckPhase;
  /** Cameras and microphones the browser lists (labels appear once permission was granted). */
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  /** The device each preview captures from, `''` while none does. */
  cameraId: string;
  microphoneId: string;
  cameraTrack: MediaStreamTrack | undefined;
  microphoneTrack: MediaStreamTrack | undefined;
  /** The microphone's loudness, 0–1. */
  level: number;
  cameraProblem: DeviceProblem | null;
  microphoneProblem: DeviceProblem | null;
}

export const INITIAL_DEVICE_CHECK_STATE: DeviceCheckState = {
  phase: 'idle',
  cameras: [],
  microphones: [],
  cameraId: '',
  microphoneId: '',
  cameraTrack: undefined,
  microphoneTrack: undefined,
  level: 0,
  cameraProblem: null,
  microphoneProblem: null,
};

type Kind = 'camera' | 'microphone';

/**
 * A camera and microphone check before the interview, the framework-free heart of
 * `<interview-device-check>`: opens the camera and microphone the participant chose before (see
 * {@link readDeviceChoice}; the defaults when none was chosen or it is gone), measures the
 * microphone's level, lists the devices, and switches between them. A choice is remembered for
 * the video call (`<interview-video>` captures from it when it joins). `stop()` turns every
 * device off.
 *
 * @example
 * ```ts
 * const check = new DeviceCheck();
 * check.state.subscribe((state) => meter.value = state.level);
 * await check.start();
 * await check.selectMicrophone(check.state.value.microphones[1].deviceId);
 * check.stop();
 * ```
 */
export class DeviceCheck {
  readonly #store = new Store<DeviceCheckState>(INITIAL_DEVICE_CHECK_STATE);
  #meter: AudioLevelMeter | undefined;
  #stopWatching: (() => void) | undefined;
  /** Bumped by every start and stop, so that a capture overtaken by a stop is let go. */
  #attempt = 0;

  /** The check's state; subscribe to follow it. */
  get state(): Readable<DeviceCheckState> {
    return this.#store;
  }

  /** Opens camera and microphone (each on its own: one missing does not block the other). */
  async start(): Promise<void> {
    if (this.#store.value.phase !== 'idle') return;
    const attempt = ++this.#attempt;
    this.#store.update({ phase: 'starting', cameraProblem: null, microphoneProblem: null });
    const { cameraId, microphoneId } = readDeviceChoice();
    await Promise.all([this.#open('camera', cameraId, attempt), this.#open('microphone', microphoneId, attempt)]);
    if (attempt !== this.#attempt) return;
    this.#store.update({ phase: 'running' });
    this.#stopWatching = watchDevices(() => void this.#refreshDevices());
    await this.#refreshDevices();
  }

  /** Turns camera and microphone off. */
  stop(): void {
    this.#attempt += 1;
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    this.#release('camera');
    this.#release('microphone');
    this.#store.update({ phase: 'idle', cameraId: '', microphoneId: '', level: 0 });
  }

  /** Previews camera `deviceId` and remembers the choice; returns the choice now remembered. */
  selectCamera(deviceId: string): Promise<DeviceChoice> {
    return this.#select('camera', deviceId);
  }

  /** Measures microphone `deviceId` and remembers the choice; returns the choice now remembered. */
  selectMicrophone(deviceId: string): Promise<DeviceChoice> {
    return this.#select('microphone', deviceId);
  }

  async #select(kind: Kind, deviceId: string): Promise<DeviceChoice> {
    const attempt = this.#attempt;
    this.#release(kind);
    await this.#open(kind, deviceId, attempt);
    // What the participant sees in both pickers is what the call will use.
    const { cameraId, microphoneId } = this.#store.value;
    return saveDeviceChoice({ cameraId, microphoneId });
  }

  async #open(kind: Kind, deviceId: string, attempt: number): Promise<void> {
    let track: MediaStreamTrack;
    try {
      const stream = await captureFrom(deviceId, (constraint) =>
        navigator.mediaDevices.getUserMedia(kind === 'camera' ? { video: constraint } : { audio: constraint }),
      );
      track = stream.getTracks()[0]!;
    } catch (error) {
      if (attempt === this.#attempt) this.#store.update({ [`${kind}Problem`]: problemOf(error) });
      return;
    }
    if (attempt !== this.#attempt) {
      // Stopped while the browser was opening the device: it must not stay on.
      track.stop();
      return;
    }
    this.#release(kind);
    const id = track.getSettings().deviceId ?? deviceId;
    if (kind === 'camera') {
      this.#store.update({ cameraTrack: track, cameraId: id, cameraProblem: null });
    } else {
      this.#meter = new AudioLevelMeter(track, (level) => {
        if (Math.round(level * 100) !== Math.round(this.#store.value.level * 100)) this.#store.update({ level });
      });
      this.#store.update({ microphoneTrack: track, microphoneId: id, microphoneProblem: null });
    }
    // Labels appear with the first permission.
    if (this.#store.value.phase === 'running') await this.#refreshDevices();
  }

  #release(kind: Kind): void {
    const state = this.#store.value;
    if (kind === 'camera') {
      state.cameraTrack?.stop();
      this.#store.update({ cameraTrack: undefined });
    } else {
      this.#meter?.stop();
      this.#meter = undefined;
      state.microphoneTrack?.stop();
      this.#store.update({ microphoneTrack: undefined, level: 0 });
    }
  }

  async #refreshDevices(): Promise<void> {
    try {
      const devices = await listDevices();
      this.#store.update({ cameras: devices.videoinput, microphones: devices.audioinput });
    } catch {
      // The lists are a convenience; the previews work without them.
    }
  }
}

/** What went wrong opening a device, in the check's terms. */
function problemOf(error: unknown): DeviceProblem {
  const code = mediaErrorCode(error);
  return code === 'permission-denied' || code === 'no-devices' || code === 'device-in-use' ? code : 'unknown';
}
