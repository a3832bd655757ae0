import {
  isOver,
  ProblemError,
  Store,
  type InterviewSession,
  type LiveKitTokenResponse,
  type Readable,
  type SessionChangeEvent,
  type SessionView,
} from '@interview-kit/core';
import { readDeviceChoice, saveDeviceChoice } from './device-preferences.js';
import { listDevices, watchDevices } from './devices.js';
import type { CallEngine, EngineContext } from './engine.js';
import { asVideoCallError, VideoCallError } from './errors.js';
import { LiveKitEngine, loadLiveKit, type LiveKitModule } from './livekit.js';
import { PeerEngine } from './peer/peer-engine.js';
import { INITIAL_CALL_STATE, localParticipant, outgoingTracks, type DeviceKind, type OutgoingTracks, type VideoCallState } from './state.js';

/** Which media path to use: `auto` asks the server for LiveKit and falls back to peer-to-peer. */
export type VideoModePreference = 'auto' | 'livekit' | 'p2p';

export interface VideoCallOptions {
  mode?: VideoModePreference;
  /** Loads livekit-client; replaceable so that tests can hand in a stand-in `Room`. */
  loadLiveKit?: () => Promise<LiveKitModule>;
  /** ICE servers for peer-to-peer mode, instead of those the server hands out (e.g. your TURN server). */
  iceServers?: RTCIceServer[];
  /** Whether camera and microphone are turned on when joining (for roles that publish). Default true. */
  publishOnJoin?: boolean;
  /** LiveKit rejoin tuning: how often and how soon the call rejoins after LiveKit gives up on a connection. */
  liveKitRejoin?: { maxRejoins?: number; delayMs?: (attempt: number) => number };
}

/**
 * One participant's video call in one interview session: the framework-free heart of
 * `<interview-video>`. Everything it knows is in `state` (an observable snapshot); the element
 * only renders that state and calls the methods below.
 *
 * `join()` picks the media path: a LiveKit token from the server means LiveKit mode; a `503`
 * (no LiveKit configured) means peer-to-peer mode for two. Observers never publish. Camera and
 * microphone come from the devices the participant chose (see {@link readDeviceChoice}), or the
 * browser's defaults when those are gone.
 *
 * The call follows the session: once its view is over (ended or cancelled, whether this page
 * ended it or a reloaded view says so), the call is left at once, camera and microphone are
 * released, and `phase` stays `ended`: it cannot be joined again. Before the start (`scheduled`)
 * joining is allowed. `dispose()` stops following the session.
 *
 * {@link outgoing} is what this participant sends — its microphone and camera tracks — for
 * whoever records them (the room records a consented session's own tracks); each change of it is
 * a change of `state`.
 *
 * @example
 * ```ts
 * const call = new VideoCall(session);
 * call.state.subscribe((state) => console.log(state.phase, state.participants.length));
 * await call.join();
 * await call.toggleMicrophone();
 * ```
 */
export class VideoCall {
  readonly #store = new Store<VideoCallState>(INITIAL_CALL_STATE);
  readonly #session: InterviewSession;
  readonly #options: VideoCallOptions;
  #engine: CallEngine | undefined;
  #stopWatchingDevices: (() => void) | undefined;
  /** Bumped on every join/leave, so that a join overtaken by a leave stops. */
  #attempt = 0;

