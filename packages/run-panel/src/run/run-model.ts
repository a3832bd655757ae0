import type * as Y from 'yjs';
import {
  Store,
  codeOf,
  entryPathOf,
  isOver,
  isRunOfQuestion,
  languageOf,
  metaOf,
  projectFilesOf,
  projectOf,
  sharedRecordOf,
  sharedRunsOf,
  stdinOf,
  type InterviewSession,
  type Readable,
  type RunRequest,
  type RunStreamEvent,
  type RunView,
  type SharedRunRecord,
} from '@interview-kit/core';
import {
  INITIAL_RUN_STATE,
  appendOutput,
  consoleOf,
  shownRecord,
  testsOf,
  type RunBlock,
  type RunState,
  type ShownRun,
} from './state.js';
import { RunDetails } from './run-details.js';
import { setSharedText } from './text-change.js';

const RUNNING_ROLES: readonly string[] = ['candidate', 'interviewer'];

/** How a followed document is bound. */
export interface FollowOptions {
  /** Whether this participant may write the document now (not an observer, session live, joined); default always. */
  writable?: () => boolean;
}

/** What to run: overrides of the shared code and language, and which tests. */
export interface RunInputs {
  /** The code; by default the followed document's, else the question's starter code. */
  code?: string | undefined;
  /** The language id; by default the followed document's, else the question's. */
  language?: string | undefined;
  /** Which of the question's test cases to run as well, by index, or `'all'`. */
  tests?: number[] | 'all' | undefined;
}

/**
 * The run panel's state machine, framework-free: this participant's runs (sent, queued, running
 * with streamed output, finished, cancelled or failed), the standard input, the server's
 * languages, and the room's run history read from the shared document: the runs of the coding
 * question in play (a record's `question`; records without one are of the first), following moves
 * to another question. Everything it knows is in
 * `state` (an observable snapshot); `<interview-run-panel>` renders that state and calls the
 * methods below.
 *
 * Following a document, the standard input is the document's `Y.Text('stdin')`, which everyone
 * sees and candidates and interviewers edit, and the language is the document's, as it changes.
 *
 * It never writes the document's run records: the server records every run there when it
 * finishes, with the standard input it read. Until a run's record arrives (or without a document),
 * this participant's own runs are kept in the history locally. Records carry no test inputs or
 * outputs; the runs list ({@link RunDetails}) fills them in as this viewer may see them: visible
 * tests for everyone, hidden ones for interviewers.
 *
 * @example
 * ```ts
 * const runs = new RunModel();
 * const detach = runs.attach(session);
 * const unfollow = runs.follow(collabOf(session).doc);
 * runs.state.subscribe((state) => console.log(state.phase, state.shown?.verdict));
 * await runs.run(runs.request({ tests: 'all' }));
 * ```
 */
export class RunModel {
  readonly #store = new Store<RunState>(INITIAL_RUN_STATE);
  #session: InterviewSession | undefined;
  #attached = false;
  #doc: Y.Doc | undefined;
  #writable: () => boolean = () => true;
  #details: RunDetails | undefined;
  #unwatchDetails: (() => void) | undefined;
  #unwatchQuestion: (() => void) | undefined;
  #abort: AbortController | undefined;
  /** Ids of this participant's runs, so their records are not announced as someone else's. */
  readonly #own = new Set<string>();
  /** Records of the followed document, oldest first. */
  #records: SharedRunRecord[] = [];
  /** This participant's finished runs whose record is not in the document (yet). */
  #pending: SharedRunRecord[] = [];

  /** The model's state; subscribe to follow it. */
  get state(): Readable<RunState> {
    return this.#store;
  }

