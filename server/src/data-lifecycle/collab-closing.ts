import type { Connection } from '@hocuspocus/server';
import type { CollabServices } from '../collab/services.js';
import { makeReadOnly, sessionDocuments } from '../collab/extensions/read-only.js';
import { socketOf } from '../collab/socket-control.js';

/** Close code of a collaboration socket whose session was erased. */
export const ERASED_CLOSE = 4410;

/**
 * Ends every open collaboration connection to a session's documents: they become read-only at
 * once (nothing more is stored from them), then their sockets close with {@link ERASED_CLOSE};
 * a client that reconnects is refused, the session being gone. Returns how many were closed.
 */
export function closeSessionConnections(collab: Pick<CollabServices, 'sync'>, sessionId: string): number {
  let closed = 0;
  for (const document of sessionDocuments(collab.sync, sessionId)) {
    makeReadOnly(document);
    document.getConnections().forEach((connection: Connection) => {
      const socket = socketOf(connection.context);
      if (socket) socket.close(ERASED_CLOSE, 'the session was erased');
      else connection.close();
      closed++;
    });
  }
  return closed;
}
