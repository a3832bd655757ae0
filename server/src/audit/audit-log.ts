import { randomUUID } from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import { seqCursorOf, seqOfCursor } from '../pagination.js';
import { ChainWalk, GENESIS_HASH, hashOf, type ChainedFields } from './chain.js';
import type { AuditAction } from './actions.js';
import './tables.js';

/** Who did it: a host's API key, a participant (with the role), a signed report link, or the server's own job. */
export type AuditActor =
  | { kind: 'api-key'; id: string }
  | { kind: 'participant'; id: string; role: string }
  | { kind: 'report-link'; id: string }
  | { kind: 'system'; id: string };

/** The request an entry comes from, when it comes from one. */
export interface AuditContext {
  actor: AuditActor;
  requestId?: string | null;
  clientAddress?: string | null;
}

export interface AuditInput extends AuditContext {
  tenantId: string;
  action: AuditAction;
  resource: string;
  sessionId?: string | null;
  /** Counts and ids only, never candidate content. */
  detail?: Record<string, unknown> | null;
}

/** An entry as `GET /v1/audit` shows it. */
export interface AuditEntryView {
  seq: number;
  id: string;
  at: string;
  action: string;
  resource: string;
  sessionId: string | null;
  actor: { kind: string; id: string; role: string | null };
  requestId: string | null;
  clientAddress: string | null;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  action?: string | undefined;
  resource?: string | undefined;
  /** The actor's id (API key id, participant id, job name). */
  actor?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

type Row = Selectable<Database['audit_entries']>;

const VERIFY_BATCH = 1_000;

/**
 * The tamper-evident audit log: every access to candidate data and every change, one hash chain
 * per tenant. An append locks the tenant's head row (`audit_heads`; `FOR UPDATE` on PostgreSQL,
 * the database's single writer on SQLite), links the entry to the head's hash and moves the head,
 * in one transaction — also inside the transaction of the change it records (`appendIn`) — and
 * `(tenant_id, seq)` is the primary key, so two writers, in one process or many, never fork a
 * chain. Entries are never updated; the retention policy may remove the oldest ones.
 *
 * Accesses recorded after their response (`record`, `track`) are tracked until committed: reading
 * the log waits for them, so an access is listed as soon as its answer arrived.
 */
export class AuditLog {
  readonly #postgres: boolean;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Appends an entry in its own transaction. */
  record(input: AuditInput): Promise<AuditEntryView> {
    return this.track(this.db.transaction().execute((trx) => this.appendIn(trx, input)));
  }

  /** Makes readers of the log wait for `work` (an entry on its way: its tenant still being looked up, say). */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
    return work;
  }

