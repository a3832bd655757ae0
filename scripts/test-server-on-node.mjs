#!/usr/bin/env node
// Runs the server tests (server/src/**/*.test.ts) on another Node.js release than the machine's:
// Node 22 LTS by default (`--node 24.x.y` for another), installed from the npm registry, with
// better-sqlite3 built for its ABI (see scripts/lib/other-node.mjs). Only the server tests, to
// keep CI's second pass short: the end-to-end, browser and tooling tests stay on the machine's
// Node, and so do the two slowest sandbox files (SANDBOX_ONLY below) unless `--all` is given.
// Ends with test-server.mjs's `N passed, N failed` and its exit code; a pass still running after
// TEST_STEP_TIMEOUT_MINUTES (default 20, as in `npm test`) is stopped and fails, so that one hung
// test cannot hold CI.
//   node scripts/test-server-on-node.mjs [--node VERSION] [--all] [test files…]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFiles } from './lib/node-tests.mjs';
import { NODE_22, betterSqlite3For, installNode } from './lib/other-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * What these files test is bubblewrap and the language toolchains, which do not change with Node,
 * and they take a quarter of the server tests' time (measured on Node 22: 90 of 364 s of suites).
 * JavaScript and TypeScript in the sandbox on the other Node stay covered by local-executor.test.ts.
 */
const SANDBOX_ONLY = ['server/src/adapters/executor/sandbox-attacks.test.ts', 'server/src/questions/starter-bank/starter-bank.test.ts'];

const args = process.argv.slice(2);
const all = args.includes('--all');
if (all) args.splice(args.indexOf('--all'), 1);
const versionAt = args.indexOf('--node');
const version = versionAt === -1 ? NODE_22 : args.splice(versionAt, 2)[1];
if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
  console.error('Usage: node scripts/test-server-on-node.mjs [--node MAJOR.MINOR.PATCH] [--all] [test files…]');
  process.exit(2);
}

const node = installNode(version);
const addon = betterSqlite3For(node);
const files = args.length
  ? args
  : findFiles(root, join(root, 'server/src'), { pattern: /\.test\.ts$/ })
      .filter((file) => all || !SANDBOX_ONLY.includes(file))
      .sort();
console.log(`Server tests on Node ${version} (better-sqlite3 for ABI ${node.abi}): ${files.length} files`);

const redirect = new URL('./lib/addon-redirect.mjs', import.meta.url).href;
const child = spawn(node.bin, [join(root, 'scripts/test-server.mjs'), ...files], {
  cwd: root,
  stdio: 'inherit',
  // A process group of its own, to stop the whole pass (test files, their servers) at once.
  detached: true,
  env: {
    ...process.env,
    // Every Node process the tests start (reference servers, CLI runs) loads the same addon.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import "${redirect}"`.trim(),
    IK_BETTER_SQLITE3_ADDON: addon,
  },
});
const stopAll = (/** @type {NodeJS.Signals} */ signal) => {
  try {
    process.kill(-(/** @type {number} */ (child.pid)), signal);
  } catch {
    // already gone
  }
};
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => stopAll(signal));
const timeoutMinutes = Number(process.env.TEST_STEP_TIMEOUT_MINUTES || 20);
let timedOut = false;
const timer = setTimeout(() => {
  timedOut = true;
  console.error(`\nThe Node ${version} pass is still running after ${timeoutMinutes} min; stopping it.`);
  stopAll('SIGTERM');
  setTimeout(() => stopAll('SIGKILL'), 10_000).unref();
}, timeoutMinutes * 60_000);
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  stopAll('SIGKILL'); // whatever the pass left running
  // A stopped pass printed no summary of its own.
  if (timedOut) console.log('0 passed, 1 failed');
  process.exit(code || (signal ? 1 : 0));
});
