import { LANGUAGE_LABELS } from './api.js';

/** A question's state in the bank as the portal's pages name it. */
export const QUESTION_STATUS_LABELS = { draft: 'Draft', published: 'Published', archived: 'Archived' };

const TYPE_LABELS = { coding: 'Coding', structured: 'Structured' };
const DIFFICULTY_LABELS = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

/**
 * One line about a question: "Coding · Medium · Python, JavaScript · version 2".
 * @param {{ type: string, difficulty: string, languages?: string[], version: number }} question
 */
export function questionFacts(question) {
  const label = (/** @type {Record<string, string>} */ labels, /** @type {string} */ id) => labels[id] ?? id;
  const languages = (question.languages ?? []).map((id) => label(LANGUAGE_LABELS, id)).join(', ');
  return [label(TYPE_LABELS, question.type), label(DIFFICULTY_LABELS, question.difficulty), ...(languages ? [languages] : []), `version ${question.version}`].join(' · ');
}
