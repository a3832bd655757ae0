// The builds of rollup.config.mjs, made again when missing or older than what they are made from:
// the packages' own builds here (packages/*/dist: ES modules and declarations, what `npm install`
// gives an app, for the examples that import the packages as published, examples/react and
// examples/vue), and the pieces the example portal's check of the CDN bundle shares
// (examples/host-portal/src/elements-bundle.js).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const packagesDir = join(repoRoot, 'packages');
/** What every package's build is made from besides its own sources and manifest. */
const SHARED_INPUTS = ['rollup.config.mjs', 'package-lock.json', 'tsconfig.base.json'];
const SKIPPED = /\.test\.ts$|^testing$|^node_modules$/;

/** A file's modification time, or `undefined` when it does not exist. */
export const mtime = (/** @type {string} */ path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * The newest modification time of `dir` and the files below it that end up in a build (tests and
 * test helpers do not); a folder's own time counts, so a removed file makes the build stale.
 */
export function newestSource(/** @type {string} */ dir) {
  let newest = mtime(dir) ?? 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.test(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : (mtime(path) ?? 0));
  }
  return newest;
}

/**
 * Whether the packages must be (re)built: `'missing'` when a package has no `dist/index.js`,
 * `'stale'` when one is older than its sources, its manifest or the shared build inputs, else
 * `undefined`.
 * @returns {'missing' | 'stale' | undefined}
 */
export function packageBuildsState() {
  const shared = Math.max(...SHARED_INPUTS.map((file) => mtime(join(repoRoot, file)) ?? 0));
  let stale = false;
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const dir = join(packagesDir, entry.name);
    if (!entry.isDirectory() || mtime(join(dir, 'src', 'index.ts')) === undefined) continue;
    const built = mtime(join(dir, 'dist', 'index.js'));
    if (built === undefined) return 'missing';
    if (Math.max(shared, mtime(join(dir, 'package.json')) ?? 0, newestSource(join(dir, 'src'))) > built) stale = true;
  }
  return stale ? 'stale' : undefined;
}

/**
 * Runs `rollup -c rollup.config.mjs <flag>` at the repository's root, its output going to `output`
 * line by line; a failed build rejects with its last lines, after `what` ("building the packages").
 * @param {string} flag e.g. `--configPackagesOnly`
 * @param {{ what: string, output?: (line: string) => void }} options
 */
export function runRollup(flag, { what, output = () => {} }) {
  const rollup = fileURLToPath(import.meta.resolve('rollup/dist/bin/rollup'));
  const child = spawn(process.execPath, [rollup, '-c', 'rollup.config.mjs', flag], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {string[]} */
  const tail = [];
  const onData = (/** @type {Buffer} */ chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output(line);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}):\n${tail.join('\n')}`));
      });
    })
  );
}

/** Held while one process builds, so that test files running side by side build only once. */
const LOCK = join(tmpdir(), `interview-kit-package-builds-${Buffer.from(repoRoot).toString('base64url').slice(-24)}.lock`);
/** A lock older than this was left by a process that died. */
const LOCK_STALE_MS = 10 * 60_000;

async function withLock(/** @type {() => Promise<void>} */ work) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - (mtime(LOCK) ?? Date.now()) > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the packages when they are missing or stale, saying so through `log` first.
 * @param {{ log?: (message: string) => void, output?: (line: string) => void }} [options]
 * @returns {Promise<boolean>} whether a build ran
 */
export async function ensurePackageBuilds({ log = () => {}, output = () => {} } = {}) {
  let built = false;
  await withLock(async () => {
    const state = packageBuildsState();
    if (!state) return;
    log(`The packages' builds (packages/*/dist) are ${state}; building them (rollup --configPackagesOnly), this takes a minute…`);
    await runRollup('--configPackagesOnly', { what: 'building the packages', output });
    built = true;
  });
  return built;
}
