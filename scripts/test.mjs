#!/usr/bin/env node
/**
 * `npm test`: every check in order, streamed as it runs, then one closing line
 * `N passed, N failed` summed over all steps.
 *   0. before any step, the system packages the tests need (Chromium, bubblewrap, iproute2,
 *      util-linux): installed with apt-get when root; otherwise it stops at once, printing the
 *      exact `sudo apt-get …` command, and exits non-zero
 *   1. boundary check (scripts/check-boundaries.mjs; each import rule counts as one check)
 *   2. typecheck (`tsc -p` per project; each project counts as one check)
 *   3. published packages: built, packed once each, checked with publint, Are the Types Wrong?
 *      and their custom-elements manifests, and installed into a fresh Vite app
 *      (scripts/check-packages.mjs)
 *   4. server and node tests (scripts/test-server.mjs)
 *   5. example host app tests (node's test runner over the *.test.mjs and *.test.ts files in examples/:
 *      the host portal, the bot, and the React and Vue examples, which typecheck, `vite build` and
 *      open in Chromium); the packages' builds (packages/<name>/dist, which the React and Vue
 *      examples import) are made first when missing or stale
 *   6. browser tests in Chromium (scripts/test-browser.mjs)
 * A missing, crashing or hung step (TEST_STEP_TIMEOUT_MINUTES, default 30) counts as a failure;
 * only a project without a tsconfig is skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFiles, tapRun } from './lib/node-tests.mjs';
import { ensurePackageBuilds } from './lib/builds.mjs';
import { ensureSystemPackages } from './lib/system-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPECHECK_PROJECTS = ['tsconfig.json', 'server/tsconfig.json'];
const SUMMARY_LINE = /^(\d+) passed, (\d+) failed$/gm;

/** @type {{ step: string, passed: number, failed: number, note?: string }[]} */
const results = [];
/** A hung step counts as failed instead of blocking the run forever. */
const STEP_TIMEOUT_MS = Number(process.env.TEST_STEP_TIMEOUT_MINUTES || 30) * 60_000;

/**
 * The running step; it leads its own process group (see runNode).
 * @type {import('node:child_process').ChildProcess | undefined}
 */
let current;
let interrupted = false;

/** Signals a step's whole process group: its test runners, browsers and servers. */
function signalGroup(/** @type {import('node:child_process').ChildProcess} */ child, /** @type {NodeJS.Signals} */ signal) {
  try {
    process.kill(-(/** @type {number} */ (child.pid)), signal);
  } catch {
    // the group is already gone
  }
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    interrupted = true;
    if (current) signalGroup(current, signal);
  });
}

/**
 * Runs node with `args` in its own process group, streaming its output through, and returns its
 * exit code and stdout. Whatever the step leaves running is killed when it ends, so a leaked
 * server cannot disturb the next step.
 * @param {string[]} args
 * @returns {Promise<{ code: number, stdout: string, timedOut: boolean }>}
 */
function runNode(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    current = child;
    let stdout = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\nStep timed out after ${STEP_TIMEOUT_MS / 60_000} min; stopping it.`);
      signalGroup(child, 'SIGTERM');
      setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000).unref();
    }, STEP_TIMEOUT_MS);
    child.stdout?.on('data', (chunk) => {
      process.stdout.write(chunk);
      stdout = (stdout + chunk).slice(-65_536); // only the tail is needed for the summary
    });
    const done = (/** @type {number} */ code) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ code, stdout, timedOut });
    };
    child.on('error', (error) => {
      stdout += `${error.message}\n`;
      done(1);
    });
    // Leftovers may hold the output pipe open; once the step's own process is gone, end them.
    child.on('exit', () => signalGroup(child, 'SIGKILL'));
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const heading = (/** @type {string} */ text) => console.log(`\n━━━ ${text} ━━━\n`);

/**
 * Records a step's counts. A non-zero exit without any reported failure still counts as one, so a
 * crash or a hang can never pass for success.
 * @param {string} step
 * @param {{ code: number, timedOut: boolean }} run
 * @param {{ passed: number, failed: number } | undefined} counts
 */
function record(step, { code, timedOut }, counts) {
  const why = timedOut ? `timed out after ${STEP_TIMEOUT_MS / 60_000} min` : `exited ${code}`;
  if (!counts) {
    results.push({ step, passed: 0, failed: 1, note: `${why} without reporting counts` });
    return;
  }
  const broken = (code !== 0 || timedOut) && counts.failed === 0;
  results.push({ step, passed: counts.passed, failed: counts.failed + (broken ? 1 : 0), ...(broken ? { note: why } : {}) });
}

/** The last `N passed, N failed` line a step printed. */
function summaryOf(/** @type {string} */ stdout) {
  const last = [...stdout.matchAll(SUMMARY_LINE)].at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

async function typecheck() {
  for (const project of TYPECHECK_PROJECTS) {
    const step = `typecheck ${project}`;
    if (!existsSync(join(root, project))) {
      console.log(`Skipping ${step}: ${project} does not exist yet.`);
      continue;
    }
    heading(step);
    const run = await runNode([join(root, 'node_modules/typescript/bin/tsc'), '-p', project]);
    if (run.code === 0) console.log(`${project}: no type errors.`);
    record(step, run, run.code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  }
}

/** Runs one of the scripts that end with their own `N passed, N failed` line. */
async function summarizedScript(/** @type {string} */ step, /** @type {string} */ script) {
  heading(step);
  if (!existsSync(join(root, script))) {
    console.error(`${script} is missing.`);
    results.push({ step, passed: 0, failed: 1, note: `${script} is missing` });
    return;
  }
  const run = await runNode([script]);
  record(step, run, summaryOf(run.stdout));
}

async function exampleTests() {
  const step = 'example host apps';
  heading(step);
  const files = findFiles(root, join(root, 'examples'), { pattern: /\.test\.(mjs|ts)$/, skip: ['node_modules', 'data', 'dist'] }).sort();
  if (files.length === 0) {
    console.error('No test files found under examples/.');
    results.push({ step, passed: 0, failed: 1, note: 'no test files' });
    return;
  }
  // Once here, rather than inside the first test file that needs them.
  try {
    await ensurePackageBuilds({ log: (message) => console.log(message), output: (line) => console.log(`[build] ${line}`) });
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    results.push({ step, passed: 0, failed: 1, note: "the packages' builds failed" });
    return;
  }
  // Human-readable output on screen; TAP in a file for exact counts.
  const tap = tapRun(files);
  const run = await runNode(tap.args);
  const counts = tap.counts();
  if (counts) console.log(`${counts.passed} passed, ${counts.failed} failed`);
  record(step, run, counts);
}

if (!ensureSystemPackages()) process.exit(1);

const steps = [
  () => summarizedScript('boundary check', 'scripts/check-boundaries.mjs'),
  typecheck,
  () => summarizedScript('published packages', 'scripts/check-packages.mjs'),
  () => summarizedScript('server and node tests', 'scripts/test-server.mjs'),
  exampleTests,
  () => summarizedScript('browser tests', 'scripts/test-browser.mjs'),
];
for (const step of steps) {
  if (interrupted) break;
  await step();
}

heading('summary');
for (const { step, passed, failed, note } of results) {
  console.log(`  ${failed > 0 ? '✖' : '✔'} ${step.padEnd(32)} ${passed} passed, ${failed} failed${note ? `  (${note})` : ''}`);
}
if (interrupted) {
  console.log('  ✖ interrupted before every step ran');
  results.push({ step: 'interrupted', passed: 0, failed: 1 });
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
