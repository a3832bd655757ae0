import { formatsFor } from '@interview-kit/core';
import { VERDICT_NAMES_DE } from '../../run/locales/de.js';
import type { TestsStrings } from '../tests.strings.js';

const f = formatsFor('de');

/** `<interview-tests>` auf Deutsch. */
export const TESTS_STRINGS_DE: TestsStrings = {
  caption: 'Tests',
  testColumn: 'Test',
  inputColumn: 'Eingabe',
  expectedColumn: 'Erwartet',
  resultColumn: 'Letztes Ergebnis',
  timeColumn: 'Zeit',
  test: (index) => `Test ${f.number(index + 1)}`,
  hidden: 'verdeckt',
  passed: 'Bestanden',
  failed: 'Fehlgeschlagen',
  error: (verdict) => `Fehler: ${verdict}`,
  notRun: 'Noch nicht ausgeführt',
  verdicts: VERDICT_NAMES_DE,
  time: (wallMs) => f.unit(wallMs, 'millisecond'),
  ranBy: (name, time) => `Ausgeführt von ${name} um ${time}`,
  actual: 'Tatsächliche Ausgabe',
  unseenHidden: (count) => f.plural(count, { one: 'Dazu # verdeckter Test, nicht aufgeführt.', other: 'Dazu # verdeckte Tests, nicht aufgeführt.' }),
  noTests: 'Diese Aufgabe hat keine Tests.',
  noSession: 'Nicht mit einer Interview-Sitzung verbunden.',
};
