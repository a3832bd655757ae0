// A stand-in for livekit-client's `Room`. No LiveKit server can run where these tests run (none is
// obtainable as a package), so the call's state machine is driven by this stand-in instead: it
// speaks the same events (the real SDK's RoomEvent names), takes the real tokens the reference
// server mints and reads identity, name and publish grant from them, and lets a test play the
// server's side (participants joining, speaking, the connection dropping).
import * as livekit from 'livekit-client';
import { decodeJwtPayload } from '@interview-kit/core';
import type { LiveKitModule, LkCaptureOptions, LkLocalParticipant, LkParticipant, LkPublication, LkRoom } from '../call/livekit.js';

export const { RoomEvent, DisconnectReason, ConnectionErrorReason, Track } = livekit;

class Emitter {
  readonly #listeners = new Map<string, Set<(...args: any[]) => void>>();
  on(event: string, listener: (...args: any[]) => void): this {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event)!.add(listener);
    return this;
  }
  off(event: string, listener: (...args: any[]) => void): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }
  listenerCount(): number {
    return [...this.#listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

export class StandInParticipant implements LkParticipant {
  isSpeaking = false;
  isMicrophoneEnabled = false;
  isCameraEnabled = false;
  isScreenShareEnabled = false;
  connectionQuality = 'unknown';
  constructor(
    public identity: string,
    public name?: string,
  ) {}
  getTrackPublication(_source: string): LkPublication | undefined {
    return undefined;
  }
}

export class StandInLocalParticipant extends StandInParticipant implements LkLocalParticipant {
  permissions: { canPublish?: boolean } | undefined;
  /** Every publishing call, in order, e.g. `camera:true`. */
  readonly calls: string[] = [];
  /** The capture options of every call that turned camera or microphone on, in order. */
  readonly captureOptions: (LkCaptureOptions | undefined)[] = [];
  constructor(private readonly room: StandInRoom) {
    super('', '');
  }
  async setMicrophoneEnabled(enabled: boolean, options?: LkCaptureOptions) {
    this.#publishing(`microphone:${enabled}`);
    if (enabled) this.#capturing(options);
    this.isMicrophoneEnabled = enabled;
    this.room.emit(enabled ? RoomEvent.LocalTrackPublished : RoomEvent.TrackMuted);
  }
  async setCameraEnabled(enabled: boolean, options?: LkCaptureOptions) {
    this.#publishing(`camera:${enabled}`);
    if (enabled) this.#capturing(options);
    this.isCameraEnabled = enabled;
    this.room.emit(enabled ? RoomEvent.LocalTrackPublished : RoomEvent.LocalTrackUnpublished);
  }
  async setScreenShareEnabled(enabled: boolean) {
    this.#publishing(`screen:${enabled}`);
    this.isScreenShareEnabled = enabled;
    this.room.emit(enabled ? RoomEvent.LocalTrackPublished : RoomEvent.LocalTrackUnpublished);
  }
  /** As the browser does, refuses to capture from a device asked for exactly that is not there. */
  #capturing(options: LkCaptureOptions | undefined) {
    this.captureOptions.push(options);
    const wanted = options?.deviceId;
    const exact = typeof wanted === 'object' && !Array.isArray(wanted) ? wanted.exact : undefined;
    if (typeof exact === 'string' && !StandInRoom.devices.includes(exact)) {
      throw new DOMException('', 'OverconstrainedError');
    }
  }
  #publishing(call: string) {
    this.calls.push(call);
    // The real SDK refuses to publish without the grant.
    if (this.permissions?.canPublish === false) throw new Error('insufficient permissions to publish');
  }
}

/** An error shaped like livekit-client's `ConnectionError`. */
export function connectionError(reason: number, message = 'could not connect'): Error {
  return Object.assign(new Error(message), { name: 'ConnectionError', reason });
}

export class StandInRoom extends Emitter implements LkRoom {
  /** Every room the code under test created, newest last. */
  static readonly created: StandInRoom[] = [];
  /** Errors the next `connect` calls throw, in order. */
  static readonly connectFailures: Error[] = [];
  /** Ids of the cameras and microphones the stand-in's machine has. */
  static readonly devices: string[] = ['camera-1', 'camera-2', 'microphone-1'];

  readonly localParticipant: StandInLocalParticipant = new StandInLocalParticipant(this);
  readonly remoteParticipants = new Map<string, StandInParticipant>();
  /** Every `connect` call's URL and token. */
  readonly connects: { url: string; token: string }[] = [];
  disconnected = false;
  readonly switched: [MediaDeviceKind, string][] = [];

  constructor(readonly options?: Record<string, unknown>) {
    super();
    StandInRoom.created.push(this);
  }

  async connect(url: string, token: string): Promise<void> {
    this.connects.push({ url, token });
    const failure = StandInRoom.connectFailures.shift();
    if (failure) throw failure;
    const claims = decodeJwtPayload(token) ?? {};
    const grant = (claims['video'] ?? {}) as { canPublish?: boolean };
    this.localParticipant.identity = String(claims['sub']);
    this.localParticipant.name = String(claims['name'] ?? '');
    this.localParticipant.permissions = { canPublish: grant.canPublish ?? false };
    this.disconnected = false;
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  async switchActiveDevice(kind: MediaDeviceKind, deviceId: string): Promise<boolean> {
    this.switched.push([kind, deviceId]);
    return true;
  }

  // --- the server's side, played by the test ---

  join(identity: string, name: string): StandInParticipant {
    const participant = new StandInParticipant(identity, name);
    this.remoteParticipants.set(identity, participant);
    this.emit(RoomEvent.ParticipantConnected, participant);
    return participant;
  }

  leave(identity: string): void {
    const participant = this.remoteParticipants.get(identity);
    this.remoteParticipants.delete(identity);
    this.emit(RoomEvent.ParticipantDisconnected, participant);
  }

  speakers(...participants: StandInParticipant[]): void {
    for (const participant of [this.localParticipant, ...this.remoteParticipants.values()]) {
      participant.isSpeaking = participants.includes(participant);
    }
    this.emit(RoomEvent.ActiveSpeakersChanged, participants);
  }
}

/** livekit-client with the stand-in `Room` in place of the real one. */
export const standInLiveKit: LiveKitModule = { ...(livekit as unknown as LiveKitModule), Room: StandInRoom };
