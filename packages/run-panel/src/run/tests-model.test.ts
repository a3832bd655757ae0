import { expect } from '@esm-bundle/chai';
import type { SessionView, SharedRunRecord } from '@interview-kit/core';
import { runRecord } from '../../../core/src/testing/run-records.js';
import { testsStateOf } from './tests-model.js';

/** A run record of `question` whose one visible test passed or failed. */
const record = (id: string, question: number | undefined, passed: boolean): SharedRunRecord =>
  runRecord(id, { tests: [{ index: 0, passed, verdict: 'ok' }], ...(question === undefined ? {} : { question }) });

const viewAt = (index: number) =>
  ({ question: { prompt: '', language: 'python', starterCode: '', tests: [{ index: 0, stdin: 'x\n', expected: 'x\n', hidden: false }], hiddenTestCount: 0, index, slot: index } }) as Pick<
    SessionView,
    'question'
  >;

describe('testsStateOf', () => {
  it("shows each test's result from the latest run of the question in play only", () => {
    // Question 0 (a record from before sessions had several questions names none) passed; question 2 failed later.
    const records = [record('old', undefined, true), record('second', 2, false)];
    expect(testsStateOf(viewAt(0), records, () => undefined).rows[0]!.result).to.include({ outcome: 'passed', runId: 'old' });
    expect(testsStateOf(viewAt(2), records, () => undefined).rows[0]!.result).to.include({ outcome: 'failed', runId: 'second' });
    expect(testsStateOf(viewAt(1), records, () => undefined).rows[0]!.result, 'a question nobody ran yet').to.equal(undefined);
  });
});
