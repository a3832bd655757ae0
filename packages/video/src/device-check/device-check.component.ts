import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { LocaleController, type PartialStrings } from '@interview-kit/core';
import type { DeviceOption } from '../call/state.js';
import { DeviceChangeEvent } from '../events.js';
import { mediaTrack } from '../video/media-track.directive.js';
import { DeviceCheck, INITIAL_DEVICE_CHECK_STATE, type DeviceCheckState, type DeviceProblem } from './device-check-model.js';
import { DEVICE_CHECK_LOCALES, type DeviceCheckStrings, type DeviceProblemScope } from './device-check.strings.js';
import { deviceCheckStyles } from './device-check.styles.js';

/**
 * @summary A camera and microphone check for the lobby: a camera preview, a microphone level
 * meter, and camera and microphone pickers.
 *
 * The element opens the camera and microphone when the participant presses its start button (or
 * at once with `autostart`), each on its own so that a missing camera does not silence the
 * microphone check. The pickers list the browser's devices (their names appear once access was
 * granted). A choice is remembered in `localStorage` (`interview-kit:media-devices`), and
 * `<interview-video>` captures from the chosen devices when it joins, or from the defaults when
 * they are gone. When access is blocked or no device exists, the element says so and what to do,
 * with a way to try again.
 *
 * Camera and microphone stay on only while the element is in the page: removing it (or the
 * "turn off" button) stops every track. It needs no session. All logic lives in the
 * framework-free `DeviceCheck` (`check`).
 *
 * The level meter is a `role="meter"` (0–100, `aria-valuenow`), read from a WebAudio
 * `AnalyserNode`.
 *
 * Colours come from the shared theme tokens only, light and dark: the element follows the
 * `color-scheme` around it (inside `<interview-video>` or the room, theirs), or its own `theme`
 * attribute. The preview's frame stays dark in both schemes.
 *
 * @attr autostart - Opens camera and microphone as soon as the element is in the page, instead of waiting for the start button.
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); without it, the inherited `color-scheme`.
 *
 * @fires {DeviceChangeEvent} interview-device-change - Another camera or microphone was picked; `detail.cameraId`, `detail.microphoneId`.
 *
 * @csspart base - The whole element.
 * @csspart preview - The camera preview's frame.
 * @csspart video - The camera preview.
 * @csspart meter - The microphone level meter.
 * @csspart meter-level - The filled part of the meter.
 * @csspart devices - The camera and microphone pickers.
 * @csspart select - Each picker.
 * @csspart button - Every button.
 * @csspart message - The start prompt and the opening message.
 * @csspart error - A message about a blocked or missing device.
 *
 * @cssproperty --interview-font-family - Font.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Secondary text.
 * @cssproperty --interview-color-surface - Background of buttons and pickers.
 * @cssproperty --interview-color-border - Borders, and the meter's empty track.
 * @cssproperty --interview-color-accent - The start button, focus rings and the meter's level.
 * @cssproperty --interview-color-on-accent - Text on the start button.
 * @cssproperty --interview-color-danger - Device problems.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing.
 * @cssproperty --interview-video-tile-background - Background of the preview without a picture.
 * @cssproperty --interview-device-check-preview-width - Largest preview width (default 24rem).
 * @cssproperty --interview-device-check-meter-color - The meter's level (default: the accent colour).
 */
