import { createHash } from 'node:crypto';
import type { Question, TestCase } from '@interview-kit/core/protocol';
import type { Executor, RunRequest, RunResult } from '../adapters/executor/types.js';
import type { Logger } from '../logger.js';
import { notFound } from '../problem.js';
import type { RunQueue } from '../services/runs/queue.js';
import type { SessionQuestion, SessionRecord } from '../services/session-record.js';
import { checkerRun } from './checker.js';
import { compareOutputs, DEFAULT_COMPARISON } from './compare.js';
import type { QuestionCode } from './final-code.js';
import { clip, type Score, type ScoredQuestion, type ScoredTest } from './score.js';
import { ScoreStore } from './score-store.js';

export interface ScoreServiceDeps {
  store: ScoreStore;
  /** The session, or `undefined` when there is none. */
  findSession(sessionId: string): Promise<SessionRecord | undefined>;
  /** The final code of every coding question the session reached, in plan order. */
  loadFinalCodes(session: SessionRecord): Promise<QuestionCode[]>;
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

/** The hash of a question's final work: its code's, or for a project, of every file's path and content. */
export const workHashOf = (work: Pick<QuestionCode, 'code' | 'files'>) =>
  work.files ? sha256(JSON.stringify(work.files.map((file) => [file.path, file.content]))) : codeHashOf(work.code);

/** The version of a question: the hash of everything that decides its verdicts (not where it stands in the plan or the document). */
export const questionVersionOf = ({ index: _index, slot: _slot, ...question }: SessionQuestion) => sha256(JSON.stringify(question));

/**
 * What a score record is of: one question's code and version as they always were, several
 * questions' as the hash of the list (so a single-question session keeps its records).
 */
export function scoredWork(codes: readonly QuestionCode[]): { codeHash: string; questionVersion: string } {
  if (codes.length === 1) return { codeHash: workHashOf(codes[0]!), questionVersion: questionVersionOf(codes[0]!.question) };
  return {
    codeHash: sha256(JSON.stringify(codes.map((c) => [c.index, c.language, workHashOf(c)]))),
    questionVersion: sha256(JSON.stringify(codes.map((c) => [c.index, questionVersionOf(c.question)]))),
  };
}

/**
 * Automatic scoring: runs the final code of every coding question a session reached (each from
 * its own slot of the shared document; a project with every one of its files) against every test
 * of that question, visible and hidden,
 * in the sandbox, and stores the verdicts per question and in total. Idempotent: the same
 * codes, question versions and language have one score record, so calling {@link score} or
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
    const codes = await this.#deps.loadFinalCodes(session);
    const inPlay = codes.find((c) => c.index === (session.question.index ?? 0)) ?? codes.at(-1);
    const input = { sessionId, ...scoredWork(codes), language: inPlay?.language ?? session.question.language };
    let score = await this.#deps.store.findOrCreate(input, this.#now());
    if (score.status === 'failed') {
      await this.#deps.store.retry(score.id);
      score = { ...score, status: 'pending', error: null, finishedAt: null };
    }
    if (score.status === 'pending' && !this.#running.has(score.id) && !this.#stop.signal.aborted) {
      const running = this.#execute(score.id, session, codes).finally(() => this.#running.delete(score.id));
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

  async #execute(id: string, session: SessionRecord, codes: readonly QuestionCode[]): Promise<void> {
    try {
      const executor = await this.#deps.executor;
      if (!executor.available) throw new Error(`code execution is unavailable: ${executor.unavailableReason ?? 'unknown reason'}`);
      const questions: ScoredQuestion[] = [];
      for (const entry of codes) {
        const program = { code: entry.code, language: entry.language, ...(entry.files ? { files: entry.files } : {}) };
        const tests = await this.#runTests(executor, session, entry.question, program);
        const passed = tests.filter((test) => test.passed).length;
        questions.push({ index: entry.index, title: entry.title, language: entry.language, codeHash: workHashOf(entry), passed, total: tests.length, tests });
      }
      await this.#deps.store.finish(id, questions, this.#now());
    } catch (error) {
      if (this.#stop.signal.aborted) return;
      const message = (error as Error).message ?? String(error);
      this.#deps.logger.warn('scoring failed', { sessionId: session.id, scoreId: id, error: message });
      await this.#deps.store.fail(id, message, this.#now());
    }
  }

  async #runTests(executor: Executor, session: SessionRecord, question: Question, program: Omit<RunRequest, 'stdin'>): Promise<ScoredTest[]> {
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
