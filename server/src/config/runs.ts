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
  | { kind: 'local'; local?: LocalSandboxSettings }
  | { kind: 'judge0'; judge0: { url: string; authToken?: string } };

/** Settings of the local sandbox that the environment may change (each only when set). */
export interface LocalSandboxSettings {
  tmpInodes?: number;
  /** Compiled programs kept for reuse: for how long after their compile, and how many bytes at most. */
  artefactCache?: { ttlMs: number; maxBytes: number };
  /** Whether compilers get prebuilt files (precompiled C++ headers, javac's CDS archive). */
  prebuilt?: boolean;
  /** Warm sandboxes (`RUN_WARM_POOL`): off, or sized by the runs that execute at once (`RUN_CONCURRENCY`, see `warm-pool.ts`). */
  warmPool?: false | { maxPerKind: number };
}

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
  /** Files a run request's project may have (`RUN_MAX_FILES`, default 20). */
  maxFiles: number;
  /**
   * Interactive runs (the console): no input and no output for `idleMs` ends one
   * (`INTERACTIVE_IDLE_MS`, default 60000), and none lasts longer than `maxMs`
   * (`INTERACTIVE_MAX_MS`, default 600000).
   */
  interactive: { idleMs: number; maxMs: number };
}

/**
 * Reads `EXECUTOR` (`local`, the default, or `judge0`), `JUDGE0_URL` and `JUDGE0_AUTH_TOKEN`, and
 * for the local sandbox `SANDBOX_TMP_INODES`, `SANDBOX_ARTEFACT_CACHE_TTL_S` (default 600),
 * `SANDBOX_ARTEFACT_CACHE_MB` (default 64), `SANDBOX_PREBUILT` (`on`, the default, or `off`) and
 * `RUN_WARM_POOL` (`1`, the default, or `0`: no warm sandboxes).
 * @throws {ConfigError} naming the variable when a value is invalid or the combination incomplete.
 */
export function executorSettingsFromEnv(env: Env): ExecutorSettings {
  const kind = env.EXECUTOR?.trim() || 'local';
  if (kind === 'local') {
    const local: LocalSandboxSettings = {};
    const tmpInodes = whole(env, 'SANDBOX_TMP_INODES', 0, MIN_TMP_INODES, MAX_TMP_INODES);
    if (tmpInodes) local.tmpInodes = tmpInodes;
    if (env.SANDBOX_ARTEFACT_CACHE_TTL_S?.trim() || env.SANDBOX_ARTEFACT_CACHE_MB?.trim()) {
      local.artefactCache = {
        ttlMs: whole(env, 'SANDBOX_ARTEFACT_CACHE_TTL_S', 600, 0, 86_400) * 1000,
        maxBytes: whole(env, 'SANDBOX_ARTEFACT_CACHE_MB', 64, 0, 65_536) * 1024 * 1024,
      };
    }
    const prebuilt = env.SANDBOX_PREBUILT?.trim().toLowerCase();
    if (prebuilt) {
      if (prebuilt !== 'on' && prebuilt !== 'off') throw new ConfigError('SANDBOX_PREBUILT', `expected "on" or "off", got "${prebuilt}"`);
      local.prebuilt = prebuilt === 'on';
    }
    const warm = env.RUN_WARM_POOL?.trim().toLowerCase();
    if (warm) {
      if (!['0', '1', 'on', 'off'].includes(warm)) throw new ConfigError('RUN_WARM_POOL', `expected "1" or "0", got "${warm}"`);
      if (warm === '0' || warm === 'off') local.warmPool = false;
    }
    return Object.keys(local).length > 0 ? { kind, local } : { kind };
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
 * `RUN_QUEUE_SIZE`, `RUN_RATE_LIMIT_PER_SESSION`, `RUN_REQUEST_BUDGET_MS`, `RUN_MAX_FILES`,
 * `INTERACTIVE_IDLE_MS` and `INTERACTIVE_MAX_MS`.
 * @throws {ConfigError} naming the first invalid variable.
 */
export function runSettingsFromEnv(env: Env = process.env): RunSettings {
  const executor = executorSettingsFromEnv(env);
  const concurrency = whole(env, 'RUN_CONCURRENCY', availableParallelism(), 1, 1024);
  // No more warm sandboxes of one kind wait than runs can execute at once.
  if (executor.kind === 'local' && executor.local?.warmPool !== false) executor.local = { ...executor.local, warmPool: { maxPerKind: concurrency } };
  return {
    executor,
    concurrency,
    queueSize: whole(env, 'RUN_QUEUE_SIZE', 32, 0, 100_000),
    perSessionPerMinute: whole(env, 'RUN_RATE_LIMIT_PER_SESSION', 30, 1, 10_000_000),
    requestBudgetMs: whole(env, 'RUN_REQUEST_BUDGET_MS', 30_000, 1_000, 600_000),
    maxFiles: whole(env, 'RUN_MAX_FILES', 20, 1, 1000),
    interactive: {
      idleMs: whole(env, 'INTERACTIVE_IDLE_MS', 60_000, 100, 3_600_000),
      maxMs: whole(env, 'INTERACTIVE_MAX_MS', 600_000, 100, 24 * 3_600_000),
    },
  };
}
