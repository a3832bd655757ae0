#!/usr/bin/env node
// The `npm test` step for the published packages: builds what they publish (ESM builds,
// declarations, custom-elements manifests), packs each once, then runs the tests under
// scripts/packages/ on those tarballs (publint, Are the Types Wrong?, manifests, a fresh Vite app
// installing them). Ends with `N passed, N failed`.
// `node scripts/check-packages.mjs [test files…]` runs only the named test files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tapRun } from './lib/node-tests.mjs';
import { buildPackages, packPackages, root } from './lib/published-packages.mjs';

const named = process.argv.slice(2);
const testsDir = join(root, 'scripts/packages');
const files = named.length
  ? named
  : readdirSync(testsDir)
      .filter((name) => name.endsWith('.test.mjs'))
      .sort()
      .map((name) => relative(root, join(testsDir, name)));

const packed = mkdtempSync(join(tmpdir(), 'ik-packed-'));
let counts;
try {
  buildPackages();
  packPackages(packed);
  const tap = tapRun(files);
  spawnSync(process.execPath, tap.args, { cwd: root, stdio: 'inherit', env: { ...process.env, INTERVIEW_KIT_PACKED: packed } });
  counts = tap.counts();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  rmSync(packed, { recursive: true, force: true });
}
const passed = counts?.passed ?? 0;
const failed = counts ? counts.failed : 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
