import type { NotesStrings } from '../notes.strings.js';

/** `<interview-notes>` en español. */
export const NOTES_STRINGS_ES: NotesStrings = {
  label: 'Notas privadas',
  hint: 'Markdown, compartido en directo con los demás entrevistadores y nunca con el candidato. Alt+M enlaza el momento actual.',
  markMoment: 'Marcar momento',
  momentInserted: (time) => `Momento ${time} marcado.`,
  unavailable: 'Las notas privadas no están disponibles.',
};
