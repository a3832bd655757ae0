import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { parseDocumentName } from '../collab/documents.js';
import type { SyncContext } from '../collab/extensions/authentication.js';
import { presentParticipants } from '../collab/extensions/read-only.js';
import type { Logger } from '../logger.js';
import type { SessionService } from '../services/sessions.js';
import type { IntegritySignals } from './signals.js';

/**
 * The server's own integrity signal: a candidate who opens the shared document while already
 * connected to it (a second tab, a second device) is recorded as `second-connection`, if the
 * session records signals and the candidate consented (see {@link IntegritySignals}). It never
 * refuses the connection: a signal, not a verdict.
 */
export class SecondConnection implements Extension {
  /** After `Authentication` (the participant is known). */
  priority = 940;

  constructor(private readonly deps: { integrity: IntegritySignals; sessions: SessionService; logger: Logger }) {}

  async onAuthenticate({ context, documentName, instance }: onAuthenticatePayload): Promise<void> {
    if (parseDocumentName(documentName)?.kind !== 'shared') return;
    const { sessionId, participantId, role } = context as SyncContext;
    if (role !== 'candidate' || !presentParticipants(instance, sessionId).has(participantId)) return;
    try {
      const session = await this.deps.sessions.find(sessionId);
      if (session) await this.deps.integrity.secondConnection(session, participantId);
    } catch (error) {
      this.deps.logger.warn('could not record a second connection', { sessionId, error });
    }
  }
}
