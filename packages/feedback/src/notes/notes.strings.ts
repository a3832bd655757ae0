import { LocaleCatalog } from '@interview-kit/core';

/**
 * Every user-facing string of `<interview-notes>`. The notes show the table of their language
 * ({@link NOTES_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface NotesStrings {
  label: string;
  hint: string;
  markMoment: string;
  momentInserted: (time: string) => string;
  unavailable: string;
}

export const NOTES_STRINGS_EN: NotesStrings = {
  label: 'Private notes',
  hint: 'Markdown, shared live with the other interviewers, never with the candidate. Alt+M links the current moment.',
  markMoment: 'Mark moment',
  momentInserted: (time) => `Moment ${time} marked.`,
  unavailable: 'Private notes are not available.',
};

/** The private notes' strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const NOTES_LOCALES = new LocaleCatalog<NotesStrings>(NOTES_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.NOTES_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.NOTES_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.NOTES_STRINGS_AR),
});
