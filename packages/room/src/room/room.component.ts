import { provide } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  BindingController,
  ChatModel,
  CollabController,
  InterviewSession,
  collabOf,
  languageOf,
  metaOf,
  SHARED_STRUCTURE,
  sessionContext,
  type CollabStatus,
  type IntegrityConsent,
  type IntegritySignal,
  LocaleController,
  type PartialStrings,
  type SessionView,
  type TokenProvider,
  type TokenSource,
} from '@interview-kit/core';
import { RoomErrorEvent, SessionEndEvent, SessionReadyEvent, type RoomErrorSource } from '../events.js';
import { CallRecording, type CallRecordingState, type FollowedCall } from './call-recording.js';
import { renderHeader } from './header.js';
import { FIRST_SECTION, FIRST_TOOL, canReplay, hasTools, pick, toolsFor, type RunTab, type Section, type Tool } from './layout.js';
import { IntegrityCapture, giveConsent, renderDisclosure } from './integrity.js';
import { renderLobby } from './lobby.js';
import { renderEndDialog, renderNotice, renderToasts } from './notices.js';
import { PresenceChanges } from './presence-changes.js';
import { renderRecordingNotice, type RecordingNoticeState } from './recording-notice.js';
import { loadMarkdown, markdownLoaded } from './markdown-view.js';
import { codeElementsReady, languageLabel, loadCodeElements, loadVideoElements } from './on-demand.js';
import { renderPanes } from './panes.js';
import { ROOM_LOCALES, type RoomStrings } from './room.strings.js';
import type { ElementStrings, RoomLocale } from './room-locale.js';
import { roomStyles } from './room.styles.js';
import type { Split } from './split.js';
import { TimeWarnings } from './time-warnings.js';
import { sessionClock } from './timer.js';
import { ToastQueue } from './toasts.js';
import { loadChatElement, loadInterviewerElements } from './tool-rail.js';
import { loadWhiteboard, type CentreView } from './whiteboard-pane.js';

/** Child error events re-announced as `interview-error`. */
const CHILD_ERRORS: [string, RoomErrorSource][] = [
  ['interview-video-error', 'video'],
  ['interview-run-error', 'run'],
  ['interview-feedback-error', 'feedback'],
];

/** How often the interviewers' Signals tool asks for new signals. */
const SIGNALS_POLL_MS = 3_000;

/** Minutes the interviewers' "add time" button adds. */
const ADD_MINUTES = 5;

