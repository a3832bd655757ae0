import type { Hocuspocus } from '@hocuspocus/server';
import { MAX_SHARED_RUNS, SHARED_RUNS, sharedRecordOf, type SharedRunRecord } from '@interview-kit/core/runs';
import * as Y from 'yjs';
import type { SessionRecord } from '../services/sessions.js';
import type { StoredRun } from '../services/runs/store.js';
import { viewOfRun } from '../services/runs/views.js';
import { documentName } from './documents.js';
import type { CollabStore } from './store.js';

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
 * Records are written by a fresh Yjs client every time (a new random client id), so that no
 * client can aim an update at a record before it exists.
 */
export class RunRecords {
  /** Per document, the publication under way: one at a time, so that none misses another's record. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(private readonly deps: { sync: Hocuspocus; store: CollabStore }) {}

  /** Publishes `run`'s record; resolves once it is stored (and applied, if the document is in memory). */
  publish(run: StoredRun, session: SessionRecord): Promise<void> {
    const author = session.participants.find((p) => p.id === run.participantId);
    if (!author) return Promise.resolve();
    // Hidden tests: the record counts only the hidden results the stored run holds at this moment.
    // Results that arrive later (hidden tests run after the candidate's answer) are never added:
    // when a record appears must not depend on hidden inputs. See docs/security-model.md.
    const record = sharedRecordOf(viewOfRun(run, false), { id: author.id, name: author.name, role: author.role });
    const name = documentName(session.id, 'shared');
    const previous = this.#queues.get(name) ?? Promise.resolve();
    const next = previous.then(() => this.#publish(session.id, name, record));
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

  async #publish(sessionId: string, name: string, record: SharedRunRecord): Promise<void> {
    const loaded = this.deps.sync.documents.get(name);
    const history = loaded ? [Y.encodeStateAsUpdate(loaded)] : await this.deps.store.load(name);
    const update = recordUpdate(history, record);
    if (!update) return;
    const seq = await this.deps.store.append(sessionId, name, null, update);
    // The session ended: its documents take no more writes.
    if (seq === undefined) return;
    const document = this.deps.sync.documents.get(name);
    if (document) Y.applyUpdate(document, update);
  }
}

/**
 * The update that appends `record` to the document made of `history` and drops the oldest records
 * beyond {@link MAX_SHARED_RUNS}; `undefined` when the document already has a record of that run.
 */
export function recordUpdate(history: Uint8Array[], record: SharedRunRecord): Uint8Array | undefined {
  const doc = new Y.Doc();
  try {
    for (const update of history) Y.applyUpdate(doc, update);
    const runs = doc.getArray<SharedRunRecord>(SHARED_RUNS);
    if (runs.toArray().some((existing) => existing.id === record.id)) return undefined;
    let update: Uint8Array | undefined;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.transact(() => {
      runs.push([record]);
      if (runs.length > MAX_SHARED_RUNS) runs.delete(0, runs.length - MAX_SHARED_RUNS);
    });
    return update;
  } finally {
    doc.destroy();
  }
}
