import type { Document, Hocuspocus } from '@hocuspocus/server';
import {
  SHARED_STATE_KEYS,
  sharedSessionOf,
  sharedStateFrom,
  type SharedQuestionState,
  type SharedSessionState,
  type SharedState,
} from '@interview-kit/core/collab/session-state';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import { currentQuestionOf } from '../questions/session-questions.js';
import type { SessionRecord, SessionService } from '../services/sessions.js';
import { documentName } from './documents.js';
import { SerialQueues } from './serial-queues.js';
import { applyAsServer, applyToLoadingAsServer, readAsServer } from './server-writes.js';
import type { CollabStore } from './store.js';

/** What the server writes into the session's map: its lifecycle and, with a plan from the bank, its current question. */
function stateOf(session: SessionRecord): SharedState {
  return sharedStateFrom(session, currentQuestionOf(session));
}

/**
 * Writes each session's lifecycle (status, start, end time, end and its reason) and its current
 * question (position in the plan, pinned id and version) into the
 * server-owned `Y.Map('session')` of its shared document, so that every open room sees a start,
 * an extension or an end at once. Only the server writes that map (client updates touching it are
 * refused by `extensions/server-owned.ts`).
 *
 * - {@link write} runs after every change of the session's state (`SessionLifecycle.onChange`):
 *   stored first (author `null`), then applied to the open document, from where Hocuspocus sends
 *   it to every connected client; a document not in memory gets it from the log when it loads.
 * - {@link loading} brings a document to the session's state as it loads, so that a document
 *   written before this map existed, or one that missed a change, shows the right state too.
 * - Each write sets only the keys whose value changed, and is made by a fresh Yjs client on top of
 *   the document's current state (the open document, or its stored history), so that it follows
 *   every earlier write instead of being concurrent with it (concurrent writes to one key of a
 *   Y.Map are ordered by client id, not by time). A session's writes and the loads of its shared
 *   document take turns, each reading the session's state when its turn comes: two quick changes
 *   (a start, then an extension) cannot overtake each other, and the last write holds the latest
 *   state.
 */
export class SharedSessionWriter {
  /** Per session: its writes and the loads of its shared document, one at a time. */
  readonly #turns = new SerialQueues();

  constructor(private readonly deps: { store: CollabStore; sessions: SessionService; logger: Logger }) {}

  /** Brings the session's shared document to the session's current state; resolves once it is stored and applied. */
  write(sync: Hocuspocus, sessionId: string): Promise<void> {
    return this.#turns.run(sessionId, async () => {
      const session = await this.deps.sessions.find(sessionId);
      if (!session) return;
      const name = documentName(sessionId, 'shared');
      const state = stateOf(session);
      // A document never opened gets the state when it first loads (loading()), so that its replay starts with the code.
      const update = await readAsServer(sync, this.deps.store, name, (document, known) => (known ? sessionStateUpdate(document, state) : undefined));
      if (update) await applyAsServer(sync, this.deps.store, sessionId, name, update);
    });
  }

  /**
   * Loads the session's shared `document` with `load` (its stored history; it returns the session
   * as read then, and the starter code to seed it with when it has none), in turn with the
   * session's writes, then writes the seed and the session's state (if it differs) into it: stored
   * as one update (one commit on a document's first load, instead of two in a row), then applied
   * to the loading document. A seed that cannot be stored (a full disk) fails the load; the state
   * alone that cannot be stored, the document loads without it: clients still get the state from
   * the session's view, and the next change writes it again.
   * Hocuspocus lists a document among the open ones only after its load hooks return, so the
   * session's next write waits for that too: it then finds the document open and applies to it.
   */
  loading(
    instance: Hocuspocus,
    document: Document,
    sessionId: string,
    load: () => Promise<{ session: SessionRecord | undefined; seed?: Uint8Array | undefined }>,
  ): Promise<void> {
    const listed = instance.loadingDocuments.get(document.name);
    const loaded = this.#turns.run(sessionId, async () => {
      const { session, seed } = await load();
      // The seed touches the code and its language only, so the state's change is the same before it.
      const state = session && sessionStateUpdate(document, stateOf(session));
      if (seed) {
        await applyToLoadingAsServer(this.deps.store, sessionId, document.name, document, state ? Y.mergeUpdates([seed, state]) : seed);
        return;
      }
      if (!state) return;
      await applyToLoadingAsServer(this.deps.store, sessionId, document.name, document, state).catch((error: unknown) =>
        this.deps.logger.warn('could not write the session state into its document as it loaded', { sessionId, error }),
      );
    });
    void this.#turns.run(sessionId, async () => {
      await listed?.then(
        () => {},
        () => {},
      );
    });
    return loaded;
  }

  /** Waits for every write under way. */
  idle(): Promise<void> {
    return this.#turns.idle();
  }
}

/**
 * The update that brings the session map of `base` to `state`, setting only the keys whose value
 * differs (a missing key counts as `null`); `undefined` when the map already holds `state`. It is
 * made by a fresh Yjs client (a new random client id) on a copy of `base` and holds only the
 * change (the difference from `base`'s state vector), so it follows every write `base` holds.
 * `base` itself is left as it is.
 */
export function sessionStateUpdate(base: Y.Doc, state: SharedSessionState & Partial<SharedQuestionState>): Uint8Array | undefined {
  const current = sharedSessionOf(base);
  const changed = SHARED_STATE_KEYS.filter((key) => (current.get(key) ?? null) !== (state[key] ?? null));
  if (changed.length === 0) return undefined;
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
    const before = Y.encodeStateVector(copy);
    const map = sharedSessionOf(copy);
    copy.transact(() => {
      for (const key of changed) map.set(key, state[key] ?? null);
    });
    return Y.encodeStateAsUpdate(copy, before);
  } finally {
    copy.destroy();
  }
}
