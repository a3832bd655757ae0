// A full disk and read-only storage, for real: the data directory on a small tmpfs that the test
// fills and frees (mounting needs root; otherwise the tests are skipped with the reason).
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { documentName } from './collab/documents.js';
import { connectProvider, until } from './testing/collab.js';
import { TRY_AGAIN_LATER } from './collab/load-failure.js';
import { loadConfig } from './config/index.js';
import { startServer, type RunningServer } from './server.js';
import pg from 'pg';
import { call, problemOf, sampleSession, startTestServer, usingPostgres } from './testing/harness.js';

const API_KEY = 'ik_disk_full_test_key_0123456789';
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A tmpfs of `size` mounted on a fresh directory, or why it cannot be. */
function mountTmpfs(options: string): { dir: string; unmount(): void } | string {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = mkdtempSync(join(tmpdir(), 'ik-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) return `mount -t tmpfs failed: ${mounted.stderr.trim()}`;
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes into `file` until the file system refuses with ENOSPC; returns how much it took. */
function fill(file: string): number {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const chunk of [1 << 20, 1 << 16, 1 << 12, 1]) {
      const buffer = Buffer.alloc(chunk, 7);
      for (;;) {
        try {
          written += writeSync(fd, buffer);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

const startOn = (dataDir: string) =>
  startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', BOOTSTRAP_API_KEY: API_KEY }));

/** Runs the server's entry point with `env` until it exits (it must, here); its exit code and output. */
function runServerProcess(env: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--conditions=interview-kit-source', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    timeout: 30_000,
  });
}

const createSession = (server: RunningServer) => call(server.url, 'POST', '/v1/sessions', { auth: API_KEY, body: sampleSession() });

describe('a full disk', () => {
  const disk = mountTmpfs('size=24m');
  const skip = typeof disk === 'string' ? disk : false;
  let server: RunningServer;
  before(async () => {
    if (typeof disk !== 'string') server = await startOn(join(disk.dir, 'data'));
  });
  after(async () => {
    await server?.close();
    if (typeof disk !== 'string') disk.unmount();
  });

  test('answers 503 problem+json and not-ready, refuses documents with a reason, and recovers once freed with nothing acknowledged lost', { skip }, async (t) => {
    if (typeof disk === 'string') return;
    const dataDir = join(disk.dir, 'data');
    const acknowledged: string[] = [];
    const before = await createSession(server);
    assert.equal(before.status, 201);
    acknowledged.push(before.body.id);
    const unloaded = await createSession(server); // its shared document has never been loaded
    acknowledged.push(unloaded.body.id);
    const candidateToken = unloaded.body.participants.find((p: { role: string }) => p.role === 'candidate').token;

    const filler = join(disk.dir, 'filler');
    assert.ok(fill(filler) > 0);

    // Writes fail; SQLite may still fit a few into pages it already has, so try until one fails.
    let refused;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await createSession(server);
      if (res.status === 201) acknowledged.push(res.body.id);
      else refused = res;
    }
    assert.ok(refused, 'session creation fails on a full disk');
    const problem = problemOf(refused, 503, 'POST /v1/sessions on a full disk');
    assert.match(problem.detail, /storage is full/);
    assert.doesNotMatch(problem.detail, /rollback/);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);

    let ready = await call(server.url, 'GET', '/readyz');
    const notReadyBy = Date.now() + 5_000;
    while (ready.status === 200 && Date.now() < notReadyBy) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = await call(server.url, 'GET', '/readyz');
    }
    assert.match(problemOf(ready, 503, '/readyz on a full disk').detail, /cannot take writes/);
    assert.equal((await call(server.url, 'GET', '/healthz')).status, 200, 'the process is alive all the same');

    // A document that cannot be loaded (its starter code cannot be stored): the client is told why.
    const wsUrl = server.url.replace(/^http/, 'ws');
    const client = connectProvider(wsUrl, documentName(unloaded.body.id, 'shared'), candidateToken);
    t.after(() => client.provider.destroy());
    const closes: { code: number; reason: string }[] = [];
    const refusals: string[] = [];
    client.provider.on('close', ({ event }: { event: { code: number; reason: string } }) => closes.push({ code: event.code, reason: event.reason }));
    client.provider.on('authenticationFailed', ({ reason }: { reason: string }) => refusals.push(reason));
    await until(() => closes.length > 0, 'the socket to be closed');
    assert.match(refusals[0] ?? '', /storage is full/, 'the document is refused with the reason');
    assert.equal(closes[0]!.code, TRY_AGAIN_LATER);
    assert.match(closes[0]!.reason, /storage is full/);

    // Free the disk: ready again, writes work, the same client loads its document on reconnecting.
    rmSync(filler);
    const readyBy = Date.now() + 5_000;
    do {
      ready = await call(server.url, 'GET', '/readyz');
      if (ready.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < readyBy);
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    const afterwards = await createSession(server);
    assert.equal(afterwards.status, 201, JSON.stringify(afterwards.body));
    acknowledged.push(afterwards.body.id);
    await until(() => client.text.toString() === sampleSession().question.starterCode, 'the document to load after the disk was freed', 15_000);
    client.provider.destroy();

    // Nothing acknowledged is lost, across a restart too.
    await server.close();
    server = await startOn(dataDir);
    for (const id of acknowledged) {
      assert.equal((await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: API_KEY })).status, 200, `session ${id}`);
    }
  });
});

