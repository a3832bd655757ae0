#!/usr/bin/env node
/**
 * `npm start`: the whole product on loopback for development. Builds the elements' browser
 * bundle when it is missing or older than the sources, starts the reference server and the
 * example host portal (Acme Hiring), wires them together with a local API key, creates a demo
 * interview the first time, and prints the links to open.
 *
 * Ctrl-C stops both; if either stops on its own, the other is stopped and this exits non-zero.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureElementsBundle } from '../examples/host-portal/src/elements-bundle.js';
import { listeningUrl, spawnReferenceServer } from './lib/reference-server.mjs';
import { canInstall, installCommand, installPackages, missingPackages } from './lib/system-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'data');
const portalPort = Number(process.env.PORTAL_PORT || 8081);
const STARTUP_TIMEOUT_MS = 60_000;
const DEMO_TITLE = 'FizzBuzz (demo)';

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
let stopping = false;

/** Reads the local development API key, generating it on first use. Only this machine's user can read it. */
function devApiKey() {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'dev-api-key');
  if (!existsSync(file)) {
    writeFileSync(file, `dev_${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Code runs only inside bubblewrap. Install it when we can (root with apt-get); otherwise say
 * exactly how, and carry on: everything but running code works without it.
 */
function ensureBubblewrap() {
  if (missingPackages(['bubblewrap']).length === 0) return;
  if (canInstall() && installPackages(['bubblewrap'])) return;
  console.warn(`\n  ⚠ Running code needs bubblewrap, which is not installed. Install it with:\n      ${installCommand(['bubblewrap'])}\n    Until then everything works except running code.\n`);
}

/** Prints a child's lines with its name in front. */
const prefixed = (/** @type {string} */ name, /** @type {NodeJS.WriteStream} */ stream) => (/** @type {string} */ line) =>
  stream.write(`[${name}] ${line}\n`);

/** Keeps `child` among those Ctrl-C stops; if it stops on its own, stops the rest. */
function supervise(/** @type {string} */ name, /** @type {import('node:child_process').ChildProcess} */ child) {
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    console.error(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest.`);
    shutdown(typeof code === 'number' && code !== 0 ? code : 1);
  });
}

/** Starts the example portal, prefixing each line it prints, and resolves with the URL it listens on. */
function startPortal(/** @type {NodeJS.ProcessEnv} */ env) {
  const child = spawn(process.execPath, ['--conditions=interview-kit-source', '--import', 'tsx', 'examples/host-portal/src/server.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  supervise('portal', child);
  createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stderr) }).on('line', prefixed('portal', process.stderr));
  return listeningUrl(child, { name: 'the portal', timeoutMs: STARTUP_TIMEOUT_MS, onLine: prefixed('portal', process.stdout) });
}

/** Stops every child (SIGTERM, then SIGKILL after 5 s) and exits with `code`. */
function shutdown(/** @type {number} */ code) {
  if (stopping) return;
  stopping = true;
  const pending = [...children.values()];
  for (const child of pending) child.kill('SIGTERM');
  const force = setTimeout(() => pending.forEach((child) => child.kill('SIGKILL')), 5_000).unref();
  Promise.all(pending.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once('exit', r)) : null))).then(() => {
    clearTimeout(force);
    process.exit(code);
  });
}

/** The demo interview, created through the portal's backend exactly as its form would. */
async function ensureDemoInterview(/** @type {string} */ portalUrl) {
  const { sessions } = await (await fetch(`${portalUrl}/api/sessions?limit=100`)).json();
  // A demo that ended or was cancelled is not one to open: make a new one then.
  const existing = sessions.find(
    (/** @type {{ title: string, status: string }} */ s) => s.title === DEMO_TITLE && (s.status === 'scheduled' || s.status === 'live'),
  );
  if (existing) return existing;
  const response = await fetch(`${portalUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: DEMO_TITLE,
      prompt: [
        '# FizzBuzz',
        '',
        'Read a whole number **n** from standard input and print the numbers from 1 to n, one per line, except:',
        '',
        '- print `Fizz` instead of multiples of 3,',
        '- print `Buzz` instead of multiples of 5,',
        '- print `FizzBuzz` instead of multiples of both.',
      ].join('\n'),
      language: 'python',
      starterCode: 'n = int(input())\n\nfor i in range(1, n + 1):\n    print(i)\n',
      tests: [
        { stdin: '5\n', expected: '1\n2\nFizz\n4\nBuzz\n', hidden: false },
        { stdin: '15\n', expected: '1\n2\nFizz\n4\nBuzz\nFizz\n7\n8\nFizz\nBuzz\n11\nFizz\n13\n14\nFizzBuzz\n', hidden: true },
      ],
      participants: [
        { name: 'Ivy Interviewer', role: 'interviewer' },
        { name: 'Cam Candidate', role: 'candidate' },
      ],
      durationMinutes: 45,
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`creating the demo interview failed: ${body.detail ?? response.status}`);
  return body.session;
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shutdown(0));

  const apiKey = devApiKey();
  ensureBubblewrap();
  // The portal's pages load the elements from this bundle.
  await ensureElementsBundle({ log: (message) => console.log(message), output: (line) => console.log(`[build] ${line}`) });

  const portalOrigins = [`http://127.0.0.1:${portalPort}`, `http://localhost:${portalPort}`];
  // The React and Vue examples' development servers (examples/react, examples/vue) use the portal as their backend.
  const exampleOrigins = [5173, 5174].map((port) => `http://127.0.0.1:${port}`);
  // The shell's configuration (PORT, DATABASE_URL, LIVEKIT_*, …) applies, on top of these.
  const server = await spawnReferenceServer({
    dataDir,
    apiKey,
    inheritSettings: true,
    env: {
      HOST: process.env.HOST || '127.0.0.1',
      PORT: process.env.PORT || '8080',
      LOG_LEVEL: process.env.LOG_LEVEL || 'info',
      CORS_ORIGINS: [...portalOrigins, ...exampleOrigins].join(','),
      // The example portal receives webhooks on loopback over http://, which servers elsewhere refuse.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS || 'true',
    },
    onLine: prefixed('server', process.stdout),
    onStderr: prefixed('server', process.stderr),
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
  });
  supervise('server', server.child);
  const serverUrl = server.url;
  const portalUrl = await startPortal({
    ...process.env,
    IK_API_KEY: apiKey,
    IK_SERVER_URL: serverUrl,
    PORTAL_PORT: String(portalPort),
  });

  const demo = await ensureDemoInterview(portalUrl);
  const width = Math.max(...demo.participants.map((/** @type {{ name: string, role: string }} */ p) => `${p.name} (${p.role})`.length));
  const links = demo.participants.map(
    (/** @type {{ id: string, name: string, role: string }} */ p) =>
      `      ${`${p.name} (${p.role}):`.padEnd(width + 2)} ${portalUrl}/room/${encodeURIComponent(demo.id)}/${encodeURIComponent(p.id)}`,
  );
  console.log(
    [
      '',
      '  ────────────────────────────────────────────────────────────────',
      `  Acme Hiring (example host portal):  ${portalUrl}`,
      `  Interview Kit reference server:     ${serverUrl}`,
      '',
      `  Demo interview "${DEMO_TITLE}", one link per person:`,
      ...links,
      '',
      '  Open the two links in two browser windows. Press Ctrl-C to stop.',
      '  ────────────────────────────────────────────────────────────────',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  shutdown(1);
});
