// Shared by the test scripts that drive node's test runner: finding test files, the runner's
// arguments (spec on screen, TAP in a file) and the exact counts read back from the TAP report.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * Files under `dir` whose names match `pattern`, as paths relative to `root`; directories named in
 * `skip` are not entered, and a missing `dir` has none.
 * @param {string} root
 * @param {string} dir
 * @param {{ pattern: RegExp, skip?: string[] }} options
 * @returns {string[]}
 */
export function findFiles(root, dir, { pattern, skip = ['node_modules'] }) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.includes(name) ? [] : findFiles(root, path, { pattern, skip });
    return pattern.test(name) ? [relative(root, path)] : [];
  });
}

/** How long one test may take before it fails as timed out. */
const TEST_TIMEOUT_MS = 5 * 60_000;

const EXIT_GUARD = new URL('./test-exit-guard.mjs', import.meta.url).href;

/**
 * A temporary TAP report file: `args` are node's arguments to run `files` with the test runner
 * (TypeScript through tsx, workspace sources), human-readable output on stdout and TAP into the file;
 * `counts()` reads the totals back and removes the file.
 * @param {string[]} files
 */
export function tapRun(files) {
  const dir = mkdtempSync(join(tmpdir(), 'ik-tap-'));
  const file = join(dir, 'results.tap');
  return {
    args: [
      '--conditions=interview-kit-source',
      '--import',
      'tsx',
      '--test',
      // A test that hangs fails on its own after five minutes (the slowest take under a minute), and
      // a file whose tests are done ends even if something it opened keeps its event loop alive:
      // one stuck test never holds up the rest of the run.
      `--test-timeout=${TEST_TIMEOUT_MS}`,
      '--import',
      EXIT_GUARD,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${file}`,
      ...files,
    ],
    /** `{ passed, failed }` (cancelled tests count as failed), or `undefined` when the report has no totals. */
    counts() {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        // no report: the runner never started
      }
      rmSync(dir, { recursive: true, force: true });
      if (!/^# tests \d+$/m.test(text)) return undefined;
      const count = (/** @type {string} */ name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      return { passed: count('pass'), failed: count('fail') + count('cancelled') };
    },
  };
}
