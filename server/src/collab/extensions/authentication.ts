import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { isPrivileged, type Role } from '@interview-kit/core/protocol';
import type { SessionService } from '../../services/sessions.js';
import { InvalidTokenError, type TokenSigner } from '../../services/tokens.js';
import { parseDocumentName } from '../documents.js';
import { socketOf } from '../socket-control.js';
import type { SessionStatusCache } from '../session-status.js';
import { Refusal } from './refusal.js';

/** What a sync connection knows about its participant after authentication. */
export interface SyncContext {
  sessionId: string;
  participantId: string;
  role: Role;
  name: string;
  /** The participant's position in the session's participant list (picks the presence colour). */
  position: number;
}

/**
 * Authenticates sync connections: verifies the participant token from Hocuspocus' authentication
 * message (never from the URL), binds the connection to its own session's documents, and refuses
 * the private document to candidates and observers. The participant's identity becomes the
 * connection's context; it is written into the given context object too, so that the extensions
 * after this one (see `ReadOnlyEnforcement`) see it in the same `onAuthenticate` round.
 */
export class Authentication implements Extension {
  /** Runs before every other extension's `onAuthenticate`. */
  priority = 1000;

  constructor(private readonly deps: { tokens: TokenSigner; sessions: SessionService; statuses: SessionStatusCache }) {}

  async onAuthenticate({ token, documentName, context }: onAuthenticatePayload): Promise<SyncContext> {
    const target = parseDocumentName(documentName);
    if (!target) throw new Refusal('unknown-document');
    let claims;
    try {
      claims = await this.deps.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new Refusal('unauthorized');
      throw error;
    }
    if (claims.sid !== target.sessionId) throw new Refusal('forbidden');
    const session = await this.deps.sessions.find(target.sessionId);
    const participant = session?.participants.find((p) => p.id === claims.sub);
    if (!session || !participant || participant.role !== claims.role) throw new Refusal('unauthorized');
    if (target.kind === 'private' && !isPrivileged(participant.role)) throw new Refusal('forbidden');
    this.deps.statuses.remember(session.id, session.status);
    const identity: SyncContext = {
      sessionId: session.id,
      participantId: participant.id,
      role: participant.role,
      name: participant.name,
      position: session.participants.indexOf(participant),
    };
    Object.assign(context as object, identity);
    socketOf(context)?.authenticated();
    return identity;
  }
}
