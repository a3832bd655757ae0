/**
 * The execution engine's contract: what a run asks for, the limits the server allows, what a run
 * returns, and the `Executor` interface every backend (local sandbox, Judge0) implements.
 *
 * @module
 */

// Limits, verdicts, results and languages are the wire types of the runs API: one definition serves both.
import type {
  RunLanguage as LanguageInfo,
  RunLimits,
  RunOutcome as RunResult,
  RunVerdict as Verdict,
} from '@interview-kit/core/runs';

export type { LanguageInfo, RunLimits, RunResult, Verdict };

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
  /** The program; with `files`, the entry file's content. */
  code: string;
  /**
   * A project of several files (paths as `validateProjectPath` allows, checked by the caller), the
   * entry file included: each is written at its path, and `entry` runs by the language's rules.
   */
  files?: readonly { path: string; content: string }[];
  /** The path among `files` to run; default the language's entry path (`entryPathOf`). */
  entry?: string;
  stdin: string;
  /** Requested limits; every executor clamps them with `clampLimits` again. */
  limits?: Partial<RunLimits>;
}

export type OutputStream = 'stdout' | 'stderr';

export interface RunOptions {
  /** Aborting kills the run; `run` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with each piece of output while the program runs (at most `outputBytes` per stream). */
  onOutput?(stream: OutputStream, chunk: string): void;
  /**
   * Called once the program has its sandbox (a warm one handed over, or a cold one about to be
   * spawned), with the milliseconds spent getting it since `run` was called (work directory, files).
   */
  onSandbox?(sandboxMs: number, warm: boolean): void;
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
  /**
   * Starts an interactive run: stdin is fed while the program runs and its output streams out
   * (see {@link InteractiveRequest}). Resolves when the program has ended, however it ended.
   * Rejects like `run`, and with `InteractiveUnsupportedError` where the backend cannot do it.
   */
  interactive?(request: InteractiveRequest, io: InteractiveIo): Promise<InteractiveResult>;
  /** Stops background work (timers, pools); runs in flight finish first. */
  close?(): Promise<void>;
}

/** What an interactive run runs: a program (compiled first where the language compiles) or a REPL. */
export interface InteractiveRequest {
  language: string;
  mode: InteractiveMode;
  /** The program (program mode), or code the REPL runs first (Python only); may be empty in REPL mode. */
  code: string;
  /** Terminal size, passed as `COLUMNS` and `LINES` when the program starts (there is no pty). */
  size?: { cols: number; rows: number };
  /** No input and no output for this long ends the run (`idle`). */
  idleMs: number;
  /** The whole run's wall-clock budget (`total`). */
  maxMs: number;
}

export type InteractiveMode = 'program' | 'repl';

/** How an interactive run ended. */
export type InteractiveEndReason = 'exit' | 'idle' | 'total' | 'cpu' | 'memory' | 'output' | 'stopped' | 'compile_error' | 'internal_error';

/** The running program, as its caller drives it. */
export interface InteractiveControl {
  write(data: string): void;
  /** Ctrl+D: closes the program's stdin. */
  closeInput(): void;
  /** Ctrl+C: SIGINT to the program's process group inside the sandbox. */
  interrupt(): boolean;
}

export interface InteractiveIo {
  /** Output as it comes (compiler output first, on stderr), at most `outputBytes` per stream. */
  onOutput(stream: OutputStream, chunk: string): void;
  /** Called once the program runs, with the means to feed and interrupt it. */
  onStart(control: InteractiveControl): void;
  /** Aborting kills the run; it then ends with `stopped`. */
  signal?: AbortSignal;
}

export interface InteractiveResult extends Pick<RunResult, 'verdict' | 'exitCode' | 'signal' | 'cpuMs' | 'wallMs' | 'memoryKb' | 'truncated'> {
  reason: InteractiveEndReason;
  /** The limits the program ran with (`wallMs` is the total budget). */
  limits: RunLimits;
}

/** The executor cannot run interactive programs (the remote Judge0 executor). */
export class InteractiveUnsupportedError extends Error {
  constructor(readonly executor: string) {
    super(`interactive runs are not supported by the ${executor} executor`);
    this.name = 'InteractiveUnsupportedError';
  }
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

/** The executor runs single programs only: a project of several files is not something it can run. */
export class ProjectsUnsupportedError extends Error {
  constructor(readonly executor: string) {
    super(`the ${executor} executor runs single programs only; projects of several files need the local sandbox (EXECUTOR=local)`);
    this.name = 'ProjectsUnsupportedError';
  }
}

/** The executor cannot run code here (a server condition, not the client's fault). */
export class ExecutorUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`code execution is unavailable: ${reason}`);
    this.name = 'ExecutorUnavailableError';
  }
}
