import type { Hocuspocus } from '@hocuspocus/server';
import { uint32 } from 'lib0/random';
import * as Y from 'yjs';
import { documentName } from './documents.js';
import { SerialQueues } from './serial-queues.js';
import { applyAsServer } from './server-writes.js';
import type { CollabStore } from './store.js';

/** Documents whose server writes a {@link ServerOwnedWriter} keeps in memory by default (the most recently used). */
export const DEFAULT_KEPT_DOCUMENTS = 64;

/**
 * Writes records into the server-owned arrays of sessions' shared documents (the run records, the
 * chat), which only the server writes (see `extensions/server-owned.ts`).
 *
 * Each write is one small update built against the document's server writes, which this class
 * keeps per document (see {@link serverWritesOf}): since only the server writes those arrays, its
 * writes hold each of them whole, item for item, and nothing else such an update refers to. They
 * are read from the stored log once, when a document's first record is written (or its copy was
 * dropped for the least recently used), not once per record. The update is stored first, as the
 * server's (author `null`), then applied to the document if it is in memory, from where Hocuspocus
 * sends it to every connected client; a document not in memory picks it up from the log when it
 * loads. The writes to one document take turns, so that none misses another's record.
 */
export class ServerOwnedWriter {
  readonly #turns = new SerialQueues();
  /** Per document, the server's writes to it as a Y.Doc; least recently used first. */
  readonly #written = new Map<string, Y.Doc>();
  readonly #keptDocuments: number;

  /** `keptDocuments`: 0 reads the log for every write (another instance may write records too). */
  constructor(private readonly deps: { sync: Hocuspocus; store: CollabStore; keptDocuments?: number }) {
    this.#keptDocuments = Math.max(0, deps.keptDocuments ?? DEFAULT_KEPT_DOCUMENTS);
  }

  /**
   * In turn with the other writes to the session's shared document: calls `change` with the
   * document's server writes; the update it returns (see {@link changeAsFreshClient}) is stored,
   * then applied. `undefined` writes nothing.
   * @returns whether an update was stored (a session that is gone takes no more writes).
   */
  write(sessionId: string, change: (written: Y.Doc) => Uint8Array | undefined): Promise<boolean> {
    const name = documentName(sessionId, 'shared');
    return this.#turns.run(name, async () => {
      const written = await this.#serverWrites(name);
      const update = change(written);
      if (!update) return false;
      let stored = false;
      try {
        stored = await applyAsServer(this.deps.sync, this.deps.store, sessionId, name, update);
      } finally {
        // The copy now holds a record the log does not: read the log again next time.
        if (!stored && this.#written.get(name) === written) this.#written.delete(name);
      }
      return stored;
    });
  }

  /** Waits for every write under way. */
  idle(): Promise<void> {
    return this.#turns.idle();
  }

  /** The document's server writes, kept from the last write or read from the log now. */
  async #serverWrites(name: string): Promise<Y.Doc> {
    let written = this.#written.get(name);
    if (written) {
      this.#written.delete(name);
    } else {
      written = serverWritesOf(await this.deps.store.timeline(name));
      if (this.#keptDocuments === 0) return written;
      for (const oldest of this.#written.keys()) {
        if (this.#written.size < this.#keptDocuments) break;
        this.#written.delete(oldest);
      }
    }
    this.#written.set(name, written);
    return written;
  }
}

/**
 * A Y.Doc of the updates the server wrote (author `null`) in a document's stored `history`: its
 * run records and chat messages, item for item as in the document, plus the little else the
 * server writes (the starter code, the session map). Clients' updates are left out: they never
 * touch what only the server writes.
 */
export function serverWritesOf(history: { author: string | null; update: Uint8Array }[]): Y.Doc {
  const doc = new Y.Doc();
  for (const { author, update } of history) if (author === null) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * Makes `change` on `written` in one transaction, as a fresh Yjs client (a new random client id,
 * so that no client can aim an update at a record before it exists); returns that change as an
 * update, or `undefined` when it changed nothing.
 */
export function changeAsFreshClient(written: Y.Doc, change: () => void): Uint8Array | undefined {
  written.clientID = uint32();
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  written.on('update', capture);
  try {
    written.transact(change);
  } finally {
    written.off('update', capture);
  }
  return update;
}
