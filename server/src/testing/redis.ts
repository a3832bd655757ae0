import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../../scripts/lib/free-port.mjs';
import { canInstall, installCommand, installPackages, missingPackages } from '../../../scripts/lib/system-packages.mjs';

/** A Redis server for a test: the one `REDIS_TEST_URL` names, or a throw-away `redis-server` on a free loopback port. */
export interface TestRedis {
  url: string;
  /** Stops the server this test started (nothing for `REDIS_TEST_URL`). */
  stop(): Promise<void>;
}

/**
 * Redis for multi-instance tests: `REDIS_TEST_URL` when set; else Debian's `redis-server` started
 * here (installed with apt-get first when missing and running as root), without persistence, on a
 * free loopback port. Resolves with the reason to skip when neither is possible.
 */
export async function startTestRedis(): Promise<TestRedis | { skip: string }> {
  const given = process.env.REDIS_TEST_URL;
  if (given) return { url: given, stop: async () => {} };
  if (missingPackages(['redis-server']).length > 0) {
    if (!canInstall()) return { skip: `redis-server is missing: run \`${installCommand(['redis-server'])}\`, or set REDIS_TEST_URL` };
    if (!installPackages(['redis-server'])) return { skip: `redis-server could not be installed: run \`${installCommand(['redis-server'])}\`` };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ik-redis-'));
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await answers(url, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** Resolves once Redis at `url` answers PING; rejects after `timeoutMs`. */
async function answers(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}
