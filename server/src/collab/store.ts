import { PostgresAdapter, sql } from 'kysely';
import * as Y from 'yjs';
import { NO_ENCRYPTION, SEALED_MAGIC, SEALED_OVERHEAD, type FieldCipher, type FieldContext } from '../adapters/crypto/field-cipher.js';
import type { Db } from '../adapters/db/database.js';
import { SerialQueues } from './serial-queues.js';
import { SessionStatusCache, type SessionStatus } from './session-status.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    collab_updates: {
      /** Assigned by the database; increasing in the order updates were accepted. */
      seq: import('kysely').Generated<number | string>;
      session_id: string;
      document: string;
      /** Participant id; `null` for content the server wrote (the starter code, run records, the lifecycle). */
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
  /**
   * At most one group commit per this many milliseconds (default {@link COMMIT_INTERVAL_MS}): an
   * append to an idle store is written at the end of its loop turn; under load, appends gather
   * until the interval since the last commit has passed. A group never waits much longer than
   * this for a long loop turn to end either: an append to a group this old writes it at once.
   */
  commitIntervalMs?: number;
  /** Where appends learn whether their session still accepts edits. */
  statuses?: SessionStatusCache;
  /** Called after each committed group with the number of updates it stored. */
  onGroupCommitted?: (updates: number) => void;
  /** Seals updates and snapshots at rest (`DATA_ENCRYPTION_KEY`); default: stored in clear. */
  cipher?: FieldCipher;
  now?: () => Date;
}

interface PendingAppend {
  sessionId: string;
  document: string;
  author: string | null;
  update: Uint8Array;
  resolve(seq: number | undefined): void;
  reject(error: unknown): void;
}

/** Rows per INSERT statement: 5 parameters each stays far below every engine's parameter limit. */
const ROWS_PER_INSERT = 100;

/**
 * The default of {@link CollabStoreOptions.commitIntervalMs}. A transaction costs far more than a
 * row (SQLite, measured: 0.17–0.25 ms of CPU for a group of one, 0.03 ms per update in groups of
 * thirty), and the server acknowledges and relays an update only once it is committed; so under
 * load updates wait up to this long for the next commit, and a quiet document's not at all.
 */
export const COMMIT_INTERVAL_MS = 4;

/**
 * The persistence of collaborative documents.
 *
 * - Every accepted update is appended to `collab_updates` (author, time) before the server
 *   applies or acknowledges it (see `sync.ts`). Appends are committed in groups: the appends
 *   that arrive while the event loop handles one round of socket reads go to the database in one
 *   transaction (one INSERT per hundred rows), and each append's promise resolves only after
 *   that transaction committed. Under load, groups start at least `commitIntervalMs` apart,
 *   so that they grow instead of each paying a transaction for a few updates; a round of reads
 *   that lasts longer than that (a loaded server) is written in groups of that interval, not all
 *   at its end, which would hold back every acknowledgement and relay of the round. One group is
 *   written at a time, so sequence numbers are committed in order and a snapshot never skips one.
 * - Compaction writes `collab_snapshots`: the document state up to a sequence number. Loading reads
 *   the snapshot plus the log after it. The log is never trimmed: replay reads it whole.
 * - Several instances on one PostgreSQL database append to the same document at once, and a
 *   sequence number taken by one instance's transaction may commit after a higher one of another's:
 *   a snapshot up to the higher one would then skip it for good. So on PostgreSQL an append group
 *   holds a shared advisory lock per document it writes, and a compaction the exclusive one of its
 *   document while it reads and writes: it starts once every append under way to that document
 *   committed, and appends to it wait the few milliseconds it takes.
 * - A participant's append is refused (resolves `undefined`) unless the session is live, which is
 *   what makes documents read-only after the end even for connections opened before it. The
 *   server's own appends (author `null`) are taken in every state, so that it can seed a scheduled
 *   session and write the final state of an ended one; a session that is gone takes none. The
 *   status comes from a {@link SessionStatusCache} (ends through this server invalidate it at
 *   once); sessions it has no fresh reading of are read in the group's transaction, all in one
 *   query.
 * - With a key ({@link FieldCipher}), updates and snapshots are sealed on write and opened on
 *   read, each bound to its table, session and document; plain rows from before stay readable.
 *   What callers see, and what the document quota counts, is always the plain update.
 */
