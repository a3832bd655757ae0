import type { Hocuspocus } from '@hocuspocus/server';
import { MAX_SHARED_RUNS, SHARED_RUNS, sharedRecordOf, type SharedRunRecord } from '@interview-kit/core/runs';
import * as Y from 'yjs';
import type { SessionRecord } from '../services/sessions.js';
import type { StoredRun } from '../services/runs/store.js';
import { viewOfRun } from '../services/runs/views.js';
import { documentName } from './documents.js';
import { applyAsServer } from './server-writes.js';
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
    const loaded = this.deps.sync.documents.get(name);
    const history = loaded ? [Y.encodeStateAsUpdate(loaded)] : await this.deps.store.load(name);
    const update = recordUpdate(history, record, replace);
    if (update) await applyAsServer(this.deps.sync, this.deps.store, session.id, name, update);
  }
}

/**
 * The update that appends `record` to the document made of `history` and drops the oldest records
 * beyond {@link MAX_SHARED_RUNS}. When the document already has a record of that run: with
 * `replace`, the update puts `record` in its place; otherwise there is none (`undefined`).
 */
export function recordUpdate(history: Uint8Array[], record: SharedRunRecord, replace = false): Uint8Array | undefined {
  const doc = new Y.Doc();
  try {
    for (const update of history) Y.applyUpdate(doc, update);
    const runs = doc.getArray<SharedRunRecord>(SHARED_RUNS);
    const existing = runs.toArray().findIndex((r) => r.id === record.id);
    if (existing >= 0 && !replace) return undefined;
    let update: Uint8Array | undefined;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.transact(() => {
      if (existing >= 0) {
        runs.delete(existing, 1);
        runs.insert(existing, [record]);
        return;
      }
      runs.push([record]);
      if (runs.length > MAX_SHARED_RUNS) runs.delete(0, runs.length - MAX_SHARED_RUNS);
    });
    return update;
  } finally {
    doc.destroy();
  }
}
