import type { NotesStrings } from '../notes.strings.js';

/** `<interview-notes>` auf Deutsch. */
export const NOTES_STRINGS_DE: NotesStrings = {
  label: 'Private Notizen',
  hint: 'Markdown, live geteilt mit den anderen Interviewern, nie mit dem Kandidaten. Alt+M verlinkt den aktuellen Moment.',
  markMoment: 'Moment markieren',
  momentInserted: (time) => `Moment ${time} markiert.`,
  unavailable: 'Private Notizen sind nicht verfügbar.',
};
