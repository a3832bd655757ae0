import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executorSettingsFromEnv } from './runs.js';

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

  it('names the variable that is wrong', () => {
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'docker' }), /^ConfigError: EXECUTOR:/);
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'judge0' }), /^ConfigError: JUDGE0_URL: required/);
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'judge0', JUDGE0_URL: 'ftp://x' }), /^ConfigError: JUDGE0_URL:/);
  });

});
