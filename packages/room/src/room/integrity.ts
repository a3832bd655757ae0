import { html, nothing, type TemplateResult } from 'lit';
import {
  FocusWatch,
  INTEGRITY_DISCLOSURE_VERSION,
  ProblemError,
  SignalQueue,
  type ClientSignal,
  type Formats,
  type IntegrityConsent,
  type IntegritySignal,
  type InterviewSession,
  type SessionView,
} from '@interview-kit/core';
import type { RoomStrings } from './room.strings.js';

/**
 * The candidate's side of integrity signals: once consent is given, the editor's paste and
 * large-insertion events (bubbling up to `host`) and the window's focus losses go into a bounded
 * {@link SignalQueue} sent to the server. Nothing is captured before `start()`, which the room calls
 * only for a candidate of a session recording them who has consented.
 */
export class IntegrityCapture {
  readonly #queue: SignalQueue;
  #focus: FocusWatch | undefined;
  readonly #onInsertion = (event: Event) => this.#queue.add((event as CustomEvent<ClientSignal>).detail);

  constructor(
    session: InterviewSession,
    private readonly host: EventTarget,
    private readonly window: Pick<Window, 'addEventListener' | 'removeEventListener'> = globalThis.window,
    flushEveryMs?: number,
  ) {
    this.#queue = new SignalQueue({
      send: (signals) => session.client.sendSignals(session.sessionId, signals),
      // A refusal (no consent, ended, off) will not change by retrying; a rate limit or an outage may.
      isFinal: (error) => error instanceof ProblemError && error.status !== 429 && error.status < 500,
      ...(flushEveryMs ? { flushEveryMs } : {}),
    });
  }

  get started(): boolean {
    return this.#focus !== undefined;
  }

  start(): void {
    if (this.#focus) return;
    this.host.addEventListener('interview-insertion-signal', this.#onInsertion);
    this.#focus = new FocusWatch(this.window, (ms) => this.#queue.add({ kind: 'focus-lost', ms }));
    this.#queue.start();
  }

  /** Stops capturing and sends what is queued. */
  stop(): Promise<void> {
    if (!this.#focus) return Promise.resolve();
    this.host.removeEventListener('interview-insertion-signal', this.#onInsertion);
    this.#focus.stop();
    this.#focus = undefined;
    return this.#queue.stop();
  }
}

/** Gives the candidate's consent to the current disclosure text. */
export function giveConsent(session: InterviewSession): Promise<IntegrityConsent> {
  return session.client.giveIntegrityConsent(session.sessionId, INTEGRITY_DISCLOSURE_VERSION);
}

/** What the candidate's disclosure shows: the session's setting, their consent (`undefined` while unknown). */
export interface DisclosureState {
  view: SessionView;
  consent: IntegrityConsent | null | undefined;
  consenting: boolean;
  onConsent: () => void;
}

/** The candidate's disclosure of integrity signals and the consent button; nothing for others or when the session records none. */
export function renderDisclosure({ view, consent, consenting, onConsent }: DisclosureState, t: RoomStrings, format: Formats): TemplateResult | typeof nothing {
  if (view.viewer.role !== 'candidate' || view.integrity !== 'record' || consent === undefined) return nothing;
  return html`<section part="integrity-disclosure" class="integrity-disclosure" aria-labelledby="integrity-heading">
    <h4 id="integrity-heading">${t.integrityHeading}</h4>
    <ul>
      ${t.integrityDisclosure.map((line) => html`<li>${line}</li>`)}
    </ul>
    ${consent
      ? html`<p part="integrity-consented" class="muted">${t.integrityConsented(format.time(consent.consentedAt))}</p>`
      : html`<p class="muted">${t.integrityBeforeConsent}</p>
          <button part="consent-button" class="primary" ?disabled=${consenting} @click=${onConsent}>${t.integrityConsent}</button>`}
  </section>`;
}

/** The interviewers' Signals tool: every signal with its time, framed as signals, not verdicts. */
export function renderSignals(signals: readonly IntegritySignal[] | undefined, view: SessionView, t: RoomStrings, format: Formats): TemplateResult {
  const names = new Map(view.participants.map((p) => [p.id, p.name]));
  return html`<div class="signals">
    <p part="signals-caution" class="muted">${view.integrity === 'off' ? t.signalsOff : t.signalsCaution}</p>
    ${signals === undefined
      ? nothing
      : signals.length === 0
        ? html`<p class="muted">${t.noSignals}</p>`
        : html`<ol part="signal-list" class="signal-list">
            ${signals.map(
              (signal) => html`<li data-kind=${signal.kind}>
                <time datetime=${signal.at}>${format.time(signal.at, 'medium')}</time>
                <span>${t.signal(signal, names.get(signal.participantId) ?? signal.participantId)}</span>
              </li>`,
            )}
          </ol>`}
  </div>`;
}

