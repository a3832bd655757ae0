import type { Question, TestCase } from '@interview-kit/core/protocol';
import type { RunRequest } from '@interview-kit/core/runs';
import { badRequest } from '../../problem.js';
import { compareOutputs } from '../../scoring/compare.js';

export { normaliseOutput } from '../../scoring/compare.js';

/** Whether a program's output matches a test's expected output under the test's comparison (by default ignoring trailing whitespace). */
export function outputsMatch(actual: string, expected: string, comparison?: TestCase['compare']): boolean {
  return compareOutputs(actual, expected, comparison);
}

/** The question's tests a run executes: visible ones while its caller waits, hidden ones afterwards. */
export interface TestSelection {
  visible: number[];
  hidden: number[];
}

/**
 * The tests that `selection` names, split into visible and hidden ones. A caller who does not see
 * hidden tests (`mayNameHidden` false: candidates) runs hidden tests only all together, with
 * `"all"`; naming a hidden test's index is refused with 400, so that no single hidden test's
 * outcome can be singled out.
 */
export function selectTests(question: Question, selection: RunRequest['tests'], mayNameHidden: boolean): TestSelection {
  const indices = question.tests.map((_test, index) => index);
  const split = (chosen: number[]): TestSelection => ({
    visible: chosen.filter((index) => !question.tests[index]!.hidden),
    hidden: chosen.filter((index) => question.tests[index]!.hidden),
  });
  if (selection === undefined) return { visible: [], hidden: [] };
  if (selection === 'all') return split(indices);
  const unknown = selection.find((index) => index >= question.tests.length);
  if (unknown !== undefined) {
    throw badRequest(`the question has ${question.tests.length} test cases; there is no test ${unknown}`, [
      { path: 'tests', message: `index ${unknown} is out of range` },
    ]);
  }
  const chosen = split([...new Set(selection)].sort((a, b) => a - b));
  if (!mayNameHidden && chosen.hidden.length) {
    throw badRequest(
      `test ${chosen.hidden[0]} is hidden: hidden tests run only all together, with tests: "all", and only their count of passes is shown`,
      [{ path: 'tests', message: `index ${chosen.hidden[0]} is a hidden test` }],
    );
  }
  return chosen;
}
