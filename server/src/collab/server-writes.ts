import { Document, type Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { CollabStore } from './store.js';

/** The origin of changes the server makes to a document itself. */
export const SERVER_ORIGIN = Symbol('interview-kit server');

/**
 * Hands a stored update of a document to the other instances that hold it open
 * (`scale-out/document-relay.ts`); resolves once they have it on the way.
 */
export type UpdateRelay = (documentName: string, update: Uint8Array) => Promise<void>;

const relays = new WeakMap<Hocuspocus, UpdateRelay>();

/**
 * With several instances, a document may be open on others too, or only on others: every server
 * write made here (stored already) is then also handed to `relay`, which applies it where the
 * document is open, whether or not this instance holds it.
 */
export function relayServerWrites(sync: Hocuspocus, relay: UpdateRelay): void {
  relays.set(sync, relay);
}

/**
 * Applies `update` to a session document as the server: it is stored in the log first (author
 * `null`), then, when the document is open, applied to it so that every connected client receives
 * it at once; stored before shown, so no client ever holds a server write the server lost.
 * Participants never write what only the server writes.
 * @returns whether it was stored (a session that is gone takes no more writes).
 */
export async function applyAsServer(sync: Hocuspocus, store: CollabStore, sessionId: string, documentName: string, update: Uint8Array): Promise<boolean> {
  const stored = await storeThenApply(store, sessionId, documentName, update, () => sync.documents.get(documentName));
  if (stored) {
    // A document still loading may have read its stored history before this write was stored: it
    // gets the write once loaded too (applying an update it already holds changes nothing). Not
    // awaited, so that a write made from within a load cannot wait for that load.
    sync.loadingDocuments.get(documentName)?.then((document) => document && Y.applyUpdate(document, update, SERVER_ORIGIN), () => undefined);
    await relays.get(sync)?.(documentName, update);
  }
  // Nobody is connected: the write is stored already, so let the document's store hook run and the
  // document leave memory now, as after a last client leaves, not after the store debounce.
  const open = sync.documents.get(documentName);
  if (stored && open instanceof Document && open.getConnectionsCount() === 0 && !open.isLoading) settleUnattended(sync, documentName);
  return stored;
}

/** Runs a document's pending store hook now (Hocuspocus then unloads a document without connections). */
export function settleUnattended(sync: Hocuspocus, documentName: string): void {
  const pending = `onStoreDocument-${documentName}`;
  if (sync.debouncer.isDebounced(pending)) sync.debouncer.executeNow(pending);
}

/**
 * As {@link applyAsServer}, for a document Hocuspocus is still loading (its `onLoadDocument`
 * hooks run; it is not among the open documents yet): stored first, then applied to `document`.
 */
export function applyToLoadingAsServer(store: CollabStore, sessionId: string, documentName: string, document: Y.Doc, update: Uint8Array): Promise<boolean> {
  return storeThenApply(store, sessionId, documentName, update, () => document);
}

/**
 * Calls `read` with the document as the server knows it: the open document when it is in this
 * instance's memory, else one built from its stored history (empty for a document never opened).
 * Every accepted update is stored before it is acknowledged, so the stored history holds what
 * every instance accepted.
 */
export async function readAsServer<T>(sync: Hocuspocus, store: CollabStore, documentName: string, read: (document: Y.Doc, stored: boolean) => T): Promise<T> {
  const open = sync.documents.get(documentName);
  if (open) return read(open, true);
  const history = await store.load(documentName);
  const document = new Y.Doc();
  try {
    for (const update of history) Y.applyUpdate(document, update);
    return read(document, history.length > 0);
  } finally {
    document.destroy();
  }
}

async function storeThenApply(store: CollabStore, sessionId: string, documentName: string, update: Uint8Array, target: () => Y.Doc | undefined): Promise<boolean> {
  if ((await store.append(sessionId, documentName, null, update)) === undefined) return false;
  const document = target();
  if (document) Y.applyUpdate(document, update, SERVER_ORIGIN);
  return true;
}