describe('read-only storage at start', () => {
  const disk = mountTmpfs('size=1m,ro');
  const skip = typeof disk === 'string' ? disk : false;
  after(() => {
    if (typeof disk !== 'string') disk.unmount();
  });

  test('an unwritable DATA_DIR stops the server with exit code 78 naming the path', { skip }, () => {
    if (typeof disk === 'string') return;
    for (const env of [{}, { JWT_SECRET: 'x'.repeat(40) }] as Record<string, string>[]) {
      const child = runServerProcess({ DATA_DIR: disk.dir, ...env });
      assert.equal(child.status, 78, child.stderr);
      assert.match(child.stderr, /DATA_DIR/);
      assert.ok(child.stderr.includes(disk.dir), `names ${disk.dir}: ${child.stderr}`);
    }
  });
});

describe('a database that cannot be written at start', () => {
  const disk = mountTmpfs('size=1m');
  const skip = typeof disk === 'string' ? disk : false;
  after(() => {
    if (typeof disk !== 'string') disk.unmount();
  });

  test('stops the server with exit code 78 naming the database file', { skip }, () => {
    if (typeof disk === 'string') return;
    const dataDir = join(disk.dir, 'data');
    mkdirSync(dataDir);
    fill(join(disk.dir, 'filler'));
    const child = runServerProcess({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) });
    assert.equal(child.status, 78, child.stderr);
    assert.ok(child.stderr.includes(join(dataDir, 'interview-kit.sqlite')), child.stderr);
  });
});

describe('read-only PostgreSQL', () => {
  const skip = usingPostgres() ? false : 'needs TEST_DATABASE_URL';

  test('answers 503 problem+json and not-ready while the database refuses writes, and recovers', { skip }, async (t) => {
    const server = await startTestServer();
    t.after(() => server.dispose());
    const url = new URL(server.config.databaseUrl!);
    const name = url.pathname.slice(1);
    /** Sets the database read-only (or not) and ends the server's connections so that new ones see it. */
    const readOnly = async (on: boolean) => {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      } finally {
        await admin.end();
      }
    };
    const created = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession() });
    assert.equal(created.status, 201);

    await readOnly(true);
    let refused = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession() });
    // The first query may meet a connection that was just terminated; the next one is read-only.
    if (refused.status === 500) refused = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession() });
    assert.match(problemOf(refused, 503, 'POST /v1/sessions on a read-only database').detail, /read-only/);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    assert.match(problemOf(await call(server.url, 'GET', '/readyz'), 503, '/readyz').detail, /cannot take writes/);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${created.body.id}`, { auth: server.apiKey })).status, 200, 'reads still work');

    await readOnly(false);
    let again = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession() });
    if (again.status === 500) again = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession() });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    assert.equal((await call(server.url, 'GET', '/readyz')).status, 200);
  });
});
