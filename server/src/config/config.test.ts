import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, loadConfig } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'ik-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('embedded defaults: loopback, port 8080, SQLite, a generated secret kept in the data dir', () => {
  const config = loadConfig({ DATA_DIR: join(dir, 'a') });
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.livekit, undefined);
  assert.deepEqual(config.corsOrigins, []);
  assert.deepEqual(config.collabQuotas, { docMaxBytes: 2 * 1024 * 1024, docMaxFiles: 20, bytesPerSecond: 128 * 1024, burstBytes: 2 * 1024 * 1024, awarenessMaxBytes: 4096, boardMaxShapes: 2000, boardMaxPoints: 5000 });
  const secretFile = join(dir, 'a', 'jwt-secret');
  assert.equal(statSync(secretFile).mode & 0o777, 0o600);
  assert.ok(readFileSync(secretFile, 'utf8').length >= 32);
  assert.deepEqual(loadConfig({ DATA_DIR: join(dir, 'a') }).jwtSecret, config.jwtSecret, 'the same secret on the next start');
  assert.equal(config.scaleOut.redisUrl, undefined, 'one instance, nothing shared');
  assert.equal(config.scaleOut.drainTimeoutMs, 20_000);
  assert.equal(config.scaleOut.drainNoticeMs, 1_000);
});

for (const [variable, value, message] of [
  ['PORT', 'eighty', /whole number/],
  ['PORT', '70000', /between/],
  ['DATABASE_URL', 'mysql://x', /postgres/],
  ['DATABASE_URL', 'not a url', /valid URL/],
  ['JWT_SECRET', 'short', /32/],
  ['CORS_ORIGINS', '*', /wildcard/],
  ['CORS_ORIGINS', 'https://a.example/path', /bare origin/],
  ['LIVEKIT_URL', 'wss://lk.example', /together/],
  ['LOG_LEVEL', 'loud', /one of/],
  ['BOOTSTRAP_API_KEY', 'short', /24/],
  ['RUN_QUEUE_SIZE', 'many', /whole number/],
  ['RUN_CONCURRENCY', '0', /between/],
  ['EXECUTOR', 'docker', /"local" or "judge0"/],
  ['ICE_SERVERS', '{"urls":"stun:x"}', /JSON array/],
  ['TRUST_PROXY', 'yes', /number of hops/],
  ['REDIS_URL', 'http://redis:6379', /redis: or rediss:/],
  ['INSTANCE_ID', 'a b', /letters, digits/],
  ['DRAIN_TIMEOUT_MS', 'soon', /whole number/],
  ['TRUST_PROXY', '10.0.0.0/40', /CIDR/],
  ['WS_MAX_PER_IP', '0', /between/],
  ['WS_MAX_CONNECTIONS', '99999999', /open-file limit/],
  ['WS_AUTH_TIMEOUT_MS', 'soon', /whole number/],
  ['DOC_MAX_BYTES', '1000', /between/],
  ['COLLAB_BYTES_PER_SECOND', 'fast', /whole number/],
  ['COLLAB_BYTES_BURST', '65536', /between 1048576/],
  ['AWARENESS_MAX_BYTES', '1048576', /between/],
] as const) {
  test(`invalid ${variable}=${value} fails fast naming the variable`, () => {
    assert.throws(
      () => loadConfig({ DATA_DIR: join(dir, 'b'), [variable]: value }),
      (error: unknown) => error instanceof ConfigError && error.message.startsWith(variable === 'LIVEKIT_URL' ? 'LIVEKIT_API_KEY' : variable) && message.test(error.message),
    );
  });
}

for (const [variable, value, message] of [
  ['PORT', 'abc', /PORT: expected a whole number/],
  ['RUN_QUEUE_SIZE', 'many', /RUN_QUEUE_SIZE: expected a whole number/],
  ['WS_MAX_CONNECTIONS', '99999999', /WS_MAX_CONNECTIONS: .*ulimit -n/],
  ['RUN_REQUEST_BUDGET_MS', '500', /RUN_REQUEST_BUDGET_MS: must be between 1000 and 600000/],
  ['DOC_MAX_BYTES', '2MiB', /DOC_MAX_BYTES: expected a whole number/],
] as const) {
  test(`the server refuses to start with ${variable}=${value}, naming the variable (exit 78)`, async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['--conditions=interview-kit-source', '--import', 'tsx', join(import.meta.dirname, '..', 'index.ts')], {
      env: { ...process.env, DATA_DIR: join(dir, 'c'), [variable]: value },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 78, result.stderr);
    assert.match(result.stderr, /^Invalid configuration: /);
    assert.match(result.stderr, message);
  });
}
