/**
 * `<interview-run-panel>`: runs the interview's code in the server's sandbox and shows everyone
 * in the room the same input, output, verdict, test results and run history; `<interview-tests>`:
 * the question's tests with their latest results; `<interview-console>`: a shared interactive
 * terminal (program or REPL) over the session's console; and the framework-free models behind them
 * ({@link RunModel}, {@link TestsModel}, {@link RunDetails}). Import
 * `@interview-kit/run-panel/define` to register the elements.
 *
 * @module @interview-kit/run-panel
 */
export { InterviewRunPanel } from './run-panel/run-panel.component.js';
export { RUN_PANEL_LOCALES, RUN_PANEL_STRINGS_EN, type RunPanelStrings } from './run-panel/run-panel.strings.js';
export { InterviewTests } from './tests/tests.component.js';
export { InterviewConsole } from './console/console.component.js';
export { CONSOLE_LOCALES, CONSOLE_STRINGS_EN, type ConsoleStrings } from './console/console.strings.js';
export { LineEditor, type LineAction } from './console/line-editor.js';
export { TESTS_LOCALES, TESTS_STRINGS_EN, type TestsStrings } from './tests/tests.strings.js';
export { RunModel, type FollowOptions, type RunInputs } from './run/run-model.js';
export { RunDetails } from './run/run-details.js';
export {
  INITIAL_TESTS_STATE,
  TestsModel,
  testsStateOf,
  type TestOutcome,
  type TestResult,
  type TestRow,
  type TestsState,
} from './run/tests-model.js';
export { TOUCH_QUERY, TouchController } from './touch-controller.js';
export {
  INITIAL_RUN_STATE,
  type ConsoleChunk,
  type RunBlock,
  type RunFailure,
  type RunPhase,
  type RunState,
  type ShownRun,
  type ShownTest,
} from './run/state.js';
export * from './events.js';
