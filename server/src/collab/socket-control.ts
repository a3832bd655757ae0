import type { WebSocket } from 'ws';

/** What the sync layer (Hocuspocus hooks) may do with the socket a connection arrived on. */
export interface SocketControl {
  /** The connection authenticated (its first successful `onAuthenticate`): the deadline is met. */
  authenticated(): void;
  /** Closes the socket with a reason the client receives in its close event. */
  close(code: number, reason: string): void;
}

/** Close code of a socket that did not authenticate in time (Hocuspocus' "connection timeout"). */
export const AUTH_TIMEOUT_CLOSE = 4408;
/** How long a closing socket may take for the closing handshake before it is cut. */
const CLOSE_GRACE_MS = 1_000;

const CONTROL = Symbol('socket control');

/**
 * Watches a freshly accepted `/v1/collab` socket: unless `authenticated()` is called within
 * `timeoutMs`, the socket is closed with {@link AUTH_TIMEOUT_CLOSE} and `onTimeout` runs. Closing
 * always ends with a hard cut after a short grace, so a peer that never answers the closing
 * handshake cannot keep the descriptor.
 */
export function watchSocket(ws: WebSocket, { timeoutMs, onTimeout }: { timeoutMs: number; onTimeout?: () => void }): SocketControl {
  const close = (code: number, reason: string) => {
    if (ws.readyState === ws.CLOSED) return;
    ws.close(code, reason.slice(0, 120));
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  };
  const timer = setTimeout(() => {
    onTimeout?.();
    close(AUTH_TIMEOUT_CLOSE, `not authenticated within ${timeoutMs} ms`);
  }, timeoutMs);
  timer.unref();
  ws.once('close', () => clearTimeout(timer));
  return { authenticated: () => clearTimeout(timer), close };
}

/** The initial Hocuspocus context of a connection (`handleConnection`'s third argument). */
export function socketContext(control: SocketControl): Record<symbol, SocketControl> {
  return { [CONTROL]: control };
}

/** The socket control in a hook payload's `context`, when the connection came through `socketContext`. */
export function socketOf(context: unknown): SocketControl | undefined {
  return (context as Record<symbol, SocketControl> | undefined)?.[CONTROL];
}
