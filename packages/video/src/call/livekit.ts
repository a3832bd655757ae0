import type { LiveKitTokenResponse } from '@interview-kit/core';
import { captureFrom, type DeviceConstraint } from './devices.js';
import type { CallEngine, EngineContext } from './engine.js';
import { asVideoCallError, VideoCallError } from './errors.js';
import { pickActiveSpeaker, type CallParticipant, type ConnectionQuality } from './state.js';

// The narrow part of livekit-client this module uses. Typed structurally so that the SDK stays a
// lazily loaded chunk (only `import type` here) and tests can hand in a stand-in `Room`.

export interface LkTrack {
  mediaStreamTrack: MediaStreamTrack;
}

export interface LkPublication {
  isMuted: boolean;
  track?: LkTrack | undefined;
}

export interface LkParticipant {
  identity: string;
  name?: string | undefined;
  isSpeaking: boolean;
  isMicrophoneEnabled: boolean;
  isCameraEnabled: boolean;
  isScreenShareEnabled: boolean;
  connectionQuality: string;
  getTrackPublication(source: string): LkPublication | undefined;
}

/** The capture options of livekit-client's `setCameraEnabled`/`setMicrophoneEnabled` this module passes. */
export interface LkCaptureOptions {
  deviceId?: ConstrainDOMString;
}

export interface LkLocalParticipant extends LkParticipant {
  permissions?: { canPublish?: boolean } | undefined;
  setMicrophoneEnabled(enabled: boolean, options?: LkCaptureOptions): Promise<unknown>;
  setCameraEnabled(enabled: boolean, options?: LkCaptureOptions): Promise<unknown>;
  setScreenShareEnabled(enabled: boolean): Promise<unknown>;
}

export interface LkRoom {
  readonly localParticipant: LkLocalParticipant;
  readonly remoteParticipants: Map<string, LkParticipant>;
  connect(url: string, token: string): Promise<void>;
  disconnect(stopTracks?: boolean): Promise<void>;
  switchActiveDevice(kind: MediaDeviceKind, deviceId: string): Promise<unknown>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

/** The parts of the `livekit-client` module in use: the Room class and the enums it speaks. */
export interface LiveKitModule {
  Room: new (options?: Record<string, unknown>) => LkRoom;
  RoomEvent: Record<
    | 'Reconnecting'
    | 'Reconnected'
    | 'Disconnected'
    | 'ParticipantConnected'
    | 'ParticipantDisconnected'
    | 'TrackSubscribed'
    | 'TrackUnsubscribed'
    | 'TrackMuted'
    | 'TrackUnmuted'
    | 'LocalTrackPublished'
    | 'LocalTrackUnpublished'
    | 'ActiveSpeakersChanged'
    | 'ConnectionQualityChanged'
    | 'ParticipantNameChanged'
    | 'TrackPublished'
    | 'TrackUnpublished'
    | 'ParticipantPermissionsChanged',
    string
  >;
  Track: { Source: Record<'Camera' | 'Microphone' | 'ScreenShare', string> };
  ConnectionErrorReason: Record<'NotAllowed' | 'ServerUnreachable' | 'Timeout' | 'WebSocket' | 'Cancelled', number>;
  DisconnectReason: Record<'CLIENT_INITIATED' | 'DUPLICATE_IDENTITY' | 'PARTICIPANT_REMOVED' | 'ROOM_DELETED', number>;
}

/** LiveKit's capture options for a device constraint: none for the default device. */
function captureOptions(constraint: DeviceConstraint): LkCaptureOptions | undefined {
  return constraint === true ? undefined : { deviceId: constraint.deviceId! };
}

/** Loads livekit-client on first use; pages without video never fetch it. */
export async function loadLiveKit(): Promise<LiveKitModule> {
  // The real SDK's overloaded, generic signatures are wider than the structural view above.
  return (await import('livekit-client')) as unknown as LiveKitModule;
}

export interface LiveKitEngineOptions {
  livekit: LiveKitModule;
  /** The first token, already fetched to choose the mode. */
  initialToken: LiveKitTokenResponse;
  /** Fetches a fresh LiveKit token (through the session's token provider). */
  fetchToken(): Promise<LiveKitTokenResponse>;
  /** How often a dropped connection is rejoined before giving up. Default 5. */
  maxRejoins?: number;
  /** Delay before the n-th rejoin, in ms. Default 500·2ⁿ. */
  rejoinDelayMs?(attempt: number): number;
}

const QUALITIES: readonly string[] = ['excellent', 'good', 'poor', 'lost'];

/**
 * LiveKit mode. Mirrors the `Room` into the store on every room event (a whole snapshot each
 * time, so no event can leave the tiles stale). A connection LiveKit could not resume is
 * rejoined with a freshly fetched token; a rejected token is refetched once before giving up.
 */
export class LiveKitEngine implements CallEngine {
  readonly mode = 'livekit' as const;
  readonly #ctx: EngineContext;
  readonly #options: LiveKitEngineOptions;
  readonly #lk: LiveKitModule;
  #room: LkRoom | undefined;
  #leaving = false;
  #listeners: [string, (...args: any[]) => void][] = [];