export class CollabStore {
  readonly #db: Db;
  readonly #compactEvery: number;
  readonly #statuses: SessionStatusCache;
  readonly #onGroupCommitted: (updates: number) => void;
  readonly #now: () => Date;
  readonly #cipher: FieldCipher;
  readonly #postgres: boolean;
  readonly #commitIntervalMs: number;
  /** When the last group started to be written (`performance.now()`). */
  #lastCommitAt = -Infinity;
  #pending: PendingAppend[] = [];
  /** Settles once the group holding the pending appends is written. */
  #pendingWritten: { promise: Promise<void>; resolve(): void } | undefined;
  /** The scheduled write of the pending group (at the end of the turn, or after the interval). */
  #flushScheduled: { cancel(): void } | undefined;
  /** When the first of the pending appends arrived (`performance.now()`). */
  #groupStartedAt = 0;
  /** The group being written, if any. */
  #writing: Promise<void> | undefined;
  /** Per-document queue of compactions, so that two never overlap. */
  readonly #compactions = new SerialQueues();
  readonly #sinceSnapshot = new Map<string, number>();

  constructor(db: Db, options: CollabStoreOptions = {}) {
    this.#db = db;
    this.#compactEvery = options.compactEvery ?? 500;
    this.#statuses = options.statuses ?? new SessionStatusCache();
    this.#onGroupCommitted = options.onGroupCommitted ?? (() => {});
    this.#now = options.now ?? (() => new Date());
    this.#cipher = options.cipher ?? NO_ENCRYPTION;
    this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    this.#commitIntervalMs = options.commitIntervalMs ?? COMMIT_INTERVAL_MS;
  }

