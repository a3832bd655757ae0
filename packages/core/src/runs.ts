/**
 * Wire types of code runs (`POST /v1/runs`, `GET /v1/languages`, the run stream) and the run
 * record that every participant sees in the shared document ({@link sharedRecordOf} builds it;
 * only the server writes it).
 *
 * @module
 */

import type { ConsoleEndReason, ConsoleMode, ConsoleTranscriptEntry } from './console/protocol.js';

/** Every way a run can end. */
export const RUN_VERDICTS = [
  'ok',
  'compile_error',
  'runtime_error',
  'time_limit',
  'memory_limit',
  'output_limit',
  'internal_error',
] as const;

/** How a run ended. */
export type RunVerdict = (typeof RUN_VERDICTS)[number];

/** Resource limits of a run. Times in milliseconds, sizes in KiB, output in bytes per stream. */
export interface RunLimits {
  /** CPU time of each process of the run. */
  cpuMs: number;
  /** Wall-clock time from start to kill. */
  wallMs: number;
  /** Memory (address space, or heap for runtimes that reserve large virtual ranges). */
  memoryKb: number;
  /** Processes and threads the run may have at once. */
  processes: number;
  /** Largest file the run may write. */
  fileSizeKb: number;
  /** Bytes kept of stdout and of stderr each; more ends the run with `output_limit`. */
  outputBytes: number;
}

/** What one execution of a program produced: part of every run view and shared run record. */
export interface RunOutcome {
  verdict: RunVerdict;
  stdout: string;
  stderr: string;
  /** The program's exit status; `null` when a signal ended it or it never ran. */
  exitCode: number | null;
  /** Name of the signal that ended the program, e.g. `SIGKILL`. */
  signal: string | null;
  cpuMs: number;
  wallMs: number;
  /** Peak resident memory. */
  memoryKb: number;
  /** Whether stdout or stderr was cut at the output limit. */
  truncated: boolean;
  /** Compiler (or transpiler) messages, for compiled languages. */
  compileOutput?: string;
}

/** A language the server can run. */
export interface RunLanguage {
  /** Id to send as `language`, e.g. `python`. */
  id: string;
  /** Display name, e.g. `Python 3`. */
  name: string;
  version: string;
  /** Whether a run compiles first. */
  compiled: boolean;
}

/** Response of `GET /v1/languages`. */
export interface LanguagesResponse {
  /** `false` when the server cannot run code at all; `reason` then says why and how to fix it. */
  available: boolean;
  reason?: string;
  languages: RunLanguage[];
  /** Limits a run gets by default, and the most a request may ask for. */
  limits: { default: RunLimits; max: RunLimits };
}

/** Body of `POST /v1/runs`. */
export interface RunRequest {
  language: string;
  /** The program; with `files`, the entry file's content (and then optional). */
  code: string;
  /**
   * A project of several files (`ProjectFile`s: relative paths as `validateProjectPath` allows),
   * the entry file included; the server writes each at its path and runs `entry`.
   */
  files?: { path: string; content: string }[];
  /** The path among `files` to run; default the language's entry path (`entryPathOf`). */
  entry?: string;
  /** Input of the program's main execution; default empty. */
  stdin?: string;
  /** Which of the session question's test cases to run as well, by index, or `'all'`. */
  tests?: number[] | 'all';
  /** Requested limits; the server clamps them to its policy. */
  limits?: Partial<RunLimits>;
}

/**
 * One test case's result as the caller may see it. Interviewers get every field of every test;
 * candidates get visible tests only (hidden ones are counted in {@link RunView.hiddenSummary}).
 */
export interface RunTestView {
  /** Position of the test in the session question. */
  index: number;
  hidden: boolean;
  passed: boolean;
  verdict: RunVerdict;
  stdin?: string;
  expected?: string;
  stdout?: string;
  stderr?: string;
  exitCode: number | null;
  cpuMs: number;
  wallMs: number;
  /**
   * The request's time budget ran out before this test could run (or finish): it counts as
   * failed with verdict `time_limit`, and its output is empty.
   */
  notRun?: boolean;
}

