import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { canEdit, type ParticipantClaims } from '@interview-kit/core/protocol';
import type { LanguagesResponse, RunRequest, RunView } from '@interview-kit/core/runs';
import {
  clampLimits,
  DEFAULT_LIMITS,
  ExecutorUnavailableError,
  InteractiveUnsupportedError,
  MAX_LIMITS,
  ProjectsUnsupportedError,
  type InteractiveResult,
  UnknownLanguageError,
  type Executor,
} from '../../adapters/executor/types.js';
import { HttpProblem, badRequest, conflict, forbidden, notImplemented, tooManyRequests, unavailable } from '../../problem.js';
import { interactiveRecord, type InteractiveHooks, type InteractiveStart } from './interactive.js';
import type { Logger } from '../../logger.js';
import { rateLimitPerMinute, type RateLimit } from '../rate-limiter.js';
import type { SessionRecord } from '../sessions.js';
import { BudgetExhaustedError, execute, executeTests, notRunResult, type Execution, type RunProgress, type RunSlots } from './execution.js';
import { RunsInFlight } from './in-flight.js';
import { IdempotentRuns } from './idempotency.js';
import type { RunMetrics } from './metrics.js';
import { QueueFullError, type RunQueue } from './queue.js';
import type { RunStore, StoredRun, StoredTestResult } from './store.js';
import { selectTests, type TestSelection } from './test-cases.js';
import { seesHiddenTests, viewOfRun } from './views.js';
import { DEFAULT_RUN_MAX_FILES, entryCodeOf, runProjectOf, type RunProject } from './project.js';
import { inSpan } from '../../telemetry/tracing.js';

/**
 * Past the latest moment a run's last execution can end (its budget plus one wall limit), its
 * hidden tests still running are stopped after this margin, and their count is revealed after
 * twice this margin.
 */
export const HIDDEN_MARGIN_MS = 1_000;

const DEFAULT_INTERACTIVE = { idleMs: 60_000, maxMs: 600_000 };

export interface RunServiceDeps {
  store: RunStore;
  /** Resolves once the executor has probed its sandbox and toolchains. */
  executor: Promise<Executor>;
  queue: RunQueue;
  /** Runs a minute per session. */
  perSessionPerMinute: number;
  /** Counts the runs per session and minute (shared by the instances); default: in this process, `perSessionPerMinute`. */
  sessionLimit?: RateLimit;
  /** Milliseconds after its admission within which a request's executions must start; later ones are not run. */
  requestBudgetMs: number;
  /** Files a project may have (`RUN_MAX_FILES`); default {@link DEFAULT_RUN_MAX_FILES}. */
  maxFiles?: number;
  /** Idle time and total budget of interactive runs; default a minute and ten minutes. */
  interactive?: { idleMs: number; maxMs: number };
  metrics?: RunMetrics;
  logger?: Logger;
  now?: () => number;
}

/** What a caller asks for, and hears, while its run is carried out. */
export interface RunOptions {
  idempotencyKey?: string | undefined;
  signal?: AbortSignal;
  progress?: RunProgress;
}

/** A request as the route validated it: `code` may be left out when `files` hold the program. */
type Request = Omit<RunRequest, 'code'> & { code?: string | undefined; stdin: string };
/** A request whose project is checked: `code` is the entry's content. */
type AdmittedRequest = Request & { code: string; project: RunProject | undefined };
type RunListener = (run: StoredRun, session: SessionRecord) => void;

/**
 * Code runs: admission (role, session state, runs in progress, per-session rate limit, the
 * executor's state and languages), execution in the fair queue within the request's time budget,
 * storage, and idempotent retries.
 *
 * A run's hidden tests never delay its caller's answer: the answer (and the stored run that
 * `onFinished` hands over) holds the main execution and the visible tests, with the hidden tests
 * `pending`; they run afterwards in the same queue and budget, and their results are added to the
 * stored run. Interviewers wait for them (their answer includes them); candidates and observers see
 * only their count, from a reveal time fixed at admission (`onHiddenRevealed` fires then).
 */
export class RunService {
  private readonly sessionLimiter: RateLimit;
  private readonly idempotent: IdempotentRuns;
  private readonly inFlight: RunsInFlight;
  private readonly running = new Set<Promise<unknown>>();
  private readonly revealTimers = new Set<NodeJS.Timeout>();
  private readonly shutdown = new AbortController();
  private readonly finishedListeners = new Set<RunListener>();
  private readonly revealListeners = new Set<RunListener>();
  private readonly now: () => number;

