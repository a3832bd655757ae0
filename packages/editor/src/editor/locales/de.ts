import { formatsFor } from '@interview-kit/core';
import type { EditorStrings } from '../editor.strings.js';

const f = formatsFor('de');

/** `<interview-editor>` auf Deutsch. */
export const EDITOR_STRINGS_DE: EditorStrings = {
  label: 'Code',
  readOnlySuffix: '(schreibgeschützt)',
  language: 'Sprache',
  plainText: 'Nur Text',
  present: 'Anwesend',
  you: '(Sie)',
  status: {
    connecting: 'Verbindung wird hergestellt …',
    connected: 'Verbunden, wird synchronisiert …',
  },
  save: {
    saving: 'Wird gespeichert …',
    saved: 'Alle Änderungen gespeichert',
    offline: 'Offline: Ihre Änderungen bleiben erhalten und werden synchronisiert, sobald die Verbindung wieder steht',
  },
  notSaved: {
    ended: 'Nicht gespeichert: Das Interview ist beendet',
    'read-only': 'Nicht gespeichert: Sie haben in dieser Sitzung nur Lesezugriff',
    quota: 'Nicht gespeichert: Das Dokument hat seine maximale Größe erreicht',
    other: (reason) => `Nicht gespeichert: ${reason}`,
  },
  endedBanner: 'Das Interview ist beendet. Der Code ist schreibgeschützt.',
  keyboardHint: 'Tab rückt ein. Drücken Sie Escape und dann Tab, um den Editor zu verlassen.',
  replay: 'Wiedergabe',
  play: 'Abspielen',
  pause: 'Pause',
  speed: 'Geschwindigkeit',
  skipIdle: 'Pausen überspringen',
  position: 'Position der Wiedergabe',
  positionOf: (position, duration) => `${position} / ${duration}`,
  speedFactor: (factor) => `${factor}×`,
  replayLoading: 'Wiedergabe wird geladen …',
  replayEmpty: 'Es wurde noch nichts geschrieben.',
  replayFailed: (reason) => `Die Wiedergabe konnte nicht geladen werden: ${reason}`,
  runs: 'Ausführungen',
  runMark: (time, outcome) => `Ausführung bei ${time}: ${outcome}`,
  latestRun: (time, name, outcome) => `Letzte Ausführung, bei ${time} von ${name}: ${outcome}`,
  noRunYet: 'Zu diesem Zeitpunkt noch keine Ausführung.',
  testsOutcome: (failed, total) => {
    if (failed === 0) return total === 1 ? 'der Test wurde bestanden' : `alle ${f.number(total)} Tests bestanden`;
    if (failed === total) return total === 1 ? 'der Test ist fehlgeschlagen' : `alle ${f.number(total)} Tests fehlgeschlagen`;
    return `${f.number(failed)} von ${f.plural(total, { one: '# Test', other: '# Tests' })} fehlgeschlagen`;
  },
  verdicts: {
    ok: 'beendet',
    compile_error: 'Kompilierfehler',
    runtime_error: 'Laufzeitfehler',
    time_limit: 'Zeitlimit überschritten',
    memory_limit: 'Speicherlimit überschritten',
    output_limit: 'Ausgabelimit überschritten',
    internal_error: 'interner Fehler',
  },
};