  /**
   * Appends an update of `document` by `author` (`null`: the server), if the session takes it.
   * @returns the update's sequence number once it is committed, or `undefined` when the session
   *   is not live (for a participant) or is gone.
   */
  append(sessionId: string, document: string, author: string | null, update: Uint8Array): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ sessionId, document, author, update, resolve, reject });
      // A loop turn of a loaded server can read sockets for hundreds of milliseconds before the
      // scheduled write gets its turn: a group that has waited the interval is written now.
      if (this.#flushScheduled && performance.now() - this.#groupStartedAt >= this.#commitIntervalMs) {
        this.#flushScheduled.cancel();
        this.#flushScheduled = undefined;
        this.#flush();
      } else {
        this.#scheduleFlush();
      }
    });
  }

  /** The document's state: its latest snapshot and the updates after it, in order. */
  async load(document: string): Promise<Uint8Array[]> {
    // An update appended just before its document left memory must not be missed on the way back.
    await this.#written();
    const snapshot = await this.#db
      .selectFrom('collab_snapshots')
      .select(['seq', 'session_id', 'state'])
      .where('document', '=', document)
      .executeTakeFirst();
    const after = snapshot ? Number(snapshot.seq) : 0;
    const rows = await this.#db
      .selectFrom('collab_updates')
      .select(['session_id', 'update'])
      .where('document', '=', document)
      .where('seq', '>', after)
      .orderBy('seq')
      .execute();
    this.#sinceSnapshot.set(document, rows.length);
    return [...(snapshot ? [this.#openState(snapshot, document)] : []), ...rows.map((r) => this.#openUpdate(r, document))];
  }

  /** Bytes of the document's history written by clients (not by the server), whole. */
  async clientBytes(document: string): Promise<number> {
    // An update appended just before its document left memory counts too.
    await this.#written();
    const row = await this.#db
      .selectFrom('collab_updates')
      // Sealed rows count as the plain update they hold, as they did when they were accepted.
      .select(
        sql<number | string | null>`sum(length(${sql.ref('update')}) - case when substr(${sql.ref('update')}, 1, ${SEALED_MAGIC.length}) = ${Buffer.from(SEALED_MAGIC)} then ${SEALED_OVERHEAD} else 0 end)`.as('bytes'),
      )
      .where('document', '=', document)
      .where('author', 'is not', null)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /** Folds the updates after the latest snapshot into a new snapshot. */
  compact(document: string): Promise<void> {
    return this.#compactions.run(document, () => this.#compact(document));
  }

  /** Forgets in-memory bookkeeping of a document that left memory. */
  forget(document: string): void {
    this.#sinceSnapshot.delete(document);
  }

  /** Every update of the document, oldest first. */
  async timeline(document: string): Promise<StoredUpdate[]> {
    const rows = await this.#db
      .selectFrom('collab_updates')
      .select(['seq', 'session_id', 'author', 'created_at', 'update'])
      .where('document', '=', document)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), author: r.author, createdAt: r.created_at, update: this.#openUpdate(r, document) }));
  }

  /** Waits for every pending append and compaction. */
  async idle(): Promise<void> {
    while (this.#pending.length > 0 || this.#writing || this.#compactions.busy()) {
      await Promise.all([this.#written(), this.#compactions.idle()]);
    }
  }

  /** Resolves once every append made so far is committed (or failed). */
  #written(): Promise<void> {
    if (this.#pendingWritten) return this.#pendingWritten.promise;
    return this.#writing ?? Promise.resolve();
  }

  #scheduleFlush(): void {
    if (!this.#pendingWritten) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.#pendingWritten = { promise, resolve };
      this.#groupStartedAt = performance.now();
    }
    // While a group is being written, the next one gathers; it is flushed when that write ends.
    if (this.#flushScheduled || this.#writing) return;
    const flush = () => {
      this.#flushScheduled = undefined;
      this.#flush();
    };
    // After the I/O callbacks of this loop turn (every update read from the sockets joins the
    // group), or, within the commit interval of the last group, once the interval has passed.
    const wait = this.#lastCommitAt + this.#commitIntervalMs - performance.now();
    if (wait > 0) {
      const timer = setTimeout(flush, wait);
      this.#flushScheduled = { cancel: () => clearTimeout(timer) };
    } else {
      const immediate = setImmediate(flush);
      this.#flushScheduled = { cancel: () => clearImmediate(immediate) };
    }
  }

  #flush(): void {
    this.#lastCommitAt = performance.now();
    const group = this.#pending;
    const written = this.#pendingWritten!;
    this.#pending = [];
    this.#pendingWritten = undefined;
    this.#writing = this.#write(group).finally(() => {
      this.#writing = undefined;
      written.resolve();
      if (this.#pending.length > 0) this.#scheduleFlush();
    });
  }

  async #write(group: PendingAppend[]): Promise<void> {
    let seqs: (number | undefined)[];
    try {
      seqs = await this.#db.transaction().execute(async (trx) => {
        if (this.#postgres) {
          // See the class comment: compactions of these documents wait for this transaction.
          const documents = [...new Set(group.map((a) => a.document))];
          await sql`SELECT pg_advisory_xact_lock_shared(hashtext(d)) FROM unnest(${documents}::text[]) AS d`.execute(trx);
        }
        const status = await this.#statusesOf(trx, group);
        // Participants write while the session is live; the server (author null) also before and after.
        const accepted = group.filter((a) => acceptsWrites(status.get(a.sessionId), a.author));
        const createdAt = this.#now().toISOString();
        const assigned = new Map<PendingAppend, number>();
        for (let i = 0; i < accepted.length; i += ROWS_PER_INSERT) {
          const chunk = accepted.slice(i, i + ROWS_PER_INSERT);
          const rows = await trx
            .insertInto('collab_updates')
            .values(
              chunk.map((a) => ({
                session_id: a.sessionId,
                document: a.document,
                author: a.author,
                created_at: createdAt,
                update: buffer(this.#cipher.sealBytes(a.update, updateContext(a.sessionId, a.document))),
              })),
            )
            .returning('seq')
            .execute();
          // Rows are numbered in the order of the VALUES list; RETURNING's order is not promised.
          const numbers = rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
          chunk.forEach((a, j) => assigned.set(a, numbers[j]!));
        }
        return group.map((a) => assigned.get(a));
      });
    } catch (error) {
      for (const a of group) a.reject(error);
      return;
    }
    this.#onGroupCommitted(seqs.filter((seq) => seq !== undefined).length);
    group.forEach((a, i) => {
      const seq = seqs[i];
      if (seq !== undefined) this.#counted(a.document);
      a.resolve(seq);
    });
  }

  /** The status of every session of the group: cached when fresh, else read in one query. */
  async #statusesOf(trx: Db, group: PendingAppend[]): Promise<Map<string, SessionStatus>> {
    const status = new Map<string, SessionStatus>();
    const unknown: string[] = [];
    for (const { sessionId } of group) {
      if (status.has(sessionId) || unknown.includes(sessionId)) continue;
      const cached = this.#statuses.get(sessionId);
      if (cached === null) unknown.push(sessionId);
      else status.set(sessionId, cached);
    }
    if (unknown.length > 0) {
      const rows = await trx.selectFrom('sessions').select(['id', 'status']).where('id', 'in', unknown).execute();
      for (const id of unknown) {
        const read = rows.find((r) => r.id === id)?.status;
        this.#statuses.remember(id, read);
        // A change that arrived while reading wins.
        status.set(id, this.#statuses.get(id) ?? read);
      }
    }
    return status;
  }

  #counted(document: string): void {
    const count = (this.#sinceSnapshot.get(document) ?? 0) + 1;
    this.#sinceSnapshot.set(document, count);
    if (count >= this.#compactEvery && !this.#compactions.busy(document)) void this.compact(document).catch(() => {});
  }

  async #compact(document: string): Promise<void> {
    if (!this.#postgres) return this.#compactIn(this.#db, document);
    await this.#db.transaction().execute(async (trx) => {
      // No append to this document is under way on any instance while this reads (class comment).
      await sql`SELECT pg_advisory_xact_lock(hashtext(${document}))`.execute(trx);
      await this.#compactIn(trx, document);
    });
  }

  async #compactIn(db: Db, document: string): Promise<void> {
    const snapshot = await db
      .selectFrom('collab_snapshots')
      .select(['seq', 'session_id', 'state'])
      .where('document', '=', document)
      .executeTakeFirst();
    const rows = await db
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
      if (snapshot) Y.applyUpdate(doc, this.#openState(snapshot, document));
      for (const row of rows) Y.applyUpdate(doc, this.#openUpdate(row, document));
      const state = Y.encodeStateAsUpdate(doc);
      const values = {
        document,
        session_id: last.session_id,
        seq: Number(last.seq),
        created_at: this.#now().toISOString(),
        state: buffer(this.#cipher.sealBytes(state, snapshotContext(last.session_id, document))),
      };
      await db
        .insertInto('collab_snapshots')
        .values(values)
        .onConflict((oc) => oc.column('document').doUpdateSet({ seq: values.seq, created_at: values.created_at, state: values.state }))
        .execute();
      // Appends counted while this ran stay counted.
      const since = this.#sinceSnapshot.get(document);
      if (since !== undefined) this.#sinceSnapshot.set(document, Math.max(0, since - rows.length));
    } finally {
      doc.destroy();
    }
  }

  #openUpdate(row: { session_id: string; update: Uint8Array }, document: string): Uint8Array {
    return bytes(this.#cipher.openBytes(row.update, updateContext(row.session_id, document)));
  }

  #openState(row: { session_id: string; state: Uint8Array }, document: string): Uint8Array {
    return bytes(this.#cipher.openBytes(row.state, snapshotContext(row.session_id, document)));
  }
}

/** What a sealed update or snapshot is bound to: its table, session and document. */
export const updateContext = (sessionId: string, document: string): FieldContext => ({ table: 'collab_updates', column: 'update', sessionId, row: document });
export const snapshotContext = (sessionId: string, document: string): FieldContext => ({ table: 'collab_snapshots', column: 'state', sessionId, row: document });

const buffer = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/** Both drivers return Buffers; Yjs wants plain views. */
function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Whether an update by `author` (`null`: the server) is stored in a session with `status`:
 * participants' while it is live; the server's in every state (the starter code before the start,
 * the lifecycle's final state after the end), unless the session is gone.
 */
function acceptsWrites(status: SessionStatus, author: string | null): boolean {
  return author === null ? status !== undefined : status === 'live';
}
