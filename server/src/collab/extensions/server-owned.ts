import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { SERVER_OWNED } from '../documents.js';
import { serverOwnedTypeTouched } from '@interview-kit/core/collab/owned';
import { frameOf } from '../sync-frames.js';
import { dropMessage, refuseMessage, socketRefused } from './refusal.js';

/**
 * Only the server writes server-owned structures (see {@link SERVER_OWNED}): a client update that
 * inserts into or deletes from one of them is refused before it is applied, acknowledged, stored
 * or relayed, and the client's socket is closed with the reason. The server's own writes (run
 * records, the starter code) do not pass through here.
 */
export class ServerOwnedStructures implements Extension {
  /** Before `Persistence`, which stores what passes. */
  priority = 200;

  readonly #owned = new Set<string>(SERVER_OWNED);

  async beforeHandleMessage({ connection, update: data, document }: beforeHandleMessagePayload): Promise<void> {
    const { decoded } = frameOf(data);
    if (!decoded) return;
    // An update that arrived together with one just refused is not handled either.
    if (socketRefused(connection)) return dropMessage();
    if (connection.readOnly) return;
    const touched = serverOwnedTypeTouched(document, decoded, this.#owned);
    if (touched !== undefined) return refuseMessage(connection, `only the server writes "${touched}"`);
  }
}
