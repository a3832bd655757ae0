#!/usr/bin/env node
// Runs the server tests (server/src/**/*.test.ts) on another Node.js release than the machine's:
// Node 22 LTS by default (`--node 24.x.y` for another), installed from the npm registry, with
// better-sqlite3 built for its ABI (see scripts/lib/other-node.mjs). Only the server tests: the
// end-to-end tests, the browser tests and the tooling tests stay on the machine's Node, to keep
// CI's second pass short. Ends with test-server.mjs's `N passed, N failed` and its exit code.
//   node scripts/test-server-on-node.mjs [--node VERSION] [test files…]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFiles } from './lib/node-tests.mjs';
import { NODE_22, betterSqlite3For, installNode } from './lib/other-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const versionAt = args.indexOf('--node');
const version = versionAt === -1 ? NODE_22 : args.splice(versionAt, 2)[1];
if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
  console.error('Usage: node scripts/test-server-on-node.mjs [--node MAJOR.MINOR.PATCH] [test files…]');
  process.exit(2);
}

const node = installNode(version);
const addon = betterSqlite3For(node);
const files = args.length ? args : findFiles(root, join(root, 'server/src'), { pattern: /\.test\.ts$/ }).sort();
console.log(`Server tests on Node ${version} (better-sqlite3 for ABI ${node.abi}): ${files.length} files`);

const redirect = new URL('./lib/addon-redirect.mjs', import.meta.url).href;
const child = spawn(node.bin, [join(root, 'scripts/test-server.mjs'), ...files], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    // Every Node process the tests start (reference servers, CLI runs) loads the same addon.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import "${redirect}"`.trim(),
    IK_BETTER_SQLITE3_ADDON: addon,
  },
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
