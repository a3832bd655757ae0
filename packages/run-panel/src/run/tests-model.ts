import type * as Y from 'yjs';
import {
  Store,
  isRunOfQuestion,
  sharedRunsOf,
  type InterviewSession,
  type Readable,
  type RunVerdict,
  type RunView,
  type SessionView,
  type SharedRunRecord,
} from '@interview-kit/core';
import { RunDetails } from './run-details.js';

/** How a test went: `passed`, `failed` (wrong output), or `error` (the program did not finish well: crash, limit, not run). */
export type TestOutcome = 'passed' | 'failed' | 'error';

/** A test's result in the latest run that ran it. */
export interface TestResult {
  outcome: TestOutcome;
  verdict: RunVerdict;
  /** Wall-clock time of the test, when this viewer may see it. */
  wallMs?: number | undefined;
  /** What the program printed, when this viewer may see it. */
  stdout?: string | undefined;
  runId: string;
  /** Who ran it, and when (ISO 8601). */
  byName: string;
  at: string;
}

/** One test of the question as the tests list shows it. */
export interface TestRow {
  /** Position of the test in the question. */
  index: number;
  hidden: boolean;
  stdin: string;
  expected: string;
  /** Its result in the latest run that ran it; `undefined` before any did. */
  result?: TestResult | undefined;
}

/** Everything a {@link TestsModel} knows; an immutable snapshot. */
export interface TestsState {
  /** Every test this viewer may see: interviewers all, hidden ones included; candidates and observers the visible ones. */
  rows: TestRow[];
  /** Hidden tests this viewer does not see (candidates and observers): their number only. */
  unseenHidden: number;
}

export const INITIAL_TESTS_STATE: TestsState = { rows: [], unseenHidden: 0 };

/**
 * The tests this viewer may see (from their session view: the server lists hidden tests to
 * interviewers only), each with its result in the latest run of the same question that ran it: from the runs list
 * when it answered (inputs' results, times, hidden tests for interviewers), else from the shared
 * record (visible tests' verdicts).
 */
export function testsStateOf(
  view: Pick<SessionView, 'question'> | undefined,
  records: readonly SharedRunRecord[],
  details: (id: string) => RunView | undefined,
): TestsState {
  if (!view) return INITIAL_TESTS_STATE;
  const results = new Map<number, TestResult>();
  // Only runs of the coding question in play count: each question has its own tests (records
  // written before sessions had several questions name none, and were of the first).
  const question = view.question.index ?? 0;
  for (const record of [...records].reverse().filter((r) => isRunOfQuestion(r, question))) {
    const full = details(record.id);
    const tests: { index: number; passed: boolean; verdict: RunVerdict; wallMs?: number; stdout?: string }[] = full?.tests ?? record.tests;
    for (const test of tests) {
      if (results.has(test.index)) continue;
      results.set(test.index, {
        outcome: test.passed ? 'passed' : test.verdict === 'ok' ? 'failed' : 'error',
        verdict: test.verdict,
        wallMs: test.wallMs,
        stdout: test.stdout,
        runId: record.id,
        byName: record.by.name,
        at: record.at,
      });
    }
  }
  const shown = view.question.tests;
  return {
    rows: shown.map((test) => ({ index: test.index, hidden: test.hidden, stdin: test.stdin, expected: test.expected, result: results.get(test.index) })),
    unseenHidden: Math.max(0, view.question.hiddenTestCount - shown.filter((test) => test.hidden).length),
  };
}

/**
 * The tests list's model, framework-free: the question's tests as this viewer may see them, each
 * with its latest result, kept up to date as run records land in the shared document and the runs
 * list answers ({@link RunDetails}). `<interview-tests>` renders its `state`.
 *
 * @example
 * ```ts
 * const tests = new TestsModel();
 * tests.attach(session);
 * tests.follow(collabOf(session).doc);
 * tests.state.subscribe(({ rows }) => console.log(rows.map((row) => row.result?.outcome)));
 * ```
 */
export class TestsModel {
  readonly #store = new Store<TestsState>(INITIAL_TESTS_STATE);
  #session: InterviewSession | undefined;
  #details: RunDetails | undefined;
  #records: SharedRunRecord[] = [];

  /** The model's state; subscribe to follow it. */
  get state(): Readable<TestsState> {
    return this.#store;
  }

  /** Works for `session` from now on (its view's tests; its runs list). Returns the detacher. */
  attach(session: InterviewSession): () => void {
    this.#session = session;
    this.#details = RunDetails.of(session);
    const unwatch = this.#details.state.subscribe(() => this.#refresh());
    const onView = () => this.#refresh();
    session.addEventListener('change', onView);
    if (!session.view) session.load().catch(() => {}); // The list stays empty; the room reports a session that cannot load.
    this.#refresh();
    void this.#details.want(this.#records.map((record) => record.id));
    return () => {
      unwatch();
      session.removeEventListener('change', onView);
      if (this.#session !== session) return;
      this.#session = undefined;
      this.#details = undefined;
      this.#refresh();
    };
  }

  /** Reads the run records of a session's shared document as they land. Returns the unfollower. */
  follow(doc: Y.Doc): () => void {
    const runs = sharedRunsOf(doc);
    const onRuns = () => {
      this.#records = runs.toArray();
      this.#refresh();
      void this.#details?.want(this.#records.map((record) => record.id));
    };
    runs.observe(onRuns);
    onRuns();
    return () => {
      runs.unobserve(onRuns);
      this.#records = [];
      this.#refresh();
    };
  }

  #refresh(): void {
    const details = this.#details;
    this.#store.update(testsStateOf(this.#session?.view, this.#records, (id) => details?.get(id)));
  }
}
