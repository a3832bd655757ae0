import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from '../config/env.js';
import { defaultMaxConnections, openFileSoftLimit, socketSettingsFromEnv } from '../config/sockets.js';
import { ConnectionLimits } from './connection-limits.js';

describe('ConnectionLimits', () => {
  test('admits up to the per-address cap, then refuses that address but not others', () => {
    const limits = new ConnectionLimits({ maxPerAddress: 2, maxConnections: 10 });
    assert.ok(limits.admit('10.0.0.1').admitted);
    assert.ok(limits.admit('10.0.0.1').admitted);
    const third = limits.admit('10.0.0.1');
    assert.equal(third.admitted, false);
    assert.equal(!third.admitted && third.limit, 'per-address');
    assert.ok(limits.admit('10.0.0.2').admitted);
    assert.equal(limits.total, 3);
  });

  test('refuses everyone at the total cap, and admits again once a connection is released', () => {
    const limits = new ConnectionLimits({ maxPerAddress: 5, maxConnections: 2 });
    const first = limits.admit('a');
    assert.ok(limits.admit('b').admitted);
    const refused = limits.admit('c');
    assert.equal(!refused.admitted && refused.limit, 'total');
    assert.ok(first.admitted);
    first.release();
    first.release(); // releasing twice frees one slot, not two
    assert.equal(limits.total, 1);
    assert.equal(limits.openFrom('a'), 0);
    assert.ok(limits.admit('c').admitted);
    assert.equal(limits.admit('d').admitted, false);
  });
});

describe('socket settings', () => {
  test('the default total leaves a quarter of the open-file limit (at least 256) free', () => {
    assert.equal(defaultMaxConnections(1024), 768);
    assert.equal(defaultMaxConnections(20_000), 15_000);
    assert.equal(defaultMaxConnections(300), 44);
    const settings = socketSettingsFromEnv({}, 1024);
    assert.deepEqual(settings, { maxConnections: 768, maxPerAddress: 64, authTimeoutMs: 5000 });
  });

  test('a total above what the open-file limit allows is a configuration error naming the variable', () => {
    assert.throws(
      () => socketSettingsFromEnv({ WS_MAX_CONNECTIONS: '900' }, 1024),
      (error: unknown) => error instanceof ConfigError && error.variable === 'WS_MAX_CONNECTIONS' && /ulimit -n 1024/.test(error.message),
    );
    assert.equal(socketSettingsFromEnv({ WS_MAX_CONNECTIONS: '768' }, 1024).maxConnections, 768);
  });

  test('invalid values name their variable', () => {
    for (const [name, value] of [['WS_MAX_PER_IP', '0'], ['WS_MAX_PER_IP', 'many'], ['WS_AUTH_TIMEOUT_MS', '-5'], ['WS_MAX_CONNECTIONS', 'x']]) {
      assert.throws(() => socketSettingsFromEnv({ [name!]: value }, 4096), (e: unknown) => e instanceof ConfigError && e.variable === name);
    }
    // The per-address cap cannot exceed the total.
    assert.throws(() => socketSettingsFromEnv({ WS_MAX_CONNECTIONS: '10', WS_MAX_PER_IP: '11' }, 4096), /WS_MAX_PER_IP/);
  });

  test('reads the soft limit of open files from /proc/self/limits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ik-limits-'));
    const file = join(dir, 'limits');
    writeFileSync(file, 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            4096                 524288               files\n');
    assert.equal(openFileSoftLimit(file), 4096);
    assert.equal(openFileSoftLimit(join(dir, 'missing')), 1024);
    assert.ok(openFileSoftLimit() > 0);
  });
});
