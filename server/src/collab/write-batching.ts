import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** Sockets holding back their writes until the end of this event-loop turn. */
const corked = new Set<Duplex>();
/** Work that sends what this turn gathered (see {@link atEndOfTurn}), run before the sockets flush. */
let gathered: (() => void)[] = [];
let flushScheduled = false;
/** When this turn's first frame was held back or its first task gathered (`performance.now()`). */
let heldSince = 0;
let earlyFlushQueued = false;

/**
 * The longest a frame waits for its turn to end. A loaded server's turn can read sockets for
 * hundreds of milliseconds before the end-of-turn flush runs; within such a turn, what was held
 * back this long leaves right after the code that sends it (a microtask), not at the turn's end.
 */
export const MAX_HOLD_MS = 4;

function flushAll(): void {
  try {
    // Frames sent by the gathered work join this turn's writes (the flush is still scheduled meanwhile).
    while (gathered.length > 0) {
      const tasks = gathered;
      gathered = [];
      for (const task of tasks) task();
    }
  } finally {
    // Whatever a task did, this turn's frames leave; tasks left behind by one that threw run next turn.
    flushScheduled = false;
    for (const socket of corked) socket.uncork();
    corked.clear();
    if (gathered.length > 0) scheduleFlush();
  }
}

function scheduleFlush(): void {
  if (flushScheduled) return flushIfHeldTooLong();
  flushScheduled = true;
  heldSince = performance.now();
  setImmediate(flushAll);
}

/** Within a long turn: what waited {@link MAX_HOLD_MS} leaves once the current code is done. */
function flushIfHeldTooLong(): void {
  if (earlyFlushQueued || performance.now() - heldSince < MAX_HOLD_MS) return;
  earlyFlushQueued = true;
  queueMicrotask(() => {
    earlyFlushQueued = false;
    // The end-of-turn flush still runs; it finds what was sent since.
    if (flushScheduled) flushAll();
  });
}

/**
 * Coalesces the frames sent on `ws` within one event-loop turn into one write. A busy document
 * sends each client several frames per turn (the updates of a committed group, their
 * acknowledgements, cursor moves); written one by one, every frame costs a system call, which is
 * what a loaded server spends most of its time on. The socket is corked at the first frame of a
 * turn and uncorked right after the turn's I/O callbacks, so no frame waits longer than that, nor,
 * in a long turn, much longer than {@link MAX_HOLD_MS}.
 * `socket` is the TCP socket the WebSocket was upgraded from.
 */
export function batchWrites(ws: WebSocket, socket: Duplex): void {
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  ws.send = ((...args: unknown[]) => {
    if (!corked.has(socket) && !socket.destroyed) {
      socket.cork();
      corked.add(socket);
      scheduleFlush();
    } else {
      flushIfHeldTooLong();
    }
    send(...args);
  }) as WebSocket['send'];
}

/**
 * Runs `task` at the end of this event-loop turn, after its I/O callbacks and right before the
 * turn's frames are written (in a long turn, with the frames held for {@link MAX_HOLD_MS}): what the task sends leaves in the same write as the rest. For work
 * that gathers what a turn changed and sends it once (e.g. awareness, `document-broadcast.ts`).
 */
export function atEndOfTurn(task: () => void): void {
  gathered.push(task);
  scheduleFlush();
}
