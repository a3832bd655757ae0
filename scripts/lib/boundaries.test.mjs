// The boundary check against small repository trees written for each case.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkBoundaries } from './boundaries.mjs';

const scriptsDir = fileURLToPath(new URL('..', import.meta.url));
const trees = [];
after(() => trees.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const PACKAGES = ['core', 'editor', 'run-panel', 'video', 'feedback', 'room'];

/**
 * A repository with every package and a clean layered server, plus `files` (path → source)
 * written over it.
 * @param {Record<string, string>} files
 */
function tree(files = {}) {
  const root = mkdtempSync(join(tmpdir(), 'ik-boundaries-'));
  trees.push(root);
  const base = {
    'server/package.json': JSON.stringify({ name: '@interview-kit/server' }),
    'server/src/index.ts': "import { startServer } from './server.js';\nstartServer();\n",
    'server/src/server.ts': "import { createApp } from './app.js';\nexport const startServer = () => createApp();\n",
    'server/src/app.ts': "import { sessionRoutes } from './routes/sessions.js';\nexport const createApp = () => sessionRoutes;\n",
    'server/src/routes/sessions.ts':
      "import { requireCaller } from '../middleware/auth.js';\nimport { SessionService } from '../services/sessions.js';\nexport const sessionRoutes = [requireCaller, SessionService];\n",
    'server/src/middleware/auth.ts': "import { verify } from '../services/tokens.js';\nexport const requireCaller = verify;\nexport type Caller = { id: string };\n",
    'server/src/middleware/rate-limit.ts': 'export class RateLimiter {}\n',
    'server/src/services/sessions.ts': "import { openDatabase } from '../adapters/db/database.js';\nimport type { Role } from '@interview-kit/core/protocol';\nexport class SessionService { db = openDatabase(); role?: Role; }\n",
    'server/src/services/feedback.ts': "import { problem } from '../problem.js';\nexport const feedback = problem;\n",
    'server/src/services/tokens.ts': "import { loadConfig } from '../config/index.js';\nexport const verify = loadConfig;\n",
    'server/src/services/run-config.ts': 'export const runConfig = {};\n',
    'server/src/adapters/db/database.ts': "import { logger } from '../../logger.js';\nexport const openDatabase = () => logger;\n",
    'server/src/config/index.ts': "import { readEnv } from './env.js';\nexport const loadConfig = readEnv;\n",
    'server/src/config/env.ts': 'export const readEnv = () => ({});\n',
    'server/src/logger.ts': "import type { loadConfig } from './config/index.js';\nexport const logger = {} as ReturnType<typeof loadConfig>;\n",
    'server/src/problem.ts': 'export const problem = 1;\n',
    'server/src/collab/settings.ts': 'export const collabSettings = {};\n',
    'server/src/collab/index.ts': "import { sync } from './sync.js';\nexport const collab = sync;\n",
    'server/src/collab/sync.ts': "import { SessionService } from '../services/sessions.js';\nexport const sync = SessionService;\n",
    'server/src/testing/harness.ts': "import { startServer } from '../server.js';\nimport { sampleSession } from '@interview-kit/core/testing';\nexport { startServer, sampleSession };\n",
    'server/src/routes/sessions.test.ts': "import { startServer } from '../server.js';\nimport '../testing/harness.js';\nstartServer();\n",
  };
  for (const name of PACKAGES) {
    base[`packages/${name}/package.json`] = JSON.stringify({ name: `@interview-kit/${name}` });
    base[`packages/${name}/src/index.ts`] = name === 'core' ? 'export const core = 1;\n' : "import { core } from '@interview-kit/core';\nexport { core };\n";
  }
  base['packages/room/src/room.ts'] = "import '@interview-kit/editor/define';\nimport { x } from '../../video/src/index.js';\nexport { x };\n";
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The violations of the rule whose name contains `words`, as `file:line` strings. */
function broken(root, words) {
  const result = checkBoundaries(root).find((r) => r.rule.includes(words));
  assert.ok(result, `a rule about ${words}`);
  return result.violations.map((v) => `${v.file}:${v.line}`);
}

describe('boundary check', () => {
  it('passes a tree that keeps every rule, room composing elements and type imports included', () => {
    const results = checkBoundaries(tree());
    assert.deepEqual(
      results.filter((r) => r.violations.length > 0),
      [],
    );
    assert.equal(results.length, 5);
  });

  it('reports an element importing another element, by package name and by relative path', () => {
    const root = tree({
      'packages/editor/src/editor.ts': "import { x } from '@interview-kit/video';\nexport { x };\n",
      'packages/feedback/src/notes.ts': "export const a = 1;\n\nexport { y } from '../../run-panel/src/index.js';\n",
    });
    assert.deepEqual(broken(root, 'elements'), ['packages/editor/src/editor.ts:1', 'packages/feedback/src/notes.ts:3']);
    const message = checkBoundaries(root)[0]?.violations[0]?.message ?? '';
    assert.match(message, /packages\/editor imports packages\/video .*editor may import only core/);
  });

  it('reports core importing an element, and a package missing from the table', () => {
    const root = tree({
      'packages/core/src/bad.ts': "import '@interview-kit/room';\n",
      'packages/sketchpad/package.json': JSON.stringify({ name: '@interview-kit/sketchpad' }),
      'packages/sketchpad/src/index.ts': "import '@interview-kit/core';\n",
    });
    assert.deepEqual(broken(root, 'elements'), ['packages/core/src/bad.ts:1', 'packages/sketchpad/src/index.ts:1']);
  });

  it('reports a package importing the server, by name, by path and through a type', () => {
    const root = tree({
      'packages/core/src/a.ts': "import type { Config } from '@interview-kit/server/src/config.js';\nexport type A = Config;\n",
      'packages/room/src/b.ts': "\nimport { loadConfig } from '../../../server/src/config.js';\nexport { loadConfig };\n",
      'packages/video/src/c.ts': "export type C = import('../../../server/src/env.js').Env;\n",
    });
    assert.deepEqual(broken(root, 'server code'), ['packages/core/src/a.ts:1', 'packages/room/src/b.ts:2', 'packages/video/src/c.ts:1']);
  });

  it("reports the server importing core's Lit parts or core's sources by path; tests may use core's testing module", () => {
    const root = tree({
      'server/src/services/a.ts': "import { InterviewClient } from '@interview-kit/core';\nexport { InterviewClient };\n",
      'server/src/services/b.ts': "import { sessionContext } from '@interview-kit/core/context';\nexport { sessionContext };\n",
      'server/src/services/c.ts': "import type { Role } from '../../../packages/core/src/protocol.js';\nexport type R = Role;\n",
      'server/src/services/d.ts': "import { sampleSession } from '@interview-kit/core/testing';\nexport { sampleSession };\n",
      'server/src/services/e.ts': "import '@interview-kit/editor';\n",
    });
    assert.deepEqual(broken(root, 'Lit-free'), [
      'server/src/services/a.ts:1',
      'server/src/services/b.ts:1',
      'server/src/services/c.ts:1',
      'server/src/services/d.ts:1',
      'server/src/services/e.ts:1',
    ]);
  });

  it("reports a module on the server's list that reaches Lit inside core", () => {
    const root = tree({
      'packages/core/package.json': JSON.stringify({
        name: '@interview-kit/core',
        exports: { './protocol': { 'interview-kit-source': './src/protocol.ts' }, './runs': { 'interview-kit-source': './src/runs.ts' }, '.': { 'interview-kit-source': './src/index.ts' } },
      }),
      'packages/core/src/protocol.ts': "import type { Y } from 'yjs';\nexport type P = Y;\n",
      'packages/core/src/runs.ts': "import { format } from './format.js';\nexport { format };\n",
      'packages/core/src/format.ts': "import { html } from 'lit';\nexport const format = html;\n",
      'packages/core/src/index.ts': "import { LitElement } from 'lit';\nexport { LitElement };\n",
    });
    const violations = checkBoundaries(root).find((r) => r.rule.includes('Lit-free'))?.violations ?? [];
    assert.deepEqual(
      violations.map((v) => `${v.file}:${v.line}: ${v.message}`),
      ["packages/core/src/format.ts:1: imports 'lit', yet core/runs is on the server's list of Lit-free modules (packages/core/src/runs.ts → packages/core/src/format.ts)"],
    );
  });

  it('reports each import cycle once with the file:line of every step, type-only imports included', () => {
    const root = tree({
      // collab/index.ts ⇄ collab/sync.ts, as the server had them.
      'server/src/collab/sync.ts': "import { SessionService } from '../services/sessions.js';\nimport type { collab } from './index.js';\nexport const sync = SessionService;\n",
      // sessions → feedback → sessions
      'server/src/services/sessions.ts': "import { openDatabase } from '../adapters/db/database.js';\nimport { feedback } from './feedback.js';\nexport class SessionService { db = openDatabase(); f = feedback; }\n",
      'server/src/services/feedback.ts': "import { problem } from '../problem.js';\n\nimport type { SessionService } from './sessions.js';\nexport const feedback = problem;\n",
    });
    const cycles = checkBoundaries(root).find((r) => r.rule.includes('cycle'))?.violations ?? [];
    assert.deepEqual(
      cycles.map((v) => v.message),
      [
        'import cycle: server/src/collab/index.ts:1 → server/src/collab/sync.ts:2 → server/src/collab/index.ts',
        'import cycle: server/src/services/feedback.ts:3 → server/src/services/sessions.ts:2 → server/src/services/feedback.ts',
      ],
    );
  });

  it('reports upward imports: services → middleware, adapters → services, leaf → collab and services', () => {
    const root = tree({
      'server/src/services/sessions.ts': "import type { Caller } from '../middleware/auth.js';\nexport class SessionService { caller?: Caller; }\n",
      'server/src/services/runs.ts': "import { RateLimiter } from '../middleware/rate-limit.js';\nexport const limiter = new RateLimiter();\n",
      'server/src/adapters/db/database.ts': "import { verify } from '../../services/tokens.js';\nexport const openDatabase = verify;\n",
      'server/src/config/index.ts': "import { readEnv } from './env.js';\nimport { collabSettings } from '../collab/settings.js';\nimport { runConfig } from '../services/run-config.js';\nexport const loadConfig = () => ({ ...readEnv(), collabSettings, runConfig });\n",
      'server/src/services/feedback.ts': "import { sessionRoutes } from '../routes/sessions.js';\nexport const feedback = sessionRoutes;\n",
    });
    const layers = checkBoundaries(root).find((r) => r.rule.includes('layers'))?.violations ?? [];
    assert.deepEqual(
      layers.map((v) => `${v.file}:${v.line}`),
      [
        'server/src/adapters/db/database.ts:1',
        'server/src/config/index.ts:2',
        'server/src/config/index.ts:3',
        'server/src/services/feedback.ts:1',
        'server/src/services/runs.ts:1',
        'server/src/services/sessions.ts:1',
      ],
    );
    assert.match(layers[0]?.message ?? '', /adapters → services/);
    assert.match(layers[3]?.message ?? '', /services → routes and WebSocket endpoints/);
  });

  it('reports a server module that belongs to no layer', () => {
    const root = tree({ 'server/src/jobs.ts': 'export const jobs = [];\n' });
    assert.deepEqual(broken(root, 'layers'), ['server/src/jobs.ts:1']);
  });

  it('as a script: prints file:line for each broken rule, counts rules, exits non-zero', () => {
    const root = tree({ 'packages/editor/src/editor.ts': "\nimport '@interview-kit/feedback';\n" });
    const run = spawnSync(process.execPath, [join(scriptsDir, 'check-boundaries.mjs'), root], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^ {4}packages\/editor\/src\/editor\.ts:2: packages\/editor imports packages\/feedback/m);
    assert.match(run.stdout, /^4 passed, 1 failed$/m);
  });
});
