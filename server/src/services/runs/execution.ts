import type { Question } from '@interview-kit/core/protocol';
import type { RunLimits } from '@interview-kit/core/runs';
import type { Executor, OutputStream, RunResult } from '../../adapters/executor/types.js';
import { outputsMatch } from './test-cases.js';
import type { StoredRunResult, StoredTestResult } from './store.js';

/** What a caller of a run hears while it is in progress. */
export interface RunProgress {
  /** The run left the queue and starts now. */
  start?(id: string): void;
  /** A piece of the main execution's output. */
  output?(stream: OutputStream, chunk: string): void;
  /** A test case finished (hidden ones too: filter before passing them on). */
  test?(result: StoredTestResult): void;
}

/** One program to execute: once on its stdin, then once per selected test case. */
export interface Execution {
  id: string;
  language: string;
  code: string;
  stdin: string;
  limits: RunLimits;
  question: Question;
  /** Indices of the question's tests to run; `undefined` when the request named no tests. */
  tests: number[] | undefined;
}

/**
 * Executes the program on its stdin, then on each selected test case (a program that does not
 * compile fails every test without running again), and compares each test's output.
 */
export async function execute(
  executor: Executor,
  execution: Execution,
  { signal, progress = {} }: { signal: AbortSignal; progress?: RunProgress },
): Promise<StoredRunResult> {
  progress.start?.(execution.id);
  const program = { language: execution.language, code: execution.code, limits: execution.limits };
  const main = await executor.run(
    { ...program, stdin: execution.stdin },
    { signal, ...(progress.output ? { onOutput: progress.output } : {}) },
  );
  const results: StoredTestResult[] = [];
  for (const index of execution.tests ?? []) {
    signal.throwIfAborted();
    const test = execution.question.tests[index]!;
    const outcome: RunResult = main.verdict === 'compile_error' ? main : await executor.run({ ...program, stdin: test.stdin }, { signal });
    const result: StoredTestResult = {
      index,
      hidden: test.hidden,
      passed: outcome.verdict === 'ok' && outputsMatch(outcome.stdout, test.expected),
      verdict: outcome.verdict,
      stdin: test.stdin,
      expected: test.expected,
      stdout: outcome.stdout,
      stderr: outcome.verdict === 'compile_error' ? (outcome.compileOutput ?? outcome.stderr) : outcome.stderr,
      exitCode: outcome.exitCode,
      cpuMs: outcome.cpuMs,
      wallMs: outcome.wallMs,
    };
    results.push(result);
    progress.test?.(result);
  }
  return { ...main, limits: execution.limits, ...(execution.tests === undefined ? {} : { tests: results }) };
}
