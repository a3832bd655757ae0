#!/usr/bin/env node
// Runs the node-side tests and ends with "N passed, N failed":
//  - server/src/**/*.test.ts against the real app (SQLite, or PostgreSQL via TEST_DATABASE_URL);
//  - e2e/**/*.test.ts: two browser contexts in real Chromium. WebRTC between them needs a
//    loopback-only network namespace, so as root they run inside `unshare --net` (where an
//    outside PostgreSQL is unreachable: they use SQLite);
//  - scripts/**/*.test.mjs: the repository's own tooling (the boundary check, the test kit), but
//    not scripts/packages/, which scripts/check-packages.mjs runs on freshly packed packages.
// `node scripts/test-server.mjs <files…>` runs only the named files.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findFiles, tapRun } from './lib/node-tests.mjs';
import { SERVER_TEST_PACKAGES, TEST_PACKAGES, ensureSystemPackages } from './lib/system-packages.mjs';

const root = new URL('..', import.meta.url).pathname;
const find = (dir, pattern = /\.test\.ts$/) => findFiles(root, dir, { pattern });

const canIsolateNetwork = () =>
  process.getuid?.() === 0 && spawnSync('unshare', ['--net', 'true']).status === 0;

/** Runs node's test runner on `files`; resolves with the pass/fail counts from its TAP output. */
function run(files, { isolateNetwork = false } = {}) {
  const tap = tapRun(files);
  const node = [process.execPath, ...tap.args];
  const quoted = node.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const [command, args, env] = isolateNetwork
    ? ['unshare', ['--net', 'sh', '-c', `ip link set lo up && exec ${quoted}`], { ...process.env, TEST_DATABASE_URL: '' }]
    : [node[0], node.slice(1), process.env];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code) => {
      const counts = tap.counts();
      resolve({ passed: counts?.passed ?? 0, failed: counts?.failed || (code === 0 ? 0 : 1) });
    });
  });
}

const named = process.argv.slice(2);
const all = named.length
  ? named
  : [...find(join(root, 'server/src')), ...findFiles(root, join(root, 'scripts'), { pattern: /\.test\.mjs$/, skip: ['node_modules', 'packages'] }), ...find(join(root, 'e2e'))];
const e2e = all.filter((f) => f.startsWith('e2e/')).sort();
const server = all.filter((f) => !f.startsWith('e2e/')).sort();
if (all.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// The sandbox needs bubblewrap, the PDF reports Chromium and poppler; the end-to-end tests also a network namespace.
if (!ensureSystemPackages(e2e.length > 0 ? TEST_PACKAGES : SERVER_TEST_PACKAGES)) process.exit(1);

let passed = 0;
let failed = 0;
for (const [files, options] of [
  [server, {}],
  [e2e, { isolateNetwork: canIsolateNetwork() }],
]) {
  if (files.length === 0) continue;
  if (files === e2e && !options.isolateNetwork) {
    console.warn('e2e: not root or no unshare; running without a loopback-only namespace (WebRTC may not connect)');
  }
  const result = await run(files, options);
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
