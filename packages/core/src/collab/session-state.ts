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

/** The keys of {@link SharedSessionState}, in the order the server writes them. */
export const SHARED_SESSION_KEYS = ['status', 'startedAt', 'endsAt', 'endedAt', 'endReason'] as const satisfies readonly (keyof SharedSessionState &
  keyof SessionTiming)[];

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
