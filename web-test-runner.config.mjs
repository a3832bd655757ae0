// Browser tests of packages/*/src/**/*.test.ts in real Chromium.
//
// Tests that need the reference server ask for it with the `interview-kit-reference-server`
// server command (see packages/core/src/testing/reference-server.ts); it is started on first
// use as a real subprocess with a fresh SQLite data directory, and killed when the run ends.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { umdAsEsm } from './rollup.config.mjs';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const hostname = '127.0.0.1';
// A free port unless pinned, so that several runs on one machine do not collide.
const port = Number(process.env.WTR_PORT) || (await findFreePort(hostname));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Resolves with a TCP port that was free a moment ago. */
function findFreePort(host) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

/**
 * Starts `server/src/index.ts` as a subprocess and resolves with `{ url, apiKey, liveKitUrl }`
 * once it logs that it listens.
 */
function startReferenceServer({ origins, liveKit, logger }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'interview-kit-wtr-'));
  const apiKey = `ik_test_${randomBytes(24).toString('base64url')}`;
  // Nothing listens on the discard port: LiveKit tokens can be minted, connections fail fast.
  const liveKitUrl = liveKit ? `ws://${hostname}:9` : null;
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'JWT_SECRET', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']) {
    delete env[name];
  }
  Object.assign(env, {
    HOST: hostname,
    PORT: '0',
    DATA_DIR: dataDir,
    BOOTSTRAP_API_KEY: apiKey,
    CORS_ORIGINS: origins.join(','),
    // The "listening" line is an info line; lines below warn are not forwarded (see below).
    LOG_LEVEL: 'info',
    ...(liveKit && {
      LIVEKIT_URL: liveKitUrl,
      LIVEKIT_API_KEY: `key_${randomBytes(8).toString('hex')}`,
      LIVEKIT_API_SECRET: randomBytes(32).toString('base64url'),
    }),
  });
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: rootDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
    logger.error(`[reference server] ${chunk.trimEnd()}`);
  });

  const ready = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        logger.log(`[reference server] ${line}`);
        return;
      }
      if (entry.msg === 'listening' && typeof entry.url === 'string') {
        resolve({ url: entry.url, apiKey, liveKitUrl });
      } else if (entry.level === 'warn' || entry.level === 'error') {
        logger.warn(`[reference server] ${line}`);
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      reject(new Error(`The reference server exited (${signal ?? `code ${code}`}) before listening. ${stderr.trim()}`));
    });
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { ready, stop };
}

/**
 * Answers the `interview-kit-reference-server` command with a running server's details.
 * Payload `{ liveKit: false }` gives a server without LiveKit configured (video answers 503).
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
      if (!servers.has(liveKit)) servers.set(liveKit, startReferenceServer({ origins, liveKit, logger }));
      return servers.get(liveKit).ready;
    },
    async serverStop() {
      await Promise.all([...servers.values()].map((server) => server.stop()));
      servers.clear();
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
  nodeResolve: { exportConditions: ['development', 'browser'] },
  // Integration tests talk to a real server; the default 2 s is too tight on a loaded machine.
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium',
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'auto', tsconfig: join(rootDir, 'tsconfig.base.json') }),
    fromRollup(umdAsEsm)(),
    referenceServerPlugin(),
  ],
  reporters: [defaultReporter(), summaryFileReporter()],
};