  constructor(private readonly deps: RunServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sessionLimiter = deps.sessionLimit ?? rateLimitPerMinute('runs', deps.perSessionPerMinute);
    this.idempotent = new IdempotentRuns(deps.store);
    this.inFlight = new RunsInFlight(this.now);
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
   * selected visible test case, then (after the answer for candidates) the selected hidden ones.
   * With an idempotency key, a retry of the same request by the same participant returns the
   * first run (waiting for it if it is still in progress).
   */
  async run(session: SessionRecord, claims: ParticipantClaims, request: Request, options: RunOptions = {}): Promise<{ run: StoredRun; replayed: boolean }> {
    const attributes = { 'session.id': session.id, 'run.language': request.language, 'participant.role': claims.role };
    return inSpan('run', { attributes }, () => this.runTraced(session, claims, request, options));
  }

  /** `run()` inside its span: the admission, the queue waits, the sandbox and each test are its children. */
  private async runTraced(session: SessionRecord, claims: ParticipantClaims, request: Request, options: RunOptions): Promise<{ run: StoredRun; replayed: boolean }> {
    if (!canEdit(claims.role)) throw forbidden(`a ${claims.role} watches and cannot run code`);
    if (session.status !== 'live') throw conflict(`the session is ${session.status}; code runs only while the interview is live`);
    const tests = request.tests === undefined ? undefined : selectTests(session.question, request.tests, seesHiddenTests(claims.role));
    const project = runProjectOf(request, this.deps.maxFiles ?? DEFAULT_RUN_MAX_FILES);
    const admitted: AdmittedRequest = { ...request, code: project ? entryCodeOf(project) : (request.code ?? ''), project };

    const key = options.idempotencyKey;
    if (key === undefined) {
      return { run: await this.track(this.admit(session, claims, admitted, tests, { ...options, hash: null })), replayed: false };
    }
    const hash = this.idempotent.prepare(key, project ? { ...admitted, files: project.files, entry: project.entry } : admitted);
    return this.idempotent.once(session.id, claims.sub, key, hash, () =>
      this.track(this.admit(session, claims, admitted, tests, { ...options, hash })),
    );
  }

  /**
   * Calls `listener` once per run when it is stored, with the main execution and visible tests
   * only: a run with hidden tests has `result.hidden.status` `pending` and none of their results
   * (the collaboration layer publishes it to the session's shared document). Returns the
   * unsubscribe function.
   */
  onFinished(listener: RunListener): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /**
   * Calls `listener` once per run with hidden tests at its reveal time (`result.hidden.revealAt`,
   * fixed at admission), with every result stored by then. Only the count of passed hidden tests
   * (`viewOfRun(run, false)`) may go where candidates see it. Returns the unsubscribe function.
   */
  onHiddenRevealed(listener: RunListener): () => void {
    this.revealListeners.add(listener);
    return () => this.revealListeners.delete(listener);
  }

  /** The session's runs, oldest first. */
  list(sessionId: string): Promise<StoredRun[]> {
    return this.deps.store.list(sessionId);
  }

  /** The run as a caller who does (or does not) see hidden tests may see it now. */
  view(run: StoredRun, seesHidden: boolean): RunView {
    return viewOfRun(run, seesHidden, this.now());
  }

  /**
   * Resolves once no run is in progress (hidden tests included), or once `withinMs` passed: the
   * SIGTERM drain lets runs finish before {@link close} kills what is left. Resolves with whether all finished.
   */
  async finish(withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (this.running.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise((resolve) => (timer = setTimeout(resolve, deadline - Date.now())));
      await Promise.race([Promise.allSettled([...this.running]), timeUp]);
      clearTimeout(timer);
    }
    return this.running.size === 0;
  }

  /** Kills runs in progress (hidden tests left are stored as not run) and stops the executor. */
  async close(): Promise<void> {
    this.shutdown.abort(new Error('the server is shutting down'));
    for (const timer of this.revealTimers) clearTimeout(timer);
    await Promise.allSettled([...this.running]);
    await (await this.deps.executor.catch(() => undefined))?.close?.();
  }

  /** Keeps `done` in the set of runs in progress until it settles. */
  private async track<T>(done: Promise<T>): Promise<T> {
    this.running.add(done);
    try {
      return await done;
    } finally {
      this.running.delete(done);
    }
  }

  /** Admission beyond the role: runs in progress, the per-session rate limit, the executor's state and languages; then the run. */
  private async admit(
    session: SessionRecord,
    claims: ParticipantClaims,
    request: AdmittedRequest,
    tests: TestSelection | undefined,
    options: RunOptions & { hash: string | null },
  ): Promise<StoredRun> {
    const hiddenTests = tests?.hidden ?? [];
    const leave = this.inFlight.enter(session.id, claims.sub, hiddenTests.length > 0);
    let hiddenDone: Promise<StoredRun> | undefined;
    try {
      const { wait } = await this.sessionLimiter.take(session.id);
      if (wait > 0) throw tooManyRequests('too many runs in this session; retry after the Retry-After delay', wait);
      const executor = await this.executorFor(request.language);

      const id = randomUUID();
      trace.getActiveSpan()?.setAttribute('run.id', id);
      const admittedAt = this.now();
      const started = performance.now();
      const limits = clampLimits(request.limits);
      const signal = options.signal ? AbortSignal.any([options.signal, this.shutdown.signal]) : this.shutdown.signal;
      const execution: Execution = {
        id,
        language: request.language,
        code: request.code,
        ...(request.project ? { project: request.project } : {}),
        stdin: request.stdin,
        limits,
        question: session.question,
        tests,
      };
      const slots: RunSlots = {
        executor,
        queue: this.deps.queue,
        owner: { tenant: session.tenantId, session: session.id },
        deadline: started + this.deps.requestBudgetMs,
      };
      // The latest moment the last execution can end: it starts by the deadline and runs one wall limit.
      const latestEnd = admittedAt + this.deps.requestBudgetMs + limits.wallMs;
      const revealAt = latestEnd + 2 * HIDDEN_MARGIN_MS;
      let result;
      try {
        result = await execute(slots, execution, { signal, ...(options.progress ? { progress: options.progress } : {}) });
      } catch (error) {
        throw asProblem(error, this.deps.queue);
      }

      const run: StoredRun = {
        id,
        sessionId: session.id,
        participantId: claims.sub,
        language: request.language,
        stdin: request.stdin,
        createdAt: new Date(admittedAt).toISOString(),
        result: {
          ...result,
          question: session.question.index ?? 0,
          ...(hiddenTests.length
            ? { hidden: { status: 'pending', total: hiddenTests.length, revealAt: new Date(revealAt).toISOString(), indices: hiddenTests } }
            : {}),
        },
      };
      await this.deps.store.insert({
        ...run,
        code: request.code,
        ...(request.project ? { files: request.project.files } : {}),
        idempotencyKey: options.idempotencyKey ?? null,
        requestHash: options.hash,
      });
      this.deps.metrics?.finished(request.language, run.result.verdict, (performance.now() - started) / 1000);
      trace.getActiveSpan()?.setAttribute('run.verdict', run.result.verdict);
      for (const listener of this.finishedListeners) listener(run, session);
      if (!hiddenTests.length) return run;

      const privileged = seesHiddenTests(claims.role);
      hiddenDone = this.track(
        this.runHidden(slots, execution, run, hiddenTests, {
          stopAt: latestEnd + HIDDEN_MARGIN_MS,
          ...(privileged && options.progress ? { progress: options.progress } : {}),
        }),
      );
      // A candidate's place for hidden tests frees at the reveal time, whenever they actually end.
      this.inFlight.holdHidden(session.id, claims.sub, privileged ? hiddenDone : Promise.all([hiddenDone, this.until(revealAt)]), revealAt);
      this.revealAt(revealAt, hiddenDone, session);
      if (!privileged) return run;
    } finally {
      leave();
    }
    return hiddenDone;
  }

  /**
   * An interactive run for the console: admitted like a run (role, live session, the per-session
   * rate limit, the executor and its languages), then it waits for a slot in the same queue (as
   * background work: never the last slot) and holds it until it ends (idle, total budget, exit, Ctrl+C, or `hooks.signal`). Its record
   * (kind `interactive`, transcript included) is stored and handed to `onFinished` listeners.
   */
  async interactive(session: SessionRecord, claims: Pick<ParticipantClaims, 'sub' | 'role'>, start: InteractiveStart, hooks: InteractiveHooks): Promise<StoredRun> {
    return this.track(this.admitInteractive(session, claims, start, hooks));
  }

  private async admitInteractive(session: SessionRecord, claims: Pick<ParticipantClaims, 'sub' | 'role'>, start: InteractiveStart, hooks: InteractiveHooks): Promise<StoredRun> {
    if (!canEdit(claims.role)) throw forbidden(`a ${claims.role} watches and cannot run code`);
    if (session.status !== 'live') throw conflict(`the session is ${session.status}; code runs only while the interview is live`);
    const { wait } = await this.sessionLimiter.take(session.id);
    if (wait > 0) throw tooManyRequests('too many runs in this session; retry after the Retry-After delay', wait);
    const executor = await this.executorFor(start.language);
    const id = randomUUID();
    const createdAt = new Date(this.now()).toISOString();
    hooks.onAdmitted(id);
    const signal = AbortSignal.any([hooks.signal, this.shutdown.signal]);
    const { idleMs, maxMs } = this.deps.interactive ?? DEFAULT_INTERACTIVE;
    let result: InteractiveResult;
    try {
      if (!executor.interactive) throw new InteractiveUnsupportedError('configured');
      result = await this.deps.queue.add(
        () => executor.interactive!({ ...start, idleMs, maxMs }, { onStart: hooks.onStart, onOutput: hooks.onOutput, signal }),
        // Background work of the queue: it holds a slot for minutes, so it never takes the last one
        // and never counts against its session's slots (the session's own runs still find one).
        // Its minutes say nothing about how soon a slot frees up: left out of Retry-After's estimate.
        { owner: { tenant: session.tenantId, session: session.id }, signal, background: true, untimed: true },
      );
    } catch (error) {
      if (error instanceof InteractiveUnsupportedError) throw notImplemented(`${error.message}; use POST /v1/runs with stdin instead`);
      throw asProblem(error, this.deps.queue);
    }
    const run = interactiveRecord({ id, sessionId: session.id, participantId: claims.sub, createdAt, question: session.question.index ?? 0 }, start, result, hooks.transcript());
    await this.deps.store.insert(run);
    const { code: _code, idempotencyKey: _key, requestHash: _hash, ...stored } = run;
    for (const listener of this.finishedListeners) listener(stored, session);
    return stored;
  }

  /** The executor, once it is available and offers `language`; else the problem to answer. */
  private async executorFor(language: string): Promise<Executor> {
    const executor = await this.deps.executor;
    if (!executor.available) throw unavailableProblem(executor.unavailableReason ?? 'unknown');
    const languages = await offered(executor);
    if (!languages.includes(language)) {
      throw badRequest(`unknown language "${language}"; this server runs ${languages.join(', ') || 'nothing'}`, [
        { path: 'language', message: `not one of ${languages.join(', ')}` },
      ]);
    }
    return executor;
  }

  /**
   * Runs the hidden tests of a stored `run` and stores their results. Those that cannot start
   * within the budget, or still run at `stopAt` (epoch ms), are stored as not run; so is every one
   * when the executor fails. Never rejects.
   */
  private async runHidden(
    slots: RunSlots,
    execution: Execution,
    run: StoredRun,
    indices: number[],
    { stopAt, progress }: { stopAt: number; progress?: RunProgress },
  ): Promise<StoredRun> {
    const stop = AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(Math.max(0, Math.ceil(stopAt - this.now())))]);
    let results: StoredTestResult[];
    try {
      results = await executeTests(slots, execution, run.result, indices, { signal: stop, background: true, ...(progress ? { progress } : {}) });
    } catch (error) {
      this.deps.logger?.error('hidden tests failed', { runId: run.id, error });
      results = indices.map((index) => notRunResult(index, execution.question.tests[index]!));
    }
    const finished: StoredRun = {
      ...run,
      result: { ...run.result, tests: [...(run.result.tests ?? []), ...results], hidden: { ...run.result.hidden!, status: 'done' } },
    };
    try {
      await this.deps.store.updateResult(run.id, run.sessionId, finished.result);
    } catch (error) {
      this.deps.logger?.error('storing hidden test results failed', { runId: run.id, error });
    }
    return finished;
  }

  /** Tells reveal listeners about the run at `at` (epoch ms), or once its hidden tests are done if later. */
  private revealAt(at: number, done: Promise<StoredRun>, session: SessionRecord): void {
    const timer = setTimeout(() => {
      this.revealTimers.delete(timer);
      void done.then((run) => {
        for (const listener of this.revealListeners) listener(run, session);
      });
    }, Math.max(0, at - this.now()));
    timer.unref();
    this.revealTimers.add(timer);
  }

  /** Resolves at `at` (epoch ms), or at shutdown. */
  private until(at: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.shutdown.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, at - this.now()));
      timer.unref();
      this.shutdown.signal.addEventListener('abort', done, { once: true });
    });
  }
}

async function offered(executor: Executor): Promise<string[]> {
  try {
    return (await executor.languages()).map((language) => language.id);
  } catch (error) {
    if (error instanceof ExecutorUnavailableError) throw unavailableProblem(error.reason);
    throw error;
  }
}

function unavailableProblem(reason: string): HttpProblem {
  return unavailable(`code execution is unavailable on this server: ${reason}`);
}

/** Queue and executor failures as the client should see them; an abort passes through unchanged. */
function asProblem(error: unknown, queue: RunQueue): unknown {
  if (error instanceof BudgetExhaustedError) {
    return tooManyRequests('the server is busy running other code; retry after the Retry-After delay', queue.retryAfterSeconds());
  }
  if (error instanceof QueueFullError) {
    return tooManyRequests('the server is busy running other code; retry after the Retry-After delay', error.retryAfterSeconds);
  }
  if (error instanceof UnknownLanguageError) return badRequest(error.message, [{ path: 'language', message: error.message }]);
  if (error instanceof ProjectsUnsupportedError) return notImplemented(error.message);
  if (error instanceof ExecutorUnavailableError) return unavailableProblem(error.reason);
  return error;
}
