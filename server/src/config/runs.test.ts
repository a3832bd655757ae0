import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executorSettingsFromEnv, runSettingsFromEnv } from './runs.js';

describe('executor selection from the environment', () => {
  it('uses the local sandbox by default', () => {
    assert.deepEqual(executorSettingsFromEnv({}), { kind: 'local' });
    assert.deepEqual(executorSettingsFromEnv({ EXECUTOR: 'local' }), { kind: 'local' });
  });

  it('selects Judge0 with its URL and optional auth token', () => {
    assert.deepEqual(executorSettingsFromEnv({ EXECUTOR: 'judge0', JUDGE0_URL: 'http://judge0:2358' }), {
      kind: 'judge0',
      judge0: { url: 'http://judge0:2358' },
    });
    assert.deepEqual(
      executorSettingsFromEnv({ EXECUTOR: 'judge0', JUDGE0_URL: 'https://judge0.internal', JUDGE0_AUTH_TOKEN: 'token' }),
      { kind: 'judge0', judge0: { url: 'https://judge0.internal', authToken: 'token' } },
    );
  });

  it('takes the artefact cache bounds and the prebuilt switch from SANDBOX_ARTEFACT_CACHE_TTL_S, _MB and SANDBOX_PREBUILT', () => {
    assert.deepEqual(executorSettingsFromEnv({ SANDBOX_ARTEFACT_CACHE_TTL_S: '60' }), {
      kind: 'local',
      local: { artefactCache: { ttlMs: 60_000, maxBytes: 64 * 1024 * 1024 } },
    });
    assert.deepEqual(executorSettingsFromEnv({ SANDBOX_ARTEFACT_CACHE_MB: '0', SANDBOX_PREBUILT: 'off' }), {
      kind: 'local',
      local: { artefactCache: { ttlMs: 600_000, maxBytes: 0 }, prebuilt: false },
    });
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_ARTEFACT_CACHE_TTL_S: '-1' }), /SANDBOX_ARTEFACT_CACHE_TTL_S/);
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_PREBUILT: 'maybe' }), /SANDBOX_PREBUILT: expected "on" or "off"/);
  });

  it('turns warm sandboxes off with RUN_WARM_POOL=0, and sizes them by RUN_CONCURRENCY', () => {
    assert.deepEqual(executorSettingsFromEnv({ RUN_WARM_POOL: '0' }), { kind: 'local', local: { warmPool: false } });
    assert.deepEqual(executorSettingsFromEnv({ RUN_WARM_POOL: '1' }), { kind: 'local' });
    assert.deepEqual(runSettingsFromEnv({ RUN_CONCURRENCY: '3' }).executor, { kind: 'local', local: { warmPool: { maxPerKind: 3 } } });
    assert.deepEqual(runSettingsFromEnv({ RUN_CONCURRENCY: '3', RUN_WARM_POOL: '0' }).executor, { kind: 'local', local: { warmPool: false } });
    assert.throws(() => executorSettingsFromEnv({ RUN_WARM_POOL: 'maybe' }), /^ConfigError: RUN_WARM_POOL:/);
  });

  it('takes the inode cap of the sandbox /tmp from SANDBOX_TMP_INODES', () => {
    assert.deepEqual(executorSettingsFromEnv({ SANDBOX_TMP_INODES: '4096' }), { kind: 'local', local: { tmpInodes: 4096 } });
    assert.deepEqual(executorSettingsFromEnv({ SANDBOX_TMP_INODES: '' }), { kind: 'local' });
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_TMP_INODES: 'many' }), /SANDBOX_TMP_INODES: expected a whole number/);
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_TMP_INODES: '10' }), /SANDBOX_TMP_INODES: must be between 256 and/);
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_TMP_INODES: '2000000' }), /SANDBOX_TMP_INODES: must be between/);
  });

  it('names the variable that is wrong', () => {
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'docker' }), /^ConfigError: EXECUTOR:/);
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'judge0' }), /^ConfigError: JUDGE0_URL: required/);
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'judge0', JUDGE0_URL: 'ftp://x' }), /^ConfigError: JUDGE0_URL:/);
  });
});

describe('run request budget from the environment', () => {
  it('defaults to 30 s and takes a whole number of milliseconds', () => {
    assert.equal(runSettingsFromEnv({}).requestBudgetMs, 30_000);
    assert.equal(runSettingsFromEnv({ RUN_REQUEST_BUDGET_MS: '5000' }).requestBudgetMs, 5_000);
  });

  it('names RUN_REQUEST_BUDGET_MS when it is not a whole number from 1000 to 600000', () => {
    for (const value of ['soon', '-1', '999', '600001', '2.5']) {
      assert.throws(() => runSettingsFromEnv({ RUN_REQUEST_BUDGET_MS: value }), /^ConfigError: RUN_REQUEST_BUDGET_MS:/, value);
    }
  });
});
