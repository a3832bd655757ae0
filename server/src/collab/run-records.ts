import type { Hocuspocus } from '@hocuspocus/server';
import { MAX_SHARED_RUNS, SHARED_RUNS, sharedRecordOf, type SharedRunRecord } from '@interview-kit/core/runs';
import type * as Y from 'yjs';
import type { SessionRecord } from '../services/sessions.js';
import type { StoredRun } from '../services/runs/store.js';
import { viewOfRun } from '../services/runs/views.js';
import { changeAsFreshClient, ServerOwnedWriter } from './server-owned-writer.js';
import type { CollabStore } from './store.js';

/**
 * Publishes finished runs into their session's shared document (`Y.Array('runs')`, which only
 * the server writes: see `extensions/server-owned.ts`).
 *
 * Each record is stored first, as the server's (author `null`), so that it survives restarts and
 * shows in replay; then, if the document is in memory, it is applied there and Hocuspocus sends
 * it to every connected client at once (see {@link ServerOwnedWriter}, which builds each record
 * on the server's writes kept per document). Storing before showing means no client ever holds a
 * record the server lost. Each document keeps the last {@link MAX_SHARED_RUNS} records, one per
 * run id.
 */
export class RunRecords {
  readonly #writer: ServerOwnedWriter;

  /** `keptDocuments`: 0 reads the log for every publication (another instance may write records too). */
  constructor(deps: { sync: Hocuspocus; store: CollabStore; keptDocuments?: number }) {
    this.#writer = new ServerOwnedWriter(deps);
  }

  /** Publishes `run`'s record; resolves once it is stored (and applied, if the document is in memory). */
  async publish(run: StoredRun, session: SessionRecord): Promise<void> {
    await this.#write(run, session, false);
  }

  /**
   * Replaces `run`'s record with one that counts its hidden tests. Call it only at the run's fixed
   * reveal time (`RunService.onHiddenRevealed`), never when the hidden results arrive: when the
   * count appears must not depend on hidden inputs.
   */
  async reveal(run: StoredRun, session: SessionRecord): Promise<void> {
    await this.#write(run, session, true);
  }

  /** Waits for every publication under way. */
  idle(): Promise<void> {
    return this.#writer.idle();
  }

  #write(run: StoredRun, session: SessionRecord, replace: boolean): Promise<boolean> {
    return this.#writer.write(session.id, (written) => {
      const author = session.participants.find((p) => p.id === run.participantId);
      if (!author) return undefined;
      // Hidden tests: the record holds what a candidate's view of the run holds now. When the run is
      // stored that is the visible part only; the count of passed hidden tests is added by reveal()
      // at the run's fixed reveal time. See docs/security-model.md, "Hidden tests".
      const record = sharedRecordOf(viewOfRun(run, false), { id: author.id, name: author.name, role: author.role });
      return recordUpdate(written, record, replace);
    });
  }
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
  return changeAsFreshClient(written, () => {
    if (existing >= 0) {
      runs.delete(existing, 1);
      runs.insert(existing, [record]);
      return;
    }
    runs.push([record]);
    if (runs.length > MAX_SHARED_RUNS) runs.delete(0, runs.length - MAX_SHARED_RUNS);
  });
}
