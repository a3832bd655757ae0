import type { FieldCipher, FieldContext } from '../adapters/crypto/field-cipher.js';
import type { Db } from '../adapters/db/database.js';
import { snapshotContext, updateContext } from '../collab/store.js';
import { enqueue, exponentialBackoff, type JobQueue } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import { feedbackContext } from '../services/feedback.js';
import { runContext } from '../services/runs/store.js';
import { chatContext } from '../chat/session-chat.js';

/** The job kind of a re-encryption pass. */
export const RE_ENCRYPTION_JOB = 're-encryption';

/** How far a pass got through one table: rows looked at, and rows rewritten under the current key. */
export interface ReEncryptionProgress {
  table: string;
  examined: number;
  rewritten: number;
}

/** One sealed column: its rows in primary-key order after a cursor, and a compare-and-set rewrite of one row. */
interface SealedColumn<R, K> {
  table: string;
  after(db: Db, cursor: K | undefined, limit: number): Promise<R[]>;
  cursor(row: R): K;
  value(row: R): Uint8Array | string;
  context(row: R): FieldContext;
  /** Writes `next` where the row still holds `previous` (a concurrent write wins); whether it did. */
  rewrite(db: Db, row: R, previous: Uint8Array | string, next: Uint8Array | string): Promise<boolean>;
}

const changed = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;
const asBuffer = (value: Uint8Array | string) => (typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength));

/** A sealed text column of `runs` (the program, a project's files, its input, its result), rows in id order. */
function runsColumn(column: 'code' | 'files' | 'stdin' | 'result'): SealedColumn<{ id: string; session_id: string; value: string }, string> {
  return {
    table: `runs.${column}`,
    after: (db, cursor, limit) =>
      db.selectFrom('runs').select(['id', 'session_id', `${column} as value`]).$if(cursor !== undefined, (q) => q.where('id', '>', cursor!)).orderBy('id').limit(limit).execute(),
    cursor: (row) => row.id,
    value: (row) => row.value,
    context: (row) => runContext(column, row.session_id, row.id),
    rewrite: async (db, row, previous, next) =>
      changed(await db.updateTable('runs').set({ [column]: next as string }).where('id', '=', row.id).where(column, '=', previous as string).executeTakeFirst()),
  };
}

const COLUMNS = [
  {
    table: 'collab_updates',
    after: (db, cursor, limit) =>
      db.selectFrom('collab_updates').select(['seq', 'session_id', 'document', 'update']).$if(cursor !== undefined, (q) => q.where('seq', '>', cursor!)).orderBy('seq').limit(limit).execute(),
    cursor: (row) => Number(row.seq),
    value: (row) => row.update,
    context: (row) => updateContext(row.session_id, row.document),
    rewrite: async (db, row, previous, next) =>
      changed(await db.updateTable('collab_updates').set({ update: asBuffer(next) }).where('seq', '=', row.seq).where('update', '=', asBuffer(previous)).executeTakeFirst()),
  } satisfies SealedColumn<{ seq: number | string; session_id: string; document: string; update: Uint8Array }, number>,
  {
    table: 'collab_snapshots',
    after: (db, cursor, limit) =>
      db.selectFrom('collab_snapshots').select(['document', 'session_id', 'state']).$if(cursor !== undefined, (q) => q.where('document', '>', cursor!)).orderBy('document').limit(limit).execute(),
    cursor: (row) => row.document,
    value: (row) => row.state,
    context: (row) => snapshotContext(row.session_id, row.document),
    rewrite: async (db, row, previous, next) =>
      changed(await db.updateTable('collab_snapshots').set({ state: asBuffer(next) }).where('document', '=', row.document).where('state', '=', asBuffer(previous)).executeTakeFirst()),
  } satisfies SealedColumn<{ document: string; session_id: string; state: Uint8Array }, string>,
  {
    table: 'session_feedback',
    after: (db, cursor, limit) =>
      db
        .selectFrom('session_feedback')
        .select(['session_id', 'participant_id', 'content'])
        .$if(cursor !== undefined, (q) =>
          q.where((eb) => eb.or([eb('session_id', '>', cursor![0]), eb.and([eb('session_id', '=', cursor![0]), eb('participant_id', '>', cursor![1])])])),
        )
        .orderBy('session_id')
        .orderBy('participant_id')
        .limit(limit)
        .execute(),
    cursor: (row) => [row.session_id, row.participant_id] as [string, string],
    value: (row) => row.content,
    context: (row) => feedbackContext(row.session_id, row.participant_id),
    rewrite: async (db, row, previous, next) =>
      changed(
        await db
          .updateTable('session_feedback')
          .set({ content: next as string })
          .where('session_id', '=', row.session_id)
          .where('participant_id', '=', row.participant_id)
          .where('content', '=', previous as string)
          .executeTakeFirst(),
      ),
  } satisfies SealedColumn<{ session_id: string; participant_id: string; content: string }, [string, string]>,
  runsColumn('code'),
  runsColumn('files'),
  runsColumn('stdin'),
  runsColumn('result'),
  {
    table: 'chat_messages',
    after: (db, cursor, limit) =>
      db.selectFrom('chat_messages').select(['id', 'session_id', 'text']).$if(cursor !== undefined, (q) => q.where('id', '>', cursor!)).orderBy('id').limit(limit).execute(),
    cursor: (row) => row.id,
    value: (row) => row.text,
    context: (row) => chatContext(row.session_id, row.id),
    rewrite: async (db, row, previous, next) =>
      changed(await db.updateTable('chat_messages').set({ text: next as string }).where('id', '=', row.id).where('text', '=', previous as string).executeTakeFirst()),
  } satisfies SealedColumn<{ id: string; session_id: string; text: string }, string>,
];

