import { randomUUID } from 'node:crypto';
import { canEdit, type ParticipantClaims } from '@interview-kit/core/protocol';
import type { LanguagesResponse, RunRequest } from '@interview-kit/core/runs';
import {
  clampLimits,
  DEFAULT_LIMITS,
  ExecutorUnavailableError,
  MAX_LIMITS,
  UnknownLanguageError,
  type Executor,
} from '../../adapters/executor/types.js';
import { HttpProblem, badRequest, conflict, forbidden, tooManyRequests, unavailable } from '../../problem.js';
import { RateLimiter } from '../rate-limiter.js';
import type { SessionRecord } from '../sessions.js';
import { execute, type RunProgress } from './execution.js';
import { IdempotentRuns } from './idempotency.js';
import type { RunMetrics } from './metrics.js';
import { QueueFullError, type RunQueue } from './queue.js';
import type { RunStore, StoredRun } from './store.js';
import { selectTests } from './test-cases.js';

export interface RunServiceDeps {
  store: RunStore;
  /** Resolves once the executor has probed its sandbox and toolchains. */
  executor: Promise<Executor>;
  queue: RunQueue;
  /** Runs a minute per session. */
  perSessionPerMinute: number;
  metrics?: RunMetrics;
  now?: () => number;
}

/** What a caller asks for, and hears, while its run is carried out. */
export interface RunOptions {
  idempotencyKey?: string | undefined;
  signal?: AbortSignal;
  progress?: RunProgress;
}

type Request = RunRequest & { stdin: string };

/**
 * Code runs: admission (role, session state, per-session rate limit, the executor's state and
 * languages), execution in a queue slot, storage, and idempotent retries.
 */
export class RunService {
  private readonly sessionLimiter: RateLimiter;
  private readonly idempotent: IdempotentRuns;
  private readonly running = new Set<Promise<StoredRun>>();
  private readonly shutdown = new AbortController();
  private readonly finishedListeners = new Set<(run: StoredRun, session: SessionRecord) => void>();
  private readonly now: () => number;

  constructor(private readonly deps: RunServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sessionLimiter = new RateLimiter(deps.perSessionPerMinute, this.now);
    this.idempotent = new IdempotentRuns(deps.store);
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
  async run(session: SessionRecord, claims: ParticipantClaims, request: Request, options: RunOptions = {}): Promise<{ run: StoredRun; replayed: boolean }> {
    if (!canEdit(claims.role)) throw forbidden(`a ${claims.role} watches and cannot run code`);
    if (session.status !== 'live') throw conflict(`the session is ${session.status}; code runs only while the interview is live`);
    const tests = request.tests === undefined ? undefined : selectTests(session.question, request.tests);

    const key = options.idempotencyKey;
    if (key === undefined) {
      return { run: await this.track(this.admit(session, claims, request, tests, { ...options, hash: null })), replayed: false };
    }
    const hash = this.idempotent.prepare(key, request);
    return this.idempotent.once(session.id, claims.sub, key, hash, () =>
      this.track(this.admit(session, claims, request, tests, { ...options, hash })),
    );
  }

  /**
   * Calls `listener` with every run once it is stored (the collaboration layer publishes it to the
   * session's shared document). Returns the unsubscribe function.
   */
  onFinished(listener: (run: StoredRun, session: SessionRecord) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** The session's runs, oldest first. */
  list(sessionId: string): Promise<StoredRun[]> {
    return this.deps.store.list(sessionId);
  }

  /** Kills runs in progress and stops the executor. */
  async close(): Promise<void> {
    this.shutdown.abort(new Error('the server is shutting down'));
    await Promise.allSettled([...this.running]);
    await (await this.deps.executor.catch(() => undefined))?.close?.();
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

  /** Admission beyond the role: the per-session rate limit, the executor's state and languages; then the run. */
  private async admit(
    session: SessionRecord,
    claims: ParticipantClaims,
    request: Request,
    tests: number[] | undefined,
    options: RunOptions & { hash: string | null },
  ): Promise<StoredRun> {
    const wait = this.sessionLimiter.take(session.id);
    if (wait > 0) throw tooManyRequests('too many runs in this session; retry after the Retry-After delay', wait);

    const executor = await this.deps.executor;
    if (!executor.available) throw unavailableProblem(executor.unavailableReason ?? 'unknown');
    const languages = await offered(executor);
    if (!languages.includes(request.language)) {
      throw badRequest(`unknown language "${request.language}"; this server runs ${languages.join(', ') || 'nothing'}`, [
        { path: 'language', message: `not one of ${languages.join(', ')}` },
      ]);
    }

    const id = randomUUID();
    const createdAt = new Date(this.now()).toISOString();
    const started = performance.now();
    const limits = clampLimits(request.limits);
    const signal = options.signal ? AbortSignal.any([options.signal, this.shutdown.signal]) : this.shutdown.signal;
    const execution = { id, language: request.language, code: request.code, stdin: request.stdin, limits, question: session.question, tests };
    let result;
    try {
      result = await this.deps.queue.add(() => execute(executor, execution, { signal, ...(options.progress ? { progress: options.progress } : {}) }), {
        signal,
      });
    } catch (error) {
      throw asProblem(error);
    }

    const run: StoredRun = { id, sessionId: session.id, participantId: claims.sub, language: request.language, createdAt, result };
    await this.deps.store.insert({
      ...run,
      code: request.code,
      stdin: request.stdin,
      idempotencyKey: options.idempotencyKey ?? null,
      requestHash: options.hash,
    });
    this.deps.metrics?.finished(request.language, result.verdict, (performance.now() - started) / 1000);
    for (const listener of this.finishedListeners) listener(run, session);
    return run;
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
function asProblem(error: unknown): unknown {
  if (error instanceof QueueFullError) {
    return tooManyRequests('the server is busy running other code; retry after the Retry-After delay', error.retryAfterSeconds);
  }
  if (error instanceof UnknownLanguageError) return badRequest(error.message, [{ path: 'language', message: error.message }]);
  if (error instanceof ExecutorUnavailableError) return unavailableProblem(error.reason);
  return error;
}
