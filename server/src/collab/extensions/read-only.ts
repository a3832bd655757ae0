import type { Connection, Document, Extension, Hocuspocus, onAuthenticatePayload } from '@hocuspocus/server';
import { canEdit } from '@interview-kit/core/protocol';
import { documentName } from '../documents.js';
import type { SessionStatusCache } from '../session-status.js';
import type { SyncContext } from './authentication.js';

/**
 * Who may write: observers, and everyone once the session ended, are read-only
 * (`connectionConfig.readOnly`, which Hocuspocus enforces by refusing their updates). When the
 * session ends, open connections turn read-only at once ({@link stopEditing}, called on
 * `SessionService.onEnded`).
 */
export class ReadOnlyEnforcement implements Extension {
  /** After `Authentication`, which puts the participant into the context. */
  priority = 900;

  constructor(private readonly statuses: SessionStatusCache) {}

  async onAuthenticate({ context, connectionConfig }: onAuthenticatePayload): Promise<void> {
    const { sessionId, role } = context as SyncContext;
    connectionConfig.readOnly = !canEdit(role) || this.statuses.get(sessionId) === 'ended';
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

/** Makes every connection to the session's documents read-only at once (the session ended). */
export function stopEditing(sync: Hocuspocus, sessionId: string): void {
  sessionDocuments(sync, sessionId).forEach(makeReadOnly);
}
