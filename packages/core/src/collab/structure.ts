import type * as Y from 'yjs';
import { SHARED_CHAT, type ChatMessage } from '../chat.js';
import { SHARED_RUNS, type SharedRunRecord } from '../runs.js';
import { SHARED_SESSION } from './session-state.js';

/**
 * The structure of a session's shared document. The server seeds it with the question's starter
 * code and language; other parts of the product add their own top-level types beside these.
 */
export const SHARED_STRUCTURE = {
  /** Y.Text: the code everyone edits. */
  code: 'code',
  /** Y.Text: the standard input of the next run, which everyone sees and candidates and interviewers edit. */
  stdin: 'stdin',
  /**
   * Y.Map: a project's files other than its entry file (which is `code`), path → Y.Text; empty
   * for a single-file program (`project.ts`).
   */
  files: 'files',
  /** Y.Map: metadata of the code; `language` holds the language id (e.g. `python`). */
  meta: 'meta',
  language: 'language',
  /**
   * Y.Map: the whiteboard, shape id → Y.Map of the shape (kind, box, points, colour, text, author,
   * stacking order; `board.ts`).
   */
  board: 'board',
} as const;

/**
 * Top-level types of the shared document that only the server writes: the run records, the
 * session's lifecycle map and the chat messages. The server refuses client updates touching them,
 * and browsers refuse them from their peers (`owned.ts`).
 */
export const SERVER_OWNED_TYPES: readonly string[] = [SHARED_RUNS, SHARED_SESSION, SHARED_CHAT];

/** The structure of the interviewers' private document. */
export const PRIVATE_STRUCTURE = {
  /** Y.Text: the interviewers' shared notes. */
  notes: 'notes',
} as const;

/**
 * The names of one question's shared code: its `Y.Text` and its language's key in the metadata
 * map. Every coding question of a session has its own code, in a slot the session view names
 * (`question.slot`): slot 0 (the session's first coding question, and the only one of a question
 * written inline) is `code` and `language`, as documents always had; slot n is `code.n` and
 * `language.n`.
 */
export function codeNamesOf(slot = 0): { code: string; language: string } {
  return slot === 0
    ? { code: SHARED_STRUCTURE.code, language: SHARED_STRUCTURE.language }
    : { code: `${SHARED_STRUCTURE.code}.${slot}`, language: `${SHARED_STRUCTURE.language}.${slot}` };
}

/** The shared code text of a session document (of the question in `slot`). */
export function codeOf(doc: Y.Doc, slot = 0): Y.Text {
  return doc.getText(codeNamesOf(slot).code);
}

/** The shared standard input of a session document: what the next run reads, whoever runs it. */
export function stdinOf(doc: Y.Doc): Y.Text {
  return doc.getText(SHARED_STRUCTURE.stdin);
}

/** The run records of a session document, oldest first (written by the server only). */
export function sharedRunsOf(doc: Y.Doc): Y.Array<SharedRunRecord> {
  return doc.getArray<SharedRunRecord>(SHARED_RUNS);
}

/** The chat messages of a session document, oldest first (written by the server only). */
export function sharedChatOf(doc: Y.Doc): Y.Array<ChatMessage> {
  return doc.getArray<ChatMessage>(SHARED_CHAT);
}

/** The metadata map of a session document. */
export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SHARED_STRUCTURE.meta);
}

/** The language id the document's code (of the question in `slot`) is written in, if set. */
export function languageOf(doc: Y.Doc, slot = 0): string | undefined {
  const value = metaOf(doc).get(codeNamesOf(slot).language);
  return typeof value === 'string' ? value : undefined;
}
