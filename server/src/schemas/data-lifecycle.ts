import { z } from 'zod';
import { cursor, limit, nextCursor } from './pages.js';

/** Schemas of the candidate data lifecycle: audit log, export, erasure, data subjects, retention. */

/** What an audit entry records. */
export const AUDIT_ACTIONS = [
  'session.create',
  'session.list',
  'session.read',
  'session.update',
  'session.start',
  'session.end',
  'session.cancel',
  'session.extend',
  'session.export',
  'session.erase',
  'token.issue',
  'collab.join',
  'timeline.read',
  'runs.read',
  'chat.read',
  'recording.consent',
  'recording.begin',
  'recordings.read',
  'transcript.read',
  'assistant.read',
  'run.create',
  'feedback.read',
  'feedback.update',
  'feedback.submit',
  'scorecard.read',
  'score.read',
  'score.request',
  'report.read',
  'report-link.create',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.rotate-secret',
  'webhook.retry',
  'settings.read',
  'settings.update',
  'data-subject.export',
  'data-subject.erase',
  'retention.erase',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const instant = z.iso.datetime({ offset: true });
const stored = z.iso.datetime();
const externalId = z.string().min(1).max(200);
const participantId = z.string().min(1).max(64);

export const AuditAction = z.enum(AUDIT_ACTIONS).meta({ id: 'AuditAction', description: 'What an audit entry records' });

export const AuditEntry = z
  .object({
    seq: z.int().describe("The entry's place in its tenant's chain: 1, 2, 3, …"),
    id: z.string(),
    at: stored,
    action: AuditAction,
    resource: z.string().describe('`session:<id>`, `webhook:<id>`, `settings:retention`, `data-subject:participant:<id>`, …'),
    sessionId: z.string().nullable(),
    actor: z.object({
      kind: z.enum(['api-key', 'participant', 'report-link', 'system']),
      id: z.string().describe('API key id, participant id, the session a report link opens, or the job (`retention`)'),
      role: z.string().nullable().describe("A participant's role"),
    }),
    requestId: z.string().nullable(),
    clientAddress: z.string().nullable().describe('The client as TRUST_PROXY lets the server believe it'),
    detail: z.record(z.string(), z.unknown()).nullable(),
    prevHash: z.string().describe('hash of the entry before (64 zeros before the first)'),
    hash: z.string().describe('SHA-256 (hex) of the canonical serialisation, prevHash included'),
  })
  .meta({ id: 'AuditEntry' });

export const AuditList = z.object({ entries: z.array(AuditEntry), nextCursor }).meta({ id: 'AuditList' });

export const ListAuditQuery = z.strictObject({
  action: AuditAction.optional(),
  resource: z.string().max(300).optional().describe('Exactly, e.g. `session:<id>`'),
  actor: z.string().max(200).optional().describe("The actor's id (API key id, participant id, job)"),
  since: instant.optional().describe('Entries at or after this time'),
  until: instant.optional().describe('Entries before this time'),
  limit,
  cursor,
});

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checked: z.int().describe('Entries checked'),
    firstBrokenSeq: z.int().optional().describe('The first entry that was changed, removed or inserted'),
  })
  .meta({ id: 'AuditVerification' });

export const Tombstone = z
  .object({
    sessionId: z.string(),
    erasedAt: stored,
    erasedBy: z.string().describe('`api-key:<id>` or `system:retention`'),
    reason: z.enum(['request', 'data-subject', 'retention']),
  })
  .meta({ id: 'Tombstone', description: 'What is left of an erased session: no personal data' });

export const DataSubjectRequest = z
  .union([z.strictObject({ participantId }), z.strictObject({ externalId })])
  .meta({ id: 'DataSubjectRequest', description: "A candidate's participant id, or the host's externalId of the sessions" });

export const DataSubjectErasure = z
  .object({ erased: z.array(Tombstone).describe('The sessions erased by this request (none when nothing was left)') })
  .meta({ id: 'DataSubjectErasure' });

const days = z.int().min(1).max(36_500).nullable();

export const RetentionPolicyRequest = z
  .strictObject({
    codeDays: days.describe("The shared code's history (timeline, snapshots) and the call's recordings"),
    runsDays: days.describe('Runs: programs, input, output, test results'),
    feedbackDays: days.describe("Feedback and the interviewers' private notes"),
    reportsDays: days.describe('Reports and automatic scores'),
    auditDays: days.describe('Audit entries'),
  })
  .meta({ id: 'RetentionPolicyRequest', description: 'Days to keep each kind of data after the session ended; null keeps it' });

export const RetentionPolicy = RetentionPolicyRequest.extend({ updatedAt: stored.nullable().describe('null: the defaults (keep everything)') }).meta({
  id: 'RetentionPolicy',
});

export const ArchiveBody = z.string().meta({ format: 'binary' });

/** A re-encryption pass, queued. */
export const ReEncryptionQueued = z
  .object({
    jobKey: z.string().describe('The key of the queued `re-encryption` job (`GET /v1/jobs` lists it)'),
    keyId: z.string().describe('The id of the key every sealed value will be under once the pass is done'),
    tables: z.array(z.string()).describe('The tables the pass rewrites, in order'),
  })
  .meta({ id: 'ReEncryptionQueued' });
