import { formatsFor } from '@interview-kit/core';
import type { ReplayStrings } from '../replay.strings.js';

const f = formatsFor('de');

/** Die Aufzeichnung in der Wiedergabe und der Assistent, auf Deutsch. */
export const REPLAY_STRINGS_DE: ReplayStrings = {
  recording: 'Aufzeichnung',
  recordingLoading: 'Aufzeichnung wird geladen …',
  noRecording: 'Dieses Interview hat keine Aufzeichnung; die Wiedergabe zeigt den Code und seine Ausführungen.',
  recordingFailed: (reason) => `Die Aufzeichnung konnte nicht geladen werden: ${reason}`,
  videoOf: (name) => `Video von ${name}`,
  audioOnly: 'Nur Ton',
  play: 'Abspielen',
  pause: 'Pause',
  timeline: 'Position in der Wiedergabe',
  positionOf: (time, total) => `${time} von ${total}`,
  runMarks: 'Ausführungen',
  runMark: (time, passed) => `Ausführung um ${time}: ${passed ? 'bestanden' : 'fehlgeschlagen'}`,
  speechMarks: 'Gesprochenes',
  speechMark: (time, name) => `${name} spricht um ${time}`,
  captions: 'Untertitel',
  transcript: 'Transkript',
  searchTranscript: 'Transkript durchsuchen',
  searchPlaceholder: 'Gesagte Wörter …',
  matches: (count) => f.plural(count, { zero: 'Kein Treffer', one: '# Treffer', other: '# Treffer' }),
  showSegment: (time, name) => `${time} in der Wiedergabe zeigen (${name})`,
  noTranscript: 'Zu dieser Aufzeichnung gibt es kein Transkript.',
  assistant: 'Assistent',
  assistantLabel: 'Entwurf eines Modells – keine Entscheidung; Ihr Feedback ist Ihres',
  assistantLoading: 'Entwurf des Assistenten wird geladen …',
  assistantOff: 'Der Assistent ist auf diesem Server nicht eingerichtet.',
  assistantPending: 'Noch kein Entwurf: Der Assistent schreibt ihn nach dem Interview, sobald das Transkript vorliegt.',
  assistantFailed: (reason) => `Der Entwurf konnte nicht geladen werden: ${reason}`,
  assistantSummary: 'Zusammenfassung',
  suggestedRating: (rating) => `Vorgeschlagene Bewertung: ${rating} von 4`,
  evidence: 'Belege',
  showMoment: (time) => `${time} in der Wiedergabe zeigen`,
  draftBy: (model, prompt) => `Geschrieben von ${model} (Prompt ${prompt})`,
};