/**
 * @summary The whole interview in one tag: the question, the collaborative editor, the run panel,
 * video, who is present, a timer and the connection status; for interviewers, a tool rail with
 * their feedback, private notes, every test, the question's guide and the integrity signals. A
 * candidate of a session recording integrity signals is told what is recorded (in the lobby, and
 * above the room until they agree) and asked for consent; capture starts only after it.
 *
 * A session recording the call (`recording` of `audio` or `audio+video`) shows each participant
 * who sends media (candidates and interviewers) the recording notice — what is recorded, who can
 * see it, how long it is kept, its version — with **I agree to be recorded** (sent to the server)
 * and **I do not agree** (the room then says nothing is recorded until everyone agrees), and who
 * has agreed so far (asked of the server every few seconds until everyone has). Once everyone has
 * and the interview is live, the participant's own outgoing tracks in the call (the microphone,
 * and the camera for `audio+video`) are recorded and uploaded in chunks (`CallRecording`); the
 * recording stops at the end or when they leave the call. The header's recording indicator tells
 * everyone where it stands, announced to screen readers.
 *
 * The room only assembles. It creates one `InterviewSession` from `server`, `session` and
 * `tokenProvider` and shares it with every part through `@lit/context` (`sessionContext`); each
 * part also works on its own, given a session. Elements placed in the `feedback` slot get the
 * session the same way.
 *
 * The code is editable without waiting for the rest: the room asks for the code's connection and
 * the session's view together, the connection first (its ticket carries the code, so it shows and is
 * editable before the sync connection is in), and video, the Markdown renderer of the prompt and the guide (the
 * text shows as written until it is there), the interviewers' elements and the whiteboard load in
 * chunks of their own once needed.
 *
 * One compact header bar holds the title, the timer, the connection status and who is present (a
 * dot of initials per participant in their colour, the name in its tooltip), and the
 * interviewers' buttons.
 *
 * The room follows the interview's lifecycle, which the server pushes to every open room:
 * - **Lobby** (scheduled): the title and schedule, who has joined, a camera and microphone check,
 *   for the candidate what the interview keeps, the recording notice of a recorded session; the question for interviewers (and for the
 *   candidate when the session reveals it before the start); interviewers get a Start button.
 * - **Live**: on wide screens the question (its prompt, then the visible tests as examples) is on
 *   the left, the code in the centre above the run panel (a small tab list above it switches
 *   between **Code** and **Whiteboard**, the shared `<interview-whiteboard>`, loaded when first
 *   shown; the run panel's tabs switch between its **Output** and the **Console**
 *   (`<interview-console>`, a shared terminal, connected on first opening; candidates and
 *   interviewers only)), and a rail on the right holds video —
 *   and, for interviewers, the tool tabs **Feedback** (the `feedback` slot), **Notes**
 *   (`<interview-notes>`, loaded on first need), **Tests** (`<interview-tests>`: every test,
 *   hidden ones included, with its latest result) and **Guide** (the question's `guide`, when it
 *   has one), then **Chat** (`<interview-chat>`, loaded on first need), which candidates and
 *   observers get alone in their rail; its tab counts the messages not read yet. The splits can be dragged, or focused and moved with the arrow keys (Home and End go
 *   to the limits). Below `narrow-width` pixels every section becomes a tab, opening on the
 *   Question (arrow keys move between tabs, in the tool rail too). The timer counts from the
 *   start; 5 and 1 minutes before the end everyone is warned (a notice, announced to screen
 *   readers). Interviewers can add time, see the candidate's extra time, and end the interview
 *   (after confirming in a dialog).
 * - **Ended**: the code turns read-only, the timer stops, video leaves (camera and microphone
 *   released) and runs are disabled. The candidate gets a thank-you notice above the code (replace
 *   it through the `ended` slot); interviewers keep their tools and get **Replay**: the editor
 *   plays the session back, with the call's recording above it when the session was recorded (the
 *   other person large, captions of what is said, one timeline with the runs and the stretches of
 *   speech, the transcript searchable; the code follows the media while it plays), the whiteboard
 *   shows the drawing and the chat the messages as they were at the moment the editor shows, and the
 *   **Assistant** tool shows the assistant's draft review (labelled as a model's draft that decides
 *   nothing; it never fills in the feedback), when the server has one. A moment link in the
 *   feedback, the notes or the draft (`interview-moment-select`) opens the Replay at that moment; so do the `replay` and
 *   `replay-at` attributes, for a host page linking straight to it.
 * - **Cancelled**: a notice that the interview was cancelled.
 *
 * Participants joining and leaving and changes of the language are announced as notices too.
 * Ctrl+Enter (⌘ Enter on macOS) runs the code from anywhere in the room, the editor included,
 * and never edits the code.
 *
 * The room follows the reader's colour scheme (`color-scheme: light dark`) unless its `theme`
 * attribute picks one; every part inside inherits it.
 *
 * The room speaks the language of its `lang` attribute, else of its nearest ancestor's or the
 * document's (English, German, Spanish and Arabic are built in; `ROOM_LOCALES` and each element's
 * catalogue take more), and passes it to every part; right-to-left languages mirror the layout
 * (`dir` on the `base` part), the code staying left to right. `strings` changes any of the room's
 * own words, `elementStrings` those of its parts by tag.
 *
 * @attr server - Base URL of the Interview Kit server.
 * @attr session - The session id.
 * @attr narrow-width - Width in pixels below which the tabbed layout is used (default 900).
 * @attr theme - `light`, `dark`, or `auto` (the default: the reader's `prefers-color-scheme`).
 * @attr replay - Interviewers, once the interview ended: shows the Replay of the session (the Replay button toggles it).
 * @attr replay-at - With `replay`: the moment (ms since the epoch) the Replay jumps to.
 * @attr lang - The language of the room and its parts (a BCP 47 tag such as `de` or `ar`); default: the nearest ancestor's or the document's.
 *
 * @slot feedback - The interviewers' Feedback tab, e.g. `<interview-feedback slot="feedback">`; never shown to the candidate.
 * @slot ended - Replaces the candidate's "Interview ended — thank you" screen.
 *
 * @fires {SessionReadyEvent} interview-session-ready - The session loaded (`detail.session`, `detail.view`).
 * @fires {SessionEndEvent} interview-session-end - The session ended (`detail.view`).
 * @fires {RoomErrorEvent} interview-error - Something failed (`detail.source`, `detail.error`).
 *
 * @csspart base - The whole room.
 * @csspart header - The bar with title, timer, connection status, presence and the interviewers' buttons.
 * @csspart title - The session title.
 * @csspart timer - The timer.
 * @csspart connection - The connection status.
 * @csspart recording-indicator - The header's recording indicator of a session recording the call (`data-state`: `waiting-consent`, `ready`, `starting`, `recording`, `retrying`, `stopped`, `failed`).
 * @csspart presence - The list of participants present.
 * @csspart presence-avatar - One participant present: their initials on their colour.
 * @csspart end-button - The interviewers' "End interview" button.
 * @csspart end-dialog - The dialog confirming the end.
 * @csspart add-time-button - The interviewers' button adding time.
 * @csspart extra-time - The candidate's extra time, shown to interviewers.
 * @csspart replay-button - The interviewers' Replay toggle once the interview ended.
 * @csspart lobby - The waiting screen before the start.
 * @csspart lobby-participants - Who is expected, and who has joined, in the lobby.
 * @csspart start-button - The interviewers' "Start interview" button in the lobby.
 * @csspart integrity-disclosure - The candidate's disclosure of integrity signals, with `consent-button` (before consent) or `integrity-consented`.
 * @csspart consent-button - The candidate's button agreeing to the integrity signals being recorded.
 * @csspart recording-notice - The recording notice of a session recording the call: what is recorded, who sees it, how long it is kept, the answer and who has agreed.
 * @csspart recording-agree-button - The notice's "I agree to be recorded" button.
 * @csspart recording-decline-button - The notice's "I do not agree" button.
 * @csspart recording-agreed - The line saying when this participant agreed.
 * @csspart recording-declined - The line saying this participant did not agree, so nothing is recorded.
 * @csspart recording-consents - The notice's list of who has agreed and who not yet.
 * @csspart recording-summary - The line under it: nothing is recorded until everyone agreed, or everyone has.
 * @csspart integrity-consented - The line saying when the candidate agreed.
 * @csspart signal-list - The interviewers' Signals tool: each signal with its time; `signals-caution` above it.
 * @csspart signals-caution - The caution above the signals (or that the session records none).
 * @csspart ended - The candidate's thank-you notice after the end.
 * @csspart cancelled - The notice of a cancelled interview.
 * @csspart toasts - The notices (joins, leaves, time warnings).
 * @csspart toast - One notice.
 * @csspart tabs - The tab list of the narrow layout.
 * @csspart tool-tabs - The tab list of the interviewers' tool rail.
 * @csspart centre-tabs - The Code | Whiteboard tab list above the code of the wide layout.
 * @csspart run-tabs - The wide layout's tab list switching the run pane between Output and Console.
 * @csspart console-pane - The pane holding the interactive console (`<interview-console>`).
 * @csspart tab - One tab.
 * @csspart question - The question pane.
 * @csspart question-switcher - The interviewers' question switcher of a session with several questions.
 * @csspart question-previous - Its Previous button.
 * @csspart question-next - Its Next button.
 * @csspart question-select - Its list of every question ("Question 2 of 3: title").
 * @csspart question-title - A structured question's title above its text.
 * @csspart examples - The visible tests listed under the prompt.
 * @csspart example - One of them: its input and expected output.
 * @csspart editor-pane - The pane holding the editor.
 * @csspart whiteboard-pane - The pane holding the whiteboard.
 * @csspart run-pane - The pane holding the run panel.
 * @csspart video-rail - The pane holding video.
 * @csspart tool-rail - The interviewers' tools: their tab list and panels.
 * @csspart feedback-pane - The Feedback tab's panel (the `feedback` slot).
 * @csspart notes-pane - The Notes tab's panel.
 * @csspart tests-pane - The Tests tab's panel.
 * @csspart guide-pane - The Guide tab's panel: the current question's guide, and a structured question's competency, probes, indicators and anchors (`guide-competency`, `guide-probes`, `guide-positive`, `guide-negative`, `guide-anchors`).
 * @csspart guide-competency - A structured question's competency, in the Guide tab.
 * @csspart guide-probes - A structured question's follow-up probes.
 * @csspart guide-positive - A structured question's positive indicators.
 * @csspart guide-negative - A structured question's negative indicators.
 * @csspart guide-anchors - A structured question's rating anchors.
 * @csspart separator - A split's drag handle.
 * @csspart message - Loading and error messages.
 *
 * @cssproperty --interview-font-family - Font.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Secondary text.
 * @cssproperty --interview-color-background - Background of the room.
 * @cssproperty --interview-color-surface - Background of panes.
 * @cssproperty --interview-color-surface-raised - Background of code blocks, inline code and examples.
 * @cssproperty --interview-color-border - Borders and separators.
 * @cssproperty --interview-color-accent - Selected tab, focus rings, the dragged separator.
 * @cssproperty --interview-color-on-accent - Text on the accent colour.
 * @cssproperty --interview-color-danger - Errors, overtime and the End button.
 * @cssproperty --interview-color-success - The connected status.
 * @cssproperty --interview-color-warning - Time warnings.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing.
 * @cssproperty --interview-room-height - Height of the room (default 100vh; it fills its container's height when set to 100%).
 * @cssproperty --interview-room-rail-width - Width of the right-hand rail (default 20rem, 24rem with the interviewers' tools).
 */
