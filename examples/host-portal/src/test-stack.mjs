import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createPortalApp } from './app.js';
import { createInterviewKitClient } from './interview-kit-client.js';
import { openSessionStore } from './session-store.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Starts the real reference server as a subprocess on a free port, with a fresh SQLite data
 * directory and a random bootstrap API key, and resolves once it logs that it is listening.
 *
 * @param {{ corsOrigins?: string[], dataDir: string }} options
 */
export async function startInterviewKitServer({ corsOrigins = [], dataDir }) {
  const apiKey = `test_${randomBytes(24).toString('base64url')}`;
  // The outer environment may point at PostgreSQL or LiveKit; these tests want the embedded defaults.
  const { DATABASE_URL, JWT_SECRET, LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: repoRoot,
    env: {
      ...inherited,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      BOOTSTRAP_API_KEY: apiKey,
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: corsOrigins.join(','),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  // Should the test process end without stop() (a crash, an uncaught error), take the server along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${STARTUP_TIMEOUT_MS} ms\n${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a JSON log line
      }
    });
    exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${stderr}`));
    });
  });

  return {
    /** @type {string} */ url,
    apiKey,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Starts the whole stack: the portal (in-process, on a free port) and the reference server
 * (subprocess) that allows the portal's origin, so a real browser can use both.
 *
 * @param {{ apiKey?: string }} [options] an API key to give the portal instead of the server's own
 */
export async function startStack(options = {}) {
  const root = await mkdtemp(join(tmpdir(), 'host-portal-test-'));
  const http = createServer();
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const portalUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (http.address()).port}`;

  let interviewKit;
  try {
    interviewKit = await startInterviewKitServer({ corsOrigins: [portalUrl], dataDir: join(root, 'server') });
  } catch (error) {
    http.close();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const storeFile = join(root, 'portal', 'sessions.json');
  const app = createPortalApp({
    interviewKit: createInterviewKitClient({ serverUrl: interviewKit.url, apiKey: options.apiKey ?? interviewKit.apiKey }),
    serverUrl: interviewKit.url,
    store: await openSessionStore(storeFile),
  });
  http.on('request', app);

  return {
    portalUrl,
    interviewKit,
    storeFile,
    async stop() {
      http.closeAllConnections();
      http.close();
      await interviewKit.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A small FizzBuzz interview, as the portal's form posts it. */
export function fizzBuzzForm() {
  return {
    title: 'FizzBuzz warm-up',
    prompt: '# FizzBuzz\n\nRead **n** from stdin and print `Fizz`, `Buzz` or `FizzBuzz`.',
    language: 'python',
    starterCode: 'n = int(input())\n',
    tests: [
      { stdin: '3\n', expected: 'Fizz\n', hidden: false },
      { stdin: '15\n', expected: 'FizzBuzz-secret\n', hidden: true },
    ],
    participants: [
      { name: 'Ivy Interviewer', role: 'interviewer' },
      { name: 'Cam Candidate', role: 'candidate' },
    ],
    durationMinutes: '45',
  };
}

/**
 * @param {string} url
 * @param {unknown} body
 */
export function postJson(url, body) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
