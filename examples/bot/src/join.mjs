// Joining a session's shared document as a participant: the collaboration ticket over HTTP, then
// the Hocuspocus v3 provider on the sync WebSocket. No Interview Kit package is needed: a third
// party's client speaks the protocol with the published Yjs and Hocuspocus packages alone.
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';

/**
 * The WebSocket class to give the provider: the global one on Node 22 and later (and in browsers),
 * the `ws` package on Node 20, which has none (unless started with --experimental-websocket).
 * @returns {Promise<typeof globalThis.WebSocket>}
 */
export async function webSocketClass() {
  if (globalThis.WebSocket) return globalThis.WebSocket;
  const { default: WebSocket } = await import('ws');
  return /** @type {any} */ (WebSocket);
}

/**
 * Asks the server how to join (`POST /v1/sessions/{id}/collab-ticket`, with the participant token).
 * @param {{ server: string, session: string, token: string }} options
 * @returns {Promise<{ syncUrl: string, documents: { shared: string, private: string | null }, readOnly: boolean }>}
 */
export async function collabTicket({ server, session, token }) {
  const response = await fetch(new URL(`/v1/sessions/${encodeURIComponent(session)}/collab-ticket`, server), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(`The server refused the collaboration ticket (${response.status}): ${problem.detail ?? response.statusText}`);
  }
  return response.json();
}

/**
 * Joins the session's shared document and resolves once its content has arrived.
 * `onClose` hears every close of the socket (the server says why in `reason`, e.g. a refused edit);
 * the provider reconnects by itself. `onRefused` hears a later refusal of the token (it expired
 * while the provider reconnected): join again with a fresh one.
 * @param {{ server: string, session: string, token: string, onClose?: (code: number, reason: string) => void, onRefused?: (reason: string) => void }} options
 * @returns {Promise<{ doc: Y.Doc, provider: HocuspocusProvider, readOnly: boolean, close(): void }>}
 */
export async function joinSession({ server, session, token, onClose, onRefused }) {
  const ticket = await collabTicket({ server, session, token });
  const doc = new Y.Doc();
  const url = new URL(ticket.syncUrl, server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const WebSocketPolyfill = await webSocketClass();
  return new Promise((resolve, reject) => {
    let joined = false;
    const provider = new HocuspocusProvider({
      url: url.href,
      name: ticket.documents.shared,
      document: doc,
      // Sent in the provider's authentication message, never in the URL.
      token,
      WebSocketPolyfill,
      onAuthenticationFailed: ({ reason }) => {
        provider.destroy();
        if (joined) onRefused?.(reason);
        else reject(new Error(`The sync endpoint refused the token: ${reason}`));
      },
      onClose: ({ event }) => onClose?.(event.code, event.reason),
      onSynced: ({ state }) => {
        if (!state || joined) return;
        joined = true;
        resolve({ doc, provider, readOnly: ticket.readOnly, close: () => provider.destroy() });
      },
    });
  });
}
