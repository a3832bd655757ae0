import { formatsFor, type IntegritySignal } from '@interview-kit/core';
import type { RoomStrings } from '../room.strings.js';

const f = formatsFor('de');
const chars = (n: number) => f.plural(n, { one: '# Zeichen', other: '# Zeichen' });

function signal(signal: IntegritySignal, name: string): string {
  switch (signal.kind) {
    case 'paste':
      return `${name} hat ${chars(signal.chars)} eingefügt${signal.fromOutside ? ' (von außerhalb des Editors)' : ' (im Editor kopiert)'}`;
    case 'large-insert':
      return `${name} hat ${chars(signal.chars)} auf einmal eingefügt`;
    case 'focus-lost':
      return `Das Fenster von ${name} war ${f.unit(Math.max(1, Math.round(signal.ms / 1000)), 'second')} nicht im Fokus`;
    case 'second-connection':
      return `${name} hat sich ein zweites Mal verbunden (anderer Tab oder anderes Gerät)`;
  }
}

/** `<interview-room>` auf Deutsch. */
export const ROOM_STRINGS_DE: RoomStrings = {
  loading: 'Interview wird geladen …',
  loadFailed: (reason) => `Das Interview konnte nicht geladen werden: ${reason}`,
  retry: 'Erneut versuchen',
  question: 'Aufgabe',
  code: 'Code',
  output: 'Ausführung',
  console: 'Konsole',
  runTabs: 'Ausgabe und Konsole',
  video: 'Video',
  feedback: 'Feedback',
  notes: 'Notizen',
  tests: 'Tests',
  guide: 'Leitfaden',
  signals: 'Signale',
  signalsCaution: 'Signale, keine Urteile: Für jedes gibt es harmlose Erklärungen. Sprechen Sie sie an, entscheiden Sie nichts allein aufgrund der Signale.',
  signalsOff: 'Diese Sitzung zeichnet keine Integritätssignale auf.',
  noSignals: 'Bisher keine Signale.',
  signal,
  integrityHeading: 'Integritätssignale',
  integrityDisclosure: [
    'Einfügungen in den Editor: wie viele Zeichen und ob sie von außerhalb des Editors stammen (der eingefügte Text selbst wird nicht aufgezeichnet).',
    'Große Texteingaben auf einmal, die keine Einfügungen sind: wie viele Zeichen.',
    'Wann dieses Fenster den Fokus verliert und für wie lange.',
    'Eine zweite Verbindung zu diesem Interview mit Ihrem Link.',
    'Die Interviewer sehen diese Signale mit Uhrzeit, und sie erscheinen im Bericht. Es sind Signale, keine Urteile: Allein aufgrund der Signale wird nichts entschieden.',
  ],
  integrityBeforeConsent: 'Dieses Interview zeichnet Folgendes auf, sobald Sie zustimmen. Vorher wird nichts aufgezeichnet.',
  integrityConsent: 'Ich habe verstanden und stimme zu',
  integrityConsented: (time) => `Sie haben um ${time} zugestimmt; diese Signale werden aufgezeichnet.`,
  questionOf: (position, total, title) => `Aufgabe ${f.number(position)} von ${f.number(total)}: ${title}`,
  chooseQuestion: 'Zur Aufgabe wechseln',
  previousQuestion: 'Zurück',
  nextQuestion: 'Weiter',
  competency: (competency) => `Kompetenz: ${competency}`,
  probes: 'Vertiefende Nachfragen',
  positiveIndicators: 'Positive Indikatoren',
  negativeIndicators: 'Negative Indikatoren',
  anchors: 'Bewertungsanker (1–4)',
  tools: 'Werkzeuge für Interviewer',
  sections: 'Bereiche des Interviews',
  presence: 'Anwesende Teilnehmer',
  roles: { interviewer: 'Interviewer', candidate: 'Kandidat', observer: 'Beobachter' },
  connection: {
    connecting: 'Verbindung wird hergestellt …',
    connected: 'Verbunden, wird synchronisiert …',
    synced: 'Verbunden',
    offline: 'Offline: Ihre Änderungen bleiben erhalten und werden synchronisiert, sobald die Verbindung wieder steht',
  },
  connectionShort: {
    connecting: 'Verbinden …',
    connected: 'Synchronisieren …',
    synced: 'Verbunden',
    offline: 'Offline',
  },
  connectionLabel: 'Verbindung',
  timerLabel: 'Zeit',
  remaining: (time, total) => `Noch ${time} von ${total}`,
  remainingShort: (time) => `Noch ${time}`,
  overtime: (time) => `${time} überzogen`,
  elapsed: (time) => `${time} vergangen`,
  ended: 'Interview beendet',
  notStarted: 'Nicht gestartet',
  endInterview: 'Interview beenden',
  endConfirm: 'Das Interview für alle beenden? Der Code ist danach schreibgeschützt.',
  cancel: 'Abbrechen',
  examples: 'Beispiele',
  example: (position) => `Beispiel ${f.number(position)}`,
  exampleInput: 'Eingabe',
  exampleExpected: 'Erwartete Ausgabe',
  noInput: 'Keine Eingabe',
  resizeQuestion: 'Größe des Aufgabenbereichs ändern',
  resizeEditor: 'Größe des Code-Editors ändern',
  endDialogTitle: 'Interview beenden?',
  lobbyHeading: 'Das Interview hat noch nicht begonnen',
  scheduledFor: (when) => `Geplant für ${when}`,
  startsWhen: {
    'first-join': 'Es beginnt, sobald jemand beitritt.',
    'all-joined': 'Es beginnt, wenn alle beigetreten sind.',
    manual: 'Der Interviewer startet es.',
  },
  whoIsHere: 'Teilnehmer',
  notHereYet: 'noch nicht da',
  youSuffix: '(Sie)',
  startInterview: 'Interview starten',
  starting: 'Wird gestartet …',
  deviceCheck: 'Kamera und Mikrofon',
  recordsHeading: 'Was dieses Interview speichert',
  records: [
    'Ihren Code, während Sie ihn schreiben, damit die Interviewer ihn nachverfolgen können',
    'Jede Ausführung Ihres Codes und ihre Ergebnisse',
    'Die Notizen und das Feedback der Interviewer, die Sie nicht sehen',
  ],
  questionHidden: 'Die Aufgabe erscheint, sobald das Interview beginnt.',
  questionPreview: 'Aufgabe (der Kandidat sieht sie zu Beginn)',
  timeWarning: (minutes) => f.plural(minutes, { one: 'Noch # Minute', other: 'Noch # Minuten' }),
  addTime: (minutes) => `${f.unit(minutes, 'minute')} hinzufügen`,
  timeAdded: (minutes) => f.plural(minutes, { one: '# Minute hinzugefügt', other: '# Minuten hinzugefügt' }),
  extraTime: (name, minutes) => `${name}: ${f.unit(minutes, 'minute')} zusätzliche Zeit`,
  extraTimeShort: (minutes) => `+${f.unit(minutes, 'minute')}`,
  joined: (name) => `${name} ist beigetreten`,
  left: (name) => `${name} hat das Interview verlassen`,
  languageChanged: (language, by) => (by ? `${by} hat die Programmiersprache auf ${language} umgestellt` : `Programmiersprache auf ${language} umgestellt`),
  started: 'Das Interview hat begonnen',
  endedHeading: 'Interview beendet – vielen Dank',
  endedBody: 'Das Interview ist vorbei. Sie können diese Seite schließen.',
  endReasons: {
    interviewer: 'Der Interviewer hat das Interview beendet.',
    host: 'Das Interview wurde vom Veranstalter beendet.',
    time: 'Die Zeit ist abgelaufen.',
    cancelled: 'Das Interview wurde abgesagt.',
  },
  cancelledHeading: 'Dieses Interview wurde abgesagt',
  cancelledBody: 'Die Links funktionieren nicht mehr. Der Veranstalter meldet sich bei Ihnen.',
  replay: 'Wiedergabe',
  dismiss: 'Schließen',
  notifications: 'Benachrichtigungen',
};
