import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalExecutor, type LocalExecutor, type LocalExecutorOptions } from '../adapters/executor/local-executor.js';
import type { RunLimits, RunRequest, RunResult } from '../adapters/executor/types.js';

/** A real local executor whose work directories go to a temp root of its own; `options` add to its defaults. */
export async function createTestExecutor(options: LocalExecutorOptions = {}): Promise<{ executor: LocalExecutor; workRoot: string; dispose(): Promise<void> }> {
  const workRoot = await mkdtemp(join(tmpdir(), 'ik-executor-test-'));
  // Sandbox uids must be able to enter (not list) the root to reach their own run directory.
  await chmod(workRoot, 0o711);
  const executor = await createLocalExecutor({ ...options, workRoot });
  if (!executor.available) {
    await rm(workRoot, { recursive: true, force: true });
    assert.fail(`the sandbox must work on this machine: ${executor.unavailableReason}`);
  }
  return {
    executor,
    workRoot,
    async dispose() {
      await executor.close?.();
      await rm(workRoot, { recursive: true, force: true });
    },
  };
}

/** Work directories still present under `workRoot`. */
export async function leftoverWorkDirs(workRoot: string): Promise<string[]> {
  return readdir(workRoot);
}

export function python(code: string, limits: Partial<RunLimits> = {}, stdin = ''): RunRequest {
  return { language: 'python', code, stdin, limits };
}

/** A normal run that must succeed after every attack: the sandbox and the host are fine. */
export async function assertHealthy(executor: LocalExecutor, workRoot: string): Promise<void> {
  const result = await executor.run(python('import sys\nprint("healthy", sys.stdin.read())', {}, 'yes'));
  assert.equal(result.verdict, 'ok', JSON.stringify(result));
  assert.equal(result.stdout, 'healthy yes\n');
  assert.deepEqual(await leftoverWorkDirs(workRoot), [], 'every work directory is removed');
  assert.equal(executor.activeRuns, 0);
}

export function describeResult(result: RunResult): string {
  return JSON.stringify({ ...result, stdout: result.stdout.slice(0, 300), stderr: result.stderr.slice(0, 600) });
}