  constructor(session: InterviewSession, options: VideoCallOptions = {}) {
    this.#session = session;
    this.#options = options;
    session.addEventListener('change', this.#onSessionChange);
    if (session.view && isOver(session.view.status)) this.#store.update({ phase: 'ended' });
  }

  /** Leaves the call and stops following the session. */
  async dispose(): Promise<void> {
    this.#session.removeEventListener('change', this.#onSessionChange);
    await this.leave();
  }

  /** The call's state; subscribe to follow it. */
  get state(): Readable<VideoCallState> {
    return this.#store;
  }

  /** The tracks this participant sends now (see {@link outgoingTracks}); follow `state` for changes. */
  get outgoing(): OutgoingTracks {
    return outgoingTracks(this.#store.value);
  }

  /** Joins the call. Failures end up in `state.error` (and `phase: 'failed'`), never as a rejection. */
  async join(): Promise<void> {
    const phase = this.#store.value.phase;
    if (phase === 'connecting' || phase === 'connected' || phase === 'reconnecting' || phase === 'ended') return;
    const attempt = ++this.#attempt;
    const { devices, selectedDevices } = this.#store.value;
    this.#store.update({ ...INITIAL_CALL_STATE, phase: 'connecting', devices, selectedDevices: withChosenDevices(selectedDevices) });
    try {
      const view = this.#session.view ?? (await this.#session.load());
      if (attempt !== this.#attempt) return;
      if (isOver(view.status)) {
        await this.#end();
        return;
      }
      const canPublish = view.viewer.role !== 'observer' && view.viewer.role !== 'host';
      this.#store.update({ canPublish });
      const engine = await this.#createEngine(view.viewer.participantId ?? 'me', view);
      if (attempt !== this.#attempt) return;
      this.#engine = engine;
      await engine.connect();
      if (attempt !== this.#attempt) {
        await engine.disconnect();
        return;
      }
      this.#store.update({ phase: 'connected', mode: engine.mode });
      this.#stopWatchingDevices = watchDevices(() => void this.refreshDevices());
      if (this.#store.value.canPublish && this.#options.publishOnJoin !== false) {
        // Tied to this join: if the call fails meanwhile (room full…), their errors are moot.
        await this.#run(() => engine.setMicrophoneEnabled(true), 'unknown', attempt);
        await this.#run(() => engine.setCameraEnabled(true), 'unknown', attempt);
      }
      await this.refreshDevices();
    } catch (error) {
      if (attempt === this.#attempt) await this.#fail(error);
    }
  }

  /** Leaves the call and releases camera and microphone. */
  async leave(): Promise<void> {
    this.#attempt += 1;
    await this.#teardown();
    if (this.#store.value.phase === 'ended') return;
    this.#store.update({ phase: 'disconnected', participants: [], activeSpeakerId: null, error: null });
  }

  async toggleMicrophone(): Promise<void> {
    const on = localParticipant(this.#store.value)?.microphoneEnabled ?? false;
    await this.#publishing((engine) => engine.setMicrophoneEnabled(!on));
  }

  async toggleCamera(): Promise<void> {
    const on = localParticipant(this.#store.value)?.cameraEnabled ?? false;
    await this.#publishing((engine) => engine.setCameraEnabled(!on));
  }

  async toggleScreenShare(): Promise<void> {
    const on = localParticipant(this.#store.value)?.screenSharing ?? false;
    await this.#publishing((engine) => engine.setScreenShareEnabled(!on), 'screen-share-failed');
  }

  /**
   * Uses another camera, microphone or speaker. Speakers are applied by whoever plays the audio.
   * Camera and microphone choices are remembered for the next join.
   */
  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    this.#store.update((state) => ({ selectedDevices: { ...state.selectedDevices, [kind]: deviceId } }));
    if (kind === 'videoinput') saveDeviceChoice({ cameraId: deviceId });
    if (kind === 'audioinput') saveDeviceChoice({ microphoneId: deviceId });
    if (kind !== 'audiooutput') await this.#run(() => this.#engine?.switchDevice(kind, deviceId) ?? Promise.resolve());
  }

  /** Re-reads the device lists (labels appear once a permission was granted). */
  async refreshDevices(): Promise<void> {
    try {
      this.#store.update({ devices: await listDevices() });
    } catch {
      // Device lists are a convenience; the call works without them.
    }
  }

  /** Clears a non-fatal error (after the user read it). */
  dismissError(): void {
    if (this.#store.value.error && !this.#store.value.error.fatal) this.#store.update({ error: null });
  }

  async #createEngine(selfId: string, view: Pick<SessionView, 'participants' | 'video'>): Promise<CallEngine> {
    const ctx: EngineContext = { store: this.#store, onFatal: (error) => void this.#fail(error) };
    const mode = this.#options.mode ?? 'auto';
    const client = this.#session.client;
    const sessionId = this.#session.sessionId;
    const fetchToken = () => client.liveKitToken(sessionId);
    // `auto` follows the server: no LiveKit token is asked of a server that has no LiveKit. The 503
    // fallback below stays for servers that predate the `video` field.
    if (mode === 'livekit' || (mode === 'auto' && view.video !== 'peer-to-peer')) {
      let token: LiveKitTokenResponse | undefined;
      try {
        token = await fetchToken();
      } catch (error) {
        const unconfigured = error instanceof ProblemError && error.status === 503;
        if (!unconfigured || mode === 'livekit') throw serverError(error);
      }
      if (token) {
        const livekit = await (this.#options.loadLiveKit ?? loadLiveKit)();
        return new LiveKitEngine(ctx, {
          livekit,
          initialToken: token,
          fetchToken,
          ...(this.#options.liveKitRejoin?.maxRejoins !== undefined && { maxRejoins: this.#options.liveKitRejoin.maxRejoins }),
          ...(this.#options.liveKitRejoin?.delayMs && { rejoinDelayMs: this.#options.liveKitRejoin.delayMs }),
        });
      }
    }
    const self = view.participants.find((participant) => participant.id === selfId) ?? { id: selfId, name: selfId };
    return new PeerEngine(ctx, {
      self: { id: self.id, name: self.name },
      server: this.#session.server,
      // The media link needs the signaling ticket only, not the shared document.
      fetchTicket: () => client.collabTicket(sessionId, { snapshot: false }),
      iceServers: this.#options.iceServers,
    });
  }

  /** Runs a publishing action; a failure (blocked camera, …) is shown but the call goes on. */
  async #publishing(action: (engine: CallEngine) => Promise<void>, fallback: 'unknown' | 'screen-share-failed' = 'unknown'): Promise<void> {
    const engine = this.#engine;
    if (!engine || !this.#store.value.canPublish) return;
    await this.#run(() => action(engine), fallback);
  }

  async #run(action: () => Promise<void>, fallback: 'unknown' | 'screen-share-failed' = 'unknown', attempt = this.#attempt): Promise<void> {
    try {
      await action();
      // Labels of devices appear after the first permission grant.
      void this.refreshDevices();
    } catch (error) {
      // The call ended meanwhile: its end is what the user needs to see.
      if (attempt !== this.#attempt) return;
      const classified = asVideoCallError(error, fallback);
      this.#store.update({ error: { code: classified.code, fatal: false, detail: classified.message } });
    }
  }

  async #fail(error: unknown): Promise<void> {
    this.#attempt += 1;
    const classified = asVideoCallError(error);
    await this.#teardown();
    // Once the interview is over, that is what the user needs to see.
    if (this.#store.value.phase === 'ended') return;
    this.#store.update({
      phase: 'failed',
      participants: [],
      activeSpeakerId: null,
      error: { code: classified.code, fatal: true, detail: classified.message },
    });
  }

  readonly #onSessionChange = (event: SessionChangeEvent): void => {
    if (isOver(event.detail.view.status)) void this.#end();
  };

  /** The interview is over: the call ends for good, and camera and microphone go off now. */
  async #end(): Promise<void> {
    if (this.#store.value.phase === 'ended') return;
    this.#attempt += 1;
    this.#store.update({ phase: 'ended', participants: [], activeSpeakerId: null, error: null });
    await this.#teardown();
  }

  async #teardown(): Promise<void> {
    this.#stopWatchingDevices?.();
    this.#stopWatchingDevices = undefined;
    const engine = this.#engine;
    this.#engine = undefined;
    await engine?.disconnect().catch(() => {});
  }
}

/** `selected` with the remembered camera and microphone choices over it. */
function withChosenDevices(selected: Record<DeviceKind, string>): Record<DeviceKind, string> {
  const { cameraId, microphoneId } = readDeviceChoice();
  return { ...selected, ...(cameraId && { videoinput: cameraId }), ...(microphoneId && { audioinput: microphoneId }) };
}

/** Errors of our own server's API, in the call's terms; a 503 there means the video service is unavailable. */
function serverError(error: unknown): VideoCallError {
  if (error instanceof ProblemError && error.status === 503) {
    return new VideoCallError('media-server-unreachable', error.message, { cause: error });
  }
  return asVideoCallError(error);
}