  constructor(ctx: EngineContext, options: LiveKitEngineOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#lk = options.livekit;
  }

  async connect(): Promise<void> {
    this.#leaving = false;
    const room = new this.#lk.Room({ adaptiveStream: false, dynacast: true });
    this.#room = room;
    this.#bind(room);
    await this.#join(room, this.#options.initialToken);
    const permitted = room.localParticipant.permissions?.canPublish;
    if (permitted === false) this.#ctx.store.update({ canPublish: false });
    this.#sync();
  }

  async disconnect(): Promise<void> {
    this.#leaving = true;
    const room = this.#room;
    if (!room) return;
    for (const [event, listener] of this.#listeners) room.off(event, listener);
    this.#listeners = [];
    this.#room = undefined;
    await room.disconnect(true);
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    const device = this.#ctx.store.value.selectedDevices.audioinput;
    await this.#publish((local) => (enabled ? captureFrom(device, (c) => local.setMicrophoneEnabled(true, captureOptions(c))) : local.setMicrophoneEnabled(false)));
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    const device = this.#ctx.store.value.selectedDevices.videoinput;
    await this.#publish((local) => (enabled ? captureFrom(device, (c) => local.setCameraEnabled(true, captureOptions(c))) : local.setCameraEnabled(false)));
  }

  async setScreenShareEnabled(enabled: boolean): Promise<void> {
    await this.#publish((local) => local.setScreenShareEnabled(enabled));
  }

  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    await this.#room?.switchActiveDevice(kind, deviceId);
  }

  /** Runs a publishing action; the tiles follow whatever state it left, success or not. */
  async #publish(action: (local: LkLocalParticipant) => Promise<unknown>): Promise<void> {
    const room = this.#room;
    if (!room) return;
    try {
      await action(room.localParticipant);
    } finally {
      this.#sync();
    }
  }

  /** Connects with `token`; a rejected token is replaced once by a fresh one. */
  async #join(room: LkRoom, token: LiveKitTokenResponse): Promise<void> {
    try {
      await room.connect(token.url, token.token);
    } catch (error) {
      if (this.#reasonOf(error) !== this.#lk.ConnectionErrorReason.NotAllowed) throw this.#classify(error);
      const fresh = await this.#fetchToken();
      try {
        await room.connect(fresh.url, fresh.token);
      } catch (retryError) {
        throw this.#classify(retryError);
      }
    }
  }

