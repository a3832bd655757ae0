import { context } from '@opentelemetry/api';
import type { Question } from '@interview-kit/core/protocol';
import type { ProjectFile } from '@interview-kit/core/collab/project';
import type { RunLimits } from '@interview-kit/core/runs';
import type { Executor, OutputStream, RunRequest, RunResult } from '../../adapters/executor/types.js';
import type { QueueOwner, RunQueue } from './queue.js';
import { outputsMatch, type TestSelection } from './test-cases.js';
import type { StoredRunResult, StoredTestResult } from './store.js';
import { inSpan, tracer } from '../../telemetry/tracing.js';

/** What a caller of a run hears while it is in progress. */
export interface RunProgress {
  /** The run left the queue and starts now. */
  start?(id: string): void;
  /** A piece of the main execution's output. */
  output?(stream: OutputStream, chunk: string): void;
  /** The main execution has its sandbox (`warm`: one made ahead of time), after `sandboxMs` of preparing it. */
  sandbox?(sandboxMs: number, warm: boolean): void;
  /** A test case finished (hidden ones too: filter before passing them on). */
  test?(result: StoredTestResult): void;
}

/** One program to execute: once on its stdin, then once per selected test case. */
export interface Execution {
  id: string;
  language: string;
  /** The program, or with `files` the entry file's content. */
  code: string;
  /** A project's files (the entry included) and the path of its entry, when the program has several files. */
  project?: { files: readonly ProjectFile[]; entry: string };
  stdin: string;
  limits: RunLimits;
  question: Question;
  /** The question's tests to run; `undefined` when the request named no tests. */
  tests: TestSelection | undefined;
}

/**
 * Where a run's executions take their slots: each execution (the main one, each test case) waits
 * for its turn in the fair queue as the run's session, and none starts after the request's
 * deadline.
 */
export interface RunSlots {
  executor: Executor;
  queue: RunQueue;
  owner: QueueOwner;
  /** `performance.now()` after which no execution of the run starts. */
  deadline: number;
}

/** The main execution could not start within the request's time budget. */
export class BudgetExhaustedError extends Error {
  constructor() {
    super('the run could not start within its time budget');
    this.name = 'BudgetExhaustedError';
  }
}

const NOT_STARTED = Symbol('not started');

/**
 * The run's part that its caller waits for: the program on its stdin, then on each selected
 * visible test case (a program that does not compile fails every test without running again).
 * Test cases that cannot start before the deadline are reported as not run.
 * @throws {BudgetExhaustedError} when the main execution cannot start before the deadline.
 */
export async function execute(
  slots: RunSlots,
  execution: Execution,
  { signal, progress = {} }: { signal: AbortSignal; progress?: RunProgress },
): Promise<StoredRunResult> {
  const program = programOf(execution);
  const main = await inSlot(
    slots,
    () => {
      progress.start?.(execution.id);
      return slots.executor.run(
        { ...program, stdin: execution.stdin },
        { signal, ...(progress.output ? { onOutput: progress.output } : {}), ...(progress.sandbox ? { onSandbox: progress.sandbox } : {}) },
      );
    },
    { signal, continuation: false, background: false },
  );
  if (main === NOT_STARTED) throw new BudgetExhaustedError();
  const tests = execution.tests && (await executeTests(slots, execution, main, execution.tests.visible, { signal, progress }));
  return { ...main, limits: execution.limits, ...(tests ? { tests } : {}) };
}

/**
 * Runs test cases `indices` of the execution after its `main` result, one queue turn each, and
 * compares their output. Those that cannot start before the deadline are reported as not run; so
 * are, for background tests, those that `signal` stops (for the others an abort passes through).
 */
