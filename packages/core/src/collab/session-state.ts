import type * as Y from 'yjs';
import type { EndReason, SessionStatus, SessionTiming } from '../protocol.js';

/** Name of the shared document's top-level Y.Map holding the session's lifecycle (server-owned). */
export const SHARED_SESSION = 'session';

/**
 * The session's lifecycle as the server writes it into `Y.Map('session')` of the shared document
 * whenever it changes (start, extension, end, cancellation), so every open room sees the change
 * at once. Only the server writes it: the server refuses client updates touching it, and browsers
 * refuse it from peers. Times are ISO 8601 strings, `null` until they happen.
 */
export interface SharedSessionState {
  status: SessionStatus;
  startedAt: string | null;
  endsAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
}

/** The lifecycle keys of {@link SharedSessionState}, in the order the server writes them. */
export const SHARED_SESSION_KEYS = ['status', 'startedAt', 'endsAt', 'endedAt', 'endReason'] as const satisfies readonly (keyof SharedSessionState &
  keyof SessionTiming)[];

/**
 * The session's current question, as the server writes it into the same map beside the lifecycle
 * when the session has a plan of questions from the bank (all `null` for a question written
 * inline, a plan of one): its position in the plan and the pinned question's id and version —
 * never its content, which each role reads from the session view.
 */
export interface SharedQuestionState {
  questionIndex: number | null;
  questionId: string | null;
  questionVersion: number | null;
}

/** The keys of {@link SharedQuestionState}. */
export const SHARED_QUESTION_KEYS = ['questionIndex', 'questionId', 'questionVersion'] as const satisfies readonly (keyof SharedQuestionState)[];

/** Every key the server writes into the map: the lifecycle's, then the current question's. */
export const SHARED_STATE_KEYS = [...SHARED_SESSION_KEYS, ...SHARED_QUESTION_KEYS] as const;

/** What the server writes into `Y.Map('session')`: the lifecycle and the current question. */
export type SharedState = SharedSessionState & SharedQuestionState;

/** The current question as written into the document; all `null` before the server wrote one (a plan of one). */
export function questionStateOf(doc: Y.Doc): SharedQuestionState {
  const map = sharedSessionOf(doc);
  const index = map.get('questionIndex');
  const id = map.get('questionId');
  const version = map.get('questionVersion');
  return {
    questionIndex: typeof index === 'number' ? index : null,
    questionId: typeof id === 'string' ? id : null,
    questionVersion: typeof version === 'number' ? version : null,
  };
}

/** The lifecycle map of a session document. */
export function sharedSessionOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SHARED_SESSION);
}

/** The session's lifecycle as written into the document, `undefined` before the server wrote it. */
export function sessionStateOf(doc: Y.Doc): SharedSessionState | undefined {
  const map = sharedSessionOf(doc);
  const status = map.get('status');
  if (typeof status !== 'string') return undefined;
  const text = (key: string) => {
    const value = map.get(key);
    return typeof value === 'string' ? value : null;
  };
  return {
    status: status as SessionStatus,
    startedAt: text('startedAt'),
    endsAt: text('endsAt'),
    endedAt: text('endedAt'),
    endReason: text('endReason') as EndReason | null,
  };
}

/** The lifecycle fields of a session and its current question, as the server writes them into the document. */
export function sharedStateFrom(timing: SessionTiming, question: SharedQuestionState | null): SharedState {
  return { ...sharedSessionStateFrom(timing), ...(question ?? { questionIndex: null, questionId: null, questionVersion: null }) };
}

/** The lifecycle fields of a session, as the server writes them into the document. */
export function sharedSessionStateFrom(timing: SessionTiming): SharedSessionState {
  return {
    status: timing.status,
    startedAt: timing.startedAt,
    endsAt: timing.endsAt,
    endedAt: timing.endedAt,
    endReason: timing.endReason,
  };
}
