/**
 * `<interview-run-panel>`: runs the interview's code in the server's sandbox and shows everyone
 * in the room the same output, verdict, test results and run history; and the framework-free
 * {@link RunModel} behind it. Import `@interview-kit/run-panel/define` to register the element.
 *
 * @module @interview-kit/run-panel
 */
export { InterviewRunPanel } from './run-panel/run-panel.component.js';
export { RUN_PANEL_STRINGS_EN, type RunPanelStrings } from './run-panel/run-panel.strings.js';
export { RunModel, type RunInputs } from './run/run-model.js';
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
