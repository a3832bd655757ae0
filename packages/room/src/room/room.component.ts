import { provide } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  BindingController,
  CollabController,
  InterviewSession,
  collabOf,
  isOver,
  languageOf,
  metaOf,
  SHARED_STRUCTURE,
  sessionContext,
  type CollabStatus,
  type SessionView,
  type TokenProvider,
  type TokenSource,
} from '@interview-kit/core';
import { LANGUAGES } from '@interview-kit/editor';
import '@interview-kit/editor/define';
import '@interview-kit/run-panel/define';
import '@interview-kit/video/define';
import { RoomErrorEvent, SessionEndEvent, SessionReadyEvent, type RoomErrorSource } from '../events.js';
import { renderLobby } from './lobby.js';
import { renderMarkdown } from './markdown.js';
import { PresenceChanges } from './presence-changes.js';
import { ROOM_STRINGS_EN, type RoomStrings } from './room.strings.js';
import { roomStyles } from './room.styles.js';
import { TimeWarnings } from './time-warnings.js';
import { formatDuration, sessionClock } from './timer.js';
import { ToastQueue } from './toasts.js';

/** The sections of the narrow (tabbed) layout. */
type Tab = 'question' | 'code' | 'output' | 'video' | 'feedback';

/** A resizable split: its size in percent of the container, and its bounds. */
interface Split {
  value: number;
  min: number;
  max: number;
}

/** Child error events re-announced as `interview-error`. */
const CHILD_ERRORS: [string, RoomErrorSource][] = [
  ['interview-video-error', 'video'],
  ['interview-run-error', 'run'],
  ['interview-feedback-error', 'feedback'],
];

const STEP = 5;

/** Minutes the interviewers' "add time" button adds. */
const ADD_MINUTES = 5;

/**
 * @summary The whole interview in one tag: the question, the collaborative editor, the run panel,
 * video, who is present, a timer and the connection status; for interviewers, a slot for the
 * feedback form.
 *
 * The room only assembles. It creates one {@link InterviewSession} from `server`, `session` and
 * `tokenProvider` and shares it with every part through `@lit/context` (`sessionContext`); each
 * part also works on its own, given a session. Elements placed in the `feedback` slot get the
 * session the same way.
 *
 * The room follows the interview's lifecycle, which the server pushes to every open room:
 * - **Lobby** (scheduled): the title and schedule, who has joined, a camera and microphone check,
 *   for the candidate what the interview keeps; the question for interviewers (and for the
 *   candidate when the session reveals it before the start); interviewers get a Start button.
 * - **Live**: on wide screens the code is in the centre, the question on the left and video in a
 *   rail on the right; the splits can be dragged, or focused and moved with the arrow keys (Home
 *   and End go to the limits). Below `narrow-width` pixels the sections become tabs (arrow keys
 *   move between tabs). The timer counts from the start; 5 and 1 minutes before the end everyone
 *   is warned (a notice, announced to screen readers). Interviewers can add time, see the
 *   candidate's extra time, and end the interview (after confirming in a dialog).
 * - **Ended**: the code turns read-only, the timer stops, video leaves (camera and microphone
 *   released) and runs are disabled. The candidate gets a thank-you notice above the code (replace
 *   it through the `ended` slot); interviewers keep their feedback and get a Replay of the session.
 * - **Cancelled**: a notice that the interview was cancelled.
 *
 * Participants joining and leaving and changes of the language are announced as notices too.
 * Ctrl+Enter (⌘ Enter on macOS) runs the code from anywhere in the room, the editor included,
 * and never edits the code.
 *
 * @attr server - Base URL of the Interview Kit server.
 * @attr session - The session id.
 * @attr narrow-width - Width in pixels below which the tabbed layout is used (default 900).
 *
 * @slot feedback - Shown to interviewers only, e.g. `<interview-feedback slot="feedback">`.
 * @slot ended - Replaces the candidate's "Interview ended — thank you" screen.
 *
 * @event interview-session-ready - {@link SessionReadyEvent}: the session loaded (`detail.session`, `detail.view`).
 * @event interview-session-end - {@link SessionEndEvent}: the session ended (`detail.view`).
 * @event interview-error - {@link RoomErrorEvent}: something failed (`detail.source`, `detail.error`).
 *
 * @csspart base - The whole room.
 * @csspart header - Title, timer, connection status and presence.
 * @csspart title - The session title.
 * @csspart timer - The timer.
 * @csspart connection - The connection status.
 * @csspart presence - The list of participants present.
 * @csspart end-button - The interviewers' "End interview" button.
 * @csspart end-dialog - The dialog confirming the end.
 * @csspart add-time-button - The interviewers' button adding time.
 * @csspart extra-time - The candidate's extra time, shown to interviewers.
 * @csspart replay-button - The interviewers' Replay toggle once the interview ended.
 * @csspart lobby - The waiting screen before the start.
 * @csspart lobby-participants - Who is expected, and who has joined, in the lobby.
 * @csspart start-button - The interviewers' "Start interview" button in the lobby.
 * @csspart ended - The candidate's thank-you notice after the end.
 * @csspart cancelled - The notice of a cancelled interview.
 * @csspart toasts - The notices (joins, leaves, time warnings).
 * @csspart toast - One notice.
 * @csspart tabs - The tab list of the narrow layout.
 * @csspart tab - One tab.
 * @csspart question - The question prompt.
 * @csspart editor-pane - The pane holding the editor.
 * @csspart run-pane - The pane holding the run panel.
 * @csspart video-rail - The video rail.
 * @csspart feedback-pane - The pane holding the feedback slot.
 * @csspart separator - A split's drag handle.
 * @csspart message - Loading and error messages.
 *
 * @cssproperty --interview-font-family - Font.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Secondary text.
 * @cssproperty --interview-color-background - Background of the room.
 * @cssproperty --interview-color-surface - Background of panes.
 * @cssproperty --interview-color-border - Borders and separators.
 * @cssproperty --interview-color-accent - Selected tab, focus rings, the dragged separator.
 * @cssproperty --interview-color-danger - Errors, overtime and the End button.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing.
 * @cssproperty --interview-room-height - Height of the room (default 100vh; it fills its container's height when set to 100%).
 * @cssproperty --interview-room-rail-width - Width of the video rail (default 20rem).
 */
