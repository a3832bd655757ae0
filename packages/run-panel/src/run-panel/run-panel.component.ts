import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type * as Y from 'yjs';
import {
  ProblemError,
  codeOf,
  collabOf,
  languageOf,
  sessionContext,
  type CollabSession,
  type InterviewSession,
  type LanguagesResponse,
  type RunOutcome,
  type RunRequest,
  type RunStreamEvent,
  type RunVerdict,
  type RunView,
  type SessionView,
  type SharedRunRecord,
} from '@interview-kit/core';
import { RunCompleteEvent, RunErrorEvent, RunStartEvent } from '../events.js';
import { streamRun } from '../run-client.js';
import { appendSharedRun, sharedRecordOf, sharedRunsOf } from '../shared-runs.js';
import { RUN_PANEL_STRINGS_EN, type RunPanelStrings } from './run-panel.strings.js';
import { runPanelStyles } from './run-panel.styles.js';

/** One piece of console output. */
interface Chunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A test row as the panel shows it; details only where the viewer may see them. */
interface ShownTest {
  index: number;
  hidden: boolean;
  passed: boolean;
  verdict: RunVerdict;
  stdin?: string | undefined;
  expected?: string | undefined;
  stdout?: string | undefined;
  wallMs?: number | undefined;
}

/** The run on display: this participant's own (full view) or anyone's shared record. */
interface ShownRun extends Omit<RunOutcome, 'stdout' | 'stderr' | 'compileOutput'> {
  id: string;
  byName: string;
  at: string;
  compileOutput?: string | undefined;
  console: Chunk[];
  tests: ShownTest[];
  hiddenSummary?: { passed: number; total: number } | undefined;
}

const RUNNING_ROLES: readonly string[] = ['candidate', 'interviewer'];
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * @summary Runs the interview's code in the server's sandbox and shows everyone the same result:
 * output with stdout and stderr told apart, verdict, exit status, time and memory, test results
 * and the run history of the whole room.
 *
 * The element needs an {@link InterviewSession} (the `session` property, or the session an
 * `<interview-room>` provides). The code comes from the `code` property when set, else from the
 * session's shared document (`collabOf(session)`, or the `collab` property), else the question's
 * starter code; the language likewise from `language`, the document, or the question.
 *
 * Every finished run is recorded in the shared document (its Y.Array `runs`): who ran it, when,
 * the verdict, outputs cut to 8 KiB, visible test results, hidden tests only as a count. So every
 * participant's panel shows each run as it lands, and the history lists them all. Candidates never
 * receive hidden tests' inputs or outputs (the server withholds them); interviewers see them in
 * their own runs, and the shared record never carries them.
 *
 * Observers see the runs of others but cannot run code. Results, remote runs and errors are
 * announced in a polite live region.
 *
 * Keyboard: Ctrl+Enter (⌘ Enter on macOS) runs the code from anywhere inside the panel, or from
 * anywhere on the page with `global-shortcut`; Escape cancels a run in progress.
 *
 * @event interview-run-start - {@link RunStartEvent}: a run is about to be sent; cancelable, `detail.request` may be edited.
 * @event interview-run-complete - {@link RunCompleteEvent}: this participant's run finished; `detail.run` is the result.
 * @event interview-run-error - {@link RunErrorEvent}: a run could not start or failed; `detail.error`.
 *
 * @csspart base - The panel.
 * @csspart toolbar - The row of buttons, language and elapsed time.
 * @csspart run-button - The Run button.
 * @csspart run-tests-button - The "Run tests" button (shown when the question has tests).
 * @csspart cancel-button - The Cancel button (while running).
 * @csspart language - The language name and version.
 * @csspart elapsed - Elapsed time of the run in progress.
 * @csspart stdin - The standard input field.
 * @csspart status - The line with verdict, exit status, time, memory and author.
 * @csspart verdict - The verdict within the status line.
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
 * @cssproperty --interview-color-border - Borders of fields, buttons and table rows.
 * @cssproperty --interview-color-accent - The Run button and focus rings.
 * @cssproperty --interview-run-panel-accent - Overrides the accent colour for this element only.
 * @cssproperty --interview-color-on-accent - Text on the Run button.
 * @cssproperty --interview-color-danger - Failed verdicts, failed tests and errors.
 * @cssproperty --interview-color-success - The ok verdict and passed tests.
 * @cssproperty --interview-console-background - Console background.
 * @cssproperty --interview-console-color - Console text (stdout).
 * @cssproperty --interview-console-error-color - Console stderr text.
 * @cssproperty --interview-console-max-height - Height after which the console scrolls.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing between parts.
 */
