// The npm packages under packages/* as their consumers get them: built, packed once each, and
// checked with the tools front-end teams use (publint, Are the Types Wrong?) and against the
// completeness of their custom-elements manifests. Shared by scripts/check-packages.mjs (the
// `npm test` step), scripts/release.mjs and the tests under scripts/packages/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The condition that resolves the repository's own tools to a package's TypeScript sources. */
export const SOURCE_CONDITION = 'interview-kit-source';

/**
 * @typedef {{ name: string, version: string, dir: string, manifest: Record<string, any> }} WorkspacePackage
 * @typedef {WorkspacePackage & { tarball: string }} PackedPackage
 */

/** @returns {WorkspacePackage[]} every package under packages/*, each after the workspace packages it depends on (the order to publish in) */
export function workspacePackages() {
  const packagesDir = join(root, 'packages');
  const found = readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name, version: manifest.version, dir, manifest };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  /** @type {WorkspacePackage[]} */
  const ordered = [];
  const visit = (/** @type {WorkspacePackage} */ pkg) => {
    if (ordered.includes(pkg)) return;
    for (const dependency of Object.keys(pkg.manifest.dependencies ?? {})) {
      const inWorkspace = found.find((candidate) => candidate.name === dependency);
      if (inWorkspace) visit(inWorkspace);
    }
    ordered.push(pkg);
  };
  found.forEach(visit);
  return ordered;
}

/**
 * Runs a command from the repository root, output inherited; throws when it fails.
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.signal ?? `exit ${result.status}`})`);
}

/**
 * Builds what the packages publish: their ESM builds and declarations (no CDN bundle, unless
 * `cdn`), then their custom-elements manifests.
 */
export function buildPackages({ cdn = false } = {}) {
  run(process.execPath, [
    join(root, 'node_modules/rollup/dist/bin/rollup'),
    '-c',
    'rollup.config.mjs',
    ...(cdn ? [] : ['--configPackagesOnly']),
  ]);
  run(process.execPath, [join(root, 'scripts/build-manifests.mjs')]);
}

/**
 * `npm pack`s every package once into `destination`.
 * @param {string} destination
 * @returns {PackedPackage[]}
 */
export function packPackages(destination) {
  mkdirSync(destination, { recursive: true });
  const packages = workspacePackages();
  const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination, ...packages.map((pkg) => pkg.dir)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm pack failed (exit ${result.status})`);
  /** @type {{ name: string, filename: string }[]} */
  const packed = JSON.parse(result.stdout);
  return packages.map((pkg) => {
    const entry = packed.find((candidate) => candidate.name === pkg.name);
    if (!entry) throw new Error(`npm pack did not pack ${pkg.name}`);
    return { ...pkg, tarball: join(destination, entry.filename) };
  });
}

/**
 * Tarballs packed earlier into `dir` (by `packPackages`), one per workspace package.
 * @param {string} dir
 * @returns {PackedPackage[]}
 */
export function packedIn(dir) {
  const files = readdirSync(dir);
  return workspacePackages().map((pkg) => {
    const filename = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
    if (!files.includes(filename)) throw new Error(`${dir} has no ${filename}; pack the packages first`);
    return { ...pkg, tarball: join(dir, filename) };
  });
}

/**
 * publint's strict findings for a packed package, as `level: message` lines (none when it is fine).
 * @param {PackedPackage} pkg
 * @returns {Promise<string[]>}
 */
export async function publintProblems(pkg) {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const tarball = readFileSync(pkg.tarball);
  const { messages, pkg: packed } = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    strict: true,
  });
  return messages.map((message) => `${message.type}: ${formatMessage(message, packed)}`);
}

/**
 * Subpaths of a package that only the repository's tools resolve (through SOURCE_CONDITION, no
 * `default`), such as core's `./testing`: consumers cannot import them, so type checks skip them.
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function sourceOnlyEntryPoints(manifest) {
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'object' && target && !('default' in target))
    .map(([subpath]) => subpath);
}

/**
 * Are the Types Wrong? on a packed package with the ESM-only profile (the packages ship ES modules
 * only, so resolution from CommonJS and node10 is not expected): its report, and whether it passed.
 * @param {PackedPackage} pkg
 * @returns {Promise<{ ok: boolean, report: string }>}
 */
export function typesReport(pkg) {
  const excluded = sourceOnlyEntryPoints(pkg.manifest);
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
      pkg.tarball,
      '--profile',
      'esm-only',
      '--format',
      'table-flipped',
      ...(excluded.length ? ['--exclude-entrypoints', ...excluded] : []),
    ],
    { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let report = '';
  child.stdout.on('data', (chunk) => (report += chunk));
  child.stderr.on('data', (chunk) => (report += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ ok: code === 0, report })));
}

/**
 * The packed packages a test checks: those packed into `$INTERVIEW_KIT_PACKED` (by
 * scripts/check-packages.mjs or scripts/release.mjs), else built and packed now into `scratch`.
 * @param {string} scratch
 * @returns {PackedPackage[]}
 */
export function packedForTests(scratch) {
  const dir = process.env.INTERVIEW_KIT_PACKED;
  if (dir) return packedIn(dir);
  buildPackages();
  return packPackages(scratch);
}
