import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { isOver, SessionController, type InterviewSession } from '@interview-kit/core';
import { VideoCall, type VideoModePreference } from '../call/call.js';
import type { LiveKitModule } from '../call/livekit.js';
import { INITIAL_CALL_STATE, localParticipant, type CallParticipant, type DeviceKind, type VideoCallState } from '../call/state.js';
import { VideoErrorEvent, VideoJoinEvent, VideoLeaveEvent } from '../events.js';
import { mediaTrack } from './media-track.directive.js';
import { VIDEO_STRINGS_EN, type VideoStrings } from './video.strings.js';
import { videoStyles } from './video.styles.js';

export type VideoLayout = 'grid' | 'speaker';

/** One picture on the stage: a participant's camera (or avatar), or a screen they share. */
interface Tile {
  key: string;
  participant: CallParticipant;
  screen: boolean;
}

const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
const canShareScreen = typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/**
 * @summary The interview's video call: participant tiles, a local preview, microphone, camera
 * and screen-share toggles, device selection, grid and speaker layouts.
 *
 * With a LiveKit server configured on the reference server, the call runs through LiveKit
 * (multi-party, TURN, recording-ready; livekit-client is loaded only when the call is joined).
 * Without one, the two participants of a 1:1 interview are connected directly (peer-to-peer
 * WebRTC, signaled through the reference server); a third participant is told that more than two
 * need LiveKit. Observers never publish media.
 *
 * The element needs an {@link InterviewSession}: the `session` property, or the session an
 * `<interview-room>` provides. All call logic lives in {@link VideoCall} (`call`); the element
 * renders its state.
 *
 * When the interview is over (the session's view says ended or cancelled), the element leaves
 * the call at once, turns camera and microphone off, and says so instead of offering to join;
 * before the start (the lobby) joining is allowed. Camera and microphone are the ones chosen in
 * `<interview-device-check>` (remembered in `localStorage`), or the defaults when those are gone.
 *
 * Tiles show the name, a muted indicator, a connection-quality indicator and a ring around the
 * active speaker. Errors (blocked camera, no devices, unreachable media server, expired access,
 * full call) are shown with what to do about them, and announced; so are joins, leaves and
 * reconnections.
 *
 * @attr layout - `grid` (default): equal tiles; `speaker`: the active speaker (or a shared screen) large, the others in a strip.
 * @attr mode - `auto` (default): LiveKit when the server has it, else peer-to-peer; `livekit` or `p2p` force one.
 * @attr autojoin - Joins as soon as a session is available, instead of waiting for the Join button.
 *
 * @event interview-video-join - {@link VideoJoinEvent}: joined; `detail.mode` is `livekit` or `p2p`.
 * @event interview-video-leave - {@link VideoLeaveEvent}: left the call (also when the interview ended).
 * @event interview-video-error - {@link VideoErrorEvent}: `detail.code`, `detail.fatal`, `detail.message`.
 *
 * @csspart base - The whole element.
 * @csspart stage - The area holding the tiles.
 * @csspart tile - One participant's (or one screen share's) tile.
 * @csspart tile-local - Added to the local participant's tiles.
 * @csspart tile-speaking - Added to the active speaker's tile.
 * @csspart video - A tile's video.
 * @csspart avatar - The initials shown while a camera is off.
 * @csspart caption - A tile's caption (name and indicators).
 * @csspart muted - The muted-microphone indicator.
 * @csspart quality - The connection-quality indicator.
 * @csspart controls - The row of call controls.
 * @csspart button - Every button.
 * @csspart devices - The device selection panel.
 * @csspart message - Join prompt, connecting and waiting messages, and the interview-ended notice.
 * @csspart error - The error banner.
 *
 * @cssproperty --interview-font-family - Font.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Secondary text.
 * @cssproperty --interview-color-surface - Background of controls and panels.
 * @cssproperty --interview-color-border - Borders.
 * @cssproperty --interview-color-accent - Pressed toggles, focus rings, the speaking ring.
 * @cssproperty --interview-color-on-accent - Text on accent backgrounds.
 * @cssproperty --interview-color-danger - Errors, the Leave button and muted indicators.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing.
 * @cssproperty --interview-video-tile-background - Background of a tile without video.
 * @cssproperty --interview-video-tile-min-width - Smallest tile width in the grid layout (default 12rem).
 */
