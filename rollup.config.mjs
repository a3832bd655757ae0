// Builds every package under packages/* that has a src/index.ts:
//  - an ESM build per package into packages/<name>/dist (one file per module, declarations
//    beside them, dependencies left external), and
//  - one CDN bundle, dist/cdn/interview-kit.js, with everything bundled and every element
//    registered (each package's src/define.ts is imported, its src/index.ts re-exported).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
// A virtual module id; no file by that name exists.
const CDN_ENTRY = 'virtual:interview-kit-cdn-entry';

/**
 * Wraps a UMD file as an ES module with a default export. y-webrtc default-imports
 * `simple-peer/simplepeer.min.js`, which is UMD; the test runner uses this plugin as well.
 */
export function umdAsEsm(pattern = /[\\/]simple-peer[\\/]simplepeer\.min\.js$/) {
  return {
    name: 'umd-as-esm',
    transform(code, id) {
      if (!pattern.test(id)) return null;
      return { code: `var module = { exports: {} }, exports = module.exports;\n${code}\nexport default module.exports;\n`, map: null };
    },
  };
}

/** Workspace packages with a src/index.ts, dependencies before their dependents. */
function discoverPackages() {
  const packagesDir = join(rootDir, 'packages');
  const found = readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'src', 'index.ts')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return {
        dir,
        name: manifest.name,
        dependencies: Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }),
        exports: manifest.exports,
        define: existsSync(join(dir, 'src', 'define.ts')) ? join(dir, 'src', 'define.ts') : undefined,
        // The React and Vue declarations (`<package>/react`, `<package>/vue`): types, and empty modules.
        frameworks: ['react', 'vue'].map((name) => join(dir, 'src', 'frameworks', `${name}.ts`)).filter((path) => existsSync(path)),
      };
    });
  // A package's declarations are read from its dependencies' dist, so those must be built first.
  const byName = new Map(found.map((pkg) => [pkg.name, pkg]));
  const ordered = [];
  const visit = (pkg, trail = []) => {
    if (ordered.includes(pkg)) return;
    if (trail.includes(pkg)) throw new Error(`Dependency cycle: ${[...trail, pkg].map((p) => p.name).join(' → ')}`);
    for (const dependency of pkg.dependencies) {
      if (byName.has(dependency)) visit(byName.get(dependency), [...trail, pkg]);
    }
    ordered.push(pkg);
  };
  found.forEach((pkg) => visit(pkg));
  return ordered;
}

/** Missing dependency declarations must not slip through as silently external imports. */
function failOnUnresolved(warning, warn) {
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`${warning.message} (declare it in package.json)`);
  if (warning.plugin === 'typescript') throw new Error(warning.message);
  warn(warning);
}

/** Files that are built but never published: tests and test helpers. */
const NOT_SHIPPED = ['**/*.test.ts', '**/testing/**'];

function packageBuild(pkg) {
  const srcDir = join(pkg.dir, 'src');
  const outDir = join(pkg.dir, 'dist');
  const isExternal = (id) => pkg.dependencies.some((dependency) => id === dependency || id.startsWith(`${dependency}/`));
  return {
    input: [join(srcDir, 'index.ts'), ...(pkg.define ? [pkg.define] : []), ...pkg.frameworks],
    external: isExternal,
    onwarn: failOnUnresolved,
    plugins: [
      // dist holds this build alone: nothing an earlier build left (an entry since renamed, a copy
      // of a dependency bundled before it was external) is published with it.
      { name: 'clean-dist', buildStart: () => rmSync(outDir, { recursive: true, force: true }) },
      typescript({
        tsconfig: join(rootDir, 'tsconfig.base.json'),
        include: [join(srcDir, '**', '*.ts')],
        exclude: NOT_SHIPPED,
        compilerOptions: {
          rootDir: srcDir,
          outDir,
          composite: false,
          declaration: true,
          declarationMap: true,
          sourceMap: true,
          noEmitOnError: true,
          // Helpers come from `tslib`, a declared dependency left external like the others.
          importHelpers: true,
        },
      }),
    ],
    output: {
      dir: outDir,
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: srcDir,
      sourcemap: true,
    },
  };
}

/** The CDN bundle's entry: re-exports each package's API and imports its element registrations. */
function cdnEntry(packages) {
  const defines = new Set(packages.flatMap((pkg) => (pkg.define ? [pkg.define] : [])));
  return {
    name: 'interview-kit-cdn-entry',
    resolveId(source) {
      return source === CDN_ENTRY ? CDN_ENTRY : null;
    },
    load(id) {
      if (id !== CDN_ENTRY) return null;
      return packages
        .flatMap((pkg) => [
          `export * from ${JSON.stringify(join(pkg.dir, 'src', 'index.ts'))};`,
          ...(pkg.define ? [`import ${JSON.stringify(pkg.define)};`] : []),
        ])
        .join('\n');
    },
    // Element packages declare `"sideEffects": false`; their registrations must survive anyway.
    transform(code, id) {
      return defines.has(id) ? { code, map: null, moduleSideEffects: true } : null;
    },
  };
}

/**
 * Resolves the workspace packages to their sources (their `interview-kit-source` export condition) for the
 * CDN bundle. Only they get that condition: given to every dependency, it would bundle Lit's
 * development build.
 */
function workspaceSources(packages) {
  return {
    name: 'workspace-sources',
    resolveId(source) {
      const pkg = packages.find((candidate) => source === candidate.name || source.startsWith(`${candidate.name}/`));
      const target = pkg?.exports?.[`.${source.slice(pkg.name.length)}`]?.['interview-kit-source'];
      return target ? join(pkg.dir, target) : null;
    },
  };
}

/** Empties `dir` before a build: chunk names carry content hashes, so old ones would pile up. */
function emptyDir(dir) {
  return { name: 'empty-dir', buildStart: () => rmSync(dir, { recursive: true, force: true }) };
}

function cdnBuild(packages) {
  const outDir = join(rootDir, 'dist', 'cdn');
  return {
    input: CDN_ENTRY,
    onwarn: failOnUnresolved,
    plugins: [
      emptyDir(outDir),
      cdnEntry(packages),
      workspaceSources(packages),
      typescript({
        tsconfig: join(rootDir, 'tsconfig.base.json'),
        include: packages.map((pkg) => join(pkg.dir, 'src', '**', '*.ts')),
        exclude: NOT_SHIPPED,
        compilerOptions: {
          outDir,
          composite: false,
          declaration: false,
          declarationMap: false,
          sourceMap: true,
          noEmitOnError: true,
        },
      }),
      nodeResolve({ browser: true, exportConditions: ['browser'], extensions: ['.ts', '.mjs', '.js'] }),
      umdAsEsm(),
      terser({ format: { comments: false } }),
    ],
    output: {
      dir: outDir,
      format: 'es',
      entryFileNames: 'interview-kit.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
  };
}

// A function, so that importing this file (the test runner imports `umdAsEsm`) builds nothing.
// `rollup -c rollup.config.mjs --configCdnOnly` builds the CDN bundle alone (what the example
// host portal serves), without the per-package builds; `--configPackagesOnly` the per-package
// builds alone (what `npm pack` publishes).
export default (commandLineArgs = {}) => {
  const packages = discoverPackages();
  if (commandLineArgs.configCdnOnly) return [cdnBuild(packages)];
  const builds = packages.map(packageBuild);
  return commandLineArgs.configPackagesOnly ? builds : [...builds, cdnBuild(packages)];
};
