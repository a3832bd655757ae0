// The import rules of the repository, checked on the TypeScript sources' syntax trees:
//  - a package under packages/ imports only the workspace packages PACKAGE_DEPENDENCIES names
//    (elements import core; only room composes the elements);
//  - nothing under packages/ imports the server;
//  - server/src imports only the Lit-free modules of core named in SERVER_CORE_MODULES;
//  - server/src has no import cycle and no import up the layers of SERVER_LAYERS.
// Type-only imports count like any other: they tie modules together just the same.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Which workspace packages each package under packages/ may import (by folder name). */
export const PACKAGE_DEPENDENCIES = {
  core: [],
  editor: ['core'],
  'run-panel': ['core'],
  video: ['core'],
  feedback: ['core'],
  whiteboard: ['core'],
  room: ['core', 'editor', 'run-panel', 'video', 'feedback', 'whiteboard'],
};

/**
 * The modules of `@interview-kit/core` that server/src may import: Lit-free, browser-free
 * (subpaths of core's package.json exports). Tests and test helpers may also use `testing`.
 * The check also follows each one's imports inside core and fails if any reaches Lit.
 */
export const SERVER_CORE_MODULES = ['protocol', 'runs', 'console/protocol', 'rubric', 'collab/structure', 'collab/protocol', 'collab/replay', 'collab/board', 'collab/colours', 'collab/owned', 'collab/session-state', 'collab/project', 'integrity', 'chat'];
export const SERVER_TEST_CORE_MODULES = [...SERVER_CORE_MODULES, 'testing'];

/**
 * The layers of server/src, top first (paths relative to server/src; `dir/**` is a folder). A
 * module may import its own layer and the layers below it, never one above. Every production
 * module must belong to a layer.
 */
export const SERVER_LAYERS = [
  { layer: 'entry', files: ['index.ts', 'server.ts', 'app.ts', 'composition.ts', 'cli/**'] },
  { layer: 'API document', files: ['openapi-document.ts'] },
  { layer: 'routes and WebSocket endpoints', files: ['routes/**', 'collab/endpoints.ts'] },
  { layer: 'route table and app context', files: ['api.ts', 'context.ts', 'openapi-headers.ts'] },
  { layer: 'middleware', files: ['middleware/**', 'audit/http-trail.ts'] },
  {
    layer: 'data lifecycle',
    files: ['data-lifecycle/erasure.ts', 'data-lifecycle/export.ts', 'data-lifecycle/data-subjects.ts', 'data-lifecycle/retention.ts', 'data-lifecycle/retention-job.ts', 'data-lifecycle/collab-closing.ts', 'data-lifecycle/re-encryption.ts'],
  },
  { layer: 'collaboration', files: ['collab/**', 'scale-out/**', 'integrity/second-connection.ts', 'chat/**'] },
  { layer: 'services', files: ['services/**', 'questions/**', 'scoring/**', 'reports/**', 'webhooks/**', 'audit/**', 'data-lifecycle/**', 'integrity/**', 'recordings/**'] },
  { layer: 'job queue', files: ['jobs/**'] },
  { layer: 'adapters', files: ['adapters/**'] },
  { layer: 'leaf modules', files: ['config/**', 'problem.ts', 'logger.ts', 'metrics.ts', 'telemetry/**', 'pagination.ts', 'schemas/**'] },
];

/** Tests and test helpers use everything; they are not part of the layering. */
const isTestCode = (/** @type {string} */ path) => /\.test\.[cm]?tsx?$/.test(path) || path.split('/').includes('testing');

/** @typedef {{ file: string, line: number, specifier: string, typeOnly: boolean }} Import */
/** @typedef {{ file: string, line: number, message: string }} Violation */
/** @typedef {{ rule: string, violations: Violation[] }} RuleResult */

/**
 * Every module specifier `file` names: imports, re-exports, `import x = require()`, dynamic
 * `import()` and `import('…')` types, with their 1-based line.
 * @param {string} file absolute path
 * @returns {Omit<Import, 'file'>[]}
 */
