import type * as Y from 'yjs';
import {
  Store,
  codeOf,
  isOver,
  languageOf,
  sharedRecordOf,
  sharedRunsOf,
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
} from './state.js';

const RUNNING_ROLES: readonly string[] = ['candidate', 'interviewer'];

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
 * languages, and the room's run history read from the shared document. Everything it knows is in
 * `state` (an observable snapshot); `<interview-run-panel>` renders that state and calls the
 * methods below.
 *
 * It never writes the shared document: the server records every run there when it finishes. Until
 * a run's record arrives (or without a document), this participant's own runs are kept in the
 * history locally.
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
      this.#store.update({ languages: undefined, history: [], shown: undefined, failure: undefined, live: [] });
    }
    this.#attached = true;
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
      this.cancel();
    };
  }

  /**
   * Reads the run records of a session's shared document into the history, and shows each run
   * of someone else as it lands (unless a run of this participant is in progress). The latest
   * record is shown at once when nothing is. Returns the unfollower.
   */
  follow(doc: Y.Doc): () => void {
    const runs = sharedRunsOf(doc);
    this.#doc = doc;
    const onRuns = () => this.#recordsChanged(runs.toArray(), true);
    runs.observe(onRuns);
    this.#recordsChanged(runs.toArray(), false);
    return () => {
      runs.unobserve(onRuns);
      if (this.#doc !== doc) return;
      this.#doc = undefined;
      this.#records = [];
      this.#store.update({ history: this.#history() });
    };
  }

  /** Sets the standard input of the next run. */
  setStdin(stdin: string): void {
    this.#store.update({ stdin });
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

  /** The language a run would use: `override`, else the followed document's, else the question's. */
  language(override?: string): string | undefined {
    return override || (this.#doc && languageOf(this.#doc)) || this.#session?.view?.question.language;
  }

  /** The request a run of `inputs` sends, on the current standard input. */
  request(inputs: RunInputs = {}): RunRequest {
    const code = inputs.code ?? (this.#doc ? codeOf(this.#doc).toString() : (this.#session?.view?.question.starterCode ?? ''));
    return {
      language: this.language(inputs.language) ?? '',
      code,
      stdin: this.#store.value.stdin,
      ...(inputs.tests !== undefined ? { tests: inputs.tests } : {}),
    };
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
    this.#store.update({ shown: shownRecord(record, 'history'), failure: undefined });
  }

  #onStreamEvent(event: RunStreamEvent): void {
    if (event.event === 'start') {
      this.#own.add(event.data.id);
      this.#store.update({ phase: 'running' });
    } else if (event.event === 'output') {
      this.#store.update((state) => ({ live: appendOutput(state.live, event.data.stream, event.data.chunk) }));
    }
  }

  #recordsChanged(records: SharedRunRecord[], arriving: boolean): void {
    const known = new Set(this.#records.map((record) => record.id));
    const present = new Set(records.map((record) => record.id));
    this.#records = records;
    this.#pending = this.#pending.filter((record) => !present.has(record.id));
    const state = this.#store.value;
    let { shown, failure } = state;
    if (arriving) {
      const latest = records.filter((record) => !known.has(record.id) && !this.#own.has(record.id)).at(-1);
      if (latest && state.phase === 'idle') {
        shown = shownRecord(latest, 'room');
        failure = undefined;
      }
    } else if (!shown && records.length) {
      shown = shownRecord(records.at(-1)!, 'history');
    }
    this.#store.update({ history: this.#history(), shown, failure });
  }

  #history(): SharedRunRecord[] {
    return [...this.#records, ...this.#pending];
  }

  /** This participant, as their own runs' records name them until the server's record arrives. */
  #author(session: InterviewSession): SharedRunRecord['by'] {
    const viewer = session.view?.viewer;
    const id = viewer?.participantId ?? 'host';
    const name = session.view?.participants.find((p) => p.id === id)?.name ?? id;
    return { id, name, role: viewer?.role ?? 'host' };
  }
}
