/** Every user-facing string of `<interview-notes>`; pass a partial table as `strings` to translate. */
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
