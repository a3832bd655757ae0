import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../logger.js';
import type { Recordings } from '../recordings/recordings.js';
import type { SessionEraser } from './erasure.js';
import { reclaimErasedSpace } from './storage.js';
import './tables.js';

/** Days each kind of data is kept after its session ended (or was created, if it never ran); `null` keeps it. */
export interface RetentionPolicy {
  /**
   * The shared document's history and snapshots (timeline, final code, and the chat it carries, with the chat's stored
   * messages), and the call's recordings with their consents and transcripts.
   */
  codeDays: number | null;
  /** Runs: their programs, input, output and test results. */
  runsDays: number | null;
  /** Feedback (drafts and submissions) and the interviewers' private notes. */
  feedbackDays: number | null;
  /** Reports, automatic scores and the assistant's drafts. */
  reportsDays: number | null;
  /** Audit entries (counted from their own time). */
  auditDays: number | null;
}

/** Until a tenant sets a policy, nothing is erased automatically. */
export const DEFAULT_RETENTION: RetentionPolicy = { codeDays: null, runsDays: null, feedbackDays: null, reportsDays: null, auditDays: null };

type Category = Exclude<keyof RetentionPolicy, 'auditDays'>;

/** What one category removes from a session. */
const CATEGORIES: Record<Category, (trx: Kysely<Database>, sessionId: string) => Promise<Record<string, number>>> = {
  codeDays: async (trx, id) => ({
    collab_updates: await removed(trx.deleteFrom('collab_updates').where('document', '=', id)),
    collab_snapshots: await removed(trx.deleteFrom('collab_snapshots').where('document', '=', id)),
    chat_messages: await removed(trx.deleteFrom('chat_messages').where('session_id', '=', id)),
    transcript_segments: await removed(trx.deleteFrom('transcript_segments').where('session_id', '=', id)),
    transcripts: await removed(trx.deleteFrom('transcripts').where('session_id', '=', id)),
    recording_chunks: await removed(trx.deleteFrom('recording_chunks').where('session_id', '=', id)),
    recordings: await removed(trx.deleteFrom('recordings').where('session_id', '=', id)),
    recording_consents: await removed(trx.deleteFrom('recording_consents').where('session_id', '=', id)),
  }),
  runsDays: async (trx, id) => ({ runs: await removed(trx.deleteFrom('runs').where('session_id', '=', id)) }),
  feedbackDays: async (trx, id) => ({
    session_feedback: await removed(trx.deleteFrom('session_feedback').where('session_id', '=', id)),
    collab_updates: await removed(trx.deleteFrom('collab_updates').where('document', '=', `${id}/private`)),
    collab_snapshots: await removed(trx.deleteFrom('collab_snapshots').where('document', '=', `${id}/private`)),
  }),
  reportsDays: async (trx, id) => ({
    reports: await removed(trx.deleteFrom('reports').where('session_id', '=', id)),
    scores: await removed(trx.deleteFrom('scores').where('session_id', '=', id)),
    assistant_drafts: await removed(trx.deleteFrom('assistant_drafts').where('session_id', '=', id)),
  }),
};

/** Whether a session still holds data of a category. */
const HOLDS: Record<Category, (id: RawBuilder<unknown>) => RawBuilder<SqlBool>> = {
  codeDays: (id) =>
    sql<SqlBool>`exists (select 1 from collab_updates u where u.document = ${id}) or exists (select 1 from collab_snapshots s where s.document = ${id}) or exists (select 1 from recordings r where r.session_id = ${id}) or exists (select 1 from chat_messages m where m.session_id = ${id})`,
  runsDays: (id) => sql<SqlBool>`exists (select 1 from runs r where r.session_id = ${id})`,
  feedbackDays: (id) =>
    sql<SqlBool>`exists (select 1 from session_feedback f where f.session_id = ${id}) or exists (select 1 from collab_updates u where u.session_id = ${id} and u.document <> ${id})`,
  reportsDays: (id) => sql<SqlBool>`exists (select 1 from reports r where r.session_id = ${id}) or exists (select 1 from scores c where c.session_id = ${id})`,
};

async function removed(query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }): Promise<number> {
  return Number((await query.executeTakeFirst()).numDeletedRows);
}

/** What one pass erased, per tenant. */
export interface RetentionReport {
  tenants: { tenantId: string; sessionsErased: string[]; partial: { sessionId: string; category: Category; rows: Record<string, number> }[]; auditEntries: number }[];
}

export interface RetentionDeps {
  db: Db;
  audit: AuditLog;
  eraser: SessionEraser;
  /** Recordings' bytes, in the object store beside the database (removed with the code). */
  recordings: Pick<Recordings, 'eraseObjects'>;
  logger: Logger;
  now?: () => Date;
}