export function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  /** @type {Omit<Import, 'file'>[]} */
  const found = [];
  const add = (/** @type {ts.Node} */ node, /** @type {ts.Expression | undefined} */ literal, typeOnly = false) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ line, specifier: literal.text, typeOnly });
  };
  const visit = (/** @type {ts.Node} */ node) => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, Boolean(node.importClause?.isTypeOnly));
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The TypeScript files under `dir` (none when it is missing), skipping node_modules and dist. */
function sourceFiles(/** @type {string} */ dir) {
  if (!existsSync(dir)) return [];
  /** @type {string[]} */
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') files.push(...sourceFiles(path));
    } else if (/\.[cm]?tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The file a relative specifier names, as TypeScript's NodeNext resolution finds it. */
function resolveRelative(/** @type {string} */ from, /** @type {string} */ specifier) {
  const target = resolve(dirname(from), specifier);
  const stem = target.replace(/\.[cm]?jsx?$/, '');
  const candidates = [target, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, join(target, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? target;
}

/** Whether `path` (relative to server/src, with forward slashes) matches one of a layer's patterns. */
function matches(/** @type {string} */ path, /** @type {string[]} */ patterns) {
  return patterns.some((pattern) => (pattern.endsWith('/**') ? path.startsWith(pattern.slice(0, -2)) : path === pattern));
}

/** The index of `path`'s layer in SERVER_LAYERS (0 is the top), or -1. */
function layerIndex(/** @type {string} */ path, layers = SERVER_LAYERS) {
  return layers.findIndex(({ files }) => matches(path, files));
}

/**
 * Checks the repository at `root`; one result per rule, each with its violations (file relative
 * to `root`, line, and what is wrong).
 * @param {string} root
 * @param {{ layers?: typeof SERVER_LAYERS }} [options]
 * @returns {RuleResult[]}
 */
export function checkBoundaries(root, { layers = SERVER_LAYERS } = {}) {
  const rel = (/** @type {string} */ path) => relative(root, path).split(sep).join('/');
  const packagesDir = join(root, 'packages');
  const serverSrc = join(root, 'server', 'src');

  // Workspace package names → folders under packages/ (and the server's own name).
  /** @type {Map<string, string>} */
  const packageFolders = new Map();
  for (const folder of existsSync(packagesDir) ? readdirSync(packagesDir).sort() : []) {
    const manifest = join(packagesDir, folder, 'package.json');
    if (existsSync(manifest)) packageFolders.set(JSON.parse(readFileSync(manifest, 'utf8')).name, folder);
  }
  const serverManifest = join(root, 'server', 'package.json');
  const serverName = existsSync(serverManifest) ? JSON.parse(readFileSync(serverManifest, 'utf8')).name : '@interview-kit/server';
  const coreName = [...packageFolders].find(([, folder]) => folder === 'core')?.[0] ?? '@interview-kit/core';

  /**
   * Where a specifier leads: a workspace package folder (with the subpath asked for), the server,
   * or a file inside the importing tree.
   * @returns {{ kind: 'package', folder: string, subpath: string } | { kind: 'server' } | { kind: 'file', path: string } | { kind: 'external' }}
   */
  const target = (/** @type {string} */ file, /** @type {string} */ specifier) => {
    if (specifier.startsWith('.')) {
      const path = resolveRelative(file, specifier);
      const inRepo = rel(path);
      if (inRepo === 'server' || inRepo.startsWith('server/')) return file.startsWith(serverSrc + sep) && path.startsWith(serverSrc + sep) ? { kind: 'file', path } : { kind: 'server' };
      const [top, folder, ...rest] = inRepo.split('/');
      if (top === 'packages' && folder) {
        const subpath = rest[0] === 'src' ? rest.slice(1).join('/').replace(/\.[cm]?[jt]sx?$/, '') : rest.join('/');
        return { kind: 'package', folder, subpath };
      }
      return { kind: 'file', path };
    }
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const subpath = parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
    if (name === serverName) return { kind: 'server' };
    const folder = packageFolders.get(/** @type {string} */ (name));
    return folder ? { kind: 'package', folder, subpath } : { kind: 'external' };
  };

  /** @type {Record<string, Violation[]>} */
  const found = {
    elements: [],
    packagesToServer: [],
    serverToCore: [],
    cycles: [],
    layers: [],
  };

  // Packages: which other packages they import, and never the server.
  for (const folder of packageFolders.values()) {
    const allowed = PACKAGE_DEPENDENCIES[/** @type {keyof typeof PACKAGE_DEPENDENCIES} */ (folder)];
    for (const file of sourceFiles(join(packagesDir, folder, 'src'))) {
      for (const { line, specifier } of importsOf(file)) {
        const to = target(file, specifier);
        const at = { file: rel(file), line };
        if (to.kind === 'server') {
          found.packagesToServer.push({ ...at, message: `packages/${folder} imports the server ('${specifier}')` });
        } else if (to.kind === 'package' && to.folder !== folder) {
          if (!allowed) {
            found.elements.push({ ...at, message: `packages/${folder} is not in PACKAGE_DEPENDENCIES (scripts/lib/boundaries.mjs); it imports packages/${to.folder}` });
          } else if (!allowed.includes(to.folder)) {
            const who = allowed.length ? `may import only ${allowed.join(', ')}` : 'may import no other package';
            found.elements.push({ ...at, message: `packages/${folder} imports packages/${to.folder} ('${specifier}'): ${folder} ${who}` });
          }
        }
      }
    }
  }

  // The server: core's Lit-free modules only; the graph of its own modules.
  /** @type {Map<string, { to: string, line: number, specifier: string }[]>} */
  const graph = new Map();
  for (const file of sourceFiles(serverSrc)) {
    const path = rel(file).slice('server/src/'.length);
    const test = isTestCode(path);
    const coreModules = test ? SERVER_TEST_CORE_MODULES : SERVER_CORE_MODULES;
    /** @type {{ to: string, line: number, specifier: string }[]} */
    const edges = [];
    for (const { line, specifier } of importsOf(file)) {
      const to = target(file, specifier);
      const at = { file: rel(file), line };
      if (to.kind === 'package' && to.folder === 'core') {
        const viaPackage = !specifier.startsWith('.');
        if (!viaPackage) {
          found.serverToCore.push({ ...at, message: `imports core's sources by path ('${specifier}'); use ${coreName}/<module>` });
        } else if (!coreModules.includes(to.subpath)) {
          found.serverToCore.push({
            ...at,
            message: `imports '${specifier}'; the server may import only ${coreModules.map((m) => `${coreName}/${m}`).join(', ')}`,
          });
        }
      } else if (to.kind === 'package') {
        found.serverToCore.push({ ...at, message: `imports packages/${to.folder} ('${specifier}'); the server may import only core's Lit-free modules` });
      } else if (to.kind === 'file' && !test) {
        const toPath = rel(to.path).replace(/^server\/src\//, '');
        if (!isTestCode(toPath)) edges.push({ to: toPath, line, specifier });
      }
    }
    if (!test) graph.set(path, edges);
  }

  found.serverToCore.push(...litInServerModules(join(packagesDir, 'core'), rel));

  for (const [path, edges] of graph) {
    const from = layerIndex(path, layers);
    if (from < 0) {
      found.layers.push({ file: `server/src/${path}`, line: 1, message: `belongs to no layer: add it to SERVER_LAYERS in scripts/lib/boundaries.mjs` });
      continue;
    }
    for (const edge of edges) {
      const to = layerIndex(edge.to, layers);
      if (to >= 0 && to < from) {
        found.layers.push({
          file: `server/src/${path}`,
          line: edge.line,
          message: `imports up the layers: ${layers[from]?.layer} → ${layers[to]?.layer} ('${edge.specifier}', server/src/${edge.to})`,
        });
      }
    }
  }

  for (const cycle of importCycles(graph)) {
    const steps = cycle.map((path, i) => {
      const next = /** @type {string} */ (cycle[(i + 1) % cycle.length]);
      const edge = /** @type {{ line: number }} */ (graph.get(path)?.find((e) => e.to === next));
      return { path, line: edge.line, next };
    });
    const first = /** @type {(typeof steps)[number]} */ (steps[0]);
    const chain = steps.map((s) => `server/src/${s.path}:${s.line}`).join(' → ');
    found.cycles.push({ file: `server/src/${first.path}`, line: first.line, message: `import cycle: ${chain} → server/src/${first.path}` });
  }

  return [
    { rule: 'elements import no other element (only room composes them)', violations: found.elements },
    { rule: 'packages import no server code', violations: found.packagesToServer },
    { rule: "server imports only core's Lit-free modules", violations: found.serverToCore },
    { rule: 'server/src has no import cycle', violations: found.cycles },
    { rule: 'server/src imports only down its layers', violations: found.layers },
  ];
}

const LIT = /^(lit|lit-html|lit-element|@lit\/.*|@lit-labs\/.*)(\/|$)/;

/**
 * The imports of Lit reachable inside core from the modules the server may import (as core's
 * package.json `interview-kit-source` exports point at them).
 * @param {string} coreDir
 * @param {(path: string) => string} rel
 * @returns {Violation[]}
 */
function litInServerModules(coreDir, rel) {
  const manifest = join(coreDir, 'package.json');
  if (!existsSync(manifest)) return [];
  const exports = JSON.parse(readFileSync(manifest, 'utf8')).exports ?? {};
  /** @type {Violation[]} */
  const violations = [];
  for (const module of SERVER_TEST_CORE_MODULES) {
    const entry = exports[`./${module}`]?.['interview-kit-source'];
    if (typeof entry !== 'string') continue;
    const seen = new Set();
    const visit = (/** @type {string} */ file, /** @type {string[]} */ trail) => {
      if (seen.has(file) || !existsSync(file)) return;
      seen.add(file);
      for (const { line, specifier } of importsOf(file)) {
        if (specifier.startsWith('.')) visit(resolveRelative(file, specifier), [...trail, rel(file)]);
        else if (LIT.test(specifier)) {
          const via = trail.length ? ` (${[...trail, rel(file)].join(' → ')})` : '';
          violations.push({ file: rel(file), line, message: `imports '${specifier}', yet core/${module} is on the server's list of Lit-free modules${via}` });
        }
      }
    };
    visit(resolve(coreDir, entry), []);
  }
  return violations;
}

/**
 * One cycle per strongly connected component of more than one module (or a module importing
 * itself), as the modules in import order, starting from the alphabetically first.
 * @param {Map<string, { to: string }[]>} graph
 * @returns {string[][]}
 */
export function importCycles(graph) {
  // Tarjan's algorithm.
  let index = 0;
  /** @type {Map<string, { index: number, low: number }>} */
  const seen = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const components = [];
  const connect = (/** @type {string} */ node) => {
    seen.set(node, { index, low: index });
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const { to } of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      if (!seen.has(to)) {
        connect(to);
        const mine = /** @type {{ low: number }} */ (seen.get(node));
        mine.low = Math.min(mine.low, /** @type {{ low: number }} */ (seen.get(to)).low);
      } else if (onStack.has(to)) {
        const mine = /** @type {{ low: number }} */ (seen.get(node));
        mine.low = Math.min(mine.low, /** @type {{ index: number }} */ (seen.get(to)).index);
      }
    }
    const mine = /** @type {{ index: number, low: number }} */ (seen.get(node));
    if (mine.low !== mine.index) return;
    /** @type {string[]} */
    const component = [];
    for (;;) {
      const member = /** @type {string} */ (stack.pop());
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    const selfImport = component.length === 1 && (graph.get(node) ?? []).some((e) => e.to === node);
    if (component.length > 1 || selfImport) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!seen.has(node)) connect(node);

  // Walk each component from its first module back to itself along imports inside it.
  return components
    .map((component) => {
      const members = new Set(component);
      const start = /** @type {string} */ ([...component].sort()[0]);
      /** @type {string[] | undefined} */
      let found;
      const walk = (/** @type {string} */ node, /** @type {string[]} */ path) => {
        if (found) return;
        for (const { to } of graph.get(node) ?? []) {
          if (found) return;
          if (to === start) found = path;
          else if (members.has(to) && !path.includes(to)) walk(to, [...path, to]);
        }
      };
      walk(start, [start]);
      return /** @type {string[]} */ (found);
    })
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}
