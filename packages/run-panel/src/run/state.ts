import type { LanguagesResponse, RunOutcome, RunVerdict, RunView, SharedRunRecord } from '@interview-kit/core';

/** One piece of console output. */
export interface ConsoleChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A test row as the panel shows it; details only where the viewer may see them. */
export interface ShownTest {
  index: number;
  hidden: boolean;
  passed: boolean;
  verdict: RunVerdict;
  stdin?: string | undefined;
  expected?: string | undefined;
  stdout?: string | undefined;
  wallMs?: number | undefined;
}

/**
 * The run on display: this participant's own (the full view they may see) or anyone's shared
 * record. `origin` says how it got there: `own` (this participant's run just finished), `room`
 * (someone else's run just landed in the shared document), `history` (picked from the history,
 * or the latest when the panel opened).
 */
export interface ShownRun extends Omit<RunOutcome, 'stdout' | 'stderr' | 'compileOutput'> {
  id: string;
  byName: string;
  at: string;
  origin: 'own' | 'room' | 'history';
  /** The standard input the run read (as the server recorded it; cut when `stdinTruncated`); absent when unknown. */
  stdin?: string | undefined;
  stdinTruncated?: boolean | undefined;
  compileOutput?: string | undefined;
  console: ConsoleChunk[];
  tests: ShownTest[];
  hiddenSummary?: { passed: number; total: number } | undefined;
}

/** How the last run of this participant ended without a result. */
export type RunFailure = { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

/**
 * Where a run of this participant stands: `idle` (none in progress), `queued` (sent, waiting for
 * a sandbox), `running` (the program started; output streams in).
 */
export type RunPhase = 'idle' | 'queued' | 'running';

/**
 * Why this participant cannot run code now: no session, an observer's role, the interview ended
 * or was cancelled, or the server has no runtime.
 */
export type RunBlock = 'no-session' | 'observer' | 'ended' | 'cancelled' | 'unavailable';

/** Everything a {@link RunModel} knows; an immutable snapshot. */
export interface RunState {
  phase: RunPhase;
  /** Standard input of the next run: the shared document's (`Y.Text('stdin')`) while one is followed. */
  stdin: string;
  /** The followed document's language id (`meta.language`), as it changes; `undefined` without one. */
  language: string | undefined;
  /** Time since the run in progress was sent (or how long the last one took). */
  elapsedMs: number;
  /** Output of the run in progress, consecutive pieces of one stream joined. */
  live: ConsoleChunk[];
  /** The run on display. */
  shown: ShownRun | undefined;
  /** Why the last run (or loading the session) failed; cleared by the next run or a shown record. */
  failure: RunFailure | undefined;
  /** Every run of the room, oldest first: the shared document's records, and this participant's own runs until their record arrives. */
  history: SharedRunRecord[];
  /** The server's languages and limits, once loaded. */
  languages: LanguagesResponse | undefined;
}

export const INITIAL_RUN_STATE: RunState = {
  phase: 'idle',
  stdin: '',
  language: undefined,
  elapsedMs: 0,
  live: [],
  shown: undefined,
  failure: undefined,
  history: [],
  languages: undefined,
};

/** The console of a finished run: its stdout, then its stderr. */
export function consoleOf(view: Pick<RunOutcome, 'stdout' | 'stderr'>): ConsoleChunk[] {
  return [
    ...(view.stdout ? [{ stream: 'stdout' as const, text: view.stdout }] : []),
    ...(view.stderr ? [{ stream: 'stderr' as const, text: view.stderr }] : []),
  ];
}

/** Appends a piece of output, joining it to the last chunk when it is of the same stream. */
export function appendOutput(chunks: ConsoleChunk[], stream: ConsoleChunk['stream'], text: string): ConsoleChunk[] {
  const last = chunks.at(-1);
  return last?.stream === stream ? [...chunks.slice(0, -1), { stream, text: last.text + text }] : [...chunks, { stream, text }];
}

/** The test rows of this participant's own run, with every detail the server let them see. */
export function testsOf(view: RunView): ShownTest[] {
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

/**
 * A shared record as the panel shows it. With `details`, the same run from the runs list as this
 * viewer may see it, its tests come with their inputs, expected and actual outputs and times
 * (hidden ones too for interviewers): records never carry those.
 */
export function shownRecord(record: SharedRunRecord, origin: ShownRun['origin'], details?: RunView): ShownRun {
  return {
    id: record.id,
    byName: record.by.name,
    at: record.at,
    origin,
    verdict: record.verdict,
    exitCode: record.exitCode,
    signal: record.signal,
    cpuMs: record.cpuMs,
    wallMs: record.wallMs,
    memoryKb: record.memoryKb,
    truncated: record.truncated,
    stdin: record.stdin ?? details?.stdin,
    stdinTruncated: record.stdinTruncated,
    compileOutput: record.compileOutput || undefined,
    console: consoleOf(record),
    tests: details?.tests ? testsOf(details) : record.tests.map((test) => ({ ...test, hidden: false })),
    hiddenSummary: details?.hiddenSummary ?? record.hiddenSummary,
  };
}

/** How the tests of a run went, as the result line states it first: how many failed of how many. */
export interface TestOutcome {
  failed: number;
  total: number;
}

/** The outcome of the run's tests listed to this viewer; `undefined` for a run without tests. */
export function testOutcomeOf(run: Pick<ShownRun, 'tests'>): TestOutcome | undefined {
  if (!run.tests.length) return undefined;
  return { failed: run.tests.filter((test) => !test.passed).length, total: run.tests.length };
}