export class InterviewRunPanel extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = runPanelStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @consume({ context: sessionContext, subscribe: true })
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

  /** Translations: any subset of {@link RunPanelStrings}; English for the rest. */
  @property({ attribute: false })
  strings: Partial<RunPanelStrings> = {};

  @state() private stdin = '';
  @state() private running = false;
  @state() private started = false;
  @state() private elapsedMs = 0;
  @state() private live: Chunk[] = [];
  @state() private shown: ShownRun | undefined;
  @state() private error = '';
  @state() private announcement = '';
  @state() private records: SharedRunRecord[] = [];
  @state() private languages: LanguagesResponse | undefined;

  #abort: AbortController | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #boundSession: InterviewSession | undefined;
  #boundDoc: Y.Doc | undefined;
  #unbind: (() => void)[] = [];
  /** Runs of this participant shown without a shared document. */
  #localRecords: SharedRunRecord[] = [];
  readonly #onSessionChange = () => this.requestUpdate();
  readonly #onKeyDown = (event: KeyboardEvent) => this.#handleKey(event);
  readonly #onGlobalKeyDown = (event: KeyboardEvent) => {
    if (!event.composedPath().includes(this)) this.#handleKey(event);
  };

  /** The run on display (the latest by default), as this participant may see it. */
  get current(): Readonly<ShownRun> | undefined {
    return this.shown;
  }

  /** Whether a run of this participant is in progress. */
  get isRunning(): boolean {
    return this.running;
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
    this.cancel();
    this.#unbindAll();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('globalShortcut') && this.isConnected) {
      document.removeEventListener('keydown', this.#onGlobalKeyDown);
      if (this.globalShortcut) document.addEventListener('keydown', this.#onGlobalKeyDown);
    }
    if (changed.has('session') || changed.has('collab') || changed.has('standalone')) this.#bind();
  }

  /**
   * Runs the code: on the stdin field's text, and on the question's test cases when `tests` is
   * given. Resolves with the run (or `undefined` when it was cancelled, refused or failed; the
   * panel shows why).
   */
  async run(options: { tests?: number[] | 'all' } = {}): Promise<RunView | undefined> {
    const session = this.session;
    if (!session || this.running || this.#disabledReason()) return undefined;
    const request: RunRequest = {
      language: this.#language() ?? '',
      code: this.#code(),
      stdin: this.stdin,
      ...(options.tests !== undefined ? { tests: options.tests } : {}),
    };
    const start = new RunStartEvent({ request });
    if (!this.dispatchEvent(start)) return undefined;

    const abort = new AbortController();
    this.#abort = abort;
    this.running = true;
    this.started = false;
    this.live = [];
    this.error = '';
    this.shown = undefined;
    this.elapsedMs = 0;
    const began = performance.now();
    this.#ticker = setInterval(() => (this.elapsedMs = performance.now() - began), 100);
    this.#announce(this.#strings.announceStarted);

    try {
      const view = await streamRun(session, start.detail.request, {
        signal: abort.signal,
        idempotencyKey: crypto.randomUUID(),
        onEvent: (event) => this.#onStreamEvent(event),
      });
      const record = sharedRecordOf(view, this.#me());
      this.shown = { ...this.#fromRecord(record), console: this.live.length ? this.live : consoleOf(view), tests: testsOf(view) };
      this.#record(record);
      this.#announce(this.#strings.announceFinished(this.#verdictText(view.verdict), this.#summary(this.shown)));
      this.dispatchEvent(new RunCompleteEvent({ run: view }));
      return view;
    } catch (error) {
      if (abort.signal.aborted) {
        this.error = this.#strings.cancelled;
      } else {
        this.error = this.#describe(error);
        this.dispatchEvent(new RunErrorEvent({ error }));
      }
      this.#announce(this.error);
      return undefined;
    } finally {
      clearInterval(this.#ticker);
      this.elapsedMs = performance.now() - began;
      this.running = false;
      this.#abort = undefined;
    }
  }

  /** Cancels the run in progress: the server stops the program. */
  cancel(): void {
    this.#abort?.abort(new DOMException('The run was cancelled.', 'AbortError'));
  }

  protected override render(): TemplateResult {
    const s = this.#strings;
    const view = this.session?.view;
    const disabled = this.#disabledReason();
    const hasTests = Boolean(view && view.question.tests.length + view.question.hiddenTestCount > 0);
    const languageId = this.#language();
    const language = this.languages?.languages.find((l) => l.id === languageId);
    const mac = isMac();
    return html`
      <section part="base" aria-label=${s.output}>
        <div part="toolbar">
          <button part="run-button" type="button" ?disabled=${Boolean(disabled) || this.running} @click=${() => void this.run()}
            aria-keyshortcuts=${mac ? 'Meta+Enter' : 'Control+Enter'}>
            ${s.run}<kbd aria-hidden="true">${s.shortcut(mac)}</kbd>
          </button>
          ${hasTests
            ? html`<button part="run-tests-button" type="button" ?disabled=${Boolean(disabled) || this.running}
                @click=${() => void this.run({ tests: 'all' })}>${s.runTests}</button>`
            : nothing}
          ${this.running ? html`<button part="cancel-button" type="button" @click=${() => this.cancel()}>${s.cancel}</button>` : nothing}
          ${this.running
            ? html`<span part="elapsed">${this.started ? s.running(formatSeconds(this.elapsedMs)) : s.queued}</span>`
            : nothing}
          <span part="language" title=${s.language}>${language ? `${language.name} (${language.version})` : (languageId ?? '')}</span>
        </div>
        ${disabled ? html`<p part="notice">${disabled}</p>` : nothing}
        <label>
          ${s.stdin}
          <textarea part="stdin" rows="2" spellcheck="false" placeholder=${s.stdinPlaceholder} .value=${this.stdin}
            @input=${(e: Event) => (this.stdin = (e.target as HTMLTextAreaElement).value)}></textarea>
        </label>
        ${this.error ? html`<p part="error">${this.error}</p>` : nothing}
        ${this.#renderStatus()}
        ${this.#renderConsole()}
        ${this.#renderTests()}
        ${this.#renderHistory()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </section>
    `;
  }

  #renderStatus(): TemplateResult | typeof nothing {
    const run = this.shown;
    if (!run || this.running) return nothing;
    const s = this.#strings;
    return html`
      <p part="status">
        <span part="verdict" data-verdict=${run.verdict}>${this.#verdictText(run.verdict)}</span>
        ${run.signal ? html`<span>${s.signal(run.signal)}</span>` : run.exitCode !== null ? html`<span>${s.exitCode(run.exitCode)}</span>` : nothing}
        <span>${s.time(run.wallMs, run.cpuMs)}</span>
        <span>${s.memory(run.memoryKb)}</span>
        <span>${s.ranBy(run.byName, formatTime(run.at))}</span>
      </p>
      ${run.truncated ? html`<p part="notice">${s.truncated}</p>` : nothing}
    `;
  }

  #renderConsole(): TemplateResult {
    const s = this.#strings;
    const chunks = this.running ? this.live : (this.shown?.console ?? []);
    const compileOutput = this.running ? undefined : this.shown?.compileOutput;
    const empty = !chunks.length && !compileOutput;
    return html`
      <pre part="console" role="log" aria-label=${s.output} tabindex="0">${compileOutput
        ? html`<span part="stderr">${s.compileOutput}:\n${compileOutput}\n</span>`
        : nothing}${chunks.map(
        (chunk) => html`<span part=${chunk.stream} data-stream=${chunk.stream}>${chunk.text}</span>`,
      )}${empty ? html`<span class="placeholder">${this.shown ? s.noOutput : this.running ? '' : s.idle}</span>` : nothing}</pre>
    `;
  }

  #renderTests(): TemplateResult | typeof nothing {
    const run = this.shown;
    if (!run || this.running || (!run.tests.length && !run.hiddenSummary)) return nothing;
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
    const records = this.#allRecords();
    if (!records.length) return nothing;
    const s = this.#strings;
    return html`
      <details part="history">
        <summary>${s.history(records.length)}</summary>
        <ol>
          ${[...records].reverse().map(
            (record) => html`<li>
              <button part="history-item" type="button" aria-current=${this.shown?.id === record.id ? 'true' : 'false'}
                @click=${() => this.#show(record)}>
                ${s.historyItem(record.by.name, formatTime(record.at), this.#verdictText(record.verdict))}
              </button>
            </li>`,
          )}
        </ol>
      </details>
    `;
  }

  get #strings(): RunPanelStrings {
    return { ...RUN_PANEL_STRINGS_EN, ...this.strings };
  }

  /** Why Run is disabled, or `''` when it is not. */
  #disabledReason(): string {
    const s = this.#strings;
    const view = this.session?.view;
    if (!this.session || !view) return this.session ? '' : s.noSession;
    if (!RUNNING_ROLES.includes(view.viewer.role)) return s.observerCannotRun;
    if (view.status === 'ended') return s.sessionEnded;
    if (this.languages && !this.languages.available) return s.unavailable(this.languages.reason ?? '');
    return '';
  }

  #doc(): Y.Doc | undefined {
    if (this.standalone || !this.session) return undefined;
    return (this.collab ?? collabOf(this.session)).doc;
  }

  #code(): string {
    if (this.code !== undefined) return this.code;
    const doc = this.#doc();
    if (doc) return codeOf(doc).toString();
    return this.session?.view?.question.starterCode ?? '';
  }

  #language(): string | undefined {
    if (this.language) return this.language;
    const doc = this.#doc();
    return (doc && languageOf(doc)) || this.session?.view?.question.language;
  }

  #me(): SharedRunRecord['by'] {
    const view = this.session?.view as SessionView;
    const id = view.viewer.participantId ?? 'host';
    const name = view.participants.find((p) => p.id === id)?.name ?? id;
    return { id, name, role: view.viewer.role };
  }

  /** Follows the session (its view and languages) and the shared document's run records. */
  #bind(): void {
    const session = this.session;
    if (session !== this.#boundSession) {
      this.#unbindAll();
      this.#boundSession = session;
      this.languages = undefined;
      this.records = [];
      this.#localRecords = [];
      this.shown = undefined;
      if (!session) return;
      session.addEventListener('change', this.#onSessionChange);
      this.#unbind.push(() => session.removeEventListener('change', this.#onSessionChange));
      if (!session.view) void session.load().catch((error: unknown) => (this.error = this.#describe(error)));
      void session.client
        .request<LanguagesResponse>('GET', '/v1/languages')
        .then((languages) => {
          if (this.session === session) this.languages = languages;
        })
        .catch(() => {
          // The language list only decorates; a run would report the real problem.
        });
    }
    const doc = this.#doc();
    if (doc === this.#boundDoc) return;
    this.#boundDoc = doc;
    if (!doc) return;
    const runs = sharedRunsOf(doc);
    const onRuns = (_event: Y.YArrayEvent<SharedRunRecord>, transaction: Y.Transaction) => {
      const known = new Set(this.records.map((r) => r.id));
      this.records = runs.toArray();
      const arrived = this.records.filter((r) => !known.has(r.id));
      const latest = arrived.at(-1);
      if (!transaction.local && latest && !this.running) {
        this.#show(latest);
        this.#announce(this.#strings.announceRemote(latest.by.name, this.#verdictText(latest.verdict)));
      }
    };
    runs.observe(onRuns);
    this.#unbind.push(() => runs.unobserve(onRuns));
    this.records = runs.toArray();
    const latest = this.records.at(-1);
    if (latest && !this.shown) this.#show(latest);
  }

  #unbindAll(): void {
    this.#unbind.splice(0).forEach((unbind) => unbind());
    this.#boundSession = undefined;
    this.#boundDoc = undefined;
  }

  #allRecords(): SharedRunRecord[] {
    return this.#boundDoc ? this.records : this.#localRecords;
  }

  /** Puts a finished run of this participant into the shared document (or the local history). */
  #record(record: SharedRunRecord): void {
    const doc = this.#boundDoc;
    const collab = this.standalone || !this.session ? undefined : (this.collab ?? collabOf(this.session));
    if (doc && !collab?.readOnly) {
      appendSharedRun(doc, record);
    } else {
      this.#localRecords = [...this.#localRecords, record];
      this.requestUpdate();
    }
  }

  #show(record: SharedRunRecord): void {
    this.error = '';
    this.shown = this.#fromRecord(record);
  }

  #fromRecord(record: SharedRunRecord): ShownRun {
    return {
      id: record.id,
      byName: record.by.name,
      at: record.at,
      verdict: record.verdict,
      exitCode: record.exitCode,
      signal: record.signal,
      cpuMs: record.cpuMs,
      wallMs: record.wallMs,
      memoryKb: record.memoryKb,
      truncated: record.truncated,
      compileOutput: record.compileOutput || undefined,
      console: consoleOf(record),
      tests: record.tests.map((test) => ({ ...test, hidden: false })),
      hiddenSummary: record.hiddenSummary,
    };
  }

  #onStreamEvent(event: RunStreamEvent): void {
    if (event.event === 'start') this.started = true;
    if (event.event !== 'output') return;
    const last = this.live.at(-1);
    // Consecutive pieces of one stream are joined, so the console holds few nodes.
    this.live = last?.stream === event.data.stream
      ? [...this.live.slice(0, -1), { stream: last.stream, text: last.text + event.data.chunk }]
      : [...this.live, { stream: event.data.stream, text: event.data.chunk }];
  }

  #handleKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      void this.run();
    } else if (event.key === 'Escape' && this.running) {
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
      run.tests.length ? `${run.tests.filter((t) => t.passed).length}/${run.tests.length} ${s.tests.toLowerCase()}` : '',
      run.hiddenSummary ? s.hiddenSummary(run.hiddenSummary.passed, run.hiddenSummary.total) : '',
    ];
    return parts.filter(Boolean).join(', ');
  }

  #describe(error: unknown): string {
    const s = this.#strings;
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

function consoleOf(view: Pick<RunOutcome, 'stdout' | 'stderr'>): Chunk[] {
  return [
    ...(view.stdout ? [{ stream: 'stdout' as const, text: view.stdout }] : []),
    ...(view.stderr ? [{ stream: 'stderr' as const, text: view.stderr }] : []),
  ];
}

function testsOf(view: RunView): ShownTest[] {
  return (view.tests ?? []).map((test) => ({
    index: test.index,
    hidden: test.hidden,
    passed: test.passed,
    verdict: test.verdict,
    stdin: test.stdin,
    expected: test.expected,
    stdout: test.stdout,
    wallMs: test.wallMs,
  }));
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}
