import { availableParallelism } from 'node:os';
import { executorSettingsFromEnv, type ExecutorSettings } from '../adapters/executor/index.js';
import { ConfigError } from '../config.js';

/** How code runs are executed and admitted, from the environment. */
export interface RunSettings {
  executor: ExecutorSettings;
  /** Runs executing at once (`RUN_CONCURRENCY`, default: the number of CPUs). */
  concurrency: number;
  /** Runs waiting for a slot before new ones get 429 (`RUN_QUEUE_SIZE`, default 32). */
  queueSize: number;
  /** Runs a minute per session, bursts included (`RUN_RATE_LIMIT_PER_SESSION`, default 30). */
  perSessionPerMinute: number;
}

type Env = Record<string, string | undefined>;

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * Reads `EXECUTOR` (`local` or `judge0`), `JUDGE0_URL`, `JUDGE0_AUTH_TOKEN`, `RUN_CONCURRENCY`,
 * `RUN_QUEUE_SIZE` and `RUN_RATE_LIMIT_PER_SESSION`.
 * @throws {ConfigError} naming the first invalid variable.
 */
export function runSettingsFromEnv(env: Env = process.env): RunSettings {
  let executor: ExecutorSettings;
  try {
    executor = executorSettingsFromEnv(env);
  } catch (error) {
    // The executor's messages start with the variable's name ("JUDGE0_URL: required …").
    const message = (error as Error).message;
    const variable = /^([A-Z0-9_]+):\s*/.exec(message);
    throw new ConfigError(variable?.[1] ?? 'EXECUTOR', variable ? message.slice(variable[0].length) : message);
  }
  return {
    executor,
    concurrency: whole(env, 'RUN_CONCURRENCY', availableParallelism(), 1, 1024),
    queueSize: whole(env, 'RUN_QUEUE_SIZE', 32, 0, 100_000),
    perSessionPerMinute: whole(env, 'RUN_RATE_LIMIT_PER_SESSION', 30, 1, 10_000_000),
  };
}
