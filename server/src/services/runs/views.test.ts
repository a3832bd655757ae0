import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Question } from '@interview-kit/core/protocol';
import { clampLimits } from '../../adapters/executor/types.js';
import { outputsMatch, selectTests, viewOfRun, type StoredRun } from './index.js';

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
  it('takes all, a sorted unique list, or none', () => {
    assert.deepEqual(selectTests(question, 'all'), [0, 1, 2]);
    assert.deepEqual(selectTests(question, [2, 0, 2]), [0, 2]);
    assert.deepEqual(selectTests(question, undefined), []);
  });

  it('refuses an index the question does not have', () => {
    assert.throws(() => selectTests(question, [3]), (error: { status?: number }) => error.status === 400);
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
    const view = viewOfRun(run, false);
    assert.deepEqual(view.tests!.map((t) => t.index), [0]);
    assert.deepEqual(view.hiddenSummary, { passed: 1, total: 2 });
    assert.ok(!JSON.stringify(view).includes('40 2'));
  });

  it('gives interviewers everything', () => {
    const view = viewOfRun(run, true);
    assert.deepEqual(view.tests!.map((t) => [t.index, t.stdin]), [[0, '1 2\n'], [1, '40 2\n'], [2, '5 5\n']]);
    assert.deepEqual(view.hiddenSummary, { passed: 1, total: 2 });
  });
});