export class InterviewRoom extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = roomStyles;

  @property() server: string | undefined;

  /** The session id (the attribute); the session object itself is {@link interviewSession}. */
  @property() session: string | undefined;

  /** The participant's tokens: a function fetching fresh ones from the host's backend, a token, or a `TokenProvider`. */
  @property({ attribute: false }) tokenProvider: TokenProvider | TokenSource | undefined;

  @property({ type: Number, attribute: 'narrow-width' }) narrowWidth = 900;

  /** Translations: any subset of {@link RoomStrings}; English for the rest. */
  @property({ attribute: false }) strings: Partial<RoomStrings> = {};

  /** The session shared with every part of the room. */
  @provide({ context: sessionContext })
  @state()
  protected provided: InterviewSession | undefined;

  @state() private view: SessionView | undefined;
  @state() private loadError = '';
  @state() private narrow = false;
  @state() private tab: Tab = 'code';
  @state() private questionSplit: Split = { value: 28, min: 15, max: 50 };
  @state() private editorSplit: Split = { value: 65, min: 25, max: 85 };
  @state() private now = Date.now();
  @state() private starting = false;
  @state() private replaying = false;
  @state() private announcement = '';
  @state() private alert = '';

  @query('dialog.end-dialog') private endDialog!: HTMLDialogElement | null;

  #ticker: ReturnType<typeof setInterval> | undefined;
  readonly #toasts = new ToastQueue({ onChange: () => this.requestUpdate() });
  readonly #warnings = new TimeWarnings();
  readonly #arrivals = new PresenceChanges({
    selfId: () => this.view?.viewer.participantId ?? undefined,
    onJoin: (user) => this.#notify(this.#t.joined(user.name)),
    onLeave: (user) => this.#notify(this.#t.left(user.name)),
  });
  readonly #resize = new ResizeObserver(([entry]) => {
    if (entry) this.narrow = entry.contentRect.width < this.narrowWidth;
  });

  /** Presence and connection status come from the shared document the editor uses too. */
  readonly #collab = new CollabController(this, {
    collab: () => this.provided && collabOf(this.provided),
    bind: (collab, cleanup) => {
      this.#arrivals.reset();
      this.#arrivals.update(collab.users);
      cleanup.listen(collab, 'presence', () => this.#arrivals.update(collab.users));
      cleanup.add(() => this.#arrivals.reset());
      // Someone else switched the language: everyone hears of it.
      const meta = metaOf(collab.doc);
      let known = languageOf(collab.doc);
      const onMeta = (event: { transaction: { local: boolean } }) => {
        const before = known;
        const language = (known = languageOf(collab.doc));
        // The first language (the starter code's, seeded by the server) is no switch.
        if (event.transaction.local || !language || !before || before === language) return;
        const label = LANGUAGES.find((known) => known.id === language)?.label ?? language;
        this.#notify(this.#t.languageChanged(label, collab.writerOf(meta, SHARED_STRUCTURE.language)?.name));
      };

      meta.observe(onMeta);
      cleanup.add(() => meta.unobserve(onMeta));
      let before: CollabStatus = collab.status;
      cleanup.listen(collab, 'status', () => {
        if (before !== collab.status && (collab.status === 'offline' || before === 'offline')) {
          this.announcement = this.#t.connection[collab.status];
        }
        before = collab.status;
      });
    },
  });

  constructor() {
    super();
    new BindingController<InterviewSession>(this, {
      target: () => this.provided,
      bind: (session, cleanup) =>
        cleanup.listen(session, 'change', () => {
          const previous = this.view;
          this.view = session.view;
          if (!previous || !session.view || previous.status === session.view.status) return;
          if (session.view.status === 'live') this.#notify(this.#t.started);
          if (session.view.status === 'ended') this.dispatchEvent(new SessionEndEvent({ view: session.view }));
        }),
    });
    // Ctrl/Cmd+Enter runs the code from anywhere in the room (the run panel handles it inside itself).
    this.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.composedPath().some((node) => node instanceof Element && node.localName === 'interview-run-panel')) return;
      const panel = this.renderRoot.querySelector('interview-run-panel');
      if (!panel) return;
      event.preventDefault();
      void panel.run();
    });
    for (const [type, source] of CHILD_ERRORS) {
      this.addEventListener(type, (event) => {
        const detail = (event as CustomEvent<{ error?: unknown }>).detail;
        this.dispatchEvent(new RoomErrorEvent({ source, error: detail?.error ?? detail }));
      });
    }
  }

  /** The session shared with the parts, once `server`, `session` and `tokenProvider` are set. */
  get interviewSession(): InterviewSession | undefined {
    return this.provided;
  }

  get #t(): RoomStrings {
    return { ...ROOM_STRINGS_EN, ...this.strings };
  }

  get #isInterviewer(): boolean {
    return this.view?.viewer.role === 'interviewer';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after a removal: the session was closed then, open it again.
    if (!this.provided && this.hasUpdated) this.#openSession();
    this.#resize.observe(this);
    this.#ticker = setInterval(() => this.#tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    clearInterval(this.#ticker);
    this.#toasts.clear();
    // Connections, camera and microphone end with the room.
    this.#closeSession();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('session') || changed.has('tokenProvider')) this.#openSession();
  }

  /** (Re)loads the session view. */
  async reload(): Promise<void> {
    const session = this.provided;
    if (!session) return;
    this.loadError = '';
    try {
      const view = await session.load();
      if (session !== this.provided) return;
      this.dispatchEvent(new SessionReadyEvent({ session, view }));
    } catch (error) {
      if (session !== this.provided) return;
      this.loadError = error instanceof Error ? error.message : String(error);
      this.dispatchEvent(new RoomErrorEvent({ source: 'session', error }));
    }
  }

  #openSession(): void {
    this.#closeSession();
    const { server, session: sessionId, tokenProvider } = this;
    if (!server || !sessionId || !tokenProvider) return;
    this.provided = new InterviewSession({ server, sessionId, tokenProvider });
    void this.reload();
  }

  #closeSession(): void {
    this.provided?.dispose();
    this.provided = undefined;
    this.view = undefined;
    this.loadError = '';
  }

  #tick(): void {
    this.now = Date.now();
    if (!this.view) return;
    const minutes = this.#warnings.check(sessionClock(this.view, this.now));
    if (minutes !== undefined) this.#notify(this.#t.timeWarning(minutes), 'warning');
  }

  /** A notice for everyone in the room: a toast, and the same words for screen readers. */
  #notify(text: string, kind: 'info' | 'warning' | 'error' = 'info'): void {
    this.#toasts.push(text, kind);
    if (kind === 'info') this.announcement = text;
    else this.alert = text;
  }

  /** Runs a lifecycle change of the session; a refusal is shown and reported. */
  async #change(change: (session: InterviewSession) => Promise<unknown>): Promise<boolean> {
    const session = this.provided;
    if (!session) return false;
    try {
      await change(session);
      return true;
    } catch (error) {
      this.#notify(error instanceof Error ? error.message : String(error), 'error');
      this.dispatchEvent(new RoomErrorEvent({ source: 'session', error }));
      return false;
    }
  }

  async #start(): Promise<void> {
    this.starting = true;
    await this.#change((session) => session.start());
    this.starting = false;
  }

  async #addTime(): Promise<void> {
    if (await this.#change((session) => session.extend(ADD_MINUTES))) this.#notify(this.#t.timeAdded(ADD_MINUTES));
  }

  #onEndDialogClose = (event: Event) => {
    if ((event.target as HTMLDialogElement).returnValue === 'end') void this.#change((session) => session.end());
  };

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.view) {
      return html`<div part="base" class="base">
        ${this.loadError
          ? html`<div part="message" class="message error" role="alert">
              <p>${t.loadFailed(this.loadError)}</p>
              <button @click=${() => this.reload()}>${t.retry}</button>
            </div>`
          : html`<p part="message" class="message" role="status">${this.provided ? t.loading : ''}</p>`}
      </div>`;
    }
    const view = this.view;
    const narrow = this.narrow;
    const body =
      view.status === 'cancelled'
        ? this.#renderNotice('cancelled', t.cancelledHeading, t.cancelledBody)
        : view.status === 'ended' && view.viewer.role === 'candidate'
          ? html`<slot name="ended">${this.#renderNotice('ended', t.endedHeading, `${view.endReason ? `${t.endReasons[view.endReason]} ` : ''}${t.endedBody}`)}</slot>
              ${this.#renderPanes()}`
          : view.status === 'scheduled'
            ? renderLobby({ view, present: this.#collab.users, starting: this.starting, onStart: () => void this.#start() }, t)
            : this.#renderPanes();
    return html`
      <div
        part="base"
        class="base ${narrow ? 'narrow' : 'wide'}"
        style=${styleMap({ '--_question': `${this.questionSplit.value}%`, '--_editor': `${this.editorSplit.value}%` })}
      >
        ${this.#renderHeader()} ${body} ${this.#renderToasts()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        <div class="visually-hidden" role="alert">${this.alert}</div>
        ${this.#isInterviewer && view.status === 'live' ? this.#renderEndDialog() : nothing}
      </div>
    `;
  }

  /** The live (and, for interviewers, ended) layout: question, code, run panel, video, feedback. */
  #renderPanes(): TemplateResult {
    const t = this.#t;
    const view = this.view!;
    const narrow = this.narrow;
    const tabs = this.#tabs();
    const tab = tabs.some(([id]) => id === this.tab) ? this.tab : 'code';
    /** One pane: a region when wide, a tab panel when narrow. `focusable` panes hold no control of their own. */
    const pane = (id: Tab, part: string, kind: string, content: TemplateResult, focusable = false) => {
      const label = tabs.find(([tabId]) => tabId === id)?.[1];
      return html`<section
        part=${part}
        class="pane ${kind}"
        id="panel-${id}"
        role=${narrow ? 'tabpanel' : 'region'}
        aria-labelledby=${narrow ? `tab-${id}` : nothing}
        aria-label=${narrow ? nothing : (label ?? nothing)}
        ?hidden=${narrow && tab !== id}
        tabindex=${focusable ? (narrow ? '0' : '-1') : nothing}
      >
        ${content}
      </section>`;
    };
    return html`
      ${narrow ? this.#renderTabs(tabs, tab) : nothing}
      <div class="panes">
        ${pane('question', 'question', 'question', html`<div class="prompt">${unsafeHTML(renderMarkdown(view.question.prompt))}</div>`, true)}
        ${narrow ? nothing : this.#renderSeparator('question', t.resizeQuestion, 'vertical', 'panel-question')}
        <div class="centre">
          ${pane('code', 'editor-pane', 'editor', html`<interview-editor ?replay=${this.replaying}></interview-editor>`)}
          ${narrow ? nothing : this.#renderSeparator('editor', t.resizeEditor, 'horizontal', 'panel-code')}
          ${pane('output', 'run-pane', 'run', html`<interview-run-panel></interview-run-panel>`)}
        </div>
        <div class="rail">
          ${pane('video', 'video-rail', 'video', html`<interview-video layout=${narrow ? 'speaker' : 'grid'}></interview-video>`)}
          ${this.#isInterviewer ? pane('feedback', 'feedback-pane', 'feedback', html`<slot name="feedback"></slot>`) : nothing}
        </div>
      </div>
    `;
  }

  /** A full-room notice (ended, cancelled). */
  #renderNotice(part: string, heading: string, body: string): TemplateResult {
    return html`<section part=${part} class="notice" aria-labelledby="notice-heading">
      <h3 id="notice-heading">${heading}</h3>
      <p>${body}</p>
    </section>`;
  }

  #renderToasts(): TemplateResult {
    const t = this.#t;
    return html`<ol part="toasts" class="toasts" aria-label=${t.notifications}>
      ${this.#toasts.toasts.map(
        (toast) => html`<li part="toast" class="toast ${toast.kind}">
          <span>${toast.text}</span>
          <button class="dismiss" aria-label=${t.dismiss} title=${t.dismiss} @click=${() => this.#toasts.dismiss(toast.id)}>×</button>
        </li>`,
      )}
    </ol>`;
  }

  #renderEndDialog(): TemplateResult {
    const t = this.#t;
    return html`<dialog part="end-dialog" class="end-dialog" aria-labelledby="end-dialog-title" @close=${this.#onEndDialogClose}>
      <h3 id="end-dialog-title">${t.endDialogTitle}</h3>
      <p>${t.endConfirm}</p>
      <form method="dialog" class="dialog-actions">
        <button value="cancel" autofocus>${t.cancel}</button>
        <button value="end" class="danger">${t.endInterview}</button>
      </form>
    </dialog>`;
  }

  #tabs(): [Tab, string][] {
    const t = this.#t;
    const tabs: [Tab, string][] = [
      ['question', t.question],
      ['code', t.code],
      ['output', t.output],
      ['video', t.video],
    ];
    if (this.#isInterviewer) tabs.push(['feedback', t.feedback]);
    return tabs;
  }

  #renderHeader(): TemplateResult {
    const t = this.#t;
    const view = this.view!;
    const clock = sessionClock(view, this.now);
    const timerText =
      clock.kind === 'ended'
        ? t.ended
        : clock.kind === 'scheduled'
          ? t.notStarted
          : clock.kind === 'remaining'
          ? t.remaining(formatDuration(clock.ms), formatDuration(clock.totalMs))
          : clock.kind === 'overtime'
            ? t.overtime(formatDuration(clock.ms))
            : t.elapsed(formatDuration(clock.ms));
    const present = this.#collab.users;
    return html`
      <div part="header" class="header">
        <h2 part="title" class="title">${view.title}</h2>
        <span part="timer" class="timer ${clock.kind}" role="timer" aria-label=${t.timerLabel}>${timerText}</span>
        <span part="connection" class="connection" data-status=${this.#collab.status} aria-label=${t.connectionLabel}>
          <i aria-hidden="true"></i>${t.connection[this.#collab.status]}
        </span>
        <ul part="presence" class="presence" aria-label=${t.presence}>
          ${present.map(
            (user) => html`<li style=${styleMap({ '--_user': user.color })}>
              <i aria-hidden="true"></i>${user.name}<span class="role">(${t.roles[user.role] ?? user.role})</span>
            </li>`,
          )}
        </ul>
        ${this.#isInterviewer
          ? view.participants
              .filter((participant) => (participant.extraTimeMinutes ?? 0) > 0)
              .map((participant) => html`<span part="extra-time" class="chip">${t.extraTime(participant.name, participant.extraTimeMinutes!)}</span>`)
          : nothing}
        ${this.#isInterviewer && view.status === 'live'
          ? html`<button part="add-time-button" @click=${() => void this.#addTime()}>
                ${t.addTime(ADD_MINUTES)}
              </button>
              <button part="end-button" class="danger" @click=${() => this.endDialog?.showModal()}>${t.endInterview}</button>`
          : nothing}
        ${view.status === 'ended' && view.viewer.role !== 'candidate'
          ? html`<button part="replay-button" aria-pressed=${String(this.replaying)} @click=${() => (this.replaying = !this.replaying)}>
              ${t.replay}
            </button>`
          : nothing}
      </div>
    `;
  }

  #renderTabs(tabs: [Tab, string][], selected: Tab): TemplateResult {
    return html`
      <div part="tabs" class="tabs" role="tablist" aria-label=${this.#t.sections} @keydown=${this.#onTabKey}>
        ${tabs.map(
          ([id, label]) => html`<button
            part="tab"
            role="tab"
            id="tab-${id}"
            aria-selected=${String(id === selected)}
            aria-controls="panel-${id}"
            tabindex=${id === selected ? '0' : '-1'}
            @click=${() => (this.tab = id)}
          >
            ${label}
          </button>`,
        )}
      </div>
    `;
  }

  #onTabKey = (event: KeyboardEvent) => {
    const tabs = this.#tabs().map(([id]) => id);
    const index = tabs.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  };

  #renderSeparator(which: 'question' | 'editor', label: string, orientation: 'vertical' | 'horizontal', controls: string) {
    const split = which === 'question' ? this.questionSplit : this.editorSplit;
    const set = (value: number) => {
      const next = { ...split, value: Math.round(Math.min(split.max, Math.max(split.min, value))) };
      if (which === 'question') this.questionSplit = next;
      else this.editorSplit = next;
    };
    const [less, more] = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const onKey = (event: KeyboardEvent) => {
      const value =
        event.key === less ? split.value - STEP : event.key === more ? split.value + STEP : event.key === 'Home' ? split.min : event.key === 'End' ? split.max : undefined;
      if (value === undefined) return;
      event.preventDefault();
      set(value);
    };
    const onPointerDown = (event: PointerEvent) => {
      const handle = event.currentTarget as HTMLElement;
      const container = handle.parentElement!;
      handle.setPointerCapture(event.pointerId);
      handle.classList.add('dragging');
      const move = (moveEvent: PointerEvent) => {
        const box = container.getBoundingClientRect();
        set(
          orientation === 'vertical'
            ? ((moveEvent.clientX - box.left) / box.width) * 100
            : ((moveEvent.clientY - box.top) / box.height) * 100,
        );
      };
      const up = () => {
        handle.classList.remove('dragging');
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', up);
    };
    return html`<div
      part="separator"
      class="separator ${orientation}"
      role="separator"
      tabindex="0"
      aria-label=${label}
      aria-orientation=${orientation}
      aria-controls=${controls}
      aria-valuenow=${split.value}
      aria-valuemin=${split.min}
      aria-valuemax=${split.max}
      @keydown=${onKey}
      @pointerdown=${onPointerDown}
    ></div>`;
  }
}
