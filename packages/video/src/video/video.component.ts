import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { isOver, LocaleController, SessionController, type InterviewSession, type PartialStrings } from '@interview-kit/core';
import { VideoCall, type VideoModePreference } from '../call/call.js';
import type { LiveKitModule } from '../call/livekit.js';
import { callControls, type CallControl, type CallControlKind } from '../call/controls.js';
import { arrangeStage, type StageTile, type VideoLayout } from '../call/stage.js';
import { INITIAL_CALL_STATE, localParticipant, type DeviceKind, type VideoCallState } from '../call/state.js';
import '../device-check/device-check.js';
import { VideoErrorEvent, VideoJoinEvent, VideoLeaveEvent } from '../events.js';
import { icon, type IconName } from './icons.js';
import { mediaTrack } from './media-track.directive.js';
import { VIDEO_LOCALES, type VideoStrings } from './video.strings.js';
import { videoStyles } from './video.styles.js';

/** The toggles of the controls row: the string of their name, their icon when on and off, and what they do. */
const TOGGLES: Record<
  Exclude<CallControlKind, 'devices' | 'leave'>,
  [name: 'microphone' | 'camera' | 'screenShare' | 'speakerLayout', on: IconName, off: IconName, toggle: (video: InterviewVideo) => unknown]
> = {
  microphone: ['microphone', 'microphone', 'microphone-off', (video) => video.call?.toggleMicrophone()],
  camera: ['camera', 'camera', 'camera-off', (video) => video.call?.toggleCamera()],
  'screen-share': ['screenShare', 'screen-share', 'screen-share', (video) => video.call?.toggleScreenShare()],
  'speaker-layout': ['speakerLayout', 'speaker-layout', 'speaker-layout', (video) => (video.layout = video.layout === 'speaker' ? 'grid' : 'speaker')],
};

