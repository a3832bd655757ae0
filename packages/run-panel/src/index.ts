/**
 * `<interview-run-panel>`: runs the interview's code in the server's sandbox and shows everyone
 * in the room the same output, verdict, test results and run history. Import
 * `@interview-kit/run-panel/define` to register the element.
 *
 * @module @interview-kit/run-panel
 */
export { InterviewRunPanel } from './run-panel/run-panel.component.js';
export { RUN_PANEL_STRINGS_EN, type RunPanelStrings } from './run-panel/run-panel.strings.js';
export { streamRun, type StreamRunOptions } from './run-client.js';
export { appendSharedRun, sharedRecordOf, sharedRunsOf, MAX_SHARED_RUNS, RECORD_OUTPUT_CHARS } from './shared-runs.js';
export * from './events.js';