  /**
   * Works for `session` from now on: loads its view when missing and the server's languages.
   * Another session than before starts afresh (the standard input stays). Returns the detacher,
   * which cancels a run in progress.
   */
  attach(session: InterviewSession): () => void {
    if (session !== this.#session) {
      this.cancel();
      this.#session = session;
      this.#own.clear();
      this.#records = [];
      this.#pending = [];
      this.#details = RunDetails.of(session);
      this.#store.update({ languages: undefined, history: [], shown: undefined, failure: undefined, live: [] });
    }
    this.#attached = true;
    this.#unwatchDetails?.();
    this.#unwatchDetails = this.#details!.state.subscribe(() => this.#detailsChanged());
    this.#unwatchQuestion?.();
    const onView = () => this.#questionChanged();
    session.addEventListener('change', onView);
    this.#unwatchQuestion = () => session.removeEventListener('change', onView);
    if (!session.view) {
      session.load().catch((error: unknown) => {
        if (this.#session === session) this.#store.update({ failure: { kind: 'failed', error } });
      });
    }
    if (!this.#store.value.languages) {
      session.client
        .languages()
        .then((languages) => {
          if (this.#session === session) this.#store.update({ languages });
        })
        .catch(() => {
          // The language list only decorates; a run would report the real problem.
        });
    }
    return () => {
      if (this.#session !== session) return;
      this.#attached = false;
      this.#unwatchDetails?.();
      this.#unwatchDetails = undefined;
      this.#unwatchQuestion?.();
      this.#unwatchQuestion = undefined;
      this.cancel();
    };
  }

  /** The runs list's answers this model fills records in from; `undefined` before `attach`. */
  get details(): RunDetails | undefined {
    return this.#details;
  }

  /**
   * Reads the run records of a session's shared document into the history, and shows each run
   * of someone else as it lands (unless a run of this participant is in progress). The latest
   * record is shown at once when nothing is. Binds the standard input to the document's shared
   * one and follows its language. Returns the unfollower.
   */
  follow(doc: Y.Doc, options: FollowOptions = {}): () => void {
    const runs = sharedRunsOf(doc);
    const stdin = stdinOf(doc);
    const meta = metaOf(doc);
    this.#doc = doc;
    this.#writable = options.writable ?? (() => true);
    const onRuns = () => this.#recordsChanged(runs.toArray(), true);
    const onStdin = () => this.#store.update({ stdin: stdin.toString() });
    const onMeta = () => this.#store.update({ language: languageOf(doc, this.#slot()) });
    runs.observe(onRuns);
    stdin.observe(onStdin);
    meta.observe(onMeta);
    this.#store.update({ stdin: stdin.toString(), language: languageOf(doc, this.#slot()) });
    this.#recordsChanged(runs.toArray(), false);
    return () => {
      runs.unobserve(onRuns);
      stdin.unobserve(onStdin);
      meta.unobserve(onMeta);
      if (this.#doc !== doc) return;
      this.#doc = undefined;
      this.#writable = () => true;
      this.#records = [];
      this.#store.update({ history: this.#history(), language: undefined });
    };
  }

  /**
   * Sets the standard input of the next run: the shared one while a document is followed (only
   * when this participant may write it; see {@link canEditStdin}), else this model's own. Returns
   * whether it took the text.
   */
  setStdin(stdin: string): boolean {
    if (!this.canEditStdin()) return false;
    if (this.#doc) setSharedText(stdinOf(this.#doc), stdin, this);
    else this.#store.update({ stdin });
    return true;
  }

  /** Whether this participant may edit the standard input: always on their own, else while they may write the followed document. */
  canEditStdin(): boolean {
    return !this.#doc || this.#writable();
  }

  /** Why this participant cannot run code now, if they cannot. */
  blockedBy(): RunBlock | undefined {
    const session = this.#attached ? this.#session : undefined;
    if (!session) return 'no-session';
    const view = session.view;
    if (!view) return undefined;
    // Once the interview is over nobody runs code, whatever their role.
    if (isOver(view.status)) return view.status === 'cancelled' ? 'cancelled' : 'ended';
    if (!RUNNING_ROLES.includes(view.viewer.role)) return 'observer';
    const languages = this.#store.value.languages;
    if (languages && !languages.available) return 'unavailable';
    return undefined;
  }

  /**
   * The language a run would use: `override`, else the followed document's for the coding
   * question in play (as it is now), else the question's.
   */
  language(override?: string): string | undefined {
    const followed = this.#doc ? languageOf(this.#doc, this.#slot()) : undefined;
    return override || followed || this.#store.value.language || this.#session?.view?.question.language;
  }

  /** The code slot of the coding question in play: each coding question of a session has its own shared code. */
  #slot(): number {
    return this.#session?.view?.question.slot ?? 0;
  }

  /**
   * The request a run of `inputs` sends, on the current standard input. When the followed
   * document's question is a project of several files, it sends them all (`files`, the entry file
   * first with `code` as its content) and the `entry` to run; a single file is sent as `code` alone.
   */
  request(inputs: RunInputs = {}): RunRequest {
    const code = inputs.code ?? (this.#doc ? codeOf(this.#doc, this.#slot()).toString() : (this.#session?.view?.question.starterCode ?? ''));
    const language = this.language(inputs.language) ?? '';
    return {
      language,
      code,
      ...this.#project(language, code),
      stdin: this.#store.value.stdin,
      ...(inputs.tests !== undefined ? { tests: inputs.tests } : {}),
    };
  }

  /** The project part of a request: the followed document's files when it holds more than the entry file, else nothing. */
  #project(language: string, code: string): Pick<RunRequest, 'files' | 'entry'> {
    const doc = this.#doc;
    const slot = this.#slot();
    if (!doc || projectFilesOf(doc, slot).size === 0) return {};
    const [entry, ...others] = projectOf(doc, slot, language);
    if (others.length === 0) return {};
    return { files: [{ path: entry!.path, content: code }, ...others], entry: entryPathOf(language) };
  }

  /**
   * Sends a run and follows it to the end. Resolves with the run as this participant may see it,
   * or `undefined` when it was cancelled or failed (`state.failure` says which and why) or could
   * not start (no session, or a run in progress).
   */
  async run(request: RunRequest): Promise<RunView | undefined> {
    const session = this.#attached ? this.#session : undefined;
    if (!session || this.#store.value.phase !== 'idle') return undefined;
    const abort = new AbortController();
    this.#abort = abort;
    const began = performance.now();
    this.#store.update({ phase: 'queued', live: [], failure: undefined, shown: undefined, elapsedMs: 0 });
    const ticker = setInterval(() => this.#store.update({ elapsedMs: performance.now() - began }), 100);
    let outcome: Partial<RunState> = {};
    try {
      const view = await session.client.run(request, {
        signal: abort.signal,
        idempotencyKey: crypto.randomUUID(),
        onEvent: (event) => this.#onStreamEvent(event),
      });
      this.#own.add(view.id);
      const record = sharedRecordOf(view, this.#author(session));
      if (!this.#records.some((known) => known.id === record.id)) this.#pending.push(record);
      const live = this.#store.value.live;
      outcome = {
        shown: { ...shownRecord(record, 'own'), console: live.length ? live : consoleOf(view), tests: testsOf(view) },
        history: this.#history(),
      };
      return view;
    } catch (error) {
      outcome = { failure: abort.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', error } };
      return undefined;
    } finally {
      clearInterval(ticker);
      if (this.#abort === abort) this.#abort = undefined;
      this.#store.update({ ...outcome, phase: 'idle', elapsedMs: performance.now() - began });
    }
  }

  /** Cancels the run in progress: the server stops the program. */
  cancel(): void {
    this.#abort?.abort(new DOMException('The run was cancelled.', 'AbortError'));
  }

  /** Shows a run of the history. */
  show(record: SharedRunRecord): void {
    this.#store.update({ shown: this.#shown(record, 'history'), failure: undefined });
  }

  #onStreamEvent(event: RunStreamEvent): void {
    if (event.event === 'start') {
      this.#own.add(event.data.id);
      this.#store.update({ phase: 'running' });
    } else if (event.event === 'output') {
      this.#store.update((state) => ({ live: appendOutput(state.live, event.data.stream, event.data.chunk) }));
    }
  }

  #recordsChanged(all: SharedRunRecord[], arriving: boolean): void {
    const previous = new Map(this.#records.map((record) => [record.id, record]));
    const known = new Set(previous.keys());
    const present = new Set(all.map((record) => record.id));
    this.#records = all;
    this.#pending = this.#pending.filter((record) => !present.has(record.id));
    const records = all.filter((record) => this.#ofQuestionInPlay(record));
    const state = this.#store.value;
    let { shown, failure } = state;
    if (arriving) {
      const latest = records.filter((record) => !known.has(record.id) && !this.#own.has(record.id)).at(-1);
      if (latest && state.phase === 'idle') {
        shown = this.#shown(latest, 'room');
        failure = undefined;
      }
    } else if (!shown && records.length) {
      shown = this.#shown(records.at(-1)!, 'history');
    }
    // A record replaced in place (its hidden tests' count at their reveal time) shows its news.
    const replaced = shown && shown.origin !== 'own' ? records.find((record) => record.id === shown!.id) : undefined;
    if (replaced && shown && previous.has(replaced.id) && previous.get(replaced.id) !== replaced) shown = this.#shown(replaced, shown.origin);
    this.#store.update({ history: this.#history(), shown, failure });
    void this.#details?.want(records.map((record) => record.id));
  }

  /** The question in play may have changed: the history is that question's runs, the run shown one of them (else none). */
  #questionChanged(): void {
    const history = this.#history();
    const { shown } = this.#store.value;
    if (history.length === this.#store.value.history.length && history.every((record, i) => record === this.#store.value.history[i])) return;
    const still = shown && history.some((record) => record.id === shown.id);
    this.#store.update({ history, shown: still ? shown : history.length ? this.#shown(history.at(-1)!, 'history') : undefined });
    void this.#details?.want(history.map((record) => record.id));
  }

  /** Whether a record is of the coding question in play (each has its own runs). */
  #ofQuestionInPlay(record: SharedRunRecord): boolean {
    return isRunOfQuestion(record, this.#session?.view?.question.index ?? 0);
  }

  /** A record as shown, with its details from the runs list when they are known. */
  #shown(record: SharedRunRecord, origin: ShownRun['origin']): ShownRun {
    return shownRecord(record, origin, this.#details?.get(record.id));
  }

  /** The runs list answered: the run on display (someone else's, or picked) gets its details. */
  #detailsChanged(): void {
    const shown = this.#store.value.shown;
    if (!shown || shown.origin === 'own') return;
    const record = this.#history().find((candidate) => candidate.id === shown.id);
    if (record && this.#details?.get(record.id)) this.#store.update({ shown: this.#shown(record, shown.origin) });
  }

  /** The runs of the coding question in play, oldest first: the document's records, then this participant's not recorded yet. */
  #history(): SharedRunRecord[] {
    return [...this.#records, ...this.#pending].filter((record) => this.#ofQuestionInPlay(record));
  }

  /** This participant, as their own runs' records name them until the server's record arrives. */
  #author(session: InterviewSession): SharedRunRecord['by'] {
    const viewer = session.view?.viewer;
    const id = viewer?.participantId ?? 'host';
    const name = session.view?.participants.find((p) => p.id === id)?.name ?? id;
    return { id, name, role: viewer?.role ?? 'host' };
  }
}
