import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import {
  CollabController,
  InteractiveConsole,
  LocaleController,
  SessionController,
  codeOf,
  collabOf,
  languageOf,
  type CollabSession,
  type ConsoleMode,
  type ConsoleScreenEvent,
  type InteractiveConsoleState,
  type InterviewSession,
  type PartialStrings,
} from '@interview-kit/core';
import type * as Y from 'yjs';
import { LineEditor } from './line-editor.js';
import { CONSOLE_LOCALES, type ConsoleStrings } from './console.strings.js';
import { consoleStyles } from './console.styles.js';

/** Languages with a REPL on the reference server. */
const REPL_LANGUAGES = new Set(['python', 'javascript']);
/** A resize is sent once the terminal has kept its size this long (dragging sends many). */
const RESIZE_SETTLE_MS = 250;

/**
 * @summary A shared terminal: runs the session's code as a program (compiled first where the
 * language compiles) or a Python or JavaScript REPL in the server's sandbox, and everyone in the
 * session sees the same run and types into it together.
 *
 * Candidates and interviewers start runs and type; an interviewer may lock input to one
 * participant. Enter sends the line typed (edited locally: Backspace works), Ctrl+C interrupts the
 * program, Ctrl+D ends its input. The terminal (xterm.js, loaded on first use, screen-reader mode
 * on) shows the program's output and everyone's input as the server echoes it; a participant who
 * joins late sees the transcript so far. The terminal's size reaches the program as `COLUMNS` and
 * `LINES` when it starts (there is no pty: programs that need a real terminal will not behave as
 * in one). Observers get no console. All logic lives in the framework-free `InteractiveConsole` of
 * `@interview-kit/core`.
 *
 * The element needs an `InterviewSession` (the `session` property, or the session an
 * `<interview-room>` provides); it runs the code and language of the session's shared document
 * (`collabOf(session)`, or the `collab` property).
 *
 * @csspart base - The element's box.
 * @csspart toolbar - Mode, start, interrupt, end-of-input and (interviewers) lock controls.
 * @csspart start - The Start button.
 * @csspart status - The line saying what the console is doing (a polite live region).
 * @csspart terminal - The terminal's box.
 *
 * @cssproperty --interview-console-background - The terminal's background (dark by default in every theme).
 * @cssproperty --interview-console-text - The terminal's text colour.
 * @cssproperty --interview-font-family-mono - The terminal's font.
 * @cssproperty --interview-color-accent - Focus rings.
 * @cssproperty --interview-space - Spacing between parts.
 *
 * @attr theme - `light`, `dark` or `auto` (the reader's preference) for the controls; the terminal stays dark.
 */
