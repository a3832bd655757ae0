import type { Hocuspocus } from '@hocuspocus/server';
import { uint32 } from 'lib0/random';
import { MAX_SHARED_RUNS, SHARED_RUNS, sharedRecordOf, type SharedRunRecord } from '@interview-kit/core/runs';
import * as Y from 'yjs';
import type { SessionRecord } from '../services/sessions.js';
import type { StoredRun } from '../services/runs/store.js';
import { viewOfRun } from '../services/runs/views.js';
import { documentName } from './documents.js';
import { applyAsServer } from './server-writes.js';
import type { CollabStore } from './store.js';

/** Documents whose server writes {@link RunRecords} keeps in memory by default (the most recently used). */
export const DEFAULT_KEPT_DOCUMENTS = 64;

/**
 * Publishes finished runs into their session's shared document (`Y.Array('runs')`, which only
 * the server writes: see `extensions/server-owned.ts`).
 *
 * Each record is stored first, as the server's (author `null`), so that it survives restarts and
 * shows in replay; then, if the document is in memory, it is applied there and Hocuspocus sends
 * it to every connected client at once. A document not in memory picks it up from the log when it
 * loads. Storing before showing means no client ever holds a record the server lost. Each
 * document keeps the last {@link MAX_SHARED_RUNS} records, one per run id.
 *
 * A record is one small update built against the document's server writes, which this class
 * keeps per document (see {@link serverWritesOf}): since only the server writes run records, those
 * writes hold the whole `runs` array, item for item, and nothing else a record update refers to.
 * They are read from the stored log once, when a document's first record is published (or its
 * copy was dropped for the least recently used), not once per record. Records are written by a
 * fresh Yjs client id every time, so that no client can aim an update at a record before it exists.
 */
export class RunRecords {
  /** Per document, the publication under way: one at a time, so that none misses another's record. */
  readonly #queues = new Map<string, Promise<void>>();
  /** Per document, the server's writes to it as a Y.Doc; least recently used first. */
  readonly #written = new Map<string, Y.Doc>();
  readonly #keptDocuments: number;

  /** `keptDocuments`: 0 reads the log for every publication (another instance may write records too). */
  constructor(private readonly deps: { sync: Hocuspocus; store: CollabStore; keptDocuments?: number }) {
    this.#keptDocuments = Math.max(0, deps.keptDocuments ?? DEFAULT_KEPT_DOCUMENTS);
  }

  /** Publishes `run`'s record; resolves once it is stored (and applied, if the document is in memory). */
  publish(run: StoredRun, session: SessionRecord): Promise<void> {
    return this.#enqueue(run, session, false);
  }

  /**
   * Replaces `run`'s record with one that counts its hidden tests. Call it only at the run's fixed
   * reveal time (`RunService.onHiddenRevealed`), never when the hidden results arrive: when the
   * count appears must not depend on hidden inputs.
   */
  reveal(run: StoredRun, session: SessionRecord): Promise<void> {
    return this.#enqueue(run, session, true);
  }

  #enqueue(run: StoredRun, session: SessionRecord, replace: boolean): Promise<void> {
    const name = documentName(session.id, 'shared');
    const previous = this.#queues.get(name) ?? Promise.resolve();
    const next = previous.then(() => this.#publish(run, session, name, replace));
    const settled = next.catch(() => {});
    this.#queues.set(name, settled);
    void settled.then(() => {
      if (this.#queues.get(name) === settled) this.#queues.delete(name);
    });
    return next;
  }

  /** Waits for every publication under way. */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all(this.#queues.values());
  }

  async #publish(run: StoredRun, session: SessionRecord, name: string, replace: boolean): Promise<void> {
    const author = session.participants.find((p) => p.id === run.participantId);
    if (!author) return;
    // Hidden tests: the record holds what a candidate's view of the run holds now. When the run is
    // stored that is the visible part only; the count of passed hidden tests is added by reveal()
    // at the run's fixed reveal time. See docs/security-model.md, "Hidden tests".
    const record = sharedRecordOf(viewOfRun(run, false), { id: author.id, name: author.name, role: author.role });
    const written = await this.#serverWrites(name);
    const update = recordUpdate(written, record, replace);
    if (!update) return;
    let stored = false;
    try {
      stored = await applyAsServer(this.deps.sync, this.deps.store, session.id, name, update);
    } finally {
      // The copy now holds a record the log does not: read the log again next time.
      if (!stored && this.#written.get(name) === written) this.#written.delete(name);
    }
  }

  /** The document's server writes, kept from the last publication or read from the log now. */
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
 * run records, item for item as in the document, plus the little else the server writes (the
 * starter code, the session map). Clients' updates are left out: they never touch run records.
 */
export function serverWritesOf(history: { author: string | null; update: Uint8Array }[]): Y.Doc {
  const doc = new Y.Doc();
  for (const { author, update } of history) if (author === null) Y.applyUpdate(doc, update);
  return doc;
}

/**
 * Appends `record` to the document's server writes `written` and drops the oldest records beyond
 * {@link MAX_SHARED_RUNS}, as a fresh Yjs client; returns that change as an update. When the
 * document already has a record of that run: with `replace`, the update puts `record` in its
 * place; otherwise there is none (`undefined`) and `written` is unchanged.
 */
export function recordUpdate(written: Y.Doc, record: SharedRunRecord, replace = false): Uint8Array | undefined {
  const runs = written.getArray<SharedRunRecord>(SHARED_RUNS);
  const existing = runs.toArray().findIndex((r) => r.id === record.id);
  if (existing >= 0 && !replace) return undefined;
  written.clientID = uint32();
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  written.on('update', capture);
  try {
    written.transact(() => {
      if (existing >= 0) {
        runs.delete(existing, 1);
        runs.insert(existing, [record]);
        return;
      }
      runs.push([record]);
      if (runs.length > MAX_SHARED_RUNS) runs.delete(0, runs.length - MAX_SHARED_RUNS);
    });
  } finally {
    written.off('update', capture);
  }
  return update;
}
