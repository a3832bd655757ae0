import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExecutor, executorSettingsFromEnv } from './index.js';

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

  it('takes the inode cap of the sandbox /tmp from SANDBOX_TMP_INODES', () => {
    assert.deepEqual(executorSettingsFromEnv({ SANDBOX_TMP_INODES: '4096' }), { kind: 'local', local: { tmpInodes: 4096 } });
    assert.deepEqual(executorSettingsFromEnv({ SANDBOX_TMP_INODES: '' }), { kind: 'local' });
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_TMP_INODES: 'many' }), /SANDBOX_TMP_INODES: expected a whole number/);
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_TMP_INODES: '10' }), /SANDBOX_TMP_INODES: must be between 256 and/);
    assert.throws(() => executorSettingsFromEnv({ SANDBOX_TMP_INODES: '2000000' }), /SANDBOX_TMP_INODES: must be between/);
  });

  it('names the variable that is wrong', () => {
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'docker' }), /^Error: EXECUTOR:/);
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'judge0' }), /^Error: JUDGE0_URL: required/);
    assert.throws(() => executorSettingsFromEnv({ EXECUTOR: 'judge0', JUDGE0_URL: 'ftp://x' }), /^Error: JUDGE0_URL:/);
  });

  it('creates the chosen executor', async () => {
    const judge0 = await createExecutor({ kind: 'judge0', judge0: { url: 'http://127.0.0.1:9' } });
    assert.equal(judge0.available, true);
    const local = await createExecutor({ kind: 'local', local: { languages: ['python'] } });
    assert.equal(local.available, true, local.unavailableReason);
    assert.deepEqual((await local.languages()).map((l) => l.id), ['python']);
  });
});
