import { createJudge0Executor, type Judge0ExecutorOptions } from './judge0-executor.js';
import { createLocalExecutor, type LocalExecutorOptions } from './local-executor.js';
import { wholeNumber } from '../../env.js';
import type { Executor } from './types.js';

/** Bounds of `SANDBOX_TMP_INODES`: enough for a compiler's temporary files, far from the kernel memory of millions. */
const MIN_TMP_INODES = 256;
const MAX_TMP_INODES = 1_048_576;

export * from './types.js';
export { createLocalExecutor, COMPILE_LIMITS, DEFAULT_TMP_INODES, type LocalExecutor, type LocalExecutorOptions } from './local-executor.js';
export { createJudge0Executor, JUDGE0_CE_LANGUAGE_IDS, type Judge0ExecutorOptions } from './judge0-executor.js';

export type ExecutorSettings =
  | { kind: 'local'; local?: LocalExecutorOptions }
  | { kind: 'judge0'; judge0: Judge0ExecutorOptions };

/**
 * Reads `EXECUTOR` (`local`, the default, or `judge0`), `JUDGE0_URL` and `JUDGE0_AUTH_TOKEN`, and
 * for the local sandbox `SANDBOX_TMP_INODES`. Throws with the variable's name when a value is
 * invalid or the combination is incomplete.
 */
export function executorSettingsFromEnv(env: Record<string, string | undefined>): ExecutorSettings {
  const kind = env.EXECUTOR?.trim() || 'local';
  if (kind === 'local') {
    const tmpInodes = wholeNumber(env, 'SANDBOX_TMP_INODES', 0, MIN_TMP_INODES, MAX_TMP_INODES);
    return tmpInodes ? { kind, local: { tmpInodes } } : { kind };
  }
  if (kind !== 'judge0') throw new Error(`EXECUTOR: expected "local" or "judge0", got "${kind}"`);
  const url = env.JUDGE0_URL?.trim();
  if (!url) throw new Error('JUDGE0_URL: required when EXECUTOR=judge0');
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error('JUDGE0_URL: expected an http or https URL');
  const authToken = env.JUDGE0_AUTH_TOKEN?.trim();
  return { kind, judge0: { url, ...(authToken ? { authToken } : {}) } };
}

/** Creates the configured executor (the local sandbox unless Judge0 is chosen). */
export async function createExecutor(settings: ExecutorSettings): Promise<Executor> {
  return settings.kind === 'judge0' ? createJudge0Executor(settings.judge0) : createLocalExecutor(settings.local);
}
