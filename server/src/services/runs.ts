import { createHash, randomUUID } from 'node:crypto';
import { canEdit, isPrivileged, type ParticipantClaims, type Question } from '@interview-kit/core/protocol';
import type {
  HiddenSummary,
  LanguagesResponse,
  RunLimits,
  RunRequest,
  RunTestView,
  RunView,
} from '@interview-kit/core/runs';
import type { Db } from '../adapters/db/database.js';
import {
  clampLimits,
  DEFAULT_LIMITS,
  ExecutorUnavailableError,
  MAX_LIMITS,
  UnknownLanguageError,
  type Executor,
  type OutputStream,
  type RunResult,
} from '../adapters/executor/types.js';
import type { Logger } from '../logger.js';
import { Counter, Gauge, Histogram, type Registry } from '../metrics.js';
import { RateLimiter } from '../middleware/rate-limit.js';
import { HttpProblem, PROBLEM_TYPES, badRequest, conflict, forbidden, tooManyRequests, unavailable } from '../problem.js';
import { QueueFullError, type RunQueue } from './run-queue.js';
import type { SessionRecord } from './sessions.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    runs: {
      id: string;
      session_id: string;
      participant_id: string;
      language: string;
      code: string;
      stdin: string;
      /** {@link StoredRunResult} as JSON text: hidden tests' inputs and outputs included. */
      result: string;
      idempotency_key: string | null;
      /** SHA-256 of the normalised request, to tell a retry from a different request reusing the key. */
      request_hash: string | null;
      created_at: string;
    };
  }
}

/** A test case's result with everything in it, as stored; {@link viewOfRun} decides who sees what. */
export type StoredTestResult = Required<Pick<RunTestView, 'stdin' | 'expected' | 'stdout' | 'stderr'>> & RunTestView;

/** What the database keeps of a run, beyond its id, author and time. */
export interface StoredRunResult extends Omit<RunResult, 'compileOutput'> {
  compileOutput?: string;
  limits: RunLimits;
  tests?: StoredTestResult[];
}

/** A stored run. */
export interface StoredRun {
  id: string;
  sessionId: string;
  participantId: string;
  language: string;
  createdAt: string;
  result: StoredRunResult;
}

/** What a caller of {@link RunService.run} hears while the run is in progress. */
export interface RunProgress {
  /** The run left the queue and starts now. */
  start?(id: string): void;
  /** A piece of the main execution's output. */
  output?(stream: OutputStream, chunk: string): void;
  /** A test case finished (hidden ones too: filter before passing them on). */
  test?(result: StoredTestResult): void;
}

/** How one accepted run request is carried out: its idempotency key and request hash, abort and progress. */
interface RunAttempt {
  key: string | undefined;
  hash: string | null;
  signal?: AbortSignal;
  progress?: RunProgress;
}

export interface RunServiceDeps {
  db: Db;
  /** Resolves once the executor has probed its sandbox and toolchains. */
  executor: Promise<Executor>;
  queue: RunQueue;
  /** Runs a minute per session. */
  perSessionPerMinute: number;
  logger: Logger;
  metrics?: Registry;
  now?: () => number;
}

/** A sandbox rarely produces output with trailing spaces or blank lines on purpose; tests ignore them. */
export function normaliseOutput(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
}

/** Whether a program's output matches a test's expected output, ignoring trailing whitespace. */
export function outputsMatch(actual: string, expected: string): boolean {
  return normaliseOutput(actual) === normaliseOutput(expected);
}

/** The indices of the question's tests that `selection` names. */
export function selectTests(question: Question, selection: RunRequest['tests']): number[] {
  if (selection === undefined) return [];
  if (selection === 'all') return question.tests.map((_test, index) => index);
  const unknown = selection.find((index) => index >= question.tests.length);
  if (unknown !== undefined) {
    throw badRequest(`the question has ${question.tests.length} test cases; there is no test ${unknown}`, [
      { path: 'tests', message: `index ${unknown} is out of range` },
    ]);
  }
  return [...new Set(selection)].sort((a, b) => a - b);
}

/** The run as one role may see it: candidates and observers never get hidden tests' details, only a count. */
export function viewOfRun(run: StoredRun, seesHidden: boolean): RunView {
  const { tests, ...result } = run.result;
  const hidden = tests?.filter((test) => test.hidden) ?? [];
  const hiddenSummary: HiddenSummary | undefined = hidden.length
    ? { passed: hidden.filter((test) => test.passed).length, total: hidden.length }
    : undefined;
  return {
    id: run.id,
    sessionId: run.sessionId,
    participantId: run.participantId,
    language: run.language,
    createdAt: run.createdAt,
    ...result,
    ...(tests ? { tests: tests.filter((test) => seesHidden || !test.hidden).map((test) => ({ ...test })) } : {}),
    ...(hiddenSummary ? { hiddenSummary } : {}),
  };
}

