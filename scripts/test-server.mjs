#!/usr/bin/env node
// Runs the server and end-to-end tests (node's test runner) and ends with "N passed, N failed".
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const roots = ['server/src', 'e2e'];
const only = process.argv.slice(2);

function find(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return find(path);
    return /\.test\.ts$/.test(name) ? [relative(root, path)] : [];
  });
}

const files = (only.length ? only : roots.flatMap((r) => find(join(root, r)))).sort();
if (files.length === 0) {
  console.error('no server test files found');
  process.exit(1);
}

const tapDir = mkdtempSync(join(tmpdir(), 'ik-tap-'));
const tap = join(tapDir, 'results.tap');
const child = spawn(
  process.execPath,
  [
    '--conditions=development',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
child.on('exit', (code) => {
  const text = (() => {
    try {
      return readFileSync(tap, 'utf8');
    } catch {
      return '';
    }
  })();
  rmSync(tapDir, { recursive: true, force: true });
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const broken = code !== 0 && failed === 0 ? 1 : 0;
  console.log(`${passed} passed, ${failed + broken} failed`);
  process.exit(code === 0 && passed > 0 ? 0 : 1);
});
