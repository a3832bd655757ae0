#!/usr/bin/env node
// `npm run release`: builds what the packages publish, packs each into release/ and checks those
// very tarballs (publint --strict, Are the Types Wrong?, README and LICENSE, complete
// custom-elements manifests; scripts/packages/checks.test.mjs). Publishing stays manual (it needs
// an npm token): see docs/releasing.md.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tapRun } from './lib/node-tests.mjs';
import { buildPackages, packPackages, root } from './lib/published-packages.mjs';

const releaseDir = join(root, 'release');
rmSync(releaseDir, { recursive: true, force: true });
buildPackages();
const packed = packPackages(releaseDir);

const tap = tapRun(['scripts/packages/checks.test.mjs']);
spawnSync(process.execPath, tap.args, { cwd: root, stdio: 'inherit', env: { ...process.env, INTERVIEW_KIT_PACKED: releaseDir } });
const counts = tap.counts();
if (!counts || counts.failed > 0 || counts.passed === 0) {
  console.error(`\nThe packed packages failed their checks (${counts ? `${counts.failed} failed` : 'no results'}); nothing to publish.`);
  process.exit(1);
}
console.log(`\n${counts.passed} checks passed. Ready to publish, dependencies first (see docs/releasing.md):`);
for (const pkg of packed) console.log(`  npm publish ${relative(root, pkg.tarball)} --access public`);
