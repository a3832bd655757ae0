// Runs the browser tests (packages/*/src/**/*.test.ts) in real Chromium and ends with a line
// `N passed, N failed`. Extra arguments go to web-test-runner, e.g. `--files 'packages/core/src/**/*.test.ts'`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './lib/system-packages.mjs';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

if (!ensureSystemPackages(['chromium'])) process.exit(1);

// The config's reporter writes the exact counts here (see web-test-runner.config.mjs).
const summaryDir = mkdtempSync(join(tmpdir(), 'interview-kit-test-browser-'));
const summaryFile = join(summaryDir, 'summary.json');

const runner = spawn(
  process.execPath,
  [join(rootDir, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)],
  { cwd: rootDir, stdio: 'inherit', env: { ...process.env, INTERVIEW_KIT_TEST_SUMMARY: summaryFile } },
);

// Let the runner shut down its browser and the reference server on Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => runner.kill(signal));

const exitCode = await new Promise((resolve) => runner.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

let counts = { passed: 0, failed: 0 };
try {
  counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  // No summary: the runner stopped before any test ran.
}
rmSync(summaryDir, { recursive: true, force: true });

console.log(`${counts.passed} passed, ${counts.failed} failed`);
if (counts.passed + counts.failed === 0) console.error('No browser test ran.');
process.exit(exitCode !== 0 || counts.failed > 0 || counts.passed + counts.failed === 0 ? 1 : 0);
