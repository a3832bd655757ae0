import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import type { PresenceRules } from '../presence.js';
import { frameOf } from '../sync-frames.js';
import type { SyncContext } from './authentication.js';
import { dropMessage, refuseMessage, socketRefused } from './refusal.js';

/**
 * Presence (awareness) shows who a connection is as the server knows it, never as the client
 * claims: each awareness message is reviewed by {@link PresenceRules}; a corrected message is
 * applied here in place of the client's (Hocuspocus then relays it to everyone, as it would
 * have the original), a refused one closes the socket with the reason.
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
      case 'pass':
        return;
      case 'drop':
        return dropMessage();
      case 'refuse':
        return refuseMessage(connection, verdict.reason);
      case 'replace':
        // The connection's socket as origin, as Hocuspocus does: its states leave with it.
        applyAwarenessUpdate(document.awareness, verdict.update, connection.webSocket);
        return dropMessage();
    }
  }
}
