import * as Y from 'yjs';
import { entryPathOf, projectFilesOf, projectOf, validateProjectPath, type ProjectFile } from '@interview-kit/core/collab/project';
import { codeNamesOf, codeOf, languageOf } from '@interview-kit/core/collab/structure';
import type { PlanEntry } from '../questions/plan-entry.js';
import { starterProjectOf } from '../questions/question-projects.js';
import type { SessionQuestion } from '../services/session-record.js';

/** The code the interview ended with, and its language. */
export interface FinalCode {
  /** The entry file's content: the whole program when it is a single file. */
  code: string;
  language: string;
  /**
   * A project of several files: every file, the entry (`code`, at the language's entry path) first,
   * then the others by path. Absent for a single-file program.
   */
  files?: ProjectFile[];
}

/**
 * The final code of a session's shared document (the code of the question in play, in its slot),
 * given its stored state (snapshot and updates, in order): the entry's code and, when the
 * question's `files` map holds any, the whole project (files whose path the project rules refuse
 * are left out). A document nobody ever opened holds no code yet: its code is the question's
 * starter code (and starter files), which the server would seed it with.
 */
export function finalCodeOf(updates: Uint8Array[], question: Pick<SessionQuestion, 'starterCode' | 'starterFiles' | 'language' | 'slot'>): FinalCode {
  const slot = question.slot ?? 0;
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    if (!doc.share.has(codeNamesOf(slot).code)) return starterCodeOf(question);
    const language = languageOf(doc, slot) ?? question.language;
    const code = codeOf(doc, slot).toString();
    if (projectFilesOf(doc, slot).size === 0) return { code, language };
    const files = projectOf(doc, slot, language).filter((file, index) => index === 0 || validateProjectPath(file.path) === undefined);
    return files.length > 1 ? { code, language, files } : { code, language };
  } finally {
    doc.destroy();
  }
}

/** What a document never opened would be seeded with: the question's starter project. */
function starterCodeOf(question: Pick<SessionQuestion, 'starterCode' | 'starterFiles' | 'language'>): FinalCode {
  const { language } = question;
  const starter = starterProjectOf(question);
  if (starter.files.length === 0) return { code: starter.code, language };
  return { code: starter.code, language, files: [{ path: entryPathOf(language), content: starter.code }, ...starter.files] };
}

/** A coding question the session reached, with the code it ended with in its own slot. */
export interface QuestionCode extends FinalCode {
  index: number;
  title: string;
  question: SessionQuestion;
}

/**
 * The final code of every coding question the session reached, in plan order, each read from its
 * own slot of the shared document (`updates`, in order).
 */
export function finalCodesOf(updates: Uint8Array[], plan: readonly PlanEntry[]): QuestionCode[] {
  return plan.flatMap((entry) => (entry.reached && entry.coding ? [{ index: entry.index, title: entry.title, question: entry.coding, ...finalCodeOf(updates, entry.coding) }] : []));
}
