import { formatsFor } from '@interview-kit/core';
import { VERDICT_NAMES_DE } from '../../run/locales/de.js';
import type { RunPanelStrings } from '../run-panel.strings.js';

const f = formatsFor('de');
const tests = (n: number) => f.plural(n, { one: '# Test', other: '# Tests' });

/** `<interview-run-panel>` auf Deutsch. */
export const RUN_PANEL_STRINGS_DE: RunPanelStrings = {
  run: 'Ausführen',
  runTests: 'Tests ausführen',
  cancel: 'Abbrechen',
  shortcut: (mac) => (mac ? '⌘ Enter' : 'Strg+Enter'),
  language: 'Sprache',
  stdin: 'Eingabe (stdin)',
  stdinPlaceholder: 'Text, den das Programm von der Standardeingabe liest',
  output: 'Ausgabe',
  runInput: 'Eingabe dieser Ausführung',
  runInputCut: (kib) => `(nur die ersten ${f.unit(kib, 'kilobyte')} werden gespeichert)`,
  noOutput: 'Keine Ausgabe.',
  idle: 'Klicken Sie auf „Ausführen“, um den Code zu starten.',
  running: (elapsed) => `Läuft … ${elapsed}`,
  queued: 'Warten auf eine freie Sandbox …',
  verdicts: VERDICT_NAMES_DE,
  exitCode: (code) => `Exit-Code ${f.number(code, { useGrouping: false })}`,
  signal: (name) => `beendet durch ${name}`,
  time: (wallMs, cpuMs) => `${f.unit(wallMs, 'millisecond')} (CPU ${f.unit(cpuMs, 'millisecond')})`,
  memory: (kb) => (kb >= 1024 ? f.unit(kb / 1024, 'megabyte', 'short', { maximumFractionDigits: 1 }) : f.unit(kb, 'kilobyte')),
  ranBy: (name, time) => `Ausgeführt von ${name} um ${time}`,
  truncated: 'Die Ausgabe wurde gekürzt: Sie überschritt die gespeicherte Größe.',
  compileOutput: 'Compiler-Ausgabe',
  tests: 'Testergebnisse',
  testColumn: 'Test',
  resultColumn: 'Ergebnis',
  detailsColumn: 'Details',
  test: (index) => `Test ${f.number(index + 1)}`,
  hiddenTest: (index) => `Verdeckter Test ${f.number(index + 1)}`,
  testPassed: 'Bestanden',
  testFailed: 'Fehlgeschlagen',
  testOutcome: (failed, total) =>
    failed === 0
      ? total === 1
        ? 'Der Test wurde bestanden'
        : `Alle ${f.number(total)} Tests bestanden`
      : failed === total
        ? total === 1
          ? 'Der Test ist fehlgeschlagen'
          : `Alle ${f.number(total)} Tests fehlgeschlagen`
        : `${f.number(failed)} von ${tests(total)} fehlgeschlagen`,
  testInput: 'Eingabe',
  testExpected: 'Erwartet',
  testActual: 'Tatsächlich',
  hiddenSummary: (passed, total) => `Verdeckte Tests: ${f.number(passed)} von ${tests(total)} bestanden`,
  history: (count) => `Verlauf (${f.number(count)})`,
  historyItem: (name, time, verdict) => `${time} · ${name} · ${verdict}`,
  observerCannotRun: 'Beobachter verfolgen die Ausführungen der anderen und können keinen Code ausführen.',
  sessionEnded: 'Die Sitzung ist beendet; Code kann nicht mehr ausgeführt werden.',
  sessionCancelled: 'Das Interview wurde abgesagt; Code kann nicht ausgeführt werden.',
  unavailable: (reason) => `Auf diesem Server kann kein Code ausgeführt werden: ${reason}`,
  noSession: 'Nicht mit einer Interview-Sitzung verbunden.',
  cancelled: 'Die Ausführung wurde abgebrochen.',
  busy: (seconds) => `Der Server ist ausgelastet; versuchen Sie es in ${f.plural(seconds, { one: 'einer Sekunde', other: '# Sekunden' })} erneut.`,
  failed: (reason) => `Die Ausführung ist fehlgeschlagen: ${reason}`,
  announceFinished: (verdict, summary) => `Ausführung beendet: ${verdict}. ${summary}`,
  announceRemote: (name, verdict) => `${name} hat den Code ausgeführt: ${verdict}.`,
  announceStarted: 'Der Code wird ausgeführt.',
};