export class InterviewVideo extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = videoStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  @property({ reflect: true }) layout: VideoLayout = 'grid';

  @property() mode: VideoModePreference = 'auto';

  @property({ type: Boolean }) autojoin = false;

  /** ICE servers for peer-to-peer mode (e.g. your TURN server), instead of the ones the server hands out. */
  @property({ attribute: false }) iceServers: RTCIceServer[] | undefined;

  /** Translations: any subset of {@link VideoStrings}; English for the rest. */
  @property({ attribute: false }) strings: Partial<VideoStrings> = {};

  /** Loads livekit-client; replace it to serve the SDK from elsewhere. */
  @property({ attribute: false }) loadLiveKit: (() => Promise<LiveKitModule>) | undefined;

  @state() private callState: VideoCallState = INITIAL_CALL_STATE;
  @state() private devicesOpen = false;
  @state() private announcement = '';

  #call: VideoCall | undefined;
  #callSession: InterviewSession | undefined;
  #unsubscribe: (() => void) | undefined;
  /** The leaving of a replaced call, which a new join waits for. */
  #leaving: Promise<void> = Promise.resolve();

  constructor() {
    super();
    new SessionController(this, {
      bind: (session, cleanup) => {
        if (session !== this.#callSession) this.#dropCall();
        this.#callSession = session;
        if (this.autojoin) void this.join();
        // Leaving the page area must not keep the camera on; another session means another call.
        cleanup.add(() => (this.session === session ? void this.leave() : this.#dropCall()));
      },
    });
  }

  /** The call behind the element, once there is a session. */
  get call(): VideoCall | undefined {
    return this.#call;
  }

  /** The call's current state. */
  get state(): VideoCallState {
    return this.callState;
  }

  get #t(): VideoStrings {
    return { ...VIDEO_STRINGS_EN, ...this.strings };
  }

  /** Joins the call (what the Join button does). */
  async join(): Promise<void> {
    await this.#leaving;
    await this.#ensureCall()?.join();
  }

  /** Leaves the call and releases camera and microphone. */
  async leave(): Promise<void> {
    const call = this.#call;
    if (!call) return;
    const wasIn = this.callState.phase !== 'idle' && this.callState.phase !== 'disconnected' && this.callState.phase !== 'ended';
    await call.leave();
    if (wasIn) this.dispatchEvent(new VideoLeaveEvent());
  }

  protected override updated(): void {
    const sink = this.callState.selectedDevices.audiooutput;
    if (!canChooseSpeaker || !sink) return;
    for (const audio of this.renderRoot.querySelectorAll('audio')) {
      const element = audio as HTMLAudioElement & { sinkId?: string; setSinkId?(id: string): Promise<void> };
      if (element.sinkId !== sink) void element.setSinkId?.(sink).catch(() => {});
    }
  }

  /** Whether the interview is over, so that no call can be joined. */
  get #over(): boolean {
    const status = this.session?.view?.status;
    return this.callState.phase === 'ended' || (status !== undefined && isOver(status));
  }

  /** Lets go of the call of the session before. */
  #dropCall(): void {
    const old = this.#call;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#call = undefined;
    this.#callSession = undefined;
    this.callState = INITIAL_CALL_STATE;
    if (old) this.#leaving = this.#leaving.then(() => old.dispose()).catch(() => {});
  }

  #ensureCall(): VideoCall | undefined {
    if (this.#call || !this.session) return this.#call;
    const call = new VideoCall(this.session, {
      mode: this.mode,
      ...(this.iceServers && { iceServers: this.iceServers }),
      ...(this.loadLiveKit && { loadLiveKit: this.loadLiveKit }),
    });
    this.#call = call;
    this.#callSession = this.session;
    this.callState = call.state.value;
    this.#unsubscribe = call.state.subscribe((next) => this.#onState(next));
    return call;
  }

  #onState(next: VideoCallState): void {
    const previous = this.callState;
    this.callState = next;
    const t = this.#t;
    if (next.phase !== previous.phase) {
      if (next.phase === 'connected' && previous.phase === 'connecting' && next.mode) {
        this.announcement = t.joinedAnnouncement(next.mode);
        this.dispatchEvent(new VideoJoinEvent({ mode: next.mode }));
      } else if (next.phase === 'reconnecting') {
        this.announcement = t.reconnectingAnnouncement;
      } else if (next.phase === 'connected' && previous.phase === 'reconnecting') {
        this.announcement = t.reconnectedAnnouncement;
      } else if (next.phase === 'ended' && previous.phase !== 'idle' && previous.phase !== 'disconnected' && previous.phase !== 'failed') {
        this.announcement = t.endedAnnouncement;
        this.dispatchEvent(new VideoLeaveEvent());
      }
    } else if (next.participants !== previous.participants) {
      const before = new Map(previous.participants.map((participant) => [participant.id, participant]));
      const after = new Map(next.participants.map((participant) => [participant.id, participant]));
      const joined = next.participants.find((participant) => !before.has(participant.id) && !participant.isLocal);
      const left = previous.participants.find((participant) => !after.has(participant.id) && !participant.isLocal);
      if (joined) this.announcement = t.participantJoined(joined.name);
      else if (left) this.announcement = t.participantLeft(left.name);
    }
    if (next.error && next.error !== previous.error) {
      this.dispatchEvent(new VideoErrorEvent({ code: next.error.code, fatal: next.error.fatal, message: t.errors[next.error.code] }));
    }
  }

  protected override render(): TemplateResult {
    const { phase } = this.callState;
    const inCall = phase === 'connected' || phase === 'reconnecting';
    return html`
      <section part="base" class="base" aria-label=${this.#t.region} aria-busy=${phase === 'connecting' ? 'true' : 'false'}>
        ${this.#renderError()}
        ${inCall ? this.#renderStage() : this.#over ? this.#renderEnded() : this.#renderLobby()}
        ${inCall ? this.#renderControls() : nothing}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${repeat(
          this.callState.participants.filter((participant) => participant.audioTrack),
          (participant) => participant.id,
          (participant) => html`<audio autoplay ${mediaTrack(participant.audioTrack)}></audio>`,
        )}
      </section>
    `;
  }

  #renderLobby(): TemplateResult {
    const t = this.#t;
    const { phase, error } = this.callState;
    if (phase === 'connecting') return html`<p part="message" class="message">${t.connecting}</p>`;
    const observer = this.session?.view?.viewer.role === 'observer';
    const prompt = phase === 'disconnected' ? t.left : observer ? t.observerJoinPrompt : t.joinPrompt;
    return html`
      <div part="message" class="message lobby">
        ${error?.fatal ? nothing : html`<p>${prompt}</p>`}
        <button part="button" class="primary" ?disabled=${!this.session} @click=${() => this.join()}>
          ${error?.fatal ? t.retry : t.join}
        </button>
      </div>
    `;
  }

  #renderEnded(): TemplateResult {
    const t = this.#t;
    return html`<p part="message" class="message ended">${this.session?.view?.status === 'cancelled' ? t.cancelled : t.ended}</p>`;
  }

  #renderError(): TemplateResult | typeof nothing {
    const error = this.callState.error;
    if (!error) return nothing;
    const t = this.#t;
    const retry = error.fatal ? undefined : () => this.#retryPublishing();
    return html`
      <div part="error" class="error" role="alert">
        <p>${t.errors[error.code]}</p>
        ${retry && error.code !== 'token-expired'
          ? html`<div class="actions">
              <button part="button" @click=${retry}>${t.retry}</button>
              <button part="button" @click=${() => this.#call?.dismissError()}>${t.dismiss}</button>
            </div>`
          : nothing}
      </div>
    `;
  }

  async #retryPublishing(): Promise<void> {
    const call = this.#call;
    const self = localParticipant(this.callState);
    if (!call || !self) return;
    call.dismissError();
    if (!self.microphoneEnabled) await call.toggleMicrophone();
    if (!self.cameraEnabled) await call.toggleCamera();
  }

  #tiles(): Tile[] {
    const tiles: Tile[] = [];
    for (const participant of this.callState.participants) {
      tiles.push({ key: `${participant.id}:camera`, participant, screen: false });
      if (participant.screenSharing) tiles.push({ key: `${participant.id}:screen`, participant, screen: true });
    }
    return tiles;
  }

  #renderStage(): TemplateResult {
    const t = this.#t;
    const tiles = this.#tiles();
    const alone = this.callState.participants.every((participant) => participant.isLocal);
    if (this.layout === 'speaker' && tiles.length > 1) {
      // A shared screen takes the stage; else the active speaker; else the first remote participant.
      const featured =
        tiles.find((tile) => tile.screen && !tile.participant.isLocal) ??
        tiles.find((tile) => tile.screen) ??
        tiles.find((tile) => !tile.screen && tile.participant.id === this.callState.activeSpeakerId && !tile.participant.isLocal) ??
        tiles.find((tile) => !tile.participant.isLocal) ??
        tiles[0]!;
      const rest = tiles.filter((tile) => tile !== featured);
      return html`
        <div part="stage" class="stage speaker">
          <div class="featured">${this.#renderTile(featured)}</div>
          <div class="strip">${repeat(rest, (tile) => tile.key, (tile) => this.#renderTile(tile))}</div>
        </div>
      `;
    }
    return html`
      <div part="stage" class="stage grid">
        ${repeat(tiles, (tile) => tile.key, (tile) => this.#renderTile(tile))}
      </div>
      ${alone ? html`<p part="message" class="message waiting">${t.waitingForOthers}</p>` : nothing}
      ${this.callState.phase === 'reconnecting' ? html`<p part="message" class="message reconnecting">${t.reconnecting}</p>` : nothing}
    `;
  }

  #renderTile({ participant, screen }: Tile): TemplateResult {
    const t = this.#t;
    const speaking = !screen && participant.id === this.callState.activeSpeakerId && participant.speaking;
    const track = screen ? participant.screenTrack : participant.cameraTrack;
    const name = participant.isLocal ? t.you(participant.name) : participant.name;
    const title = screen ? t.screenOf(name) : name;
    const quality = t.quality[participant.connectionQuality];
    const parts = ['tile', participant.isLocal ? 'tile-local' : '', speaking ? 'tile-speaking' : ''].filter(Boolean).join(' ');
    const label = screen ? title : t.tileLabel({ name, muted: !participant.microphoneEnabled, speaking, quality });
    return html`
      <figure
        part=${parts}
        class="tile ${speaking ? 'speaking' : ''} ${participant.isLocal && !screen ? 'mirrored' : ''}"
        aria-label=${label}
        data-participant=${participant.id}
      >
        ${track
          ? html`<video part="video" autoplay playsinline muted ${mediaTrack(track)}></video>`
          : html`<div part="avatar" class="avatar" aria-hidden="true"><span>${initials(participant.name)}</span></div>`}
        <figcaption part="caption" class="caption" aria-hidden="true">
          <span class="name">${title}</span>
          ${!screen && !participant.microphoneEnabled ? html`<span part="muted" class="muted" title=${t.muted}>${t.muted}</span>` : nothing}
          ${!screen && !participant.cameraEnabled ? html`<span class="camera-off">${t.cameraOff}</span>` : nothing}
          ${!screen ? html`<span part="quality" class="quality" data-quality=${participant.connectionQuality} title=${quality}>
                <i></i><i></i><i></i>
              </span>` : nothing}
        </figcaption>
      </figure>
    `;
  }

  #renderControls(): TemplateResult {
    const t = this.#t;
    const self = localParticipant(this.callState);
    const call = this.#call;
    const publish = this.callState.canPublish;
    return html`
      <div part="controls" class="controls" role="group" aria-label=${t.controls}>
        ${publish
          ? html`
              <button part="button" class="toggle" aria-pressed=${String(!!self?.microphoneEnabled)} @click=${() => call?.toggleMicrophone()}>
                ${t.microphone}
              </button>
              <button part="button" class="toggle" aria-pressed=${String(!!self?.cameraEnabled)} @click=${() => call?.toggleCamera()}>
                ${t.camera}
              </button>
              ${canShareScreen
                ? html`<button part="button" class="toggle" aria-pressed=${String(!!self?.screenSharing)} @click=${() => call?.toggleScreenShare()}>
                    ${t.screenShare}
                  </button>`
                : nothing}
            `
          : html`<span class="note">${t.observerNote}</span>`}
        <button
          part="button"
          class="toggle"
          aria-pressed=${String(this.layout === 'speaker')}
          @click=${() => (this.layout = this.layout === 'speaker' ? 'grid' : 'speaker')}
        >
          ${t.speakerLayout}
        </button>
        <button
          part="button"
          aria-expanded=${String(this.devicesOpen)}
          aria-controls="devices"
          @click=${() => {
            this.devicesOpen = !this.devicesOpen;
            if (this.devicesOpen) void call?.refreshDevices();
          }}
        >
          ${t.devices}
        </button>
        <button part="button" class="danger" @click=${() => this.leave()}>${t.leave}</button>
      </div>
      <div part="devices" id="devices" class="devices" ?hidden=${!this.devicesOpen}>
        ${publish ? this.#renderDeviceSelect('videoinput', t.cameraDevice) : nothing}
        ${publish ? this.#renderDeviceSelect('audioinput', t.microphoneDevice) : nothing}
        ${canChooseSpeaker ? this.#renderDeviceSelect('audiooutput', t.speakerDevice) : nothing}
      </div>
    `;
  }

  #renderDeviceSelect(kind: DeviceKind, label: string): TemplateResult {
    const devices = this.callState.devices[kind];
    const selected = this.callState.selectedDevices[kind];
    return html`
      <label>
        <span>${label}</span>
        <select
          ?disabled=${devices.length === 0}
          @change=${(event: Event) => this.#call?.selectDevice(kind, (event.target as HTMLSelectElement).value)}
        >
          ${devices.map((device) => html`<option value=${device.deviceId} ?selected=${device.deviceId === selected}>${device.label}</option>`)}
        </select>
      </label>
    `;
  }
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
