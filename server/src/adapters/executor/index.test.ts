import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExecutor } from './index.js';

describe('executor creation', () => {
  it('creates the chosen executor', async () => {
    const judge0 = await createExecutor({ kind: 'judge0', judge0: { url: 'http://127.0.0.1:9' } });
    assert.equal(judge0.available, true);
    const local = await createExecutor({ kind: 'local' }, { languages: ['python'] });
    assert.equal(local.available, true, local.unavailableReason);
    assert.deepEqual((await local.languages()).map((l) => l.id), ['python']);
  });
});
