/**
 * The remote executor: proxies runs to a Judge0 instance (an existing execution cluster), for
 * scale-out beyond one machine. Selected with `EXECUTOR=judge0`, `JUDGE0_URL` and, when the
 * instance requires one, `JUDGE0_AUTH_TOKEN` (sent as `X-Auth-Token`).
 *
 * A run is one submission: `POST /submissions?base64_encoded=true&wait=false`, then
 * `GET /submissions/:token` until its status leaves "In Queue"/"Processing". Texts travel base64
 * encoded, so any bytes survive JSON. Limits are clamped before they are sent. Network errors,
 * timeouts, 429 and 5xx answers are retried a bounded number of times with backoff; when Judge0
 * stays unreachable or refuses the auth token, the run fails with `ExecutorUnavailableError`;
 * when it refuses or loses one submission, the run ends with `internal_error`.
 *
 * Judge0 does not stream: `onOutput` receives the whole output once the submission finished. It
 * runs one source file by its language's fixed rules, so a project of several files is refused
 * with `ProjectsUnsupportedError` (the API answers 501). Nor does it take input while a
 * submission runs: interactive runs are refused (`InteractiveUnsupportedError`, answered with 501).
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  clampLimits,
  ExecutorUnavailableError,
  ProjectsUnsupportedError,
  InteractiveUnsupportedError,
  UnknownLanguageError,
  type Executor,
  type LanguageInfo,
  type RunLimits,
  type RunOptions,
  type RunRequest,
  type RunResult,
  type Verdict,
} from './types.js';
import { looksOutOfMemory, signalName } from './verdict.js';

/** Our language ids → Judge0 CE language ids (the stock CE image). */
export const JUDGE0_CE_LANGUAGE_IDS: Readonly<Record<string, number>> = Object.freeze({
  bash: 46,
  c: 50,
  cpp: 54,
  go: 60,
  java: 62,
  javascript: 63,
  python: 71,
  ruby: 72,
  typescript: 74,
});

const COMPILED = new Set(['c', 'cpp', 'go', 'java', 'typescript']);

export interface Judge0ExecutorOptions {
  /** Base URL of the Judge0 API, e.g. `http://judge0:2358`. */
  url: string;
  /** Sent as `X-Auth-Token` when set. */
  authToken?: string;
  /** Overrides of the language id mapping, for instances with other language sets. */
  languageIds?: Record<string, number>;
  /** Pause between status polls; default 200 ms. */
  pollIntervalMs?: number;
  /** Time limit of each HTTP request; default 10 s. */
  requestTimeoutMs?: number;
  /** Extra attempts of a failed request; default 3. */
  retries?: number;
  /** How long a submission may stay queued or running beyond its wall limit; default 60 s. */
  queueAllowanceMs?: number;
}

/** Status ids of Judge0 (`GET /statuses`). */
const STATUS = {
  inQueue: 1,
  processing: 2,
  accepted: 3,
  wrongAnswer: 4,
  timeLimit: 5,
  compilationError: 6,
  runtimeSigxfsz: 8,
  internalError: 13,
  execFormatError: 14,
} as const;

interface Judge0Submission {
  stdout: string | null;
  stderr: string | null;
  compile_output: string | null;
  message: string | null;
  exit_code: number | null;
  exit_signal: number | null;
  status: { id: number; description: string };
  time: string | null;
  wall_time: string | null;
  memory: number | null;
}

const RESULT_FIELDS = 'stdout,stderr,compile_output,message,exit_code,exit_signal,status,time,wall_time,memory';

/** An answer Judge0 gave that retrying will not change (4xx other than 401, 403, 429). */
class Judge0RequestError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`Judge0 answered ${status}: ${detail}`);
    this.name = 'Judge0RequestError';
  }
}

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const decode = (text: string | null) => (text ? Buffer.from(text, 'base64').toString('utf8') : '');

/** Keeps at most `cap` bytes of UTF-8 text. */
function cap(text: string, bytes: number): { text: string; truncated: boolean } {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= bytes) return { text, truncated: false };
  return { text: buffer.subarray(0, bytes).toString('utf8'), truncated: true };
}

/** Maps a finished submission to a verdict (status ids per Judge0's `GET /statuses`). */
export function judge0Verdict(submission: Judge0Submission, stderr: string, limits: RunLimits): Verdict {
  const id = submission.status.id;
  if (id === STATUS.accepted || id === STATUS.wrongAnswer) return 'ok';
  if (id === STATUS.timeLimit) return 'time_limit';
  if (id === STATUS.compilationError) return 'compile_error';
  if (id === STATUS.runtimeSigxfsz) return 'output_limit';
  if (id >= 7 && id <= 12) {
    const memoryExhausted = (submission.memory ?? 0) >= limits.memoryKb || looksOutOfMemory(stderr);
    return memoryExhausted ? 'memory_limit' : 'runtime_error';
  }
  return 'internal_error'; // 13 Internal Error, 14 Exec Format Error, anything newer
}