/** Results of hidden tests as a count: all a candidate ever learns about them. */
export interface HiddenSummary {
  passed: number;
  total: number;
}

/**
 * Where a run's hidden tests are. They run after the caller's answer, in the background;
 * interviewers and the host see `done` as soon as they are, candidates and observers only from
 * `revealAt` (fixed when the run is accepted, whatever the tests do), together with the count.
 */
export interface HiddenTestsState {
  status: 'pending' | 'done';
  /** Hidden tests the run includes. */
  total: number;
  /** ISO 8601 time from which every participant may see the count of passed hidden tests. */
  revealAt: string;
}

/** A finished run as the caller may see it (response of `POST /v1/runs`). */
export interface RunView extends RunOutcome {
  id: string;
  sessionId: string;
  /** Who ran it. */
  participantId: string;
  language: string;
  /** The standard input the main execution read, as the server received it. */
  stdin: string;
  /** ISO 8601 time the run was accepted. */
  createdAt: string;
  /** Position in the session's plan of the question whose tests it ran (`SessionView.question.index`); absent in runs stored before sessions had several. */
  question?: number;
  /** The limits the run actually had, after clamping. */
  limits: RunLimits;
  tests?: RunTestView[];
  /** The count of passed hidden tests; for candidates and observers only from `hiddenTests.revealAt`. */
  hiddenSummary?: HiddenSummary;
  /** Present when the run includes hidden tests. */
  hiddenTests?: HiddenTestsState;
  /** Present on runs of the interactive console: `stdout` then holds the whole transcript as the terminal showed it. */
  interactive?: InteractiveRunInfo;
}

/**
 * What a run of the interactive console adds to its record (a run of kind `interactive`): how it
 * ran and ended, and its transcript — the program's output and the input typed, by whom — cut at
 * {@link CONSOLE_TRANSCRIPT_BYTES} (`transcriptTruncated`).
 */
export interface InteractiveRunInfo {
  mode: ConsoleMode;
  reason: ConsoleEndReason;
  transcript: ConsoleTranscriptEntry[];
  transcriptTruncated: boolean;
}

/** Response of `GET /v1/sessions/:id/runs`. */
export interface RunList {
  runs: RunView[];
}

/**
 * Server-sent events of `POST /v1/runs` with `Accept: text/event-stream`: `start` once the run
 * leaves the queue, `output` for each piece of the main execution's output, `test` for each
 * finished test case the caller may see, then `result` (or `error` with problem details).
 */
export type RunStreamEvent =
  | { event: 'start'; data: { id: string } }
  | { event: 'output'; data: { stream: 'stdout' | 'stderr'; chunk: string } }
  | { event: 'test'; data: RunTestView }
  | { event: 'result'; data: RunView }
  | { event: 'error'; data: { type: string; title: string; status: number; detail?: string } };

/**
 * Name of the Y.Array of {@link SharedRunRecord}s in a session's shared document. Only the server
 * writes it; the sync layer refuses clients' writes.
 */
export const SHARED_RUNS = 'runs';

/**
 * A run as every participant sees it in the shared document: who ran it and what came out,
 * outputs cut to a few KiB, visible tests only; hidden tests only ever as a count.
 */
export interface SharedRunRecord extends RunOutcome {
  id: string;
  by: { id: string; name: string; role: string };
  /** ISO 8601. */
  at: string;
  language: string;
  /** Output was cut by the run's limit or for the record. */
  truncated: boolean;
  /**
   * The standard input the run's main execution read, cut to {@link RECORD_STDIN_CHARS}, as the
   * server received it (never the client's say); absent in records written before it was kept.
   */
  stdin?: string;
  /** Whether {@link SharedRunRecord.stdin} was cut at {@link RECORD_STDIN_CHARS}. */
  stdinTruncated?: boolean;
  tests: { index: number; passed: boolean; verdict: RunVerdict }[];
  hiddenSummary?: HiddenSummary;
  /** Position in the session's plan of the question whose tests the run used; absent in records written before sessions had several. */
  question?: number;
  /** Present on runs of the interactive console: how it ran and ended (its transcript, cut, is `stdout`). */
  interactive?: Pick<InteractiveRunInfo, 'mode' | 'reason' | 'transcriptTruncated'>;
}

