import { LocaleCatalog, type RunVerdict } from '@interview-kit/core';
import { VERDICT_NAMES_EN } from '../run/verdicts.js';

/**
 * Every user-facing string of `<interview-tests>`. The element shows the table of its language
 * ({@link TESTS_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface TestsStrings {
  /** The table's caption. */
  caption: string;
  testColumn: string;
  inputColumn: string;
  expectedColumn: string;
  resultColumn: string;
  timeColumn: string;
  test: (index: number) => string;
  /** The mark of a hidden test (shown to interviewers only). */
  hidden: string;
  passed: string;
  failed: string;
  /** A test whose program did not finish well: the verdict says how. */
  error: (verdict: string) => string;
  notRun: string;
  verdicts: Record<RunVerdict, string>;
  time: (wallMs: number) => string;
  /** Who ran the latest run of a test, and when. */
  ranBy: (name: string, time: string) => string;
  /** The disclosure with a failed test's actual output. */
  actual: string;
  /** Under the table for candidates and observers: hidden tests exist but are not listed. */
  unseenHidden: (count: number) => string;
  noTests: string;
  noSession: string;
}

export const TESTS_STRINGS_EN: TestsStrings = {
  caption: 'Tests',
  testColumn: 'Test',
  inputColumn: 'Input',
  expectedColumn: 'Expected',
  resultColumn: 'Latest result',
  timeColumn: 'Time',
  test: (index) => `Test ${index + 1}`,
  hidden: 'hidden',
  passed: 'Passed',
  failed: 'Failed',
  error: (verdict) => `Error: ${verdict}`,
  notRun: 'Not run yet',
  verdicts: VERDICT_NAMES_EN,
  time: (wallMs) => `${wallMs} ms`,
  ranBy: (name, time) => `Run by ${name} at ${time}`,
  actual: 'Actual output',
  unseenHidden: (count) => `And ${count} hidden ${count === 1 ? 'test' : 'tests'}, not listed.`,
  noTests: 'This question has no tests.',
  noSession: 'Not connected to an interview session.',
};

/** The tests table's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const TESTS_LOCALES = new LocaleCatalog<TestsStrings>(TESTS_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.TESTS_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.TESTS_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.TESTS_STRINGS_AR),
});
