import { createHash } from 'node:crypto';
import type { Question, TestCase } from '@interview-kit/core/protocol';
import type { Executor, RunRequest, RunResult } from '../adapters/executor/types.js';
import type { Logger } from '../logger.js';
import { notFound } from '../problem.js';
import type { RunQueue } from '../services/runs/queue.js';
import type { SessionRecord } from '../services/session-record.js';
import { checkerRun } from './checker.js';
import { compareOutputs, DEFAULT_COMPARISON } from './compare.js';
import type { FinalCode } from './final-code.js';
import { clip, type Score, type ScoredTest } from './score.js';
import { ScoreStore } from './score-store.js';

export interface ScoreServiceDeps {
  store: ScoreStore;
  /** The session, or `undefined` when there is none. */
  findSession(sessionId: string): Promise<SessionRecord | undefined>;
  /** The final code of the session's shared document. */
  loadFinalCode(session: SessionRecord): Promise<FinalCode>;
  /** Resolves once the executor has probed its sandbox and toolchains. */
  executor: Promise<Executor>;
  /** The run queue live runs use: scoring takes background turns, so that it never delays them. */
  queue: RunQueue;
  logger: Logger;
  now?: () => Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash a score records of the code it scored. */
export const codeHashOf = (code: string) => sha256(code);

/** The version of a question: the hash of everything that decides its verdicts. */
export const questionVersionOf = (question: Question) => sha256(JSON.stringify(question));

/**
 * Automatic scoring: runs a session's final code (the shared document's) against every test of
 * its question, visible and hidden, in the sandbox, and stores the verdicts. Idempotent: the same
 * code, question version and language have one score record, so calling {@link score} or
 * {@link start} again (a retried job, a second click) finds it instead of running again. A record
 * left pending by a stopped process is run again by the next call; a failed one is retried.
 */
export class ScoreService {
  readonly #deps: ScoreServiceDeps;
  readonly #running = new Map<string, Promise<void>>();
  readonly #stop = new AbortController();

  constructor(deps: ScoreServiceDeps) {
    this.#deps = deps;
  }

  /**
   * Scores the session's final code and resolves with the finished record (`done` or `failed`).
   * This is what a job handler calls; calling it twice gives the one record.
   * @throws {HttpProblem} 404 when the session does not exist.
   */
  async score(sessionId: string): Promise<Score> {
    const started = await this.start(sessionId);
    await this.#running.get(started.id);
    return (await this.#deps.store.get(started.id))!;
  }

  /**
   * Starts scoring the session's final code unless its record exists already, and resolves at
   * once with the record: `pending` while it runs, else as it ended.
   * @throws {HttpProblem} 404 when the session does not exist.
   */
  async start(sessionId: string): Promise<Score> {
    const session = await this.#deps.findSession(sessionId);
    if (!session) throw notFound(`no session ${sessionId}`);
    const { code, language } = await this.#deps.loadFinalCode(session);
    const input = { sessionId, codeHash: codeHashOf(code), questionVersion: questionVersionOf(session.question), language };
    let score = await this.#deps.store.findOrCreate(input, this.#now());
    if (score.status === 'failed') {
      await this.#deps.store.retry(score.id);
      score = { ...score, status: 'pending', error: null, finishedAt: null };
    }
    if (score.status === 'pending' && !this.#running.has(score.id) && !this.#stop.signal.aborted) {
      const running = this.#execute(score.id, session, { code, language }).finally(() => this.#running.delete(score.id));
      this.#running.set(score.id, running);
    }
    return score;
  }

  /** The session's latest score record, or `undefined` before the first. */
  latest(sessionId: string): Promise<Score | undefined> {
    return this.#deps.store.latest(sessionId);
  }

  /** Stops scoring in progress (its records stay pending and run again on the next call) and waits for it. */
  async close(): Promise<void> {
    this.#stop.abort(new Error('the server is shutting down'));
    await Promise.allSettled(this.#running.values());
  }

  async #execute(id: string, session: SessionRecord, program: { code: string; language: string }): Promise<void> {
    try {
      const executor = await this.#deps.executor;
      if (!executor.available) throw new Error(`code execution is unavailable: ${executor.unavailableReason ?? 'unknown reason'}`);
      const tests = await this.#runTests(executor, session, program);
      await this.#deps.store.finish(id, tests, this.#now());
    } catch (error) {
      if (this.#stop.signal.aborted) return;
      const message = (error as Error).message ?? String(error);
      this.#deps.logger.warn('scoring failed', { sessionId: session.id, scoreId: id, error: message });
      await this.#deps.store.fail(id, message, this.#now());
    }
  }

  async #runTests(executor: Executor, session: SessionRecord, program: { code: string; language: string }): Promise<ScoredTest[]> {
    const { question } = session;
    const sandbox = (request: RunRequest) =>
      this.#deps.queue.add(() => executor.run(request, { signal: this.#stop.signal }), {
        owner: { tenant: session.tenantId, session: session.id },
        background: true,
        continuation: true,
        signal: this.#stop.signal,
      });
    const results: ScoredTest[] = [];
    let compileError: RunResult | undefined;
    for (const [index, test] of question.tests.entries()) {
      // A program that does not compile fails every test the same way: compile it once.
      const outcome = compileError ?? (await sandbox({ ...program, stdin: test.stdin }));
      if (outcome.verdict === 'compile_error') compileError = outcome;
      const judged = outcome.verdict === 'ok' ? await this.#judge(test, outcome, question, sandbox) : { passed: false, stderr: outcome.stderr };
      results.push({
        index,
        hidden: test.hidden,
        passed: judged.passed,
        verdict: outcome.verdict,
        judgedBy: question.checker ? 'checker' : (test.compare ?? DEFAULT_COMPARISON).mode,
        cpuMs: outcome.cpuMs,
        wallMs: outcome.wallMs,
        memoryKb: outcome.memoryKb,
        stdin: clip(test.stdin),
        expected: clip(test.expected),
        actual: clip(outcome.verdict === 'compile_error' ? (outcome.compileOutput ?? outcome.stdout) : outcome.stdout),
        stderr: clip(judged.stderr),
      });
    }
    return results;
  }

  /** Whether a run that ended well passed: by the question's checker when it has one, else by the test's comparison. */
  async #judge(
    test: TestCase,
    outcome: RunResult,
    question: Question,
    sandbox: (request: RunRequest) => Promise<RunResult>,
  ): Promise<{ passed: boolean; stderr: string }> {
    if (!question.checker) return { passed: compareOutputs(outcome.stdout, test.expected, test.compare), stderr: outcome.stderr };
    const check = await sandbox(checkerRun(question.checker, { input: test.stdin, expected: test.expected, actual: outcome.stdout }));
    const passed = check.verdict === 'ok' && check.exitCode === 0;
    return { passed, stderr: passed ? outcome.stderr : [check.stdout, check.stderr].filter(Boolean).join('\n') };
  }

  #now(): string {
    return (this.#deps.now?.() ?? new Date()).toISOString();
  }
}
