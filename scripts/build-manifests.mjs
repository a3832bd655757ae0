#!/usr/bin/env node
// Writes custom-elements.json and vscode.html-custom-data.json into every package whose
// package.json names a `customElements` manifest, with @custom-elements-manifest/analyzer
// (configured in custom-elements-manifest.config.mjs). Part of `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, workspacePackages } from './lib/published-packages.mjs';

const analyzer = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
const config = join(root, 'custom-elements-manifest.config.mjs');
let failed = 0;
for (const pkg of workspacePackages().filter((candidate) => candidate.manifest.customElements)) {
  const written = join(pkg.dir, pkg.manifest.customElements);
  rmSync(written, { force: true });
  const result = spawnSync(process.execPath, [analyzer, 'analyze', '--config', config], { cwd: pkg.dir, encoding: 'utf8' });
  if (result.status === 0 && existsSync(written)) {
    console.log(`${pkg.name}: ${pkg.manifest.customElements} and vscode.html-custom-data.json written`);
  } else {
    failed += 1;
    console.error(`${pkg.name}: the analyzer failed\n${result.stdout}${result.stderr}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
