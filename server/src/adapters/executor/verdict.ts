import { constants } from 'node:os';
import type { SandboxOutcome } from './sandbox-process.js';
import type { RunLimits, RunResult } from './types.js';

/** What runtimes print when an allocation fails under the memory limit. */
const OUT_OF_MEMORY = [
  /\bMemoryError\b/, // Python
  /JavaScript heap out of memory|Array buffer allocation failed|Reached heap limit/, // Node
  /std::bad_alloc/, // C++
  /java\.lang\.OutOfMemoryError/, // Java
  /fatal error: (?:runtime: )?out of memory|runtime: out of memory/, // Go
  /\bNoMemoryError\b|failed to allocate memory/, // Ruby
  /xmalloc: .*cannot allocate/, // Bash
];

/** Whether a failed program's error output says an allocation failed. */
export function looksOutOfMemory(stderr: string): boolean {
  return OUT_OF_MEMORY.some((pattern) => pattern.test(stderr));
}

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

/** The name of signal `number`, e.g. 9 → `SIGKILL`. */
export function signalName(number: number): string | null {
  return SIGNAL_NAMES.get(number) ?? null;
}

/** The signal behind a sandbox exit status (bubblewrap reports 128 + n for signal n). */
export function signalOf(status: number | null): string | null {
  if (status === null || status <= 128) return null;
  return signalName(status - 128);
}

/**
 * Maps how the sandboxed program ended to a verdict. The host's own kills come first (output flood,
 * wall clock); then the kernel's rlimit signals (SIGXCPU at the CPU soft limit, SIGKILL at the hard
 * limit one second later); then runtimes' out-of-memory messages; any other failure is a runtime
 * error. A program that exits with 128 + n itself is read as killed by signal n.
 */
export function verdictOf(outcome: SandboxOutcome, limits: RunLimits): Pick<RunResult, 'verdict' | 'exitCode' | 'signal'> {
  if (outcome.setupError) return { verdict: 'internal_error', exitCode: null, signal: null };
  if (outcome.killedBy === 'output') return { verdict: 'output_limit', exitCode: null, signal: 'SIGKILL' };
  if (outcome.killedBy === 'wall' || outcome.killedBy === 'idle') return { verdict: 'time_limit', exitCode: null, signal: 'SIGKILL' };
  if (outcome.status === null) return { verdict: 'internal_error', exitCode: null, signal: null };

  const signal = signalOf(outcome.status);
  const exitCode = signal ? null : outcome.status;
  if (signal === 'SIGXCPU' || (signal === 'SIGKILL' && outcome.cpuMs >= limits.cpuMs)) {
    return { verdict: 'time_limit', exitCode, signal };
  }
  if (outcome.status === 0) return { verdict: 'ok', exitCode, signal };
  if (looksOutOfMemory(outcome.stderr)) return { verdict: 'memory_limit', exitCode, signal };
  return { verdict: 'runtime_error', exitCode, signal };
}
