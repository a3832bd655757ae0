import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SHARED_RUNS, type SharedRunRecord } from '@interview-kit/core/runs';
import * as Y from 'yjs';
import { recordUpdate } from './run-records.js';

const record = (id: string) => ({ id, by: { id: 'cam', name: 'Cam', role: 'candidate' }, verdict: 'ok' }) as unknown as SharedRunRecord;

test('the document keeps the last 100 run records, oldest dropped, one per run id', () => {
  const history: Uint8Array[] = [];
  const ids = () => {
    const doc = new Y.Doc();
    for (const update of history) Y.applyUpdate(doc, update);
    return doc.getArray<SharedRunRecord>('runs').toArray().map((r) => r.id);
  };
  for (let i = 1; i <= MAX_SHARED_RUNS + 5; i++) history.push(recordUpdate(history, record(`run-${i}`))!);
  assert.equal(ids().length, MAX_SHARED_RUNS);
  assert.equal(ids()[0], 'run-6');
  assert.equal(ids().at(-1), `run-${MAX_SHARED_RUNS + 5}`);
  assert.equal(recordUpdate(history, record('run-50')), undefined, 'a run already recorded is not recorded twice');
});
