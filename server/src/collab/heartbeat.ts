import type { WebSocket } from 'ws';

/**
 * The open sockets of an endpoint, kept honest: every `intervalMs` each socket is pinged, and one
 * that did not answer the previous ping (no `pong`) is terminated — a peer that vanished without
 * closing frees its place within two intervals. `close()` stops the pings; the sockets stay the
 * endpoint's to close.
 */
export class Heartbeat {
  readonly #sockets = new Set<WebSocket>();
  readonly #alive = new WeakMap<WebSocket, boolean>();
  readonly #timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.#timer = setInterval(() => this.#check(), intervalMs);
    this.#timer.unref();
  }

  /** The sockets watched, open or closing. */
  get sockets(): ReadonlySet<WebSocket> {
    return this.#sockets;
  }

  /** Watches `ws` until it closes. */
  watch(ws: WebSocket): void {
    this.#sockets.add(ws);
    this.#alive.set(ws, true);
    ws.on('pong', () => this.#alive.set(ws, true));
    ws.on('close', () => this.#sockets.delete(ws));
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #check(): void {
    for (const ws of this.#sockets) {
      if (!this.#alive.get(ws)) {
        ws.terminate();
        continue;
      }
      this.#alive.set(ws, false);
      ws.ping();
    }
  }
}
