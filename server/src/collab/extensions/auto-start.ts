import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Logger } from '../../logger.js';
import type { SessionLifecycle } from '../../services/lifecycle.js';
import type { SessionService } from '../../services/sessions.js';
import { parseDocumentName } from '../documents.js';
import type { SessionStatusCache } from '../session-status.js';
import type { SyncContext } from './authentication.js';
import { participantsPresent, type SharedPresence } from '../../scale-out/shared-presence.js';

/**
 * Connecting to the shared document counts as joining the interview (see
 * `SessionLifecycle.join`: the session's `autoStart` rule). It runs while the joining connection
 * authenticates, after `Authentication` and before `ReadOnlyEnforcement` decides, so the
 * participant whose arrival starts the interview can write from their first keystroke.
 *
 * `Authentication` has just read the session and left its status in the status cache: a join to
 * a session that is not scheduled (the common case: it is live) reads nothing more. Only a
 * scheduled session is read again, for the join rule to decide on its current record.
 */
export class AutoStart implements Extension {
  /** After `Authentication` (the participant is known), before `ReadOnlyEnforcement`. */
  priority = 950;

  constructor(
    private readonly deps: { sessions: SessionService; lifecycle: SessionLifecycle; statuses: SessionStatusCache; logger: Logger; sharedPresence?: SharedPresence },
  ) {}

  async onAuthenticate({ context, documentName, instance }: onAuthenticatePayload): Promise<void> {
    if (parseDocumentName(documentName)?.kind !== 'shared') return;
    const { sessionId, participantId } = context as SyncContext;
    const known = this.deps.statuses.get(sessionId);
    if (known !== null && known !== 'scheduled') return;
    const session = await this.deps.sessions.find(sessionId);
    if (session?.status !== 'scheduled') return;
    try {
      await this.deps.lifecycle.join(session, participantId, await participantsPresent(instance, sessionId, this.deps.sharedPresence));
    } catch (error) {
      // The start could not be stored (a full disk, say): the participant joins a session that is
      // still scheduled, so read-only, and the next join tries again.
      this.deps.logger.warn('could not start the session on join', { sessionId, error });
    }
  }
}
