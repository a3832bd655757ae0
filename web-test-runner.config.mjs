// Browser tests of packages/*/src/**/*.test.ts in real Chromium.
//
// Tests that need the reference server ask for it with the `interview-kit-reference-server`
// server command (see packages/core/src/testing/reference-server.ts); it is started on first
// use as a real subprocess with a fresh SQLite data directory (scripts/lib/reference-server.mjs),
// and stopped when the run ends.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { umdAsEsm } from './rollup.config.mjs';
import { freePort } from './scripts/lib/free-port.mjs';
import { startModelStandIns } from './scripts/lib/model-stand-ins.mjs';
import { spawnReferenceServer } from './scripts/lib/reference-server.mjs';
import { chromiumPath } from './scripts/lib/system-packages.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const hostname = '127.0.0.1';
// A free port unless pinned, so that several runs on one machine do not collide.
const port = Number(process.env.WTR_PORT) || (await freePort(hostname));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Fake camera and microphone; pages get them once permission is granted (see mediaPermissionPlugin).
  '--use-fake-device-for-media-stream',
];

/**
 * Starts the reference server (scripts/lib/reference-server.mjs) for the browser tests: it allows
 * the test page's origin, and with `liveKit` hands out LiveKit tokens for a URL where nothing
 * listens. Its warnings and errors go to the runner's log.
 */
function startReferenceServer({ origins, liveKit, models, logger }) {
  // Nothing listens on the discard port: LiveKit tokens can be minted, connections fail fast.
  const liveKitUrl = liveKit ? `ws://${hostname}:9` : null;
  const standIns = models ? startModelStandIns() : undefined;
  const server = (standIns ?? Promise.resolve(undefined)).then((stand) => spawnReferenceServer({
    env: {
      CORS_ORIGINS: origins.join(','),
      // With `models`: transcription and the assistant through the local stand-in (scripts/lib/model-stand-ins.mjs), at once after the end.
      ...(stand && {
        TRANSCRIBE_URL: `${stand.url}/v1`,
        ASSISTANT_URL: stand.url,
        RECORDING_LATE_CHUNK_GRACE_MS: '0',
        JOB_POLL_MS: '50',
      }),
      ...(liveKit && {
        LIVEKIT_URL: liveKitUrl,
        LIVEKIT_API_KEY: `key_${randomBytes(8).toString('hex')}`,
        LIVEKIT_API_SECRET: randomBytes(32).toString('base64url'),
      }),
    },
    onLine: (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        logger.log(`[reference server] ${line}`);
        return;
      }
      if (entry.level === 'warn' || entry.level === 'error') logger.warn(`[reference server] ${line}`);
    },
    onStderr: (line) => logger.error(`[reference server] ${line}`),
  }));
  return {
    ready: server.then(({ url, apiKey }) => ({ url, apiKey, liveKitUrl })),
    stop: async () => {
      await (await server.catch(() => undefined))?.stop();
      await (await standIns?.catch(() => undefined))?.close();
    },
  };
}

/**
 * Answers the `interview-kit-reference-server` command with a running server's details.
 * Payload `{ liveKit: false }` gives a server without LiveKit configured (video answers 503);
 * `{ models: true }` one whose transcription and assistant call the local model stand-in.
 */
function referenceServerPlugin() {
  const servers = new Map();
  let origins = [];
  let logger = console;
  return {
    name: 'interview-kit-reference-server',
    serverStart({ config, logger: runnerLogger }) {
      origins = [`http://${config.hostname}:${config.port}`];
      logger = runnerLogger ?? console;
    },
    async executeCommand({ command, payload }) {
      if (command !== 'interview-kit-reference-server') return undefined;
      const liveKit = payload?.liveKit !== false;
      const models = payload?.models === true;
      const key = `${liveKit}:${models}`;
      if (!servers.has(key)) servers.set(key, startReferenceServer({ origins, liveKit, models, logger }));
      return servers.get(key).ready;
    },
    async serverStop() {
      await Promise.all([...servers.values()].map((server) => server.stop()));
      servers.clear();
    },
  };
}

/**
 * Answers `interview-kit-media-permission` with payload `{ granted }`: grants the test page camera
 * and microphone (the fake devices), or takes the grant back so that capturing is refused as when a
 * user blocks it. Without a grant, pages are refused.
 */
function mediaPermissionPlugin() {
  return {
    name: 'interview-kit-media-permission',
    async executeCommand({ command, payload, session }) {
      if (command !== 'interview-kit-media-permission') return undefined;
      const context = session.browser.getPage(session.id).context();
      if (payload?.granted) await context.grantPermissions(['camera', 'microphone']);
      else await context.clearPermissions();
      return true;
    },
  };
}

/**
 * Answers `interview-kit-touch` with payload `{ enabled }`: the test page behaves as a touch device
 * (`(hover: none) and (pointer: coarse)` matches) or as a desktop again.
 */
function touchEmulationPlugin() {
  // One DevTools session per page, kept: its emulation ends when it detaches.
  const sessions = new WeakMap();
  return {
    name: 'interview-kit-touch',
    async executeCommand({ command, payload, session }) {
      if (command !== 'interview-kit-touch') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
      await sessions.get(page).send('Emulation.setTouchEmulationEnabled', { enabled: Boolean(payload?.enabled), maxTouchPoints: 1 });
      return true;
    },
  };
}

/** Counts test results; writes `{ passed, failed, skipped }` to $INTERVIEW_KIT_TEST_SUMMARY when set. */
function summaryFileReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.INTERVIEW_KIT_TEST_SUMMARY;
      if (!file) return;
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const count = (suite) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) counts.skipped += 1;
          else if (test.passed) counts.passed += 1;
          else counts.failed += 1;
        }
        for (const child of suite?.suites ?? []) count(child);
      };
      for (const session of sessions) {
        const failedBefore = counts.failed;
        count(session.testResults);
        // A file that failed without a failing test (load error, failing hook) counts as one failure.
        if (session.passed === false && counts.failed === failedBefore) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir,
  hostname,
  port,
  files: ['packages/*/src/**/*.test.ts'],
  // Workspace packages from their TypeScript sources; Lit (and others) in their development builds, with their warnings.
  nodeResolve: { exportConditions: ['interview-kit-source', 'development', 'browser'] },
  // Integration tests talk to a real server; the default 2 s is too tight on a loaded machine.
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromiumPath(),
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'auto', tsconfig: join(rootDir, 'tsconfig.base.json') }),
    fromRollup(umdAsEsm)(),
    referenceServerPlugin(),
    mediaPermissionPlugin(),
    touchEmulationPlugin(),
  ],
  reporters: [defaultReporter(), summaryFileReporter()],
};
