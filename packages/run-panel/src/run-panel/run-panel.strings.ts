import { LocaleCatalog, type RunVerdict } from '@interview-kit/core';
import { VERDICT_NAMES_EN } from '../run/verdicts.js';

/**
 * Every user-facing string of `<interview-run-panel>`. The panel shows the table of its language
 * ({@link RUN_PANEL_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface RunPanelStrings {
  run: string;
  runTests: string;
  cancel: string;
  /** Shown after the Run button's label, e.g. "Ctrl+Enter". */
  shortcut: (mac: boolean) => string;
  language: string;
  stdin: string;
  stdinPlaceholder: string;
  output: string;
  /** Heading of the standard input the run on display read. */
  runInput: string;
  /** Beside it when the record kept only its first `kib` KiB. */
  runInputCut: (kib: number) => string;
  noOutput: string;
  idle: string;
  running: (elapsed: string) => string;
  queued: string;
  verdicts: Record<RunVerdict, string>;
  exitCode: (code: number) => string;
  signal: (name: string) => string;
  time: (wallMs: number, cpuMs: number) => string;
  memory: (kb: number) => string;
  ranBy: (name: string, time: string) => string;
  truncated: string;
  compileOutput: string;
  tests: string;
  testColumn: string;
  resultColumn: string;
  detailsColumn: string;
  test: (index: number) => string;
  hiddenTest: (index: number) => string;
  testPassed: string;
  testFailed: string;
  /** The result line's first words when tests ran: how many failed, or that all passed. */
  testOutcome: (failed: number, total: number) => string;
  testInput: string;
  testExpected: string;
  testActual: string;
  hiddenSummary: (passed: number, total: number) => string;
  history: (count: number) => string;
  historyItem: (name: string, time: string, verdict: string) => string;
  observerCannotRun: string;
  sessionEnded: string;
  sessionCancelled: string;
  unavailable: (reason: string) => string;
  noSession: string;
  cancelled: string;
  busy: (seconds: number) => string;
  failed: (reason: string) => string;
  announceFinished: (verdict: string, summary: string) => string;
  announceRemote: (name: string, verdict: string) => string;
  announceStarted: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const RUN_PANEL_STRINGS_EN: RunPanelStrings = {
  run: 'Run',
  runTests: 'Run tests',
  cancel: 'Cancel',
  shortcut: (mac) => (mac ? '⌘ Enter' : 'Ctrl+Enter'),
  language: 'Language',
  stdin: 'Input (stdin)',
  stdinPlaceholder: 'Text the program reads from standard input',
  output: 'Output',
  runInput: 'Input of this run',
  runInputCut: (kib) => `(only the first ${kib} KiB are kept)`,
  noOutput: 'No output.',
  idle: 'Press Run to execute the code.',
  running: (elapsed) => `Running… ${elapsed}`,
  queued: 'Waiting for a free sandbox…',
  verdicts: VERDICT_NAMES_EN,
  exitCode: (code) => `exit code ${code}`,
  signal: (name) => `killed by ${name}`,
  time: (wallMs, cpuMs) => `${wallMs} ms (CPU ${cpuMs} ms)`,
  memory: (kb) => (kb >= 1024 ? `${(kb / 1024).toFixed(1)} MiB` : `${kb} KiB`),
  ranBy: (name, time) => `Run by ${name} at ${time}`,
  truncated: 'The output was cut: it exceeded the size that is kept.',
  compileOutput: 'Compiler output',
  tests: 'Test results',
  testColumn: 'Test',
  resultColumn: 'Result',
  detailsColumn: 'Details',
  test: (index) => `Test ${index + 1}`,
  hiddenTest: (index) => `Hidden test ${index + 1}`,
  testPassed: 'Passed',
  testFailed: 'Failed',
  testOutcome: (failed, total) =>
    failed === 0
      ? total === 1
        ? 'The test passed'
        : `All ${total} tests passed`
      : failed === total
        ? total === 1
          ? 'The test failed'
          : `All ${total} tests failed`
        : `${failed} of ${total} tests failed`,
  testInput: 'Input',
  testExpected: 'Expected',
  testActual: 'Actual',
  hiddenSummary: (passed, total) => `Hidden tests: ${passed} of ${plural(total, 'test', 'tests')} passed`,
  history: (count) => `Run history (${count})`,
  historyItem: (name, time, verdict) => `${time} · ${name} · ${verdict}`,
  observerCannotRun: 'Observers watch the runs of others and cannot run code.',
  sessionEnded: 'The session has ended; code can no longer run.',
  sessionCancelled: 'The interview was cancelled; code cannot run.',
  unavailable: (reason) => `Code cannot run on this server: ${reason}`,
  noSession: 'Not connected to an interview session.',
  cancelled: 'The run was cancelled.',
  busy: (seconds) => `The server is busy; try again in ${plural(seconds, 'second', 'seconds')}.`,
  failed: (reason) => `The run failed: ${reason}`,
  announceFinished: (verdict, summary) => `Run finished: ${verdict}. ${summary}`,
  announceRemote: (name, verdict) => `${name} ran the code: ${verdict}.`,
  announceStarted: 'Running the code.',
};

/** The run panel's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const RUN_PANEL_LOCALES = new LocaleCatalog<RunPanelStrings>(RUN_PANEL_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.RUN_PANEL_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.RUN_PANEL_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.RUN_PANEL_STRINGS_AR),
});
