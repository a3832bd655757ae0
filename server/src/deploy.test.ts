// The container files (Dockerfile, compose.yaml, deploy/*) checked without a Docker daemon: their
// structure, that they agree with the server's configuration and with the install script CI uses,
// and, as root, that the capabilities compose.yaml grants are enough for the whole sandbox.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { KNOWN_LANGUAGES } from './adapters/executor/languages.js';
import { loadConfig } from './config/index.js';
import { freePort } from '../../scripts/lib/free-port.mjs';
import { startTestServer, type TestServer } from './testing/harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  deploy?: { replicas?: number };
  volumes?: string[];
  cap_add?: string[];
  cap_drop?: string[];
}
const compose = parse(read('compose.yaml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const server = compose.services.server!;
const dockerfile = read('Dockerfile');

/** Environment variable names the server's own code reads (not its tests). */
function namesTheServerReads(): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const match of source.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[\s*'([A-Z][A-Z0-9_]+)'\s*\]|\s*,\s*'([A-Z][A-Z0-9_]+)')/g)) {
          names.add((match[1] ?? match[2] ?? match[3])!);
        }
      }
    }
  };
  visit(join(root, 'server/src'));
  return names;
}

/** `${NAME:-default}`, `${NAME:?message}` and `${NAME}` as compose fills them in from `vars`; `$$` is a `$`. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value
    .replace(/\$\{([A-Z0-9_]+)(?::([-?])((?:[^{}]|\$\([^)]*\))*))?\}/g, (_all, name: string, kind?: string, rest = '') => {
      const set = vars[name];
      if (set) return set;
      if (kind === '?') throw new Error(`${name} is required (${rest})`);
      return kind === '-' ? rest : '';
    })
    .replace(/\$\$/g, '$');
}

/** The secrets an operator puts in .env (deploy/compose.env.example names them). */
const OPERATOR_ENV = {
  POSTGRES_PASSWORD: 'a-postgres-password',
  JWT_SECRET: 'x'.repeat(40),
  LIVEKIT_API_KEY: 'interview-kit',
  LIVEKIT_API_SECRET: 'y'.repeat(40),
  TURN_PASSWORD: 'a-turn-password',
};

/** The stages of the Dockerfile, by name, each as its instruction lines. */
function stages(): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  let current: string[] = [];
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  for (const line of lines) {
    const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
    if (from) byName.set(from[1]!, (current = []));
    current.push(line);
  }
  return byName;
}