/** Sessions handled per category per pass; the next day's pass takes the rest. */
const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * Per-tenant retention: the policy (`GET/PUT /v1/settings/retention`) and the pass that applies it
 * (the daily `data.retention` job, see `retention-job.ts`). A session's age counts from its end (or,
 * if it never ran, from its scheduled time or creation); live sessions are never touched. Past a category's days its data
 * is removed from the session; a session past every category's days (all set) is erased whole,
 * tombstone included. Every removal is logged and entered in the audit log as the system's
 * `retention.erase`; audit entries older than `auditDays` are removed last.
 */
export class RetentionService {
  readonly #now: () => Date;

  constructor(private readonly deps: RetentionDeps) {
    this.#now = deps.now ?? (() => new Date());
  }

  async policy(tenantId: string): Promise<RetentionPolicy & { updatedAt: string | null }> {
    const row = await this.deps.db.selectFrom('retention_policies').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) return { ...DEFAULT_RETENTION, updatedAt: null };
    return { ...DEFAULT_RETENTION, ...(JSON.parse(row.policy) as Partial<RetentionPolicy>), updatedAt: row.updated_at };
  }

  async setPolicy(tenantId: string, policy: RetentionPolicy): Promise<RetentionPolicy & { updatedAt: string }> {
    const updatedAt = this.#now().toISOString();
    const stored = JSON.stringify({ ...DEFAULT_RETENTION, ...policy });
    await this.deps.db
      .insertInto('retention_policies')
      .values({ tenant_id: tenantId, policy: stored, updated_at: updatedAt })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ policy: stored, updated_at: updatedAt }))
      .execute();
    return { ...DEFAULT_RETENTION, ...policy, updatedAt };
  }

  /** Applies every tenant's policy as of now. */
  async purgeDue(): Promise<RetentionReport> {
    const at = this.#now();
    const tenants = await this.deps.db.selectFrom('retention_policies').select('tenant_id').orderBy('tenant_id').execute();
    const report: RetentionReport = { tenants: [] };
    for (const { tenant_id } of tenants) report.tenants.push({ tenantId: tenant_id, ...(await this.purgeTenant(tenant_id, at)) });
    if (report.tenants.some((t) => t.sessionsErased.length || t.partial.length || t.auditEntries)) await reclaimErasedSpace(this.deps.db);
    return report;
  }

  private async purgeTenant(tenantId: string, at: Date): Promise<Omit<RetentionReport['tenants'][number], 'tenantId'>> {
    const policy = await this.policy(tenantId);
    const cutoff = (days: number) => new Date(at.getTime() - days * DAY_MS).toISOString();
    const system = { actor: { kind: 'system' as const, id: 'retention' } };
    const sessionsErased: string[] = [];
    const partial: { sessionId: string; category: Category; rows: Record<string, number> }[] = [];

    const days = (Object.keys(CATEGORIES) as Category[]).map((c) => policy[c]);
    if (days.every((d) => d !== null)) {
      for (const id of await this.dueSessions(tenantId, cutoff(Math.max(...(days as number[]))))) {
        const { erased } = await this.deps.eraser.erase(tenantId, id, system, 'retention');
        if (erased) sessionsErased.push(id);
      }
    }
    for (const category of Object.keys(CATEGORIES) as Category[]) {
      const keep = policy[category];
      if (keep === null) continue;
      for (const id of await this.dueSessions(tenantId, cutoff(keep), category)) {
        // Recordings' bytes go before their rows, as in an erasure.
        const objects: Record<string, number> = category === 'codeDays' ? { recording_objects: await this.deps.recordings.eraseObjects({ id, tenantId }) } : {};
        const rows = await this.deps.db.transaction().execute(async (trx) => {
          const counts = { ...(await CATEGORIES[category](trx, id)), ...objects };
          await this.deps.audit.appendIn(trx, { ...system, tenantId, action: 'retention.erase', resource: `session:${id}`, sessionId: id, detail: { category, rows: counts } });
          return counts;
        });
        partial.push({ sessionId: id, category, rows });
        this.deps.logger.info('retention erased', { tenantId, sessionId: id, category, rows });
      }
    }
    const auditEntries = policy.auditDays === null ? 0 : await this.deps.audit.pruneBefore(tenantId, cutoff(policy.auditDays));
    if (auditEntries) this.deps.logger.info('retention erased audit entries', { tenantId, count: auditEntries });
    return { sessionsErased, partial, auditEntries };
  }

  /** Sessions of the tenant over (or never run) since before `before`, holding data of `category` (any, without one). */
  private async dueSessions(tenantId: string, before: string, category?: Category): Promise<string[]> {
    let query = this.deps.db
      .selectFrom('sessions')
      .select('sessions.id')
      .where('sessions.tenant_id', '=', tenantId)
      .where('sessions.status', '<>', 'live')
      .where(sql<string>`coalesce(sessions.ended_at, sessions.scheduled_at, sessions.created_at)`, '<', before);
    if (category) query = query.where(HOLDS[category](sql.ref('sessions.id')));
    return (await query.orderBy('sessions.created_at').limit(BATCH).execute()).map((row) => row.id);
  }
}
