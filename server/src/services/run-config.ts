import { availableParallelism } from 'node:os';
import { executorSettingsFromEnv, type ExecutorSettings } from '../adapters/executor/index.js';
import { ConfigError, wholeNumber as whole, type Env } from '../env.js';

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
