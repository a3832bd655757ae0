import type { Question } from '@interview-kit/core/protocol';
import type { RunRequest } from '@interview-kit/core/runs';
import { badRequest } from '../../problem.js';

/** A sandbox rarely produces output with trailing spaces or blank lines on purpose; tests ignore them. */
export function normaliseOutput(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
}

/** Whether a program's output matches a test's expected output, ignoring trailing whitespace. */
export function outputsMatch(actual: string, expected: string): boolean {
  return normaliseOutput(actual) === normaliseOutput(expected);
}

/** The indices of the question's tests that `selection` names. */
export function selectTests(question: Question, selection: RunRequest['tests']): number[] {
  if (selection === undefined) return [];
  if (selection === 'all') return question.tests.map((_test, index) => index);
  const unknown = selection.find((index) => index >= question.tests.length);
  if (unknown !== undefined) {
    throw badRequest(`the question has ${question.tests.length} test cases; there is no test ${unknown}`, [
      { path: 'tests', message: `index ${unknown} is out of range` },
    ]);
  }
  return [...new Set(selection)].sort((a, b) => a - b);
}