/**
 * Whether a run record is of the coding question at `question` (a position in the session's plan,
 * `SessionView.question.index`): records without one were written before sessions had several,
 * and are of the first.
 */
export function isRunOfQuestion(record: Pick<SharedRunRecord, 'question'>, question: number): boolean {
  return (record.question ?? 0) === question;
}

/** Characters of stdout, of stderr and of compiler output each run record keeps: enough to read, small enough to sync. */
export const RECORD_OUTPUT_CHARS = 8 * 1024;

/** Characters of the standard input each run record keeps (4 KiB of ASCII): so that nobody sees a run's output without its input. */
export const RECORD_STDIN_CHARS = 4 * 1024;

/** Records the shared document keeps; older ones drop out. */
export const MAX_SHARED_RUNS = 100;

function cut(text: string, chars = RECORD_OUTPUT_CHARS): { text: string; cut: boolean } {
  return text.length > chars ? { text: text.slice(0, chars), cut: true } : { text, cut: false };
}

/**
 * The record of a finished run that every participant may see, whoever ran it: outputs cut to
 * {@link RECORD_OUTPUT_CHARS}, the standard input the run read cut to {@link RECORD_STDIN_CHARS}
 * (`stdinTruncated` says whether it was), visible tests only (pass/fail and verdict, never inputs or
 * outputs), hidden tests as a count. The server writes it into the shared document's
 * {@link SHARED_RUNS} array when a run finishes; clients only read that array.
 *
 * @param run - the finished run, as any viewer's view of it (an interviewer's lists hidden tests;
 *   the record counts them all the same).
 * @param by - who ran it, as the server knows the participant.
 */
export function sharedRecordOf(run: RunView, by: SharedRunRecord['by']): SharedRunRecord {
  const stdout = cut(run.stdout);
  const stderr = cut(run.stderr);
  const compileOutput = run.compileOutput === undefined ? undefined : cut(run.compileOutput);
  const stdin = cut(run.stdin, RECORD_STDIN_CHARS);
  const tests = run.tests ?? [];
  const hidden = tests.filter((test) => test.hidden);
  const hiddenSummary =
    run.hiddenSummary ?? (hidden.length ? { passed: hidden.filter((t) => t.passed).length, total: hidden.length } : undefined);
  return {
    id: run.id,
    by: { id: by.id, name: by.name, role: by.role },
    at: run.createdAt,
    language: run.language,
    verdict: run.verdict,
    exitCode: run.exitCode,
    signal: run.signal,
    cpuMs: run.cpuMs,
    wallMs: run.wallMs,
    memoryKb: run.memoryKb,
    truncated: run.truncated || stdout.cut || stderr.cut || Boolean(compileOutput?.cut),
    stdout: stdout.text,
    stderr: stderr.text,
    ...(compileOutput ? { compileOutput: compileOutput.text } : {}),
    stdin: stdin.text,
    stdinTruncated: stdin.cut,
    tests: tests.filter((test) => !test.hidden).map(({ index, passed, verdict }) => ({ index, passed, verdict })),
    ...(hiddenSummary ? { hiddenSummary } : {}),
    ...(run.question !== undefined ? { question: run.question } : {}),
    ...(run.interactive
      ? { interactive: { mode: run.interactive.mode, reason: run.interactive.reason, transcriptTruncated: run.interactive.transcriptTruncated } }
      : {}),
  };
}