/** The tables a pass rewrites, in its order. */
export const SEALED_TABLES = COLUMNS.map((c) => c.table);

/**
 * Re-encryption: rewrites every sealed column (code and notes documents, their snapshots,
 * feedback, the program, project files, input and result of runs, chat messages) under the current `DATA_ENCRYPTION_KEY`, in batches in primary-key order. Plain rows
 * written before a key existed are sealed; rows under an old key are opened with it and sealed
 * again. A row changed meanwhile keeps its new value (already under the current key). After a
 * complete pass no row needs an old key, and `DATA_ENCRYPTION_OLD_KEYS` can drop it.
 */
export class ReEncryption {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly options: { batchSize?: number } = {},
  ) {}

  /** One complete pass; `onProgress` hears of every batch. */
  async run(onProgress: (progress: ReEncryptionProgress) => void = () => {}): Promise<ReEncryptionProgress[]> {
    if (!this.cipher.enabled) throw new Error('DATA_ENCRYPTION_KEY is not set: there is no key to re-encrypt under');
    const totals: ReEncryptionProgress[] = [];
    for (const column of COLUMNS) totals.push(await this.#pass(column as SealedColumn<unknown, unknown>, onProgress));
    return totals;
  }

  async #pass<R, K>(column: SealedColumn<R, K>, onProgress: (progress: ReEncryptionProgress) => void): Promise<ReEncryptionProgress> {
    const limit = this.options.batchSize ?? 200;
    const progress: ReEncryptionProgress = { table: column.table, examined: 0, rewritten: 0 };
    let cursor: K | undefined;
    for (;;) {
      const rows = await column.after(this.db, cursor, limit);
      for (const row of rows) {
        const stored = column.value(row);
        progress.examined += 1;
        if (this.cipher.isCurrent(stored)) continue;
        const context = column.context(row);
        const next = typeof stored === 'string' ? this.cipher.sealText(this.cipher.openText(stored, context), context) : this.cipher.sealBytes(this.cipher.openBytes(stored, context), context);
        if (await column.rewrite(this.db, row, stored, next)) progress.rewritten += 1;
      }
      if (rows.length) onProgress({ ...progress });
      if (rows.length < limit) return progress;
      cursor = column.cursor(rows.at(-1)!);
    }
  }
}

/**
 * Enqueues a re-encryption pass and returns its job key — or, while a pass is queued or running
 * (it rewrites every tenant's rows), that pass's key: however often it is asked for, at most one
 * pass waits.
 */
export async function scheduleReEncryption(db: Db, tenantId: string | null, keyId: string, now: Date): Promise<string> {
  const pending = await db
    .selectFrom('jobs')
    .select('key')
    .where('kind', '=', RE_ENCRYPTION_JOB)
    .where('state', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (pending) return pending.key;
  const key = `re-encryption:${keyId}:${now.toISOString()}`;
  await enqueue(db, { kind: RE_ENCRYPTION_JOB, key, tenantId, payload: { keyId } }, now);
  return key;
}

/** The re-encryption job: one pass, its progress logged per batch and its totals at the end. */
export function registerReEncryptionJob(jobs: JobQueue, deps: { reEncryption: ReEncryption; logger: Logger }): void {
  jobs.register(
    RE_ENCRYPTION_JOB,
    async () => {
      const totals = await deps.reEncryption.run((progress) => deps.logger.info('re-encryption progress', { ...progress }));
      deps.logger.info('re-encryption done', { tables: totals });
    },
    { maxAttempts: 3, backoff: exponentialBackoff({ baseMs: 60_000, maxMs: 600_000 }), concurrency: 1 },
  );
}
