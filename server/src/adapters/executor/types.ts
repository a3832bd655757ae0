/**
 * The execution engine's contract: what a run asks for, the limits the server allows, what a run
 * returns, and the `Executor` interface every backend (local sandbox, Judge0) implements.
 *
 * @module
 */

/** Resource limits of one run. Times in milliseconds, sizes in KiB, output in bytes per stream. */
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

/** Limits a run gets when the client names none. */
export const DEFAULT_LIMITS: Readonly<RunLimits> = Object.freeze({
  cpuMs: 5_000,
  wallMs: 10_000,
  memoryKb: 256 * 1024,
  processes: 64,
  fileSizeKb: 10 * 1024,
  outputBytes: 1024 * 1024,
});

/** The most any client may ask for; server-side policy, never taken from a request. */
export const MAX_LIMITS: Readonly<RunLimits> = Object.freeze({
  cpuMs: 10_000,
  wallMs: 20_000,
  memoryKb: 512 * 1024,
  processes: 128,
  fileSizeKb: 16 * 1024,
  outputBytes: 4 * 1024 * 1024,
});

/** The least a limit may be, so that a run can at least start. */
const MIN_LIMITS: Readonly<RunLimits> = Object.freeze({
  cpuMs: 100,
  wallMs: 100,
  memoryKb: 16 * 1024,
  processes: 1,
  fileSizeKb: 0,
  outputBytes: 0,
});

/**
 * Turns whatever a client asked for into limits the server allows: missing or non-numeric values
 * take the default, the rest are rounded down and clamped into [minimum, policy maximum].
 */
export function clampLimits(requested: Partial<RunLimits> = {}): RunLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof RunLimits)[]) {
    const value = requested[key];
    if (typeof value !== 'number' || Number.isNaN(value)) continue;
    limits[key] = Math.min(MAX_LIMITS[key], Math.max(MIN_LIMITS[key], Math.floor(value)));
  }
  return limits;
}

/** One program to run. */
export interface RunRequest {
  /** A language id from `Executor.languages()`, e.g. `python`. */
  language: string;
  code: string;
  stdin: string;
  /** Requested limits; every executor clamps them with `clampLimits` again. */
  limits?: Partial<RunLimits>;
}

export const VERDICTS = [
  'ok',
  'compile_error',
  'runtime_error',
  'time_limit',
  'memory_limit',
  'output_limit',
  'internal_error',
] as const;

/** How a run ended. */
export type Verdict = (typeof VERDICTS)[number];

/** What a run produced. */
export interface RunResult {
  verdict: Verdict;
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
  /** Whether stdout or stderr was cut at `outputBytes`. */
  truncated: boolean;
  /** Compiler (or transpiler) messages, for compiled languages. */
  compileOutput?: string;
}

export type OutputStream = 'stdout' | 'stderr';

export interface RunOptions {
  /** Aborting kills the run; `run` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with each piece of output while the program runs (at most `outputBytes` per stream). */
  onOutput?(stream: OutputStream, chunk: string): void;
}

/** A language an executor can run. */
export interface LanguageInfo {
  /** Id used in `RunRequest.language`, e.g. `python`, `cpp`. */
  id: string;
  /** Display name, e.g. `Python 3`. */
  name: string;
  /** Runtime or compiler version, e.g. `3.11.2`. */
  version: string;
  /** Whether a run compiles first (compile errors come back as `compile_error`). */
  compiled: boolean;
}

/** Runs untrusted programs somewhere safe. */
export interface Executor {
  /** Whether the executor can run anything at all on this machine. */
  readonly available: boolean;
  /** Why not, and how to fix it, when `available` is false. */
  readonly unavailableReason?: string;
  languages(): Promise<LanguageInfo[]>;
  /**
   * Runs one program. Rejects with `UnknownLanguageError` for a language it does not offer,
   * `ExecutorUnavailableError` when it cannot run anything, or the abort reason when aborted;
   * everything the program itself does ends in a `RunResult`.
   */
  run(request: RunRequest, options?: RunOptions): Promise<RunResult>;
  /** Stops background work (timers, pools); runs in flight finish first. */
  close?(): Promise<void>;
}

/** The request named a language the executor does not offer (a client error). */
export class UnknownLanguageError extends Error {
  constructor(
    readonly language: string,
    readonly supported: readonly string[],
  ) {
    super(`unknown language "${language}"; supported: ${supported.join(', ') || 'none'}`);
    this.name = 'UnknownLanguageError';
  }
}

/** The executor cannot run code here (a server condition, not the client's fault). */
export class ExecutorUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`code execution is unavailable: ${reason}`);
    this.name = 'ExecutorUnavailableError';
  }
}
