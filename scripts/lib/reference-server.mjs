// The reference server as a real subprocess, for tests, benchmarks and `npm start`: one way to
// start it, wait for its `listening` log line and stop it. Types: reference-server.d.mts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Server settings a test must not inherit from the shell that runs it. */
const MACHINE_SETTINGS = ['DATABASE_URL', 'JWT_SECRET', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'];

/**
 * Resolves with the URL of a child's `{"msg":"listening","url":…}` log line; rejects when the
 * child exits or `timeoutMs` passes first. Every stdout line also goes to `onLine`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ name?: string, timeoutMs?: number, onLine?: (line: string) => void, stderrTail?: () => string }} [options]
 * @returns {Promise<string>}
 */
export function listeningUrl(child, { name = 'the reference server', timeoutMs = 60_000, onLine = () => {}, stderrTail = () => '' } = {}) {
  return new Promise((resolve, reject) => {
    const fail = (/** @type {string} */ why) => {
      clearTimeout(timer);
      const tail = stderrTail().trim();
      reject(new Error(`${name} ${why}${tail ? `:\n${tail}` : ''}`));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not listen within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    const exited = (/** @type {number | null} */ code, /** @type {string | null} */ signal) => fail(`exited (${signal ?? `code ${code}`}) before listening`);
    child.once('exit', exited);
    child.once('error', (error) => fail(`could not start (${error.message})`));
    createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).on('line', (line) => {
      onLine(line);
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return; // not a log line
      }
      if (entry?.msg === 'listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        child.off('exit', exited);
        resolve(entry.url);
      }
    });
  });
}

/**
 * Starts `server/src/index.ts` in a child process on a free loopback port and resolves once it
 * listens. By default it gets a fresh data directory (SQLite) and a random bootstrap API key, and
 * none of the shell's database, JWT or LiveKit settings.
 * @param {import('./reference-server.d.mts').SpawnReferenceServerOptions} [options]
 * @returns {Promise<import('./reference-server.d.mts').SpawnedReferenceServer>}
 */
export async function spawnReferenceServer(options = {}) {
  const {
    env = {},
    database = 'sqlite',
    inheritSettings = false,
    nodeArgs = [],
    ipc = false,
    root = repositoryRoot,
    onLine,
    onStderr = (/** @type {string} */ line) => process.stderr.write(`${line}\n`),
    startupTimeoutMs = 60_000,
    stopGraceMs = 5_000,
  } = options;
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ik-server-'));
  const apiKey = options.apiKey ?? `ik_test_${randomBytes(24).toString('base64url')}`;

  const childEnv = { ...process.env };
  if (!inheritSettings) for (const name of MACHINE_SETTINGS) delete childEnv[name];
  if (database === 'env' && process.env.TEST_DATABASE_URL) childEnv.DATABASE_URL = process.env.TEST_DATABASE_URL;
  Object.assign(childEnv, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: dataDir, BOOTSTRAP_API_KEY: apiKey }, env);
  // `silent` would hide the listening line too.
  if (childEnv.LOG_LEVEL === 'silent') childEnv.LOG_LEVEL = 'error';

  const child = spawn(process.execPath, [...nodeArgs, '--conditions=interview-kit-source', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? /** @type {const} */ (['ipc']) : [])],
  });
  let stderr = '';
  createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stderr) }).on('line', (line) => {
    stderr = `${stderr}${line}\n`.slice(-4000);
    onStderr(line);
  });
  const gone = new Promise((resolve) => child.once('exit', resolve));
  // Should this process end without stop() (a crash, an uncaught error), take the server along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const removeDataDir = () => {
    process.off('exit', killOnExit);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const running = () => child.exitCode === null && child.signalCode === null;

  let url;
  try {
    url = await listeningUrl(child, { timeoutMs: startupTimeoutMs, stderrTail: () => stderr, ...(onLine ? { onLine } : {}) });
  } catch (error) {
    if (running()) child.kill('SIGKILL');
    await gone;
    removeDataDir();
    throw error;
  }

  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    apiKey,
    dataDir,
    child,
    async stop() {
      if (running()) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
        await gone;
        clearTimeout(force);
      }
      removeDataDir();
    },
    async kill() {
      if (running()) child.kill('SIGKILL');
      await gone;
      removeDataDir();
    },
  };
}
