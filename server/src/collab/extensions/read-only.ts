import type { Connection, Document, Extension, Hocuspocus, onAuthenticatePayload } from '@hocuspocus/server';
import { canEdit, type SessionStatus } from '@interview-kit/core/protocol';
import { documentName } from '../documents.js';
import type { SessionStatusCache } from '../session-status.js';
import type { SyncContext } from './authentication.js';

/**
 * Who may write: candidates and interviewers while the session is live; observers never, and
 * nobody before the start or after the end (`connectionConfig.readOnly`, which Hocuspocus enforces
 * by refusing their updates). When the session starts or ends, open connections follow at once
 * ({@link followStatus}, called on `SessionLifecycle.onChange`).
 */
export class ReadOnlyEnforcement implements Extension {
  /** After `Authentication`, which puts the participant into the context. */
  priority = 900;

  constructor(private readonly statuses: SessionStatusCache) {}

  async onAuthenticate({ context, connectionConfig }: onAuthenticatePayload): Promise<void> {
    const { sessionId, role } = context as SyncContext;
    connectionConfig.readOnly = !canEdit(role) || this.statuses.get(sessionId) !== 'live';
  }
}

/** Makes every connection to `document` read-only at once. */
export function makeReadOnly(document: Document): void {
  document.getConnections().forEach((connection: Connection) => {
    connection.readOnly = true;
  });
}

/** The session's documents held in memory. */
export function sessionDocuments(sync: Hocuspocus, sessionId: string): Document[] {
  return (['shared', 'private'] as const).flatMap((kind) => sync.documents.get(documentName(sessionId, kind)) ?? []);
}

/** The participants connected to the session's shared document. */
export function presentParticipants(sync: Hocuspocus, sessionId: string): Set<string> {
  const shared = sync.documents.get(documentName(sessionId, 'shared'));
  return new Set((shared?.getConnections() ?? []).map((connection: Connection) => (connection.context as SyncContext).participantId));
}

/** Makes every open connection to the session's documents read-only or writable as the session's new status says. */
export function followStatus(sync: Hocuspocus, sessionId: string, status: SessionStatus): void {
  for (const document of sessionDocuments(sync, sessionId)) {
    document.getConnections().forEach((connection: Connection) => {
      connection.readOnly = status !== 'live' || !canEdit((connection.context as SyncContext).role);
    });
  }
}