export class InterviewConsole extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = consoleStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** The collaboration session whose document holds the code; default `collabOf(session)`. */
  @property({ attribute: false })
  collab: CollabSession | undefined;

  /** The host page's strings: any subset of {@link ConsoleStrings}. */
  @property({ attribute: false })
  strings: PartialStrings<ConsoleStrings> = {};

  readonly #locale = new LocaleController(this, CONSOLE_LOCALES, { strings: () => this.strings });

  @state() private consoleState: InteractiveConsoleState = { connection: 'idle', run: null, you: null, problem: null };
  @state() private mode: ConsoleMode = 'program';
  @query('[part~="terminal"]') private terminalBox!: HTMLElement;

  #console: InteractiveConsole | undefined;
  #doc: Y.Doc | undefined;
  #terminal: Terminal | undefined;
  #fit: FitAddon | undefined;
  #resizeObserver: ResizeObserver | undefined;
  #resizeTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #line = new LineEditor();
  /** Screen events that came before the terminal was loaded. */
  #backlog: ConsoleScreenEvent[] = [];

  constructor() {
    super();
    new SessionController(this, {
      bind: (session, cleanup) => {
        if (session.view?.viewer.role === 'observer') return;
        const console = new InteractiveConsole(session);
        this.#console = console;
        cleanup.add(console.state.subscribe((next) => (this.consoleState = next)));
        cleanup.add(console.onScreen((event) => this.#show(event)));
        cleanup.add(() => {
          console.dispose();
          if (this.#console === console) this.#console = undefined;
        });
        void console.connect().catch(() => undefined);
      },
    });
    new CollabController(this, {
      collab: () => (this.session ? (this.collab ?? collabOf(this.session)) : undefined),
      bind: (collab, cleanup) => {
        this.#doc = collab.doc;
        cleanup.add(() => (this.#doc = undefined));
      },
    });
  }

  /** The console behind the element (absent for observers and without a session). */
  get model(): InteractiveConsole | undefined {
    return this.#console;
  }

  /** The terminal, once loaded. */
  get terminal(): Terminal | undefined {
    return this.#terminal;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#resizeTimer);
    this.#resizeObserver?.disconnect();
    this.#terminal?.dispose();
    this.#terminal = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#terminal && this.terminalBox && this.#console) void this.#loadTerminal();
  }

  /** Loads xterm.js (a separate chunk) and opens the terminal in its box. */
  async #loadTerminal(): Promise<void> {
    const box = this.terminalBox;
    if (box.dataset.loading) return;
    box.dataset.loading = 'true';
    const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
    if (!this.isConnected || this.terminalBox !== box) return;
    const terminal = new Terminal({
      convertEol: true,
      cursorBlink: true,
      screenReaderMode: true,
      scrollback: 5000,
      fontFamily: getComputedStyle(this).getPropertyValue('--interview-font-family-mono') || 'ui-monospace, Menlo, Consolas, monospace',
      theme: { background: '#0d1117', foreground: '#e6edf3', cursor: '#e6edf3' },
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(box);
    terminal.textarea?.setAttribute('aria-label', this.#strings.terminal);
    terminal.onData((data) => this.#typed(data));
    this.#terminal = terminal;
    this.#fit = fit;
    this.#fitNow();
    this.#resizeObserver = new ResizeObserver(() => this.#fitNow());
    this.#resizeObserver.observe(box);
    for (const event of this.#backlog.splice(0)) this.#show(event);
  }

  #fitNow(): void {
    try {
      this.#fit?.fit();
    } catch {
      // Not laid out yet.
    }
    clearTimeout(this.#resizeTimer);
    this.#resizeTimer = setTimeout(() => {
      const terminal = this.#terminal;
      if (terminal && this.consoleState.connection === 'open') this.#console?.resize(Math.max(10, terminal.cols), Math.max(2, terminal.rows));
    }, RESIZE_SETTLE_MS);
  }

  /** What the participant typed into the terminal: edited locally, sent a line at a time. */
  #typed(data: string): void {
    const console = this.#console;
    if (!console || !this.consoleState.you?.canType) return;
    for (const action of this.#line.feed(data)) {
      if (action.type === 'echo') this.#terminal?.write(action.text);
      else if (action.type === 'send') console.input(action.data);
      else if (action.type === 'interrupt') console.interrupt();
      else console.eof();
    }
  }

  #show(event: ConsoleScreenEvent): void {
    const terminal = this.#terminal;
    if (!terminal) {
      if (event.type === 'reset') this.#backlog = [];
      else this.#backlog.push(event);
      return;
    }
    if (event.type === 'reset') {
      terminal.reset();
      this.#line.clear();
    } else if (event.type === 'output') {
      // The line being typed is redrawn after what arrives, so that output never splits it.
      terminal.write(this.#line.erase() + event.data + this.#line.text);
    }
  }

  #start(): void {
    const doc = this.#doc;
    const slot = this.session?.view?.question.slot ?? 0;
    const language = (doc && languageOf(doc, slot)) || this.session?.view?.question.language || '';
    const code = doc ? codeOf(doc, slot).toString() : (this.session?.view?.question.starterCode ?? '');
    const mode = this.mode === 'repl' && REPL_LANGUAGES.has(language) ? 'repl' : 'program';
    this.#console?.start(language, mode, mode === 'repl' ? '' : code);
    this.#terminal?.focus();
  }

  get #strings(): ConsoleStrings {
    return this.#locale.strings;
  }

  protected override render(): TemplateResult {
    const s = this.#strings;
    const view = this.session?.view;
    if (!this.session) return html`<div part="base"><p part="status">${s.noSession}</p></div>`;
    if (view?.viewer.role === 'observer') return html`<div part="base"><p part="status">${s.watchOnly}</p></div>`;
    const { run, you, connection, problem } = this.consoleState;
    const busy = run?.status === 'starting' || run?.status === 'running';
    const canType = Boolean(you?.canType) && connection === 'open';
    const language = (this.#doc && languageOf(this.#doc, view?.question.slot ?? 0)) || view?.question.language || '';
    return html`
      <div part="base">
        <div part="toolbar">
          <label
            >${s.mode}
            <select .value=${this.mode} ?disabled=${busy} @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value as ConsoleMode)}>
              <option value="program">${s.program}</option>
              <option value="repl" ?disabled=${!REPL_LANGUAGES.has(language)}>${s.repl}</option>
            </select>
          </label>
          <button part="start" type="button" ?disabled=${busy || !canType} @click=${() => this.#start()}>${s.start}</button>
          <button type="button" ?disabled=${!busy || !canType} @click=${() => this.#console?.interrupt()}>${s.interrupt}</button>
          <button type="button" ?disabled=${!busy || !canType} @click=${() => this.#console?.eof()}>${s.endInput}</button>
          ${you?.role === 'interviewer' ? this.#renderLock(s, run?.lockedTo ?? null) : nothing}
        </div>
        <p part="status" role="status" aria-live="polite">${this.#statusText(s)}${problem ? html` ${s.failed(problem.detail ?? problem.title)}` : nothing}</p>
        <div part="terminal" translate="no" dir="ltr"></div>
      </div>
    `;
  }

  #renderLock(s: ConsoleStrings, lockedTo: string | null): TemplateResult {
    const typists = (this.session?.view?.participants ?? []).filter((p) => p.role !== 'observer');
    return html`<label
      >${s.lock}
      <select .value=${lockedTo ?? ''} @change=${(e: Event) => this.#console?.lock((e.target as HTMLSelectElement).value || null)}>
        <option value="">${s.everyone}</option>
        ${typists.map((p) => html`<option value=${p.id} ?selected=${p.id === lockedTo}>${s.lockTo(p.name)}</option>`)}
      </select>
    </label>`;
  }

  #statusText(s: ConsoleStrings): string {
    const { run, you, connection } = this.consoleState;
    if (connection === 'connecting' || connection === 'idle') return s.connecting;
    if (connection === 'reconnecting') return s.reconnecting;
    if (connection === 'closed') return s.closed;
    if (you && !you.canType && run?.lockedTo) return s.locked;
    switch (run?.status) {
      case 'starting':
        return s.starting;
      case 'running':
        return s.running(run.startedBy?.name ?? '');
      case 'ended':
        return s.ended(run.reason ? s.reasons[run.reason] : s.reasons.exit);
      default:
        return s.idle;
    }
  }
}
