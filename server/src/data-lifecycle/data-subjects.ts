import type { Db } from '../adapters/db/database.js';
import type { AuditContext, AuditLog } from '../audit/audit-log.js';
import { notFound } from '../problem.js';
import type { SessionRecord } from '../services/session-record.js';
import { tarGz, type ArchiveFile } from './archive.js';
import type { SessionEraser } from './erasure.js';
import type { SessionExporter } from './export.js';
import type { Tombstone } from './tombstones.js';

/** Whose data: a candidate by the participant id the host gave them, or the host's `externalId` of the sessions. */
export type DataSubject = { participantId: string } | { externalId: string };

export interface DataSubjectDeps {
  db: Db;
  audit: AuditLog;
  exporter: SessionExporter;
  eraser: SessionEraser;
  findSession(id: string): Promise<SessionRecord | undefined>;
  now?: () => Date;
}

/** How a data subject is named in the audit log and the export. */
export const subjectResource = (subject: DataSubject) =>
  'participantId' in subject ? `data-subject:participant:${subject.participantId}` : `data-subject:external:${subject.externalId}`;

/**
 * Data-subject requests across all sessions of a tenant: the sessions where the subject is a
 * candidate (by participant id), or those the host tagged with the `externalId`. Export gives one
 * archive (`subject.json` and each session's export under `sessions/`); erasure erases each of
 * those sessions whole (see {@link SessionEraser}).
 */
export class DataSubjects {
  readonly #now: () => Date;

  constructor(private readonly deps: DataSubjectDeps) {
    this.#now = deps.now ?? (() => new Date());
  }

  /** The ids of the tenant's sessions about the subject, oldest first. */
  async sessionsOf(tenantId: string, subject: DataSubject): Promise<string[]> {
    let query = this.deps.db.selectFrom('sessions').select(['sessions.id', 'sessions.created_at']).where('sessions.tenant_id', '=', tenantId);
    if ('participantId' in subject) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('participants')
            .select('participants.id')
            .whereRef('participants.session_id', '=', 'sessions.id')
            .where('participants.id', '=', subject.participantId)
            .where('participants.role', '=', 'candidate'),
        ),
      );
    } else {
      query = query.where('sessions.external_id', '=', subject.externalId);
    }
    return (await query.orderBy('sessions.created_at').orderBy('sessions.id').execute()).map((row) => row.id);
  }

  /** One `.tar.gz` of everything held about the subject. @throws {HttpProblem} 404 when no session is about them. */
  async export(tenantId: string, subject: DataSubject): Promise<Buffer> {
    const ids = await this.sessionsOf(tenantId, subject);
    if (ids.length === 0) throw notFound(`no session of this tenant is about ${subjectResource(subject).replace('data-subject:', '')}`);
    const at = this.#now();
    const files: ArchiveFile[] = [{ name: 'subject.json', content: `${JSON.stringify({ subject, exportedAt: at.toISOString(), sessions: ids }, null, 2)}\n` }];
    for (const id of ids) {
      const session = await this.deps.findSession(id);
      if (session) files.push(...(await this.deps.exporter.files(session, at, 'sessions/')));
    }
    return tarGz(files, at);
  }

  /** Erases every session about the subject; the tombstones of those erased now (none once all are gone). */
  async erase(tenantId: string, subject: DataSubject, context: AuditContext): Promise<Tombstone[]> {
    const ids = await this.sessionsOf(tenantId, subject);
    const tombstones: Tombstone[] = [];
    for (const id of ids) tombstones.push((await this.deps.eraser.erase(tenantId, id, context, 'data-subject')).tombstone);
    await this.deps.audit.record({ ...context, tenantId, action: 'data-subject.erase', resource: subjectResource(subject), detail: { sessions: ids } });
    return tombstones;
  }
}
