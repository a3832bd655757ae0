import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mtime, newestSource, runRollup } from '../../../scripts/lib/builds.mjs';

/**
 * The Interview Kit elements as this portal serves them: the product's browser bundle
 * (`dist/cdn/` of this repository, made by `npm run build`). It registers every element and
 * loads the heavy parts (video, language packs) as separate chunks when they are needed.
 * A host outside this repository would serve the same files from its own build or a CDN.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The folder served at `/interview-kit/`. */
export const ELEMENTS_DIR = join(repoRoot, 'dist', 'cdn');
/** The bundle's entry module, `/interview-kit/interview-kit.js` in the pages. */
export const ELEMENTS_ENTRY = join(ELEMENTS_DIR, 'interview-kit.js');

/** What the bundle is made from; a change to any of these makes it stale. */
const INPUTS = ['rollup.config.mjs', 'package-lock.json'];

/**
 * Whether the bundle must be (re)built: `'missing'`, `'stale'` (older than a package's sources,
 * its manifest, the build configuration or the lock file), or `undefined` when it is up to date.
 * @returns {'missing' | 'stale' | undefined}
 */
export function elementsBundleState() {
  const built = mtime(ELEMENTS_ENTRY);
  if (built === undefined) return 'missing';
  const packagesDir = join(repoRoot, 'packages');
  const inputs = [
    ...INPUTS.map((file) => mtime(join(repoRoot, file)) ?? 0),
    ...readdirSync(packagesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = join(packagesDir, entry.name);
        return [mtime(join(dir, 'package.json')) ?? 0, mtime(join(dir, 'src')) === undefined ? 0 : newestSource(join(dir, 'src'))];
      }),
  ];
  return Math.max(...inputs) > built ? 'stale' : undefined;
}

/**
 * Builds the bundle afresh (rollup, the CDN build of `rollup.config.mjs` alone, which empties its
 * folder first so that stale hashed chunks do not pile up).
 * The build's own output goes to `output` line by line; a failed build rejects with its last lines.
 * @param {{ output?: (line: string) => void }} [options]
 */
export function buildElementsBundle({ output = () => {} } = {}) {
  return runRollup('--configCdnOnly', { what: 'building the Interview Kit elements', output });
}

/**
 * Builds the bundle when it is missing or stale, saying so through `log` first.
 * @param {{ log?: (message: string) => void, output?: (line: string) => void }} [options]
 * @returns {Promise<boolean>} whether a build ran
 */
export async function ensureElementsBundle({ log = () => {}, output } = {}) {
  const state = elementsBundleState();
  if (!state) return false;
  log(
    state === 'missing'
      ? 'Building the Interview Kit elements (dist/cdn/interview-kit.js); this takes a minute the first time…'
      : 'The Interview Kit elements changed since the last build; rebuilding dist/cdn/interview-kit.js…',
  );
  await buildElementsBundle(output ? { output } : {});
  return true;
}
