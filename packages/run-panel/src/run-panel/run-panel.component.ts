import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CollabController,
  LocaleController,
  ProblemError,
  RECORD_STDIN_CHARS,
  SessionController,
  collabOf,
  type CollabSession,
  type InterviewSession,
  type PartialStrings,
  type RunVerdict,
  type RunView,
} from '@interview-kit/core';
import { RunCompleteEvent, RunErrorEvent, RunStartEvent } from '../events.js';
import { RunModel } from '../run/run-model.js';
import { caretAfter } from '../run/text-change.js';
import { TouchController } from '../touch-controller.js';
import { INITIAL_RUN_STATE, testOutcomeOf, type RunBlock, type RunFailure, type RunState, type ShownRun } from '../run/state.js';
import { RUN_PANEL_LOCALES, type RunPanelStrings } from './run-panel.strings.js';
import { runPanelStyles } from './run-panel.styles.js';

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * @summary Runs the interview's code in the server's sandbox and shows everyone the same result:
 * output with stdout and stderr told apart, verdict, exit status, time and memory, test results
 * and the run history of the whole room.
 *
 * The element needs an `InterviewSession` (the `session` property, or the session an
 * `<interview-room>` provides). The code comes from the `code` property when set, else from the
 * session's shared document (`collabOf(session)`, or the `collab` property), else the question's
 * starter code; the language likewise from `language`, the document, or the question. When the
 * document's question is a project of several files (the editor's file list, `Y.Map('files')`),
 * a run sends them all with the entry file (`main.py`, `Main.java`, … by language) to run.
 *
 * The server records every finished run in the shared document (its Y.Array `runs`, which only
 * the server writes): who ran it, when, the standard input it read (cut to 4 KiB), the verdict,
 * outputs cut to 8 KiB, visible tests' verdicts, hidden tests only as a count. So every
 * participant's panel shows each run as it lands, its input beside its output, and the history
 * lists them all. Test inputs, expected and actual outputs come from the runs list as the viewer
 * may see them: visible tests for everyone, hidden tests for interviewers (in everyone's runs).
 * Candidates and observers never receive hidden tests' inputs or outputs (the server withholds
 * them), and the shared record never carries them.
 *
 * The standard input field is shared through the document (`Y.Text('stdin')`): everyone sees what
 * the candidate types, and candidates and interviewers edit it; observers read it.
 *
 * All run logic lives in a framework-free `RunModel`; the element renders its state.
 *
 * Observers see the runs of others but cannot run code. Once the interview is over (the
 * session's view says ended or cancelled, also when a reloaded view brings the news), Run is
 * disabled for everyone and the notice says why. Results, remote runs and errors are announced in
 * a polite live region.
 *
 * Keyboard: Ctrl+Enter (⌘ Enter on macOS) runs the code from anywhere inside the panel, or from
 * anywhere on the page with `global-shortcut`; Escape cancels a run in progress. The Run button
 * shows the shortcut except on touch devices (`(hover: none) and (pointer: coarse)`).
 *
 * @fires {RunStartEvent} interview-run-start - A run is about to be sent; cancelable, `detail.request` may be edited.
 * @fires {RunCompleteEvent} interview-run-complete - This participant's run finished; `detail.run` is the result.
 * @fires {RunErrorEvent} interview-run-error - A run could not start or failed; `detail.error`.
 *
 * @csspart base - The panel.
 * @csspart toolbar - The row of buttons, language and elapsed time.
 * @csspart run-button - The Run button.
 * @csspart run-tests-button - The "Run tests" button (shown when the question has tests).
 * @csspart cancel-button - The Cancel button (while running).
 * @csspart language - The language name and version.
 * @csspart elapsed - Elapsed time of the run in progress.
 * @csspart stdin - The standard input field (shared with the room; read-only for observers).
 * @csspart run-input - The standard input of the run on display, above its output.
 * @csspart shortcut - The keyboard shortcut on the Run button (not on touch devices).
 * @csspart status - The line with verdict, exit status, time, memory and author.
 * @csspart outcome - The status line's first words when tests ran: "2 of 3 tests failed" (failure colour) or "All 3 tests passed".
 * @csspart verdict - The verdict within the status line (how the program ended).
 * @csspart notice - Notices: truncation, why Run is disabled.
 * @csspart error - An error message (run refused or failed).
 * @csspart console - The output console.
 * @csspart stdout - A piece of standard output in the console.
 * @csspart stderr - A piece of standard error in the console.
 * @csspart tests - The test results table.
 * @csspart hidden-summary - The count of passed hidden tests.
 * @csspart history - The run history disclosure.
 * @csspart history-item - One run of the history (a button that shows it).
 *
 * @cssproperty --interview-font-family - Font of the panel.
 * @cssproperty --interview-font-family-mono - Font of the console, input field and test data.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Secondary text (language, status, notices).
 * @cssproperty --interview-color-surface - Background of the panel and fields.
 * @cssproperty --interview-color-surface-raised - Background of the console and the run's input.
 * @cssproperty --interview-color-border - Borders of fields, buttons and table rows.
 * @cssproperty --interview-color-accent - The Run button and focus rings.
 * @cssproperty --interview-run-panel-accent - Overrides the accent colour for this element only.
 * @cssproperty --interview-color-on-accent - Text on the Run button.
 * @cssproperty --interview-color-danger - Failed verdicts, failed tests and errors.
 * @cssproperty --interview-color-success - The ok verdict and passed tests.
 * @cssproperty --interview-console-background - Console background (default: the raised surface).
 * @cssproperty --interview-console-color - Console text (stdout; default: the text colour).
 * @cssproperty --interview-console-error-color - Console stderr text (default: the danger colour).
 * @cssproperty --interview-console-max-height - Height after which the console scrolls.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing between parts.
 *
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); without it the element follows the inherited `color-scheme`.
 */
