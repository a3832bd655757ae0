import { PROJECT_PATH_MAX_LENGTH, PROJECT_PATH_MAX_LEVELS, formatsFor } from '@interview-kit/core';
import { PROJECT_FILE_LIMIT } from '../project-model.js';
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
  files: {
    toggle: (count) => `Dateien (${f.number(count)})`,
    list: 'Projektdateien',
    entry: 'Startdatei',
    keyboardHint: 'Pfeiltasten wechseln die Datei, Eingabe öffnet sie, F2 benennt sie um, Entf löscht sie.',
    newFile: 'Neue Datei',
    newFileName: 'Name der neuen Datei',
    create: 'Anlegen',
    renameTo: (path) => `Neuer Name für ${path}`,
    rename: (path) => `${path} umbenennen`,
    save: 'Umbenennen',
    delete: (path) => `${path} löschen`,
    confirmDelete: (path) => `${path} für alle löschen?`,
    confirm: 'Löschen',
    cancel: 'Abbrechen',
    openBy: (names) => `Geöffnet von ${names}`,
    problems: {
      empty: 'Geben Sie der Datei einen Namen.',
      'too-long': `Ein Pfad hat höchstens ${f.number(PROJECT_PATH_MAX_LENGTH)} Zeichen.`,
      absolute: 'Ein Pfad ist relativ zum Projekt: kein „/“ am Anfang.',
      'too-deep': `Ein Pfad hat höchstens ${f.number(PROJECT_PATH_MAX_LEVELS)} Teile (etwa a/b/c/datei.py).`,
      'empty-part': 'Ein Pfad hat keine leeren Teile („//“ oder ein „/“ am Ende).',
      'bad-part': 'Erlaubt sind Buchstaben, Ziffern, „.“, „_“ und „-“; ein Name beginnt nicht mit „.“ oder „-“.',
      exists: 'Eine Datei mit diesem Namen gibt es schon.',
      clash: 'Eine Datei und ein Ordner können nicht gleich heißen.',
      limit: `Ein Projekt hat höchstens ${f.number(PROJECT_FILE_LIMIT)} Dateien.`,
      missing: 'Diese Datei gibt es nicht mehr.',
    },
    refused: (reason) => `Der Server hat die letzte Änderung an den Dateien nicht gespeichert: ${reason}`,
  },
};
