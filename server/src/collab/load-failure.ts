import { storageFailureOf } from '../adapters/db/storage-failure.js';
import type { Logger } from '../logger.js';
import { socketOf } from './socket-control.js';

/** Close code 1013, "try again later": the client's provider reconnects with backoff. */
export const TRY_AGAIN_LATER = 1013;

const REASONS = {
  full: "the document cannot be loaded now: the server's storage is full; try again later",
  'read-only': "the document cannot be loaded now: the server's storage is read-only; try again later",
  io: 'the document cannot be loaded now: the server could not read its storage; try again later',
  other: 'the document cannot be loaded now; try again later',
} as const;

/** A refusal Hocuspocus passes to the client (permission denied, with this reason); not an `Error`, so it prints nothing. */
class LoadRefusal {
  constructor(readonly reason: string) {}
}

/**
 * Wraps a Hocuspocus `onLoadDocument` hook: when loading fails (a full disk that refuses the
 * starter code, an unreadable database), the client is told why — first as the refusal of the
 * document, then by closing its socket with {@link TRY_AGAIN_LATER} and the same reason — instead
 * of waiting for a document that never arrives. Its provider reconnects later and loads the
 * document once the storage works again. The half-loaded document is destroyed: Hocuspocus does
 * not, since it never registered it, and each failed load would leak it with its awareness timer.
 */
export function closeClientsOnLoadFailure<P extends { context: unknown; documentName: string; document: { destroy(): void } }>(
  logger: Logger,
  load: (payload: P) => Promise<void>,
): (payload: P) => Promise<void> {
  return async (payload) => {
    try {
      await load(payload);
    } catch (error) {
      const reason = REASONS[storageFailureOf(error) ?? 'other'];
      logger.error('collaboration document failed to load', { document: payload.documentName, error });
      payload.document.destroy();
      const socket = socketOf(payload.context);
      // Closed on the next turn, once Hocuspocus has sent the refusal on the open socket.
      if (socket) setTimeout(() => socket.close(TRY_AGAIN_LATER, reason), 0);
      throw new LoadRefusal(reason);
    }
  };
}