export function createJudge0Executor(options: Judge0ExecutorOptions): Executor {
  const base = options.url.replace(/\/+$/, '');
  const languageIds: Record<string, number> = { ...JUDGE0_CE_LANGUAGE_IDS, ...options.languageIds };
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const queueAllowanceMs = options.queueAllowanceMs ?? 60_000;
  let languageCache: Promise<LanguageInfo[]> | undefined;

  /** One API call, retried on network errors, timeouts, 429 and 5xx. */
  async function call<T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await pause(100 * 2 ** (attempt - 1), signal);
      signal?.throwIfAborted();
      const timeout = AbortSignal.timeout(requestTimeoutMs);
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(options.authToken ? { 'x-auth-token': options.authToken } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        const text = await response.text();
        if (response.ok) return JSON.parse(text) as T;
        if (response.status === 401 || response.status === 403) {
          throw new ExecutorUnavailableError(`Judge0 at ${base} refused the auth token (${response.status}); check JUDGE0_AUTH_TOKEN`);
        }
        if (response.status !== 429 && response.status < 500) throw new Judge0RequestError(response.status, text.slice(0, 500));
        lastError = new Error(`Judge0 answered ${response.status}`);
      } catch (error) {
        if (error instanceof Judge0RequestError || error instanceof ExecutorUnavailableError) throw error;
        if (signal?.aborted) throw signal.reason;
        lastError = error;
      }
    }
    const cause = lastError instanceof Error ? lastError.message : String(lastError);
    throw new ExecutorUnavailableError(`Judge0 at ${base} did not answer ${method} ${path.split('?')[0]} (${cause})`);
  }

  async function languages(): Promise<LanguageInfo[]> {
    const offered = await call<{ id: number; name: string }[]>('GET', '/languages', undefined, undefined);
    const byId = new Map(offered.map((language) => [language.id, language.name]));
    return Object.entries(languageIds).flatMap(([id, judge0Id]) => {
      const name = byId.get(judge0Id);
      if (!name) return [];
      const parsed = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(name);
      return [{ id, name: parsed?.[1] ?? name, version: parsed?.[2] ?? '', compiled: COMPILED.has(id) }];
    });
  }

  async function run(request: RunRequest, runOptions: RunOptions = {}): Promise<RunResult> {
    const languageId = languageIds[request.language];
    if (languageId === undefined) throw new UnknownLanguageError(request.language, Object.keys(languageIds));
    // Judge0 compiles and runs one source file by its language's fixed rules; a project of one file is that file.
    if (request.files && request.files.length > 1) throw new ProjectsUnsupportedError('Judge0');
    const limits = clampLimits(request.limits);
    const { signal } = runOptions;
    signal?.throwIfAborted();

    let created: { token: string };
    try {
      created = await call<{ token: string }>(
        'POST',
        '/submissions?base64_encoded=true&wait=false',
        {
          source_code: encode(request.code),
          language_id: languageId,
          stdin: encode(request.stdin),
          cpu_time_limit: limits.cpuMs / 1000,
          wall_time_limit: limits.wallMs / 1000,
          memory_limit: limits.memoryKb,
          max_processes_and_or_threads: limits.processes,
          max_file_size: Math.max(limits.fileSizeKb, Math.ceil(limits.outputBytes / 1024)),
          enable_network: false,
        },
        signal,
      );
    } catch (error) {
      if (error instanceof Judge0RequestError) return failure(`Judge0 refused the submission: ${error.message}`);
      throw error;
    }

    const deadline = Date.now() + limits.wallMs + queueAllowanceMs;
    const path = `/submissions/${encodeURIComponent(created.token)}?base64_encoded=true&fields=${RESULT_FIELDS}`;
    for (;;) {
      let submission: Judge0Submission;
      try {
        submission = await call<Judge0Submission>('GET', path, undefined, signal);
      } catch (error) {
        if (error instanceof Judge0RequestError) return failure(`Judge0 lost the submission: ${error.message}`);
        throw error;
      }
      if (submission.status.id > STATUS.processing) return toResult(submission, limits, runOptions);
      if (Date.now() > deadline) return failure(`Judge0 did not finish the submission in time (${submission.status.description})`);
      await pause(pollIntervalMs, signal);
    }
  }

  return {
    available: true,
    languages: () => {
      languageCache ??= languages().catch((error) => {
        languageCache = undefined;
        throw error;
      });
      return languageCache;
    },
    run,
    interactive: () => Promise.reject(new InteractiveUnsupportedError('Judge0')),
  };
}

/** Waits, or rejects with the abort reason (not a generic AbortError) when `signal` aborts. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}

function failure(message: string): RunResult {
  return {
    verdict: 'internal_error',
    stdout: '',
    stderr: message,
    exitCode: null,
    signal: null,
    cpuMs: 0,
    wallMs: 0,
    memoryKb: 0,
    truncated: false,
  };
}

function toResult(submission: Judge0Submission, limits: RunLimits, options: RunOptions): RunResult {
  const stdout = cap(decode(submission.stdout), limits.outputBytes);
  const rawStderr = decode(submission.stderr);
  const stderr = cap(rawStderr || (submission.status.id >= STATUS.internalError ? decode(submission.message) : ''), limits.outputBytes);
  const truncated = stdout.truncated || stderr.truncated;
  const verdict = truncated ? 'output_limit' : judge0Verdict(submission, rawStderr, limits);
  if (stdout.text) options.onOutput?.('stdout', stdout.text);
  if (stderr.text) options.onOutput?.('stderr', stderr.text);
  const seconds = (value: string | null) => Math.round(Number(value ?? 0) * 1000) || 0;
  const compileOutput = decode(submission.compile_output);
  return {
    verdict,
    stdout: stdout.text,
    stderr: stderr.text,
    exitCode: submission.exit_signal ? null : submission.exit_code,
    signal: submission.exit_signal ? signalName(submission.exit_signal) : null,
    cpuMs: seconds(submission.time),
    wallMs: seconds(submission.wall_time),
    memoryKb: Math.round(submission.memory ?? 0),
    truncated,
    ...(compileOutput || verdict === 'compile_error' ? { compileOutput } : {}),
  };
}