  async #fetchToken(): Promise<LiveKitTokenResponse> {
    try {
      return await this.#options.fetchToken();
    } catch (error) {
      throw asVideoCallError(error);
    }
  }

  #reasonOf(error: unknown): number | undefined {
    if (typeof error !== 'object' || error === null || (error as Error).name !== 'ConnectionError') return undefined;
    const reason = (error as { reason?: unknown }).reason;
    return typeof reason === 'number' ? reason : undefined;
  }

  #classify(error: unknown): VideoCallError {
    if (error instanceof VideoCallError) return error;
    const reason = this.#reasonOf(error);
    const { NotAllowed, ServerUnreachable, Timeout, WebSocket } = this.#lk.ConnectionErrorReason;
    const message = error instanceof Error ? error.message : String(error);
    if (reason === NotAllowed) return new VideoCallError('token-expired', message, { cause: error });
    if (reason === ServerUnreachable || reason === Timeout || reason === WebSocket || reason === undefined) {
      return reason === undefined && !(error instanceof Error && /connect|websocket|fetch|network/i.test(message))
        ? asVideoCallError(error)
        : new VideoCallError('media-server-unreachable', message, { cause: error });
    }
    return new VideoCallError('unknown', message, { cause: error });
  }

  #bind(room: LkRoom): void {
    const E = this.#lk.RoomEvent;
    const on = (event: string, listener: (...args: any[]) => void) => {
      room.on(event, listener);
      this.#listeners.push([event, listener]);
    };
    const sync = () => this.#sync();
    for (const event of [
      E.ParticipantConnected,
      E.ParticipantDisconnected,
      E.TrackSubscribed,
      E.TrackUnsubscribed,
      E.TrackMuted,
      E.TrackUnmuted,
      E.LocalTrackPublished,
      E.LocalTrackUnpublished,
      E.ActiveSpeakersChanged,
      E.ConnectionQualityChanged,
      E.ParticipantNameChanged,
      E.TrackPublished,
      E.TrackUnpublished,
    ]) {
      on(event, sync);
    }
    on(E.ParticipantPermissionsChanged, () => {
      const permitted = room.localParticipant.permissions?.canPublish;
      if (permitted !== undefined) this.#ctx.store.update({ canPublish: permitted });
      sync();
    });
    on(E.Reconnecting, () => this.#ctx.store.update({ phase: 'reconnecting' }));
    on(E.Reconnected, () => {
      this.#ctx.store.update({ phase: 'connected' });
      sync();
    });
    on(E.Disconnected, (reason?: number) => void this.#onDisconnected(room, reason));
  }

  /** LiveKit gave up resuming: rejoin with a fresh token unless the server meant it. */
  async #onDisconnected(room: LkRoom, reason: number | undefined): Promise<void> {
    if (this.#leaving || room !== this.#room) return;
    const D = this.#lk.DisconnectReason;
    if (reason === D.CLIENT_INITIATED || reason === D.DUPLICATE_IDENTITY || reason === D.PARTICIPANT_REMOVED || reason === D.ROOM_DELETED) {
      this.#ctx.store.update({ phase: 'disconnected', participants: [], activeSpeakerId: null });
      return;
    }
    this.#ctx.store.update({ phase: 'reconnecting' });
    const max = this.#options.maxRejoins ?? 5;
    const delay = this.#options.rejoinDelayMs ?? ((attempt: number) => 500 * 2 ** attempt);
    let lastError: unknown;
    for (let attempt = 0; attempt < max; attempt += 1) {
      if (this.#leaving || room !== this.#room) return;
      try {
        await this.#join(room, await this.#fetchToken());
        if (this.#leaving || room !== this.#room) return;
        this.#ctx.store.update({ phase: 'connected' });
        this.#sync();
        return;
      } catch (error) {
        lastError = error;
        if (error instanceof VideoCallError && error.code === 'token-expired') break;
        await new Promise((resolve) => setTimeout(resolve, delay(attempt)));
      }
    }
    if (!this.#leaving && room === this.#room) this.#ctx.onFatal(lastError);
  }

  #sync(): void {
    const room = this.#room;
    if (!room) return;
    const participants = [
      this.#snapshot(room.localParticipant, true),
      ...[...room.remoteParticipants.values()].map((participant) => this.#snapshot(participant, false)),
    ];
    this.#ctx.store.update({ participants, activeSpeakerId: pickActiveSpeaker(participants, this.#ctx.store.value.activeSpeakerId) });
  }

  #snapshot(participant: LkParticipant, isLocal: boolean): CallParticipant {
    const { Camera, Microphone, ScreenShare } = this.#lk.Track.Source;
    const live = (source: string) => {
      const publication = participant.getTrackPublication(source);
      return publication && !publication.isMuted ? publication.track?.mediaStreamTrack : undefined;
    };
    const quality = QUALITIES.includes(participant.connectionQuality) ? (participant.connectionQuality as ConnectionQuality) : 'unknown';
    return {
      id: participant.identity,
      name: participant.name || participant.identity,
      isLocal,
      microphoneEnabled: participant.isMicrophoneEnabled,
      cameraEnabled: participant.isCameraEnabled,
      screenSharing: participant.isScreenShareEnabled,
      speaking: participant.isSpeaking,
      connectionQuality: quality,
      cameraTrack: live(Camera),
      screenTrack: live(ScreenShare),
      audioTrack: isLocal ? undefined : live(Microphone),
      microphoneTrack: isLocal ? participant.getTrackPublication(Microphone)?.track?.mediaStreamTrack : undefined,
    };
  }
}