  /** Appends an entry inside `trx`, the transaction of the change it records. */
  async appendIn(trx: Kysely<Database>, input: AuditInput): Promise<AuditEntryView> {
    await trx
      .insertInto('audit_heads')
      .values({ tenant_id: input.tenantId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute();
    let read = trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', input.tenantId);
    if (this.#postgres) read = read.forUpdate();
    const head = await read.executeTakeFirstOrThrow();
    const fields: ChainedFields = {
      tenantId: input.tenantId,
      seq: Number(head.seq) + 1,
      createdAt: this.now().toISOString(),
      action: input.action,
      resource: input.resource,
      sessionId: input.sessionId ?? null,
      actorKind: input.actor.kind,
      actorId: input.actor.id,
      actorRole: input.actor.kind === 'participant' ? input.actor.role : null,
      requestId: input.requestId ?? null,
      clientAddress: input.clientAddress ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
      prevHash: head.hash,
    };
    const row: Row = { ...rowOf(fields), id: randomUUID(), hash: hashOf(fields) };
    await trx.insertInto('audit_entries').values(row).execute();
    await trx.updateTable('audit_heads').set({ seq: row.seq, hash: row.hash }).where('tenant_id', '=', input.tenantId).execute();
    return viewOf(row);
  }

  /** Resolves once every entry recorded so far is committed (or failed). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** The tenant's entries, newest first, filtered; one page at a time. */
  async list(tenantId: string, filter: AuditFilter): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
    await this.idle();
    let query = this.db.selectFrom('audit_entries').selectAll().where('tenant_id', '=', tenantId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.resource) query = query.where('resource', '=', filter.resource);
    if (filter.actor) query = query.where('actor_id', '=', filter.actor);
    if (filter.since) query = query.where('created_at', '>=', new Date(filter.since).toISOString());
    if (filter.until) query = query.where('created_at', '<', new Date(filter.until).toISOString());
    if (filter.cursor) query = query.where('seq', '<', seqOfCursor('audit', filter.cursor));
    const rows = await query.orderBy('seq', 'desc').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return { entries: page.map(viewOf), nextCursor: rows.length > filter.limit && last ? seqCursorOf('audit', Number(last.seq)) : null };
  }

  /** Every entry about one session, oldest first (what its export carries). */
  async forSession(tenantId: string, sessionId: string): Promise<AuditEntryView[]> {
    await this.idle();
    const rows = await this.db.selectFrom('audit_entries').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).orderBy('seq').execute();
    return rows.map(viewOf);
  }

  /** Recomputes the tenant's chain: `firstBrokenSeq` names the first entry that was changed, removed or inserted. */
  async verify(tenantId: string): Promise<{ ok: boolean; checked: number; firstBrokenSeq?: number }> {
    await this.idle();
    const walk = new ChainWalk();
    let after = -1;
    for (;;) {
      const rows = await this.db.selectFrom('audit_entries').selectAll().where('tenant_id', '=', tenantId).where('seq', '>', after).orderBy('seq').limit(VERIFY_BATCH).execute();
      for (const row of rows) if (!walk.next({ ...fieldsOf(row), hash: row.hash })) return walk.result(undefined);
      if (rows.length < VERIFY_BATCH) break;
      after = Number(rows.at(-1)!.seq);
    }
    const head = await this.db.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
    return walk.result(head && { seq: Number(head.seq), hash: head.hash });
  }

  /**
   * Removes the tenant's entries older than `before`, except the newest one (the chain's head
   * stays verifiable). What remains verifies from its oldest entry on. Returns how many went.
   */
  async pruneBefore(tenantId: string, before: string): Promise<number> {
    const head = await this.db.selectFrom('audit_heads').select('seq').where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!head) return 0;
    const deleted = await this.db
      .deleteFrom('audit_entries')
      .where('tenant_id', '=', tenantId)
      .where('created_at', '<', before)
      .where('seq', '<', Number(head.seq))
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}

function rowOf(fields: ChainedFields): Omit<Row, 'id' | 'hash'> {
  return {
    tenant_id: fields.tenantId,
    seq: fields.seq,
    created_at: fields.createdAt,
    action: fields.action,
    resource: fields.resource,
    session_id: fields.sessionId,
    actor_kind: fields.actorKind as Row['actor_kind'],
    actor_id: fields.actorId,
    actor_role: fields.actorRole,
    request_id: fields.requestId,
    client_address: fields.clientAddress,
    detail: fields.detail,
    prev_hash: fields.prevHash,
  };
}

function fieldsOf(row: Row): ChainedFields {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    createdAt: row.created_at,
    action: row.action,
    resource: row.resource,
    sessionId: row.session_id,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    requestId: row.request_id,
    clientAddress: row.client_address,
    detail: row.detail,
    prevHash: row.prev_hash,
  };
}

function viewOf(row: Row): AuditEntryView {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.created_at,
    action: row.action,
    resource: row.resource,
    sessionId: row.session_id,
    actor: { kind: row.actor_kind, id: row.actor_id, role: row.actor_role },
    requestId: row.request_id,
    clientAddress: row.client_address,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