export class InterviewRunPanel extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = runPanelStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** The collaboration session whose document holds the code and the shared run records; default `collabOf(session)`. */
  @property({ attribute: false })
  collab: CollabSession | undefined;

  /** The code to run; when unset, the shared document's code (or the question's starter code). */
  @property({ attribute: false })
  code: string | undefined;

  /** Language id to run as (e.g. `python`); when unset, the shared document's, else the question's. */
  @property()
  language: string | undefined;

  /** Do not join the collaboration session: runs are shown to this participant only. */
  @property({ type: Boolean })
  standalone = false;

  /** Ctrl/Cmd+Enter runs the code from anywhere on the page, not only inside the panel. */
  @property({ type: Boolean, attribute: 'global-shortcut' })
  globalShortcut = false;

  /**
   * The host page's strings: any subset of {@link RunPanelStrings}, over the table of the
   * element's language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false })
  strings: PartialStrings<RunPanelStrings> = {};

  readonly #locale = new LocaleController(this, RUN_PANEL_LOCALES, { strings: () => this.strings });

  @state() private runState: RunState = INITIAL_RUN_STATE;
  @state() private announcement = '';

  readonly #runs = new RunModel();
  readonly #touch = new TouchController(this);
  /** Where the stdin field's caret goes after someone else changed the shared input. */
  #stdinCaret: [number, number] | undefined;

  constructor() {
    super();
    this.#runs.state.subscribe((next) => this.#onState(next));
    new SessionController(this, { bind: (session, cleanup) => cleanup.add(this.#runs.attach(session)) });
    new CollabController(this, {
      collab: () => (this.standalone || !this.session ? undefined : (this.collab ?? collabOf(this.session))),
      bind: (collab, cleanup) => cleanup.add(this.#runs.follow(collab.doc, { writable: () => !collab.readOnly })),
    });
  }

  readonly #onKeyDown = (event: KeyboardEvent) => this.#handleKey(event);
  readonly #onGlobalKeyDown = (event: KeyboardEvent) => {
    if (!event.composedPath().includes(this)) this.#handleKey(event);
  };

  /** The run on display (the latest by default), as this participant may see it. */
  get current(): Readonly<ShownRun> | undefined {
    return this.runState.shown;
  }

  /** Whether a run of this participant is in progress. */
  get isRunning(): boolean {
    return this.#running;
  }

  /** The model behind the element: runs, standard input, history. */
  get model(): RunModel {
    return this.#runs;
  }

  get #running(): boolean {
    return this.runState.phase !== 'idle';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeyDown);
    if (this.globalShortcut) document.addEventListener('keydown', this.#onGlobalKeyDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeyDown);
    document.removeEventListener('keydown', this.#onGlobalKeyDown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('globalShortcut') && this.isConnected) {
      document.removeEventListener('keydown', this.#onGlobalKeyDown);
      if (this.globalShortcut) document.addEventListener('keydown', this.#onGlobalKeyDown);
    }
  }

  protected override updated(): void {
    const caret = this.#stdinCaret;
    this.#stdinCaret = undefined;
    if (caret) this.#stdinField?.setSelectionRange(...caret);
  }

  get #stdinField(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="stdin"]');
  }

  /**
   * Runs the code: on the stdin field's text, and on the question's test cases when `tests` is
   * given. Resolves with the run (or `undefined` when it was cancelled, refused or failed; the
   * panel shows why).
   */
  async run(options: { tests?: number[] | 'all' } = {}): Promise<RunView | undefined> {
    if (!this.session || this.#running || this.#runs.blockedBy()) return undefined;
    const start = new RunStartEvent({ request: this.#runs.request({ code: this.code, language: this.language, tests: options.tests }) });
    if (!this.dispatchEvent(start)) return undefined;
    const view = await this.#runs.run(start.detail.request);
    const failure = this.#runs.state.value.failure;
    if (view) this.dispatchEvent(new RunCompleteEvent({ run: view }));
    else if (failure?.kind === 'failed') this.dispatchEvent(new RunErrorEvent({ error: failure.error }));
    return view;
  }

  /** Cancels the run in progress: the server stops the program. */
  cancel(): void {
    this.#runs.cancel();
  }

  protected override render(): TemplateResult {
    const s = this.#strings;
    const view = this.session?.view;
    const disabled = this.#disabledReason();
    const hasTests = Boolean(view && view.question.tests.length + view.question.hiddenTestCount > 0);
    const languageId = this.#runs.language(this.language);
    const language = this.runState.languages?.languages.find((l) => l.id === languageId);
    const running = this.#running;
    const mac = isMac();
    const error = this.#failureText(this.runState.failure);
    return html`
      <section part="base" aria-label=${s.output}>
        <div part="toolbar">
          <button part="run-button" type="button" ?disabled=${Boolean(disabled) || running} @click=${() => void this.run()}
            aria-keyshortcuts=${mac ? 'Meta+Enter' : 'Control+Enter'}>
            ${s.run}${this.#touch.touch ? nothing : html`<kbd part="shortcut" aria-hidden="true">${s.shortcut(mac)}</kbd>`}
          </button>
          ${hasTests
            ? html`<button part="run-tests-button" type="button" ?disabled=${Boolean(disabled) || running}
                @click=${() => void this.run({ tests: 'all' })}>${s.runTests}</button>`
            : nothing}
          ${running ? html`<button part="cancel-button" type="button" @click=${() => this.cancel()}>${s.cancel}</button>` : nothing}
          ${running
            ? html`<span part="elapsed">${this.runState.phase === 'running' ? s.running(this.#locale.format.unit(this.runState.elapsedMs / 1000, 'second', 'short', { minimumFractionDigits: 1, maximumFractionDigits: 1 })) : s.queued}</span>`
            : nothing}
          <span part="language" title=${s.language} translate="no">${language ? `${language.name} (${language.version})` : (languageId ?? '')}</span>
        </div>
        ${disabled ? html`<p part="notice">${disabled}</p>` : nothing}
        <label>
          ${s.stdin}
          <textarea part="stdin" rows="2" spellcheck="false" placeholder=${s.stdinPlaceholder} .value=${this.runState.stdin}
            ?readonly=${!this.#runs.canEditStdin()}
            @input=${(e: Event) => this.#runs.setStdin((e.target as HTMLTextAreaElement).value)}></textarea>
        </label>
        ${error ? html`<p part="error">${error}</p>` : nothing}
        ${this.#renderStatus()}
        ${this.#renderRunInput()}
        ${this.#renderConsole()}
        ${this.#renderTests()}
        ${this.#renderHistory()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </section>
    `;
  }

  #renderStatus(): TemplateResult | typeof nothing {
    const run = this.runState.shown;
    if (!run || this.#running) return nothing;
    const s = this.#strings;
    const outcome = testOutcomeOf(run);
    return html`
      <p part="status" data-tests=${outcome ? (outcome.failed ? 'failed' : 'passed') : nothing}>
        ${outcome ? html`<span part="outcome">${s.testOutcome(outcome.failed, outcome.total)}</span>` : nothing}
        <span part="verdict" data-verdict=${run.verdict}>${this.#verdictText(run.verdict)}</span>
        ${run.signal ? html`<span>${s.signal(run.signal)}</span>` : run.exitCode !== null ? html`<span>${s.exitCode(run.exitCode)}</span>` : nothing}
        <span>${s.time(run.wallMs, run.cpuMs)}</span>
        <span>${s.memory(run.memoryKb)}</span>
        <span>${s.ranBy(run.byName, this.#locale.format.time(run.at, 'medium'))}</span>
      </p>
      ${run.truncated ? html`<p part="notice">${s.truncated}</p>` : nothing}
    `;
  }

  /** The input the run on display read, so that nobody sees its output without it. */
  #renderRunInput(): TemplateResult | typeof nothing {
    const run = this.runState.shown;
    if (!run || this.#running || !run.stdin) return nothing;
    const s = this.#strings;
    return html`
      <figure part="run-input">
        <figcaption>${s.runInput}${run.stdinTruncated ? html` <span class="cut">${s.runInputCut(RECORD_STDIN_CHARS / 1024)}</span>` : nothing}</figcaption>
        <pre tabindex="0" aria-label=${s.runInput}>${run.stdin}</pre>
      </figure>
    `;
  }

  #renderConsole(): TemplateResult {
    const s = this.#strings;
    const chunks = this.#running ? this.runState.live : (this.runState.shown?.console ?? []);
    const compileOutput = this.#running ? undefined : this.runState.shown?.compileOutput;
    const empty = !chunks.length && !compileOutput;
    return html`
      <pre part="console" role="log" aria-label=${s.output} tabindex="0">${compileOutput
        ? html`<span part="stderr">${s.compileOutput}:\n${compileOutput}\n</span>`
        : nothing}${chunks.map(
        (chunk) => html`<span part=${chunk.stream} data-stream=${chunk.stream}>${chunk.text}</span>`,
      )}${empty ? html`<span class="placeholder">${this.runState.shown ? s.noOutput : this.#running ? '' : s.idle}</span>` : nothing}</pre>
    `;
  }

  #renderTests(): TemplateResult | typeof nothing {
    const run = this.runState.shown;
    if (!run || this.#running || (!run.tests.length && !run.hiddenSummary)) return nothing;
    const s = this.#strings;
    const detail = (label: string, text: string | undefined) =>
      text === undefined ? nothing : html`<div><strong>${label}</strong><pre>${text}</pre></div>`;
    return html`
      <div>
        ${run.tests.length
          ? html`<table part="tests">
              <caption class="visually-hidden">${s.tests}</caption>
              <thead>
                <tr><th scope="col">${s.testColumn}</th><th scope="col">${s.resultColumn}</th><th scope="col">${s.detailsColumn}</th></tr>
              </thead>
              <tbody>
                ${run.tests.map(
                  (test) => html`<tr data-index=${test.index} data-passed=${test.passed}>
                    <th scope="row">${test.hidden ? s.hiddenTest(test.index) : s.test(test.index)}</th>
                    <td class=${test.passed ? 'passed' : 'failed'}>
                      ${test.passed ? s.testPassed : s.testFailed}${test.verdict === 'ok' ? nothing : html` (${this.#verdictText(test.verdict)})`}
                    </td>
                    <td>
                      ${test.stdin !== undefined || test.stdout !== undefined
                        ? html`<details>
                            <summary>${s.detailsColumn}</summary>
                            ${detail(s.testInput, test.stdin)} ${detail(s.testExpected, test.expected)} ${detail(s.testActual, test.stdout)}
                          </details>`
                        : nothing}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing}
        ${run.hiddenSummary
          ? html`<p part="hidden-summary">${s.hiddenSummary(run.hiddenSummary.passed, run.hiddenSummary.total)}</p>`
          : nothing}
      </div>
    `;
  }

  #renderHistory(): TemplateResult | typeof nothing {
    const records = this.runState.history;
    if (!records.length) return nothing;
    const s = this.#strings;
    return html`
      <details part="history">
        <summary>${s.history(records.length)}</summary>
        <ol>
          ${[...records].reverse().map(
            (record) => html`<li>
              <button part="history-item" type="button" aria-current=${this.runState.shown?.id === record.id ? 'true' : 'false'}
                @click=${() => this.#runs.show(record)}>
                ${s.historyItem(record.by.name, this.#locale.format.time(record.at, 'medium'), this.#verdictText(record.verdict))}
              </button>
            </li>`,
          )}
        </ol>
      </details>
    `;
  }

  get #strings(): RunPanelStrings {
    return this.#locale.strings;
  }

  /** Why Run is disabled, or `''` when it is not. */
  #disabledReason(): string {
    const s = this.#strings;
    const block: RunBlock | undefined = this.session ? this.#runs.blockedBy() : 'no-session';
    switch (block) {
      case 'no-session':
        return s.noSession;
      case 'observer':
        return s.observerCannotRun;
      case 'ended':
        return s.sessionEnded;
      case 'cancelled':
        return s.sessionCancelled;
      case 'unavailable':
        return s.unavailable(this.runState.languages?.reason ?? '');
      default:
        return '';
    }
  }

  /** Announces what changed: a run sent, finished, cancelled or failed, or someone else's run landing. */
  #onState(next: RunState): void {
    const previous = this.runState;
    this.runState = next;
    this.#keepStdinCaret(previous.stdin, next.stdin);
    const s = this.#strings;
    if (previous.phase === 'idle' && next.phase !== 'idle') {
      this.#announce(s.announceStarted);
    } else if (previous.phase !== 'idle' && next.phase === 'idle') {
      if (next.failure) this.#announce(this.#failureText(next.failure));
      else if (next.shown) this.#announce(s.announceFinished(this.#verdictText(next.shown.verdict), this.#summary(next.shown)));
    } else if (next.shown?.id !== previous.shown?.id && next.shown?.origin === 'room') {
      this.#announce(s.announceRemote(next.shown.byName, this.#verdictText(next.shown.verdict)));
    }
  }

  /** Keeps the stdin field's caret on its text when someone else changes the shared input. */
  #keepStdinCaret(before: string, after: string): void {
    const field = this.#stdinField;
    if (before === after || !field || field.value === after || this.shadowRoot?.activeElement !== field) return;
    const text = field.value;
    this.#stdinCaret = [caretAfter(text, after, field.selectionStart), caretAfter(text, after, field.selectionEnd)];
  }

  #handleKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      void this.run();
    } else if (event.key === 'Escape' && this.#running) {
      event.preventDefault();
      this.cancel();
    }
  }

  #verdictText(verdict: RunVerdict): string {
    return this.#strings.verdicts[verdict] ?? verdict;
  }

  #summary(run: ShownRun): string {
    const s = this.#strings;
    const parts = [
      run.signal ? s.signal(run.signal) : run.exitCode !== null ? s.exitCode(run.exitCode) : '',
      s.time(run.wallMs, run.cpuMs),
      run.tests.length ? s.testOutcome(run.tests.filter((t) => !t.passed).length, run.tests.length) : '',
      run.hiddenSummary ? s.hiddenSummary(run.hiddenSummary.passed, run.hiddenSummary.total) : '',
    ];
    return parts.filter(Boolean).join(', ');
  }

  #failureText(failure: RunFailure | undefined): string {
    const s = this.#strings;
    if (!failure) return '';
    if (failure.kind === 'cancelled') return s.cancelled;
    const { error } = failure;
    if (error instanceof ProblemError) {
      if (error.status === 429) return s.busy(Number(error.problem.retryAfter) || 1);
      return s.failed(error.message);
    }
    return s.failed(error instanceof Error ? error.message : String(error));
  }

  #announce(text: string): void {
    // Re-announce identical texts: clear first, then set on the next frame.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }
}
