import { createJudge0Executor } from './judge0-executor.js';
import { createLocalExecutor, type LocalExecutorOptions } from './local-executor.js';
import type { ExecutorSettings } from '../../config/runs.js';
import type { Executor } from './types.js';

export * from './types.js';
export { createLocalExecutor, COMPILE_LIMITS, DEFAULT_TMP_INODES, type LocalExecutor, type LocalExecutorOptions } from './local-executor.js';
export { createJudge0Executor, JUDGE0_CE_LANGUAGE_IDS, type Judge0ExecutorOptions } from './judge0-executor.js';

/** Creates the configured executor (the local sandbox unless Judge0 is chosen); `local` adds to the sandbox's options. */
export async function createExecutor(settings: ExecutorSettings, local?: LocalExecutorOptions): Promise<Executor> {
  return settings.kind === 'judge0' ? createJudge0Executor(settings.judge0) : createLocalExecutor({ ...settings.local, ...local });
}
