// Each package as npm would publish it passes publint --strict and Are the Types Wrong? (ESM
// profile), ships its README and MIT LICENSE, and, for element packages, a complete
// custom-elements manifest and VS Code HTML data. Run by `npm test` (scripts/check-packages.mjs)
// on tarballs packed once; run alone, it builds and packs them itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { build } from 'esbuild';
import { manifestGaps, undocumentedParts } from '../lib/manifest-completeness.mjs';
import { packedForTests, publintProblems, typesReport } from '../lib/published-packages.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'ik-packed-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const packages = packedForTests(scratch);

/** Reads one file of a tarball (paths inside start with `package/`). */
const fileIn = (/** @type {string} */ tarball, /** @type {string} */ path) =>
  execFileSync('tar', ['-xOzf', tarball, `package/${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const filesIn = (/** @type {string} */ tarball) =>
  execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((path) => path.replace(/^package\//, ''));

// Two packages at a time (the CI machine has two cores): attw takes seconds per package.
describe('published packages', { concurrency: 2 }, () => {
  for (const pkg of packages) {
    describe(pkg.name, () => {
      it('passes publint --strict', async () => {
        assert.deepEqual(await publintProblems(pkg), []);
      });

      it('passes Are the Types Wrong? (ESM-only profile)', async () => {
        const { ok, report } = await typesReport(pkg);
        assert.ok(ok, report);
      });

      it('ships a README, an MIT LICENSE and its metadata, and no tests or bundled tslib', () => {
        const files = filesIn(pkg.tarball);
        assert.ok(files.includes('README.md') && files.includes('LICENSE'), `README.md and LICENSE in ${files.join(', ')}`);
        assert.match(fileIn(pkg.tarball, 'LICENSE'), /^MIT License/);
        const manifest = JSON.parse(fileIn(pkg.tarball, 'package.json'));
        for (const field of ['description', 'keywords', 'homepage', 'bugs', 'author', 'license'])
          assert.ok(manifest[field], `package.json ${field}`);
        assert.equal(manifest.repository?.directory, `packages/${pkg.dir.split('/').at(-1)}`);
        assert.deepEqual(
          files.filter((path) => /\.test\.|(^|\/)node_modules\/|tslib/.test(path)),
          [],
        );
      });

      if (pkg.manifest.exports?.['./define']) {
        it('keeps every module its define entry imports for its effects (the `sideEffects` list): a bundler drops none', async () => {
          // esbuild, like other bundlers, drops `import './x.js'` of a module its package.json does
          // not list in `sideEffects`; what such a module starts (e.g. a load) then never happens.
          const result = await build({
            entryPoints: [join(pkg.dir, 'dist/define.js')],
            bundle: true,
            write: false,
            format: 'esm',
            splitting: true,
            outdir: join(scratch, 'bundle', pkg.dir.split('/').at(-1)),
            packages: 'external',
            logLevel: 'silent',
          });
          const dropped = result.warnings.filter((warning) => warning.id === 'ignored-bare-import').map((warning) => warning.text);
          assert.deepEqual(dropped, []);
        });
      }

      if (pkg.manifest.customElements) {
        it('describes every element completely in its custom-elements manifest, and in VS Code HTML data', () => {
          const manifest = JSON.parse(fileIn(pkg.tarball, pkg.manifest.customElements));
          assert.deepEqual(manifestGaps(manifest), []);
          const sources = filesIn(pkg.tarball)
            .filter((path) => path.startsWith('src/') && path.endsWith('.ts'))
            .map((path) => readFileSync(join(pkg.dir, path), 'utf8'));
          assert.deepEqual(undocumentedParts(manifest, sources), [], 'CSS parts rendered but not documented (@csspart)');
          const tags = manifest.modules
            .flatMap((/** @type {any} */ module) => module.declarations ?? [])
            .filter((/** @type {any} */ d) => d.customElement)
            .map((/** @type {any} */ d) => d.tagName);
          assert.ok(tags.length > 0, 'the manifest declares elements');
          const vscode = JSON.parse(fileIn(pkg.tarball, 'vscode.html-custom-data.json'));
          assert.deepEqual(vscode.tags.map((/** @type {{ name: string }} */ tag) => tag.name).sort(), [...tags].sort());
        });
      }
    });
  }
});
