import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Question } from '@interview-kit/core/protocol';
import { clampLimits } from '../../adapters/executor/types.js';
import { INTERRUPTED_AFTER_MS, outputsMatch, selectTests, viewOfRun, type StoredRun } from './index.js';

const question: Question = {
  prompt: 'Sum',
  language: 'python',
  starterCode: '',
  tests: [
    { stdin: '1 2\n', expected: '3\n', hidden: false },
    { stdin: '40 2\n', expected: '42\n', hidden: true },
    { stdin: '5 5\n', expected: '10\n', hidden: true },
  ],
};

describe('test output comparison', () => {
  it('ignores trailing whitespace, trailing blank lines and line endings', () => {
    assert.ok(outputsMatch('3   \n\n\n', '3'));
    assert.ok(outputsMatch('a\r\nb\t\n', 'a\nb\n'));
    assert.ok(outputsMatch('', '\n'));
  });

  it('still tells different output apart', () => {
    assert.ok(!outputsMatch(' 3\n', '3\n'), 'leading whitespace counts');
    assert.ok(!outputsMatch('a\n\nb', 'a\nb'), 'blank lines inside count');
    assert.ok(!outputsMatch('30', '3'));
  });
});

describe('test selection', () => {
  it('takes all, a sorted unique list, or none, split into visible and hidden tests', () => {
    assert.deepEqual(selectTests(question, 'all', false), { visible: [0], hidden: [1, 2] });
    assert.deepEqual(selectTests(question, [2, 0, 2], true), { visible: [0], hidden: [2] });
    assert.deepEqual(selectTests(question, undefined, false), { visible: [], hidden: [] });
  });

  it('refuses an index the question does not have', () => {
    assert.throws(() => selectTests(question, [3], true), (error: { status?: number }) => error.status === 400);
  });

  it('refuses a hidden test named by index to a caller who does not see hidden tests', () => {
    for (const tests of [[1], [0, 2]]) {
      assert.throws(
        () => selectTests(question, tests, false),
        (error: { status?: number; message: string }) => error.status === 400 && /hidden/.test(error.message),
      );
    }
    assert.deepEqual(selectTests(question, [0], false), { visible: [0], hidden: [] });
  });
});

describe('run views', () => {
  const test = (index: number, passed: boolean) => ({
    index,
    hidden: question.tests[index]!.hidden,
    passed,
    verdict: 'ok' as const,
    stdin: question.tests[index]!.stdin,
    expected: question.tests[index]!.expected,
    stdout: passed ? question.tests[index]!.expected : 'nope\n',
    stderr: '',
    exitCode: 0,
    cpuMs: 1,
    wallMs: 2,
  });
  const run: StoredRun = {
    id: 'r1',
    sessionId: 's1',
    participantId: 'cam',
    language: 'python',
    stdin: '7\n',
    createdAt: new Date(0).toISOString(),
    result: {
      verdict: 'ok',
      stdout: '',
      stderr: '',
      exitCode: 0,
      signal: null,
      cpuMs: 1,
      wallMs: 2,
      memoryKb: 3,
      truncated: false,
      limits: clampLimits(),
      tests: [test(0, true), test(1, true), test(2, false)],
    },
  };

  it('gives candidates visible tests and a count of hidden ones', () => {
    const view = viewOfRun(run, false, 0);
    assert.deepEqual(view.tests!.map((t) => t.index), [0]);
    assert.deepEqual(view.hiddenSummary, { passed: 1, total: 2 });
    assert.ok(!JSON.stringify(view).includes('40 2'));
  });

  it('gives interviewers everything', () => {
    const view = viewOfRun(run, true, 0);
    assert.deepEqual(view.tests!.map((t) => [t.index, t.stdin]), [[0, '1 2\n'], [1, '40 2\n'], [2, '5 5\n']]);
    assert.deepEqual(view.hiddenSummary, { passed: 1, total: 2 });
  });

  describe('with hidden tests run after the answer', () => {
    const revealAt = 60_000;
    const state = (status: 'pending' | 'done') => ({ status, total: 2, revealAt: new Date(revealAt).toISOString(), indices: [1, 2] });
    const pending: StoredRun = { ...run, result: { ...run.result, tests: [test(0, true)], hidden: state('pending') } };
    const done: StoredRun = { ...run, result: { ...run.result, hidden: state('done') } };

    it('shows candidates pending, without a count, until the reveal time even when the tests are done', () => {
      for (const stored of [pending, done]) {
        const view = viewOfRun(stored, false, revealAt - 1);
        assert.equal(view.hiddenTests!.status, 'pending');
        assert.equal(view.hiddenSummary, undefined);
        assert.deepEqual(view.tests!.map((t) => t.index), [0]);
      }
      assert.equal(JSON.stringify(viewOfRun(pending, false, revealAt - 1)), JSON.stringify(viewOfRun(done, false, revealAt - 1)));
    });

    it('shows candidates the count from the reveal time on', () => {
      const view = viewOfRun(done, false, revealAt);
      assert.equal(view.hiddenTests!.status, 'done');
      assert.deepEqual(view.hiddenSummary, { passed: 1, total: 2 });
      assert.ok(!JSON.stringify(view).includes('40 2'));
      assert.equal(viewOfRun(pending, false, revealAt + 1).hiddenTests!.status, 'pending', 'nothing to reveal yet');
    });

    it('counts hidden tests interrupted by a server stop as not run, once well past the reveal time', () => {
      const later = revealAt + INTERRUPTED_AFTER_MS;
      assert.equal(viewOfRun(pending, false, later - 1).hiddenTests!.status, 'pending');
      const forCandidate = viewOfRun(pending, false, later);
      assert.equal(forCandidate.hiddenTests!.status, 'done');
      assert.deepEqual(forCandidate.hiddenSummary, { passed: 0, total: 2 });
      assert.ok(!('indices' in forCandidate.hiddenTests!), 'which tests are hidden stays on the server');
      const forInterviewer = viewOfRun(pending, true, later);
      assert.deepEqual(forInterviewer.tests!.map((t) => [t.index, t.notRun ?? false, t.passed]), [[0, false, true], [1, true, false], [2, true, false]]);
    });

    it('shows interviewers the hidden tests as soon as they are done', () => {
      assert.equal(viewOfRun(pending, true, 0).hiddenTests!.status, 'pending');
      const view = viewOfRun(done, true, 0);
      assert.equal(view.hiddenTests!.status, 'done');
      assert.deepEqual(view.tests!.map((t) => t.index), [0, 1, 2]);
      assert.deepEqual(view.hiddenSummary, { passed: 1, total: 2 });
    });
  });
});