export class InterviewDeviceCheck extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = deviceCheckStyles;

  /** Opens camera and microphone as soon as the element is in the page, instead of waiting for the start button. */
  @property({ type: Boolean }) autostart = false;

  /**
   * The host page's strings: any subset of {@link DeviceCheckStrings}, over the table of the element's
   * language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false }) strings: PartialStrings<DeviceCheckStrings> = {};

  readonly #locale = new LocaleController(this, DEVICE_CHECK_LOCALES, { strings: () => this.strings });

  @state() private checkState: DeviceCheckState = INITIAL_DEVICE_CHECK_STATE;

  readonly #check = new DeviceCheck();
  #unsubscribe: (() => void) | undefined;

  /** The check behind the element. */
  get check(): DeviceCheck {
    return this.#check;
  }

  /** The check's current state. */
  get state(): DeviceCheckState {
    return this.checkState;
  }

  get #t(): DeviceCheckStrings {
    return this.#locale.strings;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.#check.state.subscribe((next) => (this.checkState = next));
    this.checkState = this.#check.state.value;
    if (this.autostart) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#check.stop();
  }

  /** Opens camera and microphone (what the start button does). */
  start(): Promise<void> {
    return this.#check.start();
  }

  /** Turns camera and microphone off. */
  stop(): void {
    this.#check.stop();
  }

  async #retry(): Promise<void> {
    this.#check.stop();
    await this.#check.start();
  }

  async #pick(kind: 'camera' | 'microphone', deviceId: string): Promise<void> {
    const choice = kind === 'camera' ? await this.#check.selectCamera(deviceId) : await this.#check.selectMicrophone(deviceId);
    this.dispatchEvent(new DeviceChangeEvent(choice));
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const { phase } = this.checkState;
    return html`
      <section part="base" class="base" aria-label=${t.region} aria-busy=${phase === 'starting' ? 'true' : 'false'}>
        ${phase === 'idle'
          ? html`<p part="message" class="message">${t.prompt}</p>
              <button part="button" class="primary" @click=${() => this.start()}>${t.start}</button>`
          : this.#renderCheck()}
      </section>
    `;
  }

  #renderCheck(): TemplateResult {
    const t = this.#t;
    const { phase, cameraTrack, level, cameras, microphones, cameraId, microphoneId } = this.checkState;
    const percent = Math.round(level * 100);
    return html`
      ${phase === 'starting' ? html`<p part="message" class="message" role="status">${t.starting}</p>` : nothing}
      ${this.#renderProblems()}
      <div part="preview" class="preview">
        ${cameraTrack
          ? html`<video part="video" aria-label=${t.preview} autoplay playsinline muted ${mediaTrack(cameraTrack)}></video>`
          : html`<span>${t.noPreview}</span>`}
      </div>
      <div class="meter">
        <span id="level-label">${t.level}</span>
        <div
          part="meter"
          class="track"
          role="meter"
          aria-labelledby="level-label"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${percent}
        >
          <div part="meter-level" class="level" style=${styleMap({ width: `${percent}%` })}></div>
        </div>
      </div>
      <div part="devices" class="devices">
        ${this.#renderPicker('camera', t.camera, cameras, cameraId)} ${this.#renderPicker('microphone', t.microphone, microphones, microphoneId)}
      </div>
      <div class="actions">
        <button part="button" @click=${() => this.stop()}>${t.stop}</button>
      </div>
    `;
  }

  #renderProblems(): TemplateResult | typeof nothing {
    const { cameraProblem, microphoneProblem } = this.checkState;
    const messages: [DeviceProblemScope, DeviceProblem][] =
      cameraProblem && cameraProblem === microphoneProblem
        ? [['both', cameraProblem]]
        : [
            ...(cameraProblem ? [['camera', cameraProblem] as [DeviceProblemScope, DeviceProblem]] : []),
            ...(microphoneProblem ? [['microphone', microphoneProblem] as [DeviceProblemScope, DeviceProblem]] : []),
          ];
    if (!messages.length) return nothing;
    const t = this.#t;
    return html`
      <div part="error" class="error" role="alert">
        ${messages.map(([scope, problem]) => html`<p>${t.problem(scope, problem)}</p>`)}
        <div class="actions"><button part="button" @click=${() => this.#retry()}>${t.retry}</button></div>
      </div>
    `;
  }

  #renderPicker(kind: 'camera' | 'microphone', label: string, devices: DeviceOption[], selected: string): TemplateResult {
    return html`
      <label>
        <span>${label}</span>
        <select
          part="select"
          ?disabled=${devices.length === 0}
          @change=${(event: Event) => this.#pick(kind, (event.target as HTMLSelectElement).value)}
        >
          ${devices.map((device) => html`<option value=${device.deviceId} ?selected=${device.deviceId === selected}>${device.label}</option>`)}
        </select>
      </label>
    `;
  }
}