const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
const canShareScreen = typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/**
 * @summary The interview's video call: the others large and your own picture small in their corner,
 * one row of icon buttons (microphone, camera, screen share, device settings, leave), a compact
 * pre-join panel with a device check, grid and speaker layouts, light and dark.
 *
 * With a LiveKit server configured on the reference server, the call runs through LiveKit
 * (multi-party, TURN, recording-ready; livekit-client is loaded only when the call is joined).
 * Without one, the two participants of a 1:1 interview are connected directly (peer-to-peer
 * WebRTC, signaled through the reference server); a third participant is told that more than two
 * need LiveKit. Observers never publish media.
 *
 * The element needs an `InterviewSession`: the `session` property, or the session an
 * `<interview-room>` provides. All call logic lives in `VideoCall` (`call`); the element
 * renders its state.
 *
 * When the interview is over (the session's view says ended or cancelled), the element leaves
 * the call at once, turns camera and microphone off, and says so instead of offering to join;
 * before the start (the lobby) joining is allowed. Camera and microphone are the ones chosen in
 * `<interview-device-check>` (remembered in `localStorage`), or the defaults when those are gone.
 *
 * **Stage.** Everyone else is shown large; your own camera is small, over the top corner of the
 * others (picture-in-picture), where it hides none of their captions. With nobody else in the
 * call your own tile is shown alone, the whole width. `layout` arranges the others: `grid` (the
 * default) gives them equal tiles, `speaker` shows the active speaker (or a shared screen) large
 * and the rest as thumbnails; with a single other person both look the same, so the speaker-view
 * switch only appears with two or more. The arrangement is `arrangeStage`'s.
 *
 * Tiles show the name, a muted indicator, a camera-off indicator, a connection-quality indicator
 * and a ring around the active speaker; your own small tile only says "You" and whether you are
 * muted.
 *
 * **Controls.** One row of round icon buttons (inline SVG) that never wraps, and fits a 20rem
 * rail: microphone, camera, screen share (where the browser can share), speaker view (see
 * above), device settings, leave. Each has an accessible name and a tooltip (`title`) that says
 * whether it is on; the toggles carry `aria-pressed`, device settings `aria-expanded`. A camera or
 * microphone that is off shows a struck-through icon in the danger colour. Which controls appear
 * is `callControls`'s.
 *
 * **Before joining** (and after leaving), a compact panel: the tile your picture will be in, with
 * your name, the Join button and a "Check devices" link that opens `<interview-device-check>` in
 * place of the tile (it lets go of camera and microphone when you join). Observers get no device
 * check: they do not publish.
 *
 * **Theme.** Only the shared theme tokens (light and dark, see core's `themeTokens`): the element
 * follows the `color-scheme` around it, or its own `theme` attribute (`light`, `dark`, `auto`).
 * Tiles stay dark in both schemes, as a picture's backdrop.
 *
 * Errors (blocked camera, no devices, unreachable media server, expired access, full call) are
 * shown with what to do about them, and announced; so are joins, leaves and reconnections.
 *
 * @attr layout - How the others are arranged (your own tile is small in the corner in both): `grid` (default), equal tiles; `speaker`, the active speaker (or a shared screen) large, the others as thumbnails.
 * @attr mode - `auto` (default): LiveKit when the server has it, else peer-to-peer; `livekit` or `p2p` force one.
 * @attr autojoin - Joins as soon as a session is available, instead of waiting for the Join button.
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); without it, the inherited `color-scheme`.
 *
 * @fires {VideoJoinEvent} interview-video-join - Joined; `detail.mode` is `livekit` or `p2p`.
 * @fires {VideoLeaveEvent} interview-video-leave - Left the call (also when the interview ended).
 * @fires {VideoErrorEvent} interview-video-error - `detail.code`, `detail.fatal`, `detail.message`.
 *
 * @csspart base - The whole element.
 * @csspart stage - The area holding the tiles.
 * @csspart pip - The corner holding your own small tile, over the others.
 * @csspart tile - One participant's (or one screen share's) tile.
 * @csspart tile-local - Added to the local participant's tiles.
 * @csspart tile-speaking - Added to the active speaker's tile.
 * @csspart video - A tile's video.
 * @csspart avatar - The initials shown while a camera is off (and in the pre-join preview).
 * @csspart caption - A tile's caption (name and indicators).
 * @csspart muted - The muted-microphone indicator.
 * @csspart quality - The connection-quality indicator.
 * @csspart controls - The row of call controls.
 * @csspart button - Every button.
 * @csspart control - Each icon button of the controls row (its `data-control` says which: `microphone`, `camera`, `screen-share`, `speaker-layout`, `devices`, `leave`).
 * @csspart icon - Each button's icon.
 * @csspart devices - The device selection panel.
 * @csspart prejoin - The panel shown before joining.
 * @csspart preview - The pre-join panel's tile (or the device check, once opened).
 * @csspart join - The Join button.
 * @csspart device-check-link - The pre-join panel's "Check devices" link.
 * @csspart message - Join prompt, connecting and waiting messages, and the interview-ended notice.
 * @csspart error - The error banner.
 *
 * @cssproperty --interview-font-family - Font.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Secondary text.
 * @cssproperty --interview-color-surface - Background of buttons and pickers.
 * @cssproperty --interview-color-surface-raised - Background of the control buttons.
 * @cssproperty --interview-color-border - Borders.
 * @cssproperty --interview-color-accent - Pressed toggles, links, focus rings, the speaking ring.
 * @cssproperty --interview-color-on-accent - Text and icons on accent and danger backgrounds.
 * @cssproperty --interview-color-danger - Errors, the Leave button, a camera or microphone that is off, muted indicators.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing.
 * @cssproperty --interview-video-tile-background - Background of a tile without video (dark in both schemes by default).
 * @cssproperty --interview-video-pip-width - Width of your own small tile (default 30% of the stage, between 5.5rem and 10rem).
 * @cssproperty --interview-video-prejoin-max-width - Largest width of the pre-join panel (default 36rem).
 * @cssproperty --interview-video-tile-min-width - Smallest tile width in the grid layout (default 12rem).
 */
