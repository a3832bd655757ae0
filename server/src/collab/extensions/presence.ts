import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { applyAwarenessStates } from '../awareness-states.js';
import type { PresenceRules } from '../presence.js';
import { frameOf } from '../sync-frames.js';
import type { SyncContext } from './authentication.js';
import { dropMessage, refuseMessage, socketRefused } from './refusal.js';

/**
 * Presence (awareness) shows who a connection is as the server knows it, never as the client
 * claims: each awareness message is reviewed by {@link PresenceRules}, which parses the states it
 * keeps; those (corrected where the client's claims were wrong) are applied here, as Hocuspocus
 * would have applied the message, without parsing them again (the document then relays them to
 * everyone); a refused message closes the socket with the reason.
 */
export class TrustedPresence implements Extension {
  priority = 200;

  constructor(private readonly rules: PresenceRules) {}

  async beforeHandleMessage({ connection, update: data, document, context }: beforeHandleMessagePayload): Promise<void> {
    const { awareness } = frameOf(data);
    if (!awareness) return;
    if (socketRefused(connection)) return dropMessage();
    const verdict = this.rules.review(document, connection, context as SyncContext, awareness);
    switch (verdict.kind) {
      case 'drop':
        return dropMessage();
      case 'refuse':
        return refuseMessage(connection, verdict.reason);
      case 'pass':
      case 'replace':
        // The connection's socket as origin, as Hocuspocus does: its states leave with it.
        applyAwarenessStates(document.awareness, verdict.states, connection.webSocket);
        return dropMessage();
    }
  }
}