export async function executeTests(
  slots: RunSlots,
  execution: Execution,
  main: RunResult,
  indices: number[],
  {
    signal,
    progress = {},
    background = false,
  }: {
    signal: AbortSignal;
    progress?: RunProgress;
    /** Nobody waits for these (hidden tests): they take background turns, and a stop of `signal` counts as not run. */
    background?: boolean;
  },
): Promise<StoredTestResult[]> {
  const program = programOf(execution);
  const results: StoredTestResult[] = [];
  let exhausted = false;
  for (const index of indices) {
    const test = execution.question.tests[index]!;
    const result = await inSpan('run test', { attributes: { 'run.test.index': index, 'run.test.hidden': test.hidden } }, async (span) => {
      let outcome: RunResult | typeof NOT_STARTED = NOT_STARTED;
      if (!exhausted) {
        if (background && signal.aborted) exhausted = true;
        else if (main.verdict === 'compile_error') outcome = main;
        else {
          try {
            outcome = await inSlot(slots, () => slots.executor.run({ ...program, stdin: test.stdin }, { signal }), { signal, continuation: true, background });
          } catch (error) {
            if (!(background && signal.aborted)) throw error;
          }
        }
        if (outcome === NOT_STARTED) exhausted = true;
      }
      const result: StoredTestResult =
        outcome === NOT_STARTED
          ? notRunResult(index, test)
          : {
              ...testCase(index, test),
              passed: outcome.verdict === 'ok' && outputsMatch(outcome.stdout, test.expected, test.compare),
              verdict: outcome.verdict,
              stdout: outcome.stdout,
              stderr: outcome.verdict === 'compile_error' ? (outcome.compileOutput ?? outcome.stderr) : outcome.stderr,
              exitCode: outcome.exitCode,
              cpuMs: outcome.cpuMs,
              wallMs: outcome.wallMs,
            };
      span.setAttributes({ 'run.verdict': result.verdict, 'run.test.passed': result.passed, 'run.test.not_run': result.notRun === true });
      return result;
    });
    results.push(result);
    progress.test?.(result);
  }
  return results;
}

/** What the executor runs for every execution of the request: the same program, files and limits. */
function programOf(execution: Execution): Omit<RunRequest, 'stdin'> {
  const { language, code, limits, project } = execution;
  return { language, code, limits, ...(project ? { files: project.files, entry: project.entry } : {}) };
}

/** A test case that the request's time budget left no room for. */
export function notRunResult(index: number, test: Question['tests'][number]): StoredTestResult {
  return { ...testCase(index, test), passed: false, verdict: 'time_limit', notRun: true, stdout: '', stderr: '', exitCode: null, cpuMs: 0, wallMs: 0 };
}

const testCase = (index: number, test: Question['tests'][number]) => ({ index, hidden: test.hidden, stdin: test.stdin, expected: test.expected });

/**
 * Runs `job` in the run's turn of the queue, unless the deadline passes first (then `NOT_STARTED`).
 * Traced as `run queue wait` until the turn comes, then `run sandbox` for the job.
 */
async function inSlot<T>(
  slots: RunSlots,
  job: () => Promise<T>,
  { signal, continuation, background }: { signal: AbortSignal; continuation: boolean; background: boolean },
): Promise<T | typeof NOT_STARTED> {
  signal.throwIfAborted();
  const remaining = slots.deadline - performance.now();
  if (remaining <= 0) return NOT_STARTED;
  const budget = AbortSignal.timeout(Math.ceil(remaining));
  // The turn may come from another run's end: its spans keep this run's context.
  const caller = context.active();
  const waiting = tracer.startSpan('run queue wait', { attributes: { 'run.queue.continuation': continuation, 'run.queue.background': background } }, caller);
  let started = false;
  try {
    return await slots.queue.add(
      () => {
        started = true;
        waiting.end();
        return inSpan('run sandbox', { parent: caller }, job);
      },
      { signal: AbortSignal.any([signal, budget]), owner: slots.owner, continuation, background },
    );
  } catch (error) {
    if (!started && budget.aborted && !signal.aborted) return NOT_STARTED;
    throw error;
  } finally {
    if (!started) {
      waiting.setAttribute('run.queue.started', false);
      waiting.end();
    }
  }
}