export class InterviewRoom extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = roomStyles;

  /** Base URL of the Interview Kit server. */
  @property() server: string | undefined;

  /** The session id (the attribute); the session object itself is {@link interviewSession}. */
  @property() session: string | undefined;

  /** The participant's tokens: a function fetching fresh ones from the host's backend, a token, or a `TokenProvider`. */
  @property({ attribute: false }) tokenProvider: TokenProvider | TokenSource | undefined;

  /** Width in pixels below which the tabbed layout is used. */
  @property({ type: Number, attribute: 'narrow-width' }) narrowWidth = 900;

  /**
   * Shows the Replay of the session (interviewers, once it ended): the editor plays the session
   * back. The Replay button and moment links set it.
   */
  @property({ type: Boolean, reflect: true }) replay = false;

  /** The moment (ms since the epoch) the Replay shows; moment links set it. */
  @property({ type: Number, attribute: 'replay-at' }) replayAt: number | undefined;

  /**
   * The host page's strings: any subset of {@link RoomStrings}, over the table of the room's
   * language (its `lang` attribute, else the nearest ancestor's or the document's: English,
   * German, Spanish and Arabic are built in).
   */
  @property({ attribute: false }) strings: PartialStrings<RoomStrings> = {};

  /**
   * The host page's strings for the elements the room renders, by tag (e.g.
   * `{ 'interview-editor': { endedBanner: '…' } }`); the room passes each its own, with its language.
   */
  @property({ attribute: false }) elementStrings: ElementStrings = {};

  /** The session shared with every part of the room. */
  @provide({ context: sessionContext })
  @state()
  protected provided: InterviewSession | undefined;

  @state() private view: SessionView | undefined;
  @state() private loadError = '';
  @state() private narrow = false;
  @state() private tab: Section = FIRST_SECTION;
  @state() private tool: Tool = FIRST_TOOL;
  /** What the centre shows when wide: the code or the whiteboard. */
  @state() private centre: CentreView = 'code';
  @state() private runTab: RunTab = 'output';
  /** The console connects and loads its terminal once it is first opened, then stays. */
  @state() private consoleOpened = false;
  @state() private questionSplit: Split = { value: 26, min: 15, max: 50 };
  @state() private editorSplit: Split = { value: 65, min: 25, max: 85 };
  @state() private now = Date.now();
  @state() private starting = false;
  @state() private announcement = '';
  @state() private alert = '';
  /** The candidate's integrity consent: `undefined` while unknown or not asked for, `null` before it is given. */
  @state() private integrityConsent: IntegrityConsent | null | undefined;
  @state() private consenting = false;
  /** The integrity signals the interviewers' Signals tool shows, polled while it is there. */
  @state() private signals: IntegritySignal[] | undefined;
  /** The call's recording: who has consented, and this participant's own recording. */
  @state() private recording: CallRecordingState | undefined;
  #callRecording: CallRecording | undefined;
  #capture: IntegrityCapture | undefined;
  #consentAsked = false;
  #signalsPolledAt = 0;

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

  /** The session's chat: the rail's Chat tab shows it, and counts on its tab what was not read. */
  readonly #chat = new ChatModel();

  /** Presence and connection status come from the shared document the editor uses too. */
  readonly #collab = new CollabController(this, {
    collab: () => this.provided && collabOf(this.provided),
    bind: (collab, cleanup) => {
      cleanup.add(this.#chat.follow(collab.doc));
      this.#arrivals.reset();
      this.#arrivals.update(collab.users);
      cleanup.listen(collab, 'presence', () => this.#arrivals.update(collab.users));
      cleanup.add(() => this.#arrivals.reset());
      // Someone else switched the language: everyone hears of it.
      const meta = metaOf(collab.doc);
      // Each coding question has its own language (its own code slot): a move to another question is no switch.
      let known = languageOf(collab.doc, collab.slot);
      cleanup.listen(collab, 'question', () => (known = languageOf(collab.doc, collab.slot)));
      const onMeta = (event: { transaction: { local: boolean } }) => {
        const before = known;
        const language = (known = languageOf(collab.doc, collab.slot));
        // The first language (the starter code's, seeded by the server) is no switch.
        if (event.transaction.local || !language || !before || before === language) return;
        const writer = collab.writerOf(meta, collab.languageKey)?.name;
        void languageLabel(language).then((label) => this.#notify(this.#t.languageChanged(label, writer)));
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
    this.#chat.state.subscribe(() => this.requestUpdate());
    new BindingController<InterviewSession>(this, {
      target: () => this.provided,
      bind: (session, cleanup) => {
        cleanup.add(this.#chat.attach(session));
        cleanup.listen(session, 'change', () => {
          const previous = this.view;
          this.view = session.view;
          this.#followIntegrity(session);
          if (!previous || !session.view || previous.status === session.view.status) return;
          if (session.view.status === 'live') this.#notify(this.#t.started);
          if (session.view.status === 'ended') this.dispatchEvent(new SessionEndEvent({ view: session.view }));
        });
      },
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
    // The moment the editor's Replay shows: the chat as it stood then (no render of its own unless the chat changes).
    this.addEventListener('interview-replay-moment', (event) => {
      const at = (event as CustomEvent<{ at?: unknown }>).detail?.at;
      if (typeof at === 'number' && this.replay) this.#chat.setReplayAt(at);
    });
    // A moment link in the feedback or the notes: the Replay at that moment.
    this.addEventListener('interview-moment-select', (event) => {
      const at = (event as CustomEvent<{ at?: unknown }>).detail?.at;
      if (!this.view || !canReplay(this.view) || typeof at !== 'number' || !Number.isFinite(at)) return;
      this.replayAt = at;
      this.replay = true;
      this.tab = 'code';
    });
    // The call joined: a session recording the call records this participant's own tracks of it.
    this.addEventListener('interview-video-join', (event) => {
      const call = (event.composedPath()[0] as { call?: FollowedCall }).call;
      if (call) this.#callRecording?.follow(call);
    });
    // The reader moved the code's replay: the recording above it follows.
    this.addEventListener('interview-replay-seek', (event) => {
      if (this.replay) this.replayAt = event.detail.at;
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

  readonly #locale = new LocaleController(this, ROOM_LOCALES, { strings: () => this.strings });

  get #t(): RoomStrings {
    return this.#locale.strings;
  }

  /** The room's language for its parts: its tag, `Intl` formatting, and the elements' strings. */
  get #lang(): RoomLocale {
    return { lang: this.#locale.lang, format: this.#locale.format, elements: this.elementStrings };
  }

  /** Also waits for the editor's and the run panel's code, so that an update complete shows them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await loadCodeElements().catch(() => undefined);
    return super.getUpdateComplete();
  }

  /** Settles once the strings of the room's language are loaded (English is at hand at once). */
  get localeReady(): Promise<void> {
    return this.#locale.ready;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Asked again: a failed load is tried again, and said. Once there, what waited for the code to
    // be editable (see #startedUp) can load.
    void loadCodeElements().then(
      () => this.requestUpdate(),
      (error: unknown) => this.dispatchEvent(new RoomErrorEvent({ source: 'session', error })),
    );
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
    // Video (the call, the lobby's camera check) and the Markdown of the prompt and the guide (shown
    // as written until then) load once the code is editable: their parsing stays off its start.
    if (this.#startedUp()) {
      void loadVideoElements().catch(() => undefined);
      if (!markdownLoaded()) void loadMarkdown().then(() => this.requestUpdate(), () => undefined);
    }
    // The interviewers' own elements load once their tools are first shown.
    if (this.view && hasTools(this.view)) void loadInterviewerElements().catch(() => undefined);
    // The whiteboard loads once it is first shown.
    if (this.narrow ? this.tab === 'whiteboard' : this.centre === 'whiteboard') void loadWhiteboard().catch(() => undefined);
    if (this.#startedUp() && toolsFor(this.view!).includes('chat')) void loadChatElement().catch(() => undefined);
    // Before rendering, so that the chat tab's count is current in this update.
    this.#chat.setSeen(this.#chatShown());
    // Out of the Replay, the chat is live again (in it, the editor tells the moment shown).
    if (!(this.replay && this.view && canReplay(this.view))) this.#chat.setReplayAt(undefined);
  }

  /** When the first view arrived. */
  #viewAt = 0;

  /**
   * Whether the room's start is over: the editor's code is loaded and the code is in sync (or
   * cannot be yet), the lobby shows (no code), or a second has passed since the view arrived (the
   * timer's tick asks again).
   */
  #startedUp(): boolean {
    if (!this.view) return false;
    this.#viewAt ||= Date.now();
    if (Date.now() - this.#viewAt >= 1_000) return true;
    const status = this.#collab.status;
    return codeElementsReady() && (status === 'synced' || status === 'offline' || this.view.status === 'scheduled');
  }

  /** The language and element strings the slotted elements were last given. */
  #slottedLocale: { lang: string; elements: ElementStrings } | undefined;

  protected override firstUpdated(): void {
    // An element put in the slot later gets the same.
    this.renderRoot.addEventListener('slotchange', () => {
      this.#slottedLocale = undefined;
      this.requestUpdate();
    });
  }

  protected override updated(): void {
    // Elements in the `feedback` slot are the host's: they take the room's language as their
    // nearest ancestor's (asked again on their next update), and the host's strings for their tag.
    const lang = this.#locale.lang;
    if (this.#slottedLocale?.lang === lang && this.#slottedLocale.elements === this.elementStrings) return;
    this.#slottedLocale = { lang, elements: this.elementStrings };
    for (const element of this.querySelectorAll<HTMLElement & { strings?: unknown; requestUpdate?: () => void }>(':scope > [slot="feedback"]')) {
      const strings = this.elementStrings[element.localName as keyof ElementStrings];
      if (strings) element.strings = strings;
      element.requestUpdate?.();
    }
  }

  /** (Re)loads the session view. */
  reload(): Promise<void> {
    return this.#showView((session) => session.load());
  }

  /** Shows the view that `load` brings, or why it could not. */
  async #showView(load: (session: InterviewSession) => Promise<SessionView>): Promise<void> {
    const session = this.provided;
    if (!session) return;
    this.loadError = '';
    try {
      const view = await load(session);
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
    const session = (this.provided = new InterviewSession({ server, sessionId, tokenProvider }));
    const recording = (this.#callRecording = new CallRecording(session));
    this.recording = recording.state.value;
    recording.state.subscribe((state) => this.#callRecording === recording && (this.recording = state));
    // The code's connection first: its ticket goes out before the view, which the collaboration
    // session asks for beside it and the room shares (see CollabSession's start).
    void collabOf(session).start().catch(() => undefined);
    void this.#showView((opened) => opened.viewOrLoad());
  }

  #closeSession(): void {
    void this.#capture?.stop();
    this.#capture = undefined;
    this.#consentAsked = false;
    this.integrityConsent = undefined;
    this.signals = undefined;
    this.#signalsPolledAt = 0;
    // A recording under way stops and uploads its last chunk.
    void this.#callRecording?.dispose();
    this.#callRecording = undefined;
    this.recording = undefined;
    this.provided?.dispose();
    this.provided = undefined;
    this.view = undefined;
    this.#viewAt = 0;
    this.loadError = '';
  }

  /**
   * Integrity signals, disclosed: a candidate of a session recording them is asked for consent
   * (the room learns whether it was given), and capture runs only once it has been and while the
   * interview is not over. Interviewers' Signals tool is filled by {@link #pollSignals}.
   */
  #followIntegrity(session: InterviewSession): void {
    const view = session.view;
    if (!view || view.viewer.role !== 'candidate' || view.integrity !== 'record') return;
    if (view.status === 'ended' || view.status === 'cancelled') {
      void this.#capture?.stop();
      return;
    }
    if (this.integrityConsent) this.#startCapture(session);
    else if (!this.#consentAsked) {
      this.#consentAsked = true;
      session.client.integrityConsent(session.sessionId).then(
        ({ consent }) => {
          if (session !== this.provided) return;
          this.integrityConsent = consent;
          if (consent) this.#startCapture(session);
        },
        () => (this.#consentAsked = false),
      );
    }
  }

  #startCapture(session: InterviewSession): void {
    this.#capture ??= new IntegrityCapture(session, this);
    this.#capture.start();
  }

  async #consent(): Promise<void> {
    const session = this.provided;
    if (!session) return;
    this.consenting = true;
    try {
      this.integrityConsent = await giveConsent(session);
      this.#followIntegrity(session);
    } catch (error) {
      this.#notify(error instanceof Error ? error.message : String(error), 'error');
      this.dispatchEvent(new RoomErrorEvent({ source: 'session', error }));
    } finally {
      this.consenting = false;
    }
  }

  /** Loads the session's integrity signals for the interviewers' Signals tool, every few seconds while it is there. */
  #pollSignals(): void {
    const session = this.provided;
    const view = this.view;
    if (!session || !view || !hasTools(view) || view.integrity !== 'record' || view.status === 'scheduled') return;
    if (this.now - this.#signalsPolledAt < SIGNALS_POLL_MS) return;
    this.#signalsPolledAt = this.now;
    session.client.integritySignals(session.sessionId).then(
      ({ signals }) => session === this.provided && (this.signals = signals),
      () => undefined,
    );
  }

  #tick(): void {
    this.now = Date.now();
    this.#pollSignals();
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

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.view) {
      return html`<div part="base" class="base" lang=${this.#locale.lang} dir=${this.#locale.dir}>
        ${this.loadError
          ? html`<div part="message" class="message error" role="alert">
              <p>${t.loadFailed(this.loadError)}</p>
              <button @click=${() => this.reload()}>${t.retry}</button>
            </div>`
          : html`<p part="message" class="message" role="status">${this.provided ? t.loading : ''}</p>`}
      </div>`;
    }
    const view = this.view;
    const replaying = this.replay && canReplay(view);
    const body =
      view.status === 'cancelled'
        ? renderNotice('cancelled', t.cancelledHeading, t.cancelledBody)
        : view.status === 'ended' && view.viewer.role === 'candidate'
          ? html`<slot name="ended">${renderNotice('ended', t.endedHeading, `${view.endReason ? `${t.endReasons[view.endReason]} ` : ''}${t.endedBody}`)}</slot>
              ${this.#renderPanes(replaying)}`
          : view.status === 'scheduled'
            ? renderLobby({ view, present: this.#collab.users, starting: this.starting, onStart: () => void this.#start(), disclosure: this.#disclosure(), recording: this.#recordingNotice() }, t, this.#lang)
            : html`${this.integrityConsent === null ? renderDisclosure({ view, ...this.#disclosure() }, t, this.#locale.format) : nothing}${view.status === 'live' && this.recording && !this.recording.own
                ? renderRecordingNotice(this.#recordingNotice(), t, this.#locale.format)
                : nothing}${this.#renderPanes(replaying)}`;
    return html`
      <div
        part="base"
        class="base ${this.narrow ? 'narrow' : 'wide'} ${toolsFor(view).length ? 'with-tools' : ''}"
        lang=${this.#locale.lang}
        dir=${this.#locale.dir}
        style=${styleMap({ '--_question': `${this.questionSplit.value}%`, '--_editor': `${this.editorSplit.value}%` })}
      >
        ${renderHeader(
          {
            view,
            clock: sessionClock(view, this.now),
            status: this.#collab.status,
            present: this.#collab.users,
            recording: this.recording,
            replaying,
            compact: this.narrow,
            addMinutes: ADD_MINUTES,
            onAddTime: () => void this.#addTime(),
            onEnd: () => this.endDialog?.showModal(),
            onToggleReplay: () => {
              this.replay = !replaying;
              if (!this.replay) this.replayAt = undefined;
            },
          },
          t,
          this.#lang,
        )}
        ${body} ${renderToasts(this.#toasts.toasts, (id) => this.#toasts.dismiss(id), t)}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        <div class="visually-hidden" role="alert">${this.alert}</div>
        ${view.status === 'live' && hasTools(view)
          ? renderEndDialog((choice) => {
              if (choice === 'end') void this.#change((session) => session.end());
            }, t)
          : nothing}
      </div>
    `;
  }

  /** The recording notice's state: its consent goes to the server; a refusal is shown and reported. */
  #recordingNotice(): RecordingNoticeState {
    const recording = this.#callRecording;
    return {
      recording: this.recording,
      self: this.view?.viewer.participantId ?? null,
      onAgree: () =>
        void recording?.consent().catch((error: unknown) => {
          this.#notify(error instanceof Error ? error.message : String(error), 'error');
          this.dispatchEvent(new RoomErrorEvent({ source: 'session', error }));
        }),
      onDecline: () => recording?.decline(),
    };
  }

  #disclosure() {
    return { consent: this.integrityConsent, consenting: this.consenting, onConsent: () => void this.#consent() };
  }

  /** Whether the reader sees the chat now: its tab in the narrow layout, its tool in the rail. */
  #chatShown(): boolean {
    const view = this.view;
    if (!view || view.status === 'scheduled' || view.status === 'cancelled') return false;
    const tools = toolsFor(view);
    return this.narrow ? this.tab === 'chat' : pick(tools, this.tool, tools[0] ?? FIRST_TOOL) === 'chat';
  }

  /** The live (and, once ended, the read-only) layout. */
  #renderPanes(replaying: boolean): TemplateResult {
    return renderPanes(
      {
        view: this.view!,
        narrow: this.narrow,
        tab: this.tab,
        tool: this.tool,
        centre: this.centre,
        runTab: this.runTab,
        consoleOpened: this.consoleOpened,
        signals: this.signals,
        chat: { model: this.#chat },
        questionSplit: this.questionSplit,
        editorSplit: this.editorSplit,
        replaying,
        replayAt: this.replayAt,
        onTab: (tab) => {
          this.tab = tab;
          if (tab === 'console') this.consoleOpened = true;
          return this.updateComplete;
        },
        onRunTab: (tab) => {
          this.runTab = tab;
          if (tab === 'console') this.consoleOpened = true;
          return this.updateComplete;
        },
        onTool: (tool) => {
          this.tool = tool;
          return this.updateComplete;
        },
        onCentre: (view) => {
          this.centre = view;
          return this.updateComplete;
        },
        onQuestion: (index) => void this.#change((session) => session.moveToQuestion(index)),
        onQuestionSplit: (split) => (this.questionSplit = split),
        onEditorSplit: (split) => (this.editorSplit = split),
      },
      this.#t,
      this.#lang,
    );
  }
}
