import type { NotesStrings } from '../notes.strings.js';

/** `<interview-notes>` بالعربية. */
export const NOTES_STRINGS_AR: NotesStrings = {
  label: 'ملاحظات خاصة',
  hint: 'بصيغة Markdown، تُشارَك مباشرةً مع المحاورين الآخرين ولا تُشارَك أبدًا مع المرشح. يضيف Alt+M رابطًا إلى اللحظة الحالية.',
  markMoment: 'تحديد اللحظة',
  momentInserted: (time) => `حُدّدت اللحظة ${time}.`,
  unavailable: 'الملاحظات الخاصة غير متاحة.',
};
