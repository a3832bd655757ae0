import { formatsFor } from '@interview-kit/core';
import type { FeedbackStrings } from '../feedback.strings.js';

const f = formatsFor('de');

/** `<interview-feedback>` auf Deutsch. */
export const FEEDBACK_STRINGS_DE: FeedbackStrings = {
  heading: 'Feedback zum Interview',
  loading: 'Feedback-Formular wird geladen …',
  loadFailed: (reason) => `Das Feedback-Formular konnte nicht geladen werden: ${reason}`,
  retry: 'Erneut versuchen',
  required: 'Pflichtfeld',
  asked: (questions) => `Gefragt: ${questions.map((q) => `F${f.number(q.index + 1)} ${q.title}`).join('; ')}`,
  rating: (level) => `Bewertung ${f.number(level)}`,
  notRated: 'Noch nicht bewertet.',
  evidenceLabel: 'Belege',
  evidence: (competency) => `Belege für ${competency}`,
  evidenceHint: 'Belege werden in Markdown geschrieben. Alt+M (oder „Moment markieren“) verlinkt den aktuellen Moment als Zeitmarke, die die Wiedergabe an dieser Stelle öffnet.',
  preview: 'Vorschau',
  previewOf: (competency) => `der Belege für ${competency}`,
  previewEmpty: 'Noch nichts geschrieben.',
  momentChipTitle: 'Diesen Moment in der Wiedergabe zeigen',
  markMoment: 'Moment markieren',
  markMomentIn: (competency) => `in den Belegen für ${competency}`,
  momentInserted: (time) => `Moment ${time} markiert.`,
  recommendation: 'Gesamtempfehlung',
  recommendations: { strong_no: 'Klares Nein', no: 'Nein', yes: 'Ja', strong_yes: 'Klares Ja' },
  summary: 'Zusammenfassung',
  submit: 'Feedback absenden',
  submitting: 'Wird gesendet …',
  submitted: (when) => `Abgesendet am ${when}. Abgesendetes Feedback ist endgültig.`,
  submittedAnnouncement: 'Feedback abgesendet.',
  fixErrors: (count) => f.plural(count, { one: 'Ein Feld muss noch korrigiert werden.', other: '# Felder müssen noch korrigiert werden.' }),
  submitFailed: (reason) => `Das Feedback konnte nicht gesendet werden: ${reason}`,
  alreadySubmitted: 'Dieses Feedback wurde bereits abgesendet und kann nicht mehr geändert werden.',
  draftSaved: (time) => `Entwurf um ${time} gespeichert`,
  draftSaving: 'Entwurf wird gespeichert …',
  draftPending: 'Ungespeicherte Änderungen',
  draftFailed: 'Entwurf noch nicht gespeichert; neuer Versuch läuft',
  errors: {
    'unknown-competency': 'Diese Kompetenz gehört nicht zum Bewertungsbogen.',
    'rating-out-of-range': 'Wählen Sie eine der Bewertungen.',
    'rating-required': 'Wählen Sie eine Bewertung.',
    'recommendation-required': 'Wählen Sie eine Empfehlung.',
    'summary-required': 'Schreiben Sie eine Zusammenfassung.',
    'too-long': 'Dieser Text ist zu lang.',
  },
};
