import { availableParallelism } from 'node:os';
import { ConfigError, wholeNumber as whole, type Env } from './env.js';

/** Bounds of `SANDBOX_TMP_INODES`: enough for a compiler's temporary files, far from the kernel memory of millions. */
const MIN_TMP_INODES = 256;
const MAX_TMP_INODES = 1_048_576;

/**
 * Which executor runs code: the local sandbox (with the inode cap of its `/tmp`, when set), or a
 * Judge0 cluster through its HTTP API.
 */
export type ExecutorSettings =
  | { kind: 'local'; local?: { tmpInodes: number } }
  | { kind: 'judge0'; judge0: { url: string; authToken?: string } };

/** How code runs are executed and admitted, from the environment. */
export interface RunSettings {
  executor: ExecutorSettings;
  /** Runs executing at once (`RUN_CONCURRENCY`, default: the number of CPUs). */
  concurrency: number;
  /** Runs waiting for a slot before new ones get 429 (`RUN_QUEUE_SIZE`, default 32). */
  queueSize: number;
  /** Runs a minute per session, bursts included (`RUN_RATE_LIMIT_PER_SESSION`, default 30). */
  perSessionPerMinute: number;
  /**
   * Milliseconds after its admission within which a request's executions (main, tests, hidden
   * tests) must start; later ones are reported as not run (`RUN_REQUEST_BUDGET_MS`, default 30000).
   */
  requestBudgetMs: number;
}

/**
 * Reads `EXECUTOR` (`local`, the default, or `judge0`), `JUDGE0_URL` and `JUDGE0_AUTH_TOKEN`, and
 * for the local sandbox `SANDBOX_TMP_INODES`.
 * @throws {ConfigError} naming the variable when a value is invalid or the combination incomplete.
 */
export function executorSettingsFromEnv(env: Env): ExecutorSettings {
  const kind = env.EXECUTOR?.trim() || 'local';
  if (kind === 'local') {
    const tmpInodes = whole(env, 'SANDBOX_TMP_INODES', 0, MIN_TMP_INODES, MAX_TMP_INODES);
    return tmpInodes ? { kind, local: { tmpInodes } } : { kind };
  }
  if (kind !== 'judge0') throw new ConfigError('EXECUTOR', `expected "local" or "judge0", got "${kind}"`);
  const url = env.JUDGE0_URL?.trim();
  if (!url) throw new ConfigError('JUDGE0_URL', 'required when EXECUTOR=judge0');
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') throw new ConfigError('JUDGE0_URL', 'expected an http or https URL');
  const authToken = env.JUDGE0_AUTH_TOKEN?.trim();
  return { kind, judge0: { url, ...(authToken ? { authToken } : {}) } };
}

/**
 * Reads the executor's settings (see {@link executorSettingsFromEnv}), `RUN_CONCURRENCY`,
 * `RUN_QUEUE_SIZE`, `RUN_RATE_LIMIT_PER_SESSION` and `RUN_REQUEST_BUDGET_MS`.
 * @throws {ConfigError} naming the first invalid variable.
 */
export function runSettingsFromEnv(env: Env = process.env): RunSettings {
  return {
    executor: executorSettingsFromEnv(env),
    concurrency: whole(env, 'RUN_CONCURRENCY', availableParallelism(), 1, 1024),
    queueSize: whole(env, 'RUN_QUEUE_SIZE', 32, 0, 100_000),
    perSessionPerMinute: whole(env, 'RUN_RATE_LIMIT_PER_SESSION', 30, 1, 10_000_000),
    requestBudgetMs: whole(env, 'RUN_REQUEST_BUDGET_MS', 30_000, 1_000, 600_000),
  };
}