describe('compose.yaml', () => {
  it('gives every service an image or a build, and a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(service.image || service.build, `${name} has an image or a build`);
      assert.ok(service.healthcheck?.test?.length, `${name} has a health check`);
    }
    assert.deepEqual(Object.keys(compose.services).sort(), ['coturn', 'livekit', 'postgres', 'proxy', 'redis', 'server']);
  });

  it('runs two server replicas, started only once PostgreSQL and Redis are healthy, and the proxy once they are', () => {
    assert.equal(server.deploy?.replicas, 2);
    assert.ok(server.build, 'the server is built from this repository');
    assert.deepEqual(Object.keys(server.depends_on ?? {}).sort(), ['postgres', 'redis']);
    assert.deepEqual(Object.keys(compose.services.proxy!.depends_on ?? {}), ['server']);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        assert.equal(condition, 'service_healthy', `${name} waits for ${dependency} to be healthy`);
        assert.ok(compose.services[dependency], `${name} depends on a service that exists: ${dependency}`);
      }
    }
  });

  it('declares every named volume and finds every mounted file in the repository', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) assert.ok(existsSync(join(root, source)), `${name} mounts ${source}, which exists`);
        else assert.ok(compose.volumes && source in compose.volumes, `${name}'s volume ${source} is declared`);
      }
    }
    assert.ok(dockerfile.includes('VOLUME ["/var/lib/interview-kit"]'), 'the image declares DATA_DIR a volume');
  });

  it("sets only variables the server reads, with values its configuration accepts", () => {
    const reads = namesTheServerReads();
    for (const name of Object.keys(server.environment ?? {})) assert.ok(reads.has(name), `the server reads ${name}`);
    const dataDir = mkdtempSync(join(tmpdir(), 'ik-compose-config-'));
    try {
      const env = Object.fromEntries(Object.entries(server.environment!).map(([name, value]) => [name, interpolate(String(value), OPERATOR_ENV)]));
      const config = loadConfig({ ...env, DATA_DIR: dataDir });
      assert.equal(config.host, '0.0.0.0');
      assert.match(config.databaseUrl ?? '', /^postgres:\/\/interview_kit:a-postgres-password@postgres:5432\//);
      assert.equal(config.iceServers.length, 1, 'one TURN server, as valid JSON');
      assert.deepEqual(config.iceServers[0], {
        urls: ['turn:localhost:3478?transport=udp', 'turn:localhost:3478?transport=tcp'],
        username: 'interview',
        credential: 'a-turn-password',
      });
      assert.throws(() => interpolate(String(server.environment!.JWT_SECRET), {}), /JWT_SECRET is required/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('gives LiveKit the key pair the servers sign with, and the proxy the servers\' port', () => {
    const keys = interpolate(compose.services.livekit!.environment!.LIVEKIT_KEYS!, OPERATOR_ENV);
    assert.equal(keys, `${OPERATOR_ENV.LIVEKIT_API_KEY}: ${OPERATOR_ENV.LIVEKIT_API_SECRET}`);
    assert.match(read('deploy/nginx.conf'), new RegExp(`server server:${server.environment!.PORT};`));
    assert.match(read('deploy/nginx.conf'), /proxy_set_header Upgrade \$http_upgrade;/);
  });
});

describe('Dockerfile', () => {
  const byName = stages();
  const runtime = () => byName.get('runtime')?.join('\n') ?? '';

  it('has a build stage and a runtime stage on Debian 12', () => {
    assert.deepEqual([...byName.keys()], ['build', 'runtime']);
    assert.match(byName.get('build')![0]!, /^FROM node:\$\{NODE_VERSION\}-bookworm AS build$/);
    assert.match(byName.get('runtime')![0]!, /^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS runtime$/);
  });

  it('installs the runtime stage with the script CI uses, and runs under tini', () => {
    assert.match(runtime(), /COPY deploy\/install-system-packages\.sh /);
    assert.match(runtime(), /RUN install-system-packages --runtime/);
    assert.match(read('.ci/run'), /deploy\/install-system-packages\.sh --ci/);
    assert.match(runtime(), /ENTRYPOINT \["tini", "--"\]/);
  });

  it('copies the manifest of every workspace before npm ci', () => {
    const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
    const build = byName.get('build')!.join('\n');
    const install = build.indexOf('npm ci');
    for (const workspace of workspaces) {
      const copy = build.indexOf(`COPY ${workspace}/package.json ${workspace}/`);
      assert.ok(copy !== -1 && copy < install, `${workspace}/package.json is copied before npm ci`);
    }
  });

  it('exposes, sets and checks the port the configuration uses, with the health check the compose file runs', () => {
    const exposed = /^EXPOSE (\d+)$/m.exec(runtime())?.[1];
    const port = /\bPORT=(\d+)/.exec(runtime())?.[1];
    const dataDir = mkdtempSync(join(tmpdir(), 'ik-image-config-'));
    try {
      assert.equal(String(loadConfig({ DATA_DIR: dataDir }).port), exposed, 'EXPOSE is the default PORT');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    assert.equal(port, exposed);
    assert.equal(server.environment!.PORT, exposed);
    assert.match(runtime(), /HEALTHCHECK .*CMD \["node", "deploy\/healthcheck\.mjs"\]/);
    assert.deepEqual(server.healthcheck!.test, ['CMD', 'node', 'deploy/healthcheck.mjs']);
  });
});

describe('deploy/install-system-packages.sh', () => {
  const list = (set: string) => spawnSync('bash', [join(root, 'deploy/install-system-packages.sh'), `--${set}`, '--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);

  it('brings a toolchain for every language the executor knows, the sandbox, tini and Chromium', () => {
    // JavaScript and TypeScript run on the server's own Node; bash is part of every Debian.
    const toolchain: Record<string, string | null> = {
      python: 'python3', javascript: null, typescript: null, c: 'gcc', cpp: 'g++', java: 'default-jdk-headless', go: 'golang-go', ruby: 'ruby', bash: null,
    };
    const runtime = list('runtime');
    for (const language of KNOWN_LANGUAGES) {
      assert.ok(language in toolchain, `the install script knows how ${language} is installed`);
      const pkg = toolchain[language];
      if (pkg) assert.ok(runtime.includes(pkg), `${language}: ${pkg}`);
    }
    for (const pkg of ['bubblewrap', 'util-linux', 'tini', 'chromium']) assert.ok(runtime.includes(pkg), pkg);
  });

  it("installs for CI only what npm ci and the test services need, leaving the rest to npm test as on a developer's machine", () => {
    const ci = list('ci');
    for (const pkg of ['postgresql', 'redis-server', 'build-essential']) assert.ok(ci.includes(pkg), pkg);
    for (const pkg of ['chromium', 'bubblewrap', 'poppler-utils', 'default-jdk-headless']) assert.ok(!ci.includes(pkg), `npm test installs ${pkg} itself`);
  });
});

describe('deploy/healthcheck.mjs', () => {
  let running: TestServer;
  before(async () => {
    running = await startTestServer({ database: 'sqlite' });
  });
  after(() => running.dispose());

  // Not spawnSync: the server runs in this process and must answer meanwhile.
  const check = (port: string) =>
    new Promise<{ status: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(root, 'deploy/healthcheck.mjs')], { env: { PATH: process.env.PATH, PORT: port } }, (error, _stdout, stderr) =>
        resolve({ status: error ? Number(error.code) : 0, stderr }),
      );
    });

  it('passes while the server is ready and fails, saying why, when nothing answers', async () => {
    const ready = await check(new URL(running.url).port);
    assert.equal(ready.status, 0, ready.stderr);
    const nothing = String(await freePort());
    const closed = await check(nothing);
    assert.equal(closed.status, 1);
    assert.match(closed.stderr, new RegExp(`127\\.0\\.0\\.1:${nothing}/readyz: .*ECONNREFUSED`));
  });
});

describe('the server container\'s capabilities', () => {
  it('are enough for the whole sandbox: a uid per run and capped tmpfs mounts', (t) => {
    if (process.getuid?.() !== 0) return t.skip('only root can drop to a capability set');
    const caps = server.cap_add!.map((cap) => `+${cap.toLowerCase()}`).join(',');
    assert.deepEqual(server.cap_drop, ['ALL']);
    const executor = new URL('./adapters/executor/local-executor.ts', import.meta.url).href;
    const script = [
      `const { createLocalExecutor } = await import(${JSON.stringify(executor)});`,
      'const warnings = [];',
      "const executor = await createLocalExecutor({ languages: ['python'], onWarning: (message) => warnings.push(message) });",
      "const result = executor.available ? await executor.run({ language: 'python', code: 'import os\\nprint(os.getuid() >= 60001)', stdin: '' }) : null;",
      'await executor.close?.();',
      'console.log(JSON.stringify({ available: executor.available, reason: executor.unavailableReason, warnings, result }));',
    ].join('\n');
    const child = spawnSync(
      'setpriv',
      [`--bounding-set=-all,${caps}`, '--inh-caps=-all', '--', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(child.status, 0, child.stderr);
    const outcome = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    assert.equal(outcome.available, true, outcome.reason);
    assert.deepEqual(outcome.warnings.filter((message: string) => /mount|tmpfs/i.test(message)), [], 'the capped tmpfs mounts work');
    assert.equal(outcome.result.verdict, 'ok', JSON.stringify(outcome.result));
    assert.equal(outcome.result.stdout, 'True\n', 'the run had a pool uid of its own');
  });
});
