import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** Sockets holding back their writes until the end of this event-loop turn. */
const corked = new Set<Duplex>();
let flushScheduled = false;

function flushAll(): void {
  flushScheduled = false;
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/**
 * Coalesces the frames sent on `ws` within one event-loop turn into one write. A busy document
 * sends each client several frames per turn (the updates of a committed group, their
 * acknowledgements, cursor moves); written one by one, every frame costs a system call, which is
 * what a loaded server spends most of its time on. The socket is corked at the first frame of a
 * turn and uncorked right after the turn's I/O callbacks, so no frame waits longer than that.
 * `socket` is the TCP socket the WebSocket was upgraded from.
 */
export function batchWrites(ws: WebSocket, socket: Duplex): void {
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  ws.send = ((...args: unknown[]) => {
    if (!corked.has(socket) && !socket.destroyed) {
      socket.cork();
      corked.add(socket);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flushAll);
      }
    }
    send(...args);
  }) as WebSocket['send'];
}
