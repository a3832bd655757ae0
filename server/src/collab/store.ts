import * as Y from 'yjs';
import type { Db } from '../adapters/db/database.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    collab_updates: {
      /** Assigned by the database; increasing in the order updates were accepted. */
      seq: import('kysely').Generated<number | string>;
      session_id: string;
      document: string;
      /** Participant id; `null` for content the server wrote (the starter code). */
      author: string | null;
      created_at: string;
      update: Uint8Array;
    };
    collab_snapshots: {
      document: string;
      session_id: string;
      /** The last update folded into `state`. */
      seq: number | string;
      created_at: string;
      state: Uint8Array;
    };
  }
}

/** One accepted update, as the replay timeline lists it. */
export interface StoredUpdate {
  seq: number;
  author: string | null;
  createdAt: string;
  update: Uint8Array;
}

export interface CollabStoreOptions {
  /** Fold the log into a snapshot after this many new updates of one document. */
  compactEvery?: number;
  now?: () => Date;
}

/**
 * The persistence of collaborative documents.
 *
 * - Every accepted update is appended to `collab_updates` (author, time) before the server
 *   applies or acknowledges it (see `sync.ts`). Appends of one document run one after another, so
 *   sequence numbers of a document are committed in order and a snapshot never skips one.
 * - Compaction writes `collab_snapshots`: the document state up to a sequence number. Loading reads
 *   the snapshot plus the log after it. The log is never trimmed: replay reads it whole.
 * - An append is refused (returns `undefined`) once the session has ended, which is what makes
 *   documents read-only after the end even for connections opened before it.
 */
export class CollabStore {
  readonly #db: Db;
  readonly #compactEvery: number;
  readonly #now: () => Date;
  /** Per-document queue: appends and compactions of one document never overlap. */
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #sinceSnapshot = new Map<string, number>();

  constructor(db: Db, options: CollabStoreOptions = {}) {
    this.#db = db;
    this.#compactEvery = options.compactEvery ?? 500;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Appends an update of `document` by `author`, if the session is still active.
   * @returns the update's sequence number, or `undefined` when the session has ended or is gone.
   */
  append(sessionId: string, document: string, author: string | null, update: Uint8Array): Promise<number | undefined> {
    return this.#enqueue(document, async () => {
      const session = await this.#db.selectFrom('sessions').select('status').where('id', '=', sessionId).executeTakeFirst();
      if (session?.status !== 'active') return undefined;
      const row = await this.#db
        .insertInto('collab_updates')
        .values({
          session_id: sessionId,
          document,
          author,
          created_at: this.#now().toISOString(),
          update: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        })
        .returning('seq')
        .executeTakeFirstOrThrow();
      const count = (this.#sinceSnapshot.get(document) ?? 0) + 1;
      this.#sinceSnapshot.set(document, count);
      if (count >= this.#compactEvery) void this.compact(document).catch(() => {});
      return Number(row.seq);
    });
  }

  /** The document's state: its latest snapshot and the updates after it, in order. */
  async load(document: string): Promise<Uint8Array[]> {
    const snapshot = await this.#db
      .selectFrom('collab_snapshots')
      .select(['seq', 'state'])
      .where('document', '=', document)
      .executeTakeFirst();
    const after = snapshot ? Number(snapshot.seq) : 0;
    const rows = await this.#db
      .selectFrom('collab_updates')
      .select('update')
      .where('document', '=', document)
      .where('seq', '>', after)
      .orderBy('seq')
      .execute();
    this.#sinceSnapshot.set(document, rows.length);
    return [...(snapshot ? [bytes(snapshot.state)] : []), ...rows.map((r) => bytes(r.update))];
  }

  /** Folds the updates after the latest snapshot into a new snapshot. */
  compact(document: string): Promise<void> {
    return this.#enqueue(document, async () => {
      const snapshot = await this.#db
        .selectFrom('collab_snapshots')
        .select(['seq', 'state'])
        .where('document', '=', document)
        .executeTakeFirst();
      const rows = await this.#db
        .selectFrom('collab_updates')
        .select(['seq', 'session_id', 'update'])
        .where('document', '=', document)
        .where('seq', '>', snapshot ? Number(snapshot.seq) : 0)
        .orderBy('seq')
        .execute();
      const last = rows.at(-1);
      if (!last) return;
      const doc = new Y.Doc();
      try {
        if (snapshot) Y.applyUpdate(doc, bytes(snapshot.state));
        for (const row of rows) Y.applyUpdate(doc, bytes(row.update));
        const state = Y.encodeStateAsUpdate(doc);
        const values = {
          document,
          session_id: last.session_id,
          seq: Number(last.seq),
          created_at: this.#now().toISOString(),
          state: Buffer.from(state.buffer, state.byteOffset, state.byteLength),
        };
        await this.#db
          .insertInto('collab_snapshots')
          .values(values)
          .onConflict((oc) => oc.column('document').doUpdateSet({ seq: values.seq, created_at: values.created_at, state: values.state }))
          .execute();
        this.#sinceSnapshot.set(document, 0);
      } finally {
        doc.destroy();
      }
    });
  }

  /** Forgets in-memory bookkeeping of a document that left memory. */
  forget(document: string): void {
    this.#sinceSnapshot.delete(document);
  }

  /** Every update of the document, oldest first. */
  async timeline(document: string): Promise<StoredUpdate[]> {
    const rows = await this.#db
      .selectFrom('collab_updates')
      .select(['seq', 'author', 'created_at', 'update'])
      .where('document', '=', document)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), author: r.author, createdAt: r.created_at, update: bytes(r.update) }));
  }

  /** Waits for every queued append and compaction. */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.allSettled([...this.#queues.values()]);
  }

  #enqueue<T>(document: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(document) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.then(
      () => {},
      () => {},
    );
    this.#queues.set(document, settled);
    void settled.then(() => {
      if (this.#queues.get(document) === settled) this.#queues.delete(document);
    });
    return next;
  }
}

/** Both drivers return Buffers; Yjs wants plain views. */
function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