export class InterviewVideo extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = videoStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** How the others are arranged; your own tile is small in their corner in every layout. */
  @property({ reflect: true }) layout: VideoLayout = 'grid';

  /** `auto`: LiveKit when the server has it, else peer-to-peer; `livekit` or `p2p` force one. */
  @property() mode: VideoModePreference = 'auto';

  /** Joins as soon as a session is available, instead of waiting for the Join button. */
  @property({ type: Boolean }) autojoin = false;

  /** ICE servers for peer-to-peer mode (e.g. your TURN server), instead of the ones the server hands out. */
  @property({ attribute: false }) iceServers: RTCIceServer[] | undefined;

  /**
   * The host page's strings: any subset of {@link VideoStrings}, over the table of the element's
   * language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false }) strings: PartialStrings<VideoStrings> = {};

  readonly #locale = new LocaleController(this, VIDEO_LOCALES, { strings: () => this.strings });

  /** Loads livekit-client; replace it to serve the SDK from elsewhere. */
  @property({ attribute: false }) loadLiveKit: (() => Promise<LiveKitModule>) | undefined;

  @state() private callState: VideoCallState = INITIAL_CALL_STATE;
  @state() private devicesOpen = false;
  @state() private deviceCheckOpen = false;
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
    return this.#locale.strings;
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
        ${inCall ? this.#renderStage() : this.#over ? this.#renderEnded() : this.#renderPrejoin()}
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

  /** Before joining (and after leaving): where your picture will be, the Join button and the device check. */
  #renderPrejoin(): TemplateResult {
    const t = this.#t;
    const { phase, error } = this.callState;
    const view = this.session?.view;
    const connecting = phase === 'connecting';
    const publishes = !view || (view.viewer.role !== 'observer' && view.viewer.role !== 'host');
    const name = view?.participants.find((participant) => participant.id === view.viewer.participantId)?.name ?? '';
    const prompt = connecting ? t.connecting : phase === 'disconnected' ? t.left : publishes ? t.joinPrompt : t.observerJoinPrompt;
    const checking = publishes && this.deviceCheckOpen;
    return html`
      <div part="prejoin" class="prejoin">
        <div part="preview" id="preview" class="preview">
          ${checking
            ? html`<interview-device-check autostart></interview-device-check>`
            : html`<div class="tile" aria-hidden="true">
                <div part="avatar" class="avatar"><span>${initials(name)}</span></div>
                <div part="caption" class="caption">
                  <span class="name">${name ? t.you(name) : t.youShort}</span>
                  ${publishes ? html`<span class="badge">${icon('camera-off')}</span>` : nothing}
                </div>
              </div>`}
        </div>
        ${error?.fatal ? nothing : html`<p part="message" class="message">${prompt}</p>`}
        <div class="prejoin-actions">
          <button part="button join" class="primary join" ?disabled=${!this.session || connecting} @click=${() => this.#joinFromPanel()}>
            ${icon('camera')}<span>${error?.fatal ? t.retry : t.join}</span>
          </button>
          ${publishes
            ? html`<button
                part="button device-check-link"
                class="link"
                aria-expanded=${String(checking)}
                aria-controls="preview"
                title=${t.checkDevicesTitle}
                @click=${() => (this.deviceCheckOpen = !this.deviceCheckOpen)}
              >
                ${t.checkDevices}
              </button>`
            : nothing}
        </div>
      </div>
    `;
  }

  /** Joins from the pre-join panel, closing the device check first so that it lets go of the camera. */
  async #joinFromPanel(): Promise<void> {
    if (this.deviceCheckOpen) {
      this.deviceCheckOpen = false;
      await this.updateComplete;
    }
    await this.join();
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

  #renderStage(): TemplateResult {
    const t = this.#t;
    const { main, self, alone } = arrangeStage(this.callState, this.layout);
    const speaker = this.layout === 'speaker' && main.length > 1;
    const tiles = (list: StageTile[]) => repeat(list, (tile) => tile.key, (tile) => this.#renderTile(tile));
    return html`
      <div part="stage" class="stage ${speaker ? 'speaker' : 'grid'}">
        ${speaker
          ? html`<div class="featured">${this.#renderTile(main[0]!)}</div>
              <div class="strip">${tiles(main.slice(1))}</div>`
          : html`<div class="tiles">${tiles(main)}</div>`}
        ${self ? html`<div part="pip" class="pip">${this.#renderTile(self, true)}</div>` : nothing}
      </div>
      ${alone ? html`<p part="message" class="message waiting">${t.waitingForOthers}</p>` : nothing}
      ${this.callState.phase === 'reconnecting' ? html`<p part="message" class="message reconnecting">${t.reconnecting}</p>` : nothing}
      ${this.callState.canPublish ? nothing : html`<p part="message" class="message note">${t.observerNote}</p>`}
    `;
  }

  /** One tile; `small`: your own, in the corner, captioned only "You" and whether you are muted. */
  #renderTile({ participant, screen }: StageTile, small = false): TemplateResult {
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
          <span class="name">${small ? t.youShort : title}</span>
          ${!screen && !participant.microphoneEnabled ? html`<span part="muted" class="badge muted" title=${t.muted}>${icon('microphone-off')}</span>` : nothing}
          ${!screen && !small && !participant.cameraEnabled ? html`<span class="badge" title=${t.cameraOff}>${icon('camera-off')}</span>` : nothing}
          ${!screen && !small
            ? html`<span part="quality" class="quality" data-quality=${participant.connectionQuality} title=${quality}>
                <i></i><i></i><i></i>
              </span>`
            : nothing}
        </figcaption>
      </figure>
    `;
  }

  #renderControls(): TemplateResult {
    const t = this.#t;
    const publish = this.callState.canPublish;
    const controls = callControls(this.callState, { layout: this.layout, devicesOpen: this.devicesOpen, canShareScreen });
    return html`
      <div part="controls" class="controls" role="group" aria-label=${t.controls}>${controls.map((control) => this.#renderControl(control))}</div>
      <div part="devices" id="devices" class="devices" ?hidden=${!this.devicesOpen}>
        ${publish ? this.#renderDeviceSelect('videoinput', t.cameraDevice) : nothing}
        ${publish ? this.#renderDeviceSelect('audioinput', t.microphoneDevice) : nothing}
        ${canChooseSpeaker ? this.#renderDeviceSelect('audiooutput', t.speakerDevice) : nothing}
      </div>
    `;
  }

  /** One icon button of the controls row: named, with its state as `aria-pressed` (toggles) or `aria-expanded` (device settings), and a tooltip. */
  #renderControl({ kind, on }: CallControl): TemplateResult {
    const t = this.#t;
    const call = this.#call;
    switch (kind) {
      case 'devices':
        return html`<button
          part="button control"
          class="control"
          data-control=${kind}
          aria-label=${t.devices}
          title=${t.devices}
          aria-expanded=${String(on)}
          aria-controls="devices"
          @click=${() => {
            this.devicesOpen = !this.devicesOpen;
            if (this.devicesOpen) void call?.refreshDevices();
          }}
        >
          ${icon('devices')}
        </button>`;
      case 'leave':
        return html`<button part="button control" class="control" data-control=${kind} aria-label=${t.leave} title=${t.leaveTitle} @click=${() => this.leave()}>
          ${icon('leave')}
        </button>`;
      default: {
        const [name, onIcon, offIcon, toggle] = TOGGLES[kind];
        const label = t[name];
        return html`<button
          part="button control"
          class="control"
          data-control=${kind}
          aria-label=${label}
          title=${t.toggleTitle(label, on)}
          aria-pressed=${String(on)}
          @click=${() => toggle(this)}
        >
          ${icon(on ? onIcon : offIcon)}
        </button>`;
      }
    }
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