/** Whether a role sees hidden tests' inputs, expected and actual outputs. */
export const seesHiddenTests = (role: ParticipantClaims['role']) => isPrivileged(role);

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Code runs: admission (role, session state, per-session rate limit, the executor's queue),
 * the main execution and each selected test case, storage, and idempotent retries.
 */
export class RunService {
  private readonly sessionLimiter: RateLimiter;
  /** Idempotent runs in progress, by session, participant and key. */
  private readonly inFlight = new Map<string, { hash: string; done: Promise<StoredRun> }>();
  private readonly running = new Set<Promise<StoredRun>>();
  private readonly shutdown = new AbortController();
  private readonly now: () => number;
  private readonly runsTotal: Counter | undefined;
  private readonly runSeconds: Histogram | undefined;

  constructor(private readonly deps: RunServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sessionLimiter = new RateLimiter(deps.perSessionPerMinute, this.now);
    const { metrics, queue } = deps;
    this.runsTotal = metrics?.register(new Counter('runs_total', 'Finished code runs by language and verdict'));
    this.runSeconds = metrics?.register(new Histogram('run_duration_seconds', 'Code runs from admission to result, queueing included'));
    metrics?.register(new Gauge('run_queue_running', 'Code runs executing now', () => queue.running));
    metrics?.register(new Gauge('run_queue_waiting', 'Code runs waiting for a slot', () => queue.waiting));
  }

  /** The executor's languages and limits; `available: false` with the reason when it cannot run code. */
  async languages(): Promise<LanguagesResponse> {
    const limits = { default: { ...DEFAULT_LIMITS }, max: { ...MAX_LIMITS } };
    const executor = await this.deps.executor;
    if (!executor.available) return { available: false, reason: executor.unavailableReason ?? 'unknown', languages: [], limits };
    try {
      return { available: true, languages: await executor.languages(), limits };
    } catch (error) {
      if (error instanceof ExecutorUnavailableError) return { available: false, reason: error.reason, languages: [], limits };
      throw error;
    }
  }

  /**
   * Runs `request` for the participant in `session`: the program once on `stdin`, then once per
   * selected test case, inside one queue slot. With an idempotency key, a retry of the same request
   * by the same participant returns the first run (waiting for it if it is still in progress).
   */
  async run(
    session: SessionRecord,
    claims: ParticipantClaims,
    request: RunRequest & { stdin: string },
    options: { idempotencyKey?: string | undefined; signal?: AbortSignal; progress?: RunProgress } = {},
  ): Promise<{ run: StoredRun; replayed: boolean }> {
    if (!canEdit(claims.role)) throw forbidden(`a ${claims.role} watches and cannot run code`);
    if (session.status === 'ended') throw conflict('the session has ended; code can no longer run');
    const tests = selectTests(session.question, request.tests);

    const key = options.idempotencyKey;
    if (key === undefined) {
      return { run: await this.track(this.admit(session, claims, request, tests, { key, hash: null, ...options })), replayed: false };
    }
    if (!IDEMPOTENCY_KEY.test(key)) throw badRequest('the Idempotency-Key header must be 1 to 255 visible ASCII characters');
    const hash = requestHash(request);
    return this.once(session.id, claims.sub, key, hash, () => this.admit(session, claims, request, tests, { key, hash, ...options }));
  }

  /** Admission beyond the role: the per-session rate limit, the executor's state and languages; then the run. */
  private async admit(
    session: SessionRecord,
    claims: ParticipantClaims,
    request: RunRequest & { stdin: string },
    tests: number[],
    options: RunAttempt,
  ): Promise<StoredRun> {
    const wait = this.sessionLimiter.take(session.id);
    if (wait > 0) throw tooManyRequests('too many runs in this session; retry after the Retry-After delay', wait);

    const executor = await this.deps.executor;
    if (!executor.available) throw unavailableProblem(executor.unavailableReason ?? 'unknown');
    const languages = await this.offered(executor);
    if (!languages.includes(request.language)) {
      throw badRequest(`unknown language "${request.language}"; this server runs ${languages.join(', ') || 'nothing'}`, [
        { path: 'language', message: `not one of ${languages.join(', ')}` },
      ]);
    }
    return this.execute(session, claims, request, tests, options);
  }

  /** Keeps `done` in the set of runs in progress until it settles. */
  private async track(done: Promise<StoredRun>): Promise<StoredRun> {
    this.running.add(done);
    try {
      return await done;
    } finally {
      this.running.delete(done);
    }
  }

  /**
   * Runs `start` once per (session, participant, key): a retry gets the stored run, or joins the
   * one in progress; a different request under the same key is refused with 422.
   */
  private async once(
    sessionId: string,
    participantId: string,
    key: string,
    hash: string,
    start: () => Promise<StoredRun>,
  ): Promise<{ run: StoredRun; replayed: boolean }> {
    const slot = `${sessionId}\n${participantId}\n${key}`;
    const join = async (entry: { hash: string; done: Promise<StoredRun> }) => {
      if (entry.hash !== hash) throw idempotencyMismatch();
      return { run: await entry.done, replayed: true };
    };
    const running = this.inFlight.get(slot);
    if (running) return join(running);
    const row = await this.deps.db
      .selectFrom('runs')
      .select(['id', 'session_id', 'participant_id', 'language', 'created_at', 'result', 'request_hash'])
      .where('session_id', '=', sessionId)
      .where('participant_id', '=', participantId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (row) {
      if (row.request_hash !== hash) throw idempotencyMismatch();
      return { run: storedRun(row), replayed: true };
    }
    // Checked again after the query: a twin request may have started meanwhile. From here to
    // set() nothing awaits, so exactly one of them starts the run.
    const started = this.inFlight.get(slot);
    if (started) return join(started);
    const done = this.track(start());
    this.inFlight.set(slot, { hash, done });
    try {
      return { run: await done, replayed: false };
    } finally {
      this.inFlight.delete(slot);
    }
  }

  /** The session's runs, oldest first. */
  async list(sessionId: string): Promise<StoredRun[]> {
    const rows = await this.deps.db
      .selectFrom('runs')
      .select(['id', 'session_id', 'participant_id', 'language', 'created_at', 'result'])
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1000)
      .execute();
    return rows.map(storedRun);
  }

  /** Kills runs in progress and stops the executor. */
  async close(): Promise<void> {
    this.shutdown.abort(new Error('the server is shutting down'));
    await Promise.allSettled([...this.running]);
    await (await this.deps.executor.catch(() => undefined))?.close?.();
  }

  private async offered(executor: Executor): Promise<string[]> {
    try {
      return (await executor.languages()).map((language) => language.id);
    } catch (error) {
      if (error instanceof ExecutorUnavailableError) throw unavailableProblem(error.reason);
      throw error;
    }
  }

  private async execute(
    session: SessionRecord,
    claims: ParticipantClaims,
    request: RunRequest & { stdin: string },
    tests: number[],
    options: RunAttempt,
  ): Promise<StoredRun> {
    const id = randomUUID();
    const createdAt = new Date(this.now()).toISOString();
    const started = performance.now();
    const limits = clampLimits(request.limits);
    const signal = options.signal ? AbortSignal.any([options.signal, this.shutdown.signal]) : this.shutdown.signal;
    const { progress = {} } = options;
    const executor = await this.deps.executor;

    const job = async (): Promise<StoredRunResult> => {
      progress.start?.(id);
      const program = { language: request.language, code: request.code, limits };
      const main = await executor.run(
        { ...program, stdin: request.stdin },
        { signal, ...(progress.output ? { onOutput: progress.output } : {}) },
      );
      const results: StoredTestResult[] = [];
      for (const index of tests) {
        signal.throwIfAborted();
        const test = session.question.tests[index]!;
        // A program that does not compile fails every test without running again.
        const outcome: RunResult =
          main.verdict === 'compile_error' ? main : await executor.run({ ...program, stdin: test.stdin }, { signal });
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
      return { ...main, limits, ...(request.tests === undefined ? {} : { tests: results }) };
    };

    let result: StoredRunResult;
    try {
      result = await this.deps.queue.add(job, { signal });
    } catch (error) {
      throw asProblem(error);
    }

    const run: StoredRun = { id, sessionId: session.id, participantId: claims.sub, language: request.language, createdAt, result };
    await this.deps.db
      .insertInto('runs')
      .values({
        id,
        session_id: session.id,
        participant_id: claims.sub,
        language: request.language,
        code: request.code,
        stdin: request.stdin,
        result: JSON.stringify(result),
        idempotency_key: options.key ?? null,
        request_hash: options.hash,
        created_at: createdAt,
      })
      .execute();
    this.runsTotal?.inc({ language: request.language, verdict: result.verdict });
    this.runSeconds?.observe({ language: request.language }, (performance.now() - started) / 1000);
    return run;
  }
}

function storedRun(row: {
  id: string;
  session_id: string;
  participant_id: string;
  language: string;
  created_at: string;
  result: string;
}): StoredRun {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    language: row.language,
    createdAt: row.created_at,
    result: JSON.parse(row.result) as StoredRunResult,
  };
}

const idempotencyMismatch = () =>
  new HttpProblem(422, 'this Idempotency-Key was already used for a different run request; use a new key', {
    type: PROBLEM_TYPES.conflict,
  });

function unavailableProblem(reason: string): HttpProblem {
  return unavailable(`code execution is unavailable on this server: ${reason}`);
}

/** Queue and executor failures as the client should see them; an abort passes through unchanged. */
function asProblem(error: unknown): unknown {
  if (error instanceof QueueFullError) {
    return tooManyRequests('the server is busy running other code; retry after the Retry-After delay', error.retryAfterSeconds);
  }
  if (error instanceof UnknownLanguageError) return badRequest(error.message, [{ path: 'language', message: error.message }]);
  if (error instanceof ExecutorUnavailableError) return unavailableProblem(error.reason);
  return error;
}

/** A stable digest of what a request asks for (after defaults), for idempotent retries. */
function requestHash(request: RunRequest & { stdin: string }): string {
  const limits = request.limits ? Object.fromEntries(Object.entries(request.limits).sort(([a], [b]) => a.localeCompare(b))) : null;
  const canonical = JSON.stringify([request.language, request.code, request.stdin, request.tests ?? null, limits]);
  return createHash('sha256').update(canonical).digest('hex');
}
