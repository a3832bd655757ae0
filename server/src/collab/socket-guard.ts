import type { WebSocket } from 'ws';

/** WebSocket close codes the collaboration endpoints use. */
export const CloseCode = {
  normal: 1000,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  tooBig: 1009,
  goingAway: 1001,
  /**
   * 1012 "Service Restart": this instance is draining (SIGTERM); reconnect, and the load balancer
   * sends the new connection to another instance. Sockets of both endpoints close with it.
   */
  reconnect: 1012,
} as const;

/** The close reason sent with {@link CloseCode.reconnect}. */
export const RECONNECT_REASON = 'server restarting: reconnect';

/** A frame that breaks the endpoint's rules; the socket is closed with `code`. */
export class FrameViolation extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'FrameViolation';
  }
}

export interface GuardOptions {
  /** Whether frames must be binary (sync) or text (signaling). */
  binary: boolean;
  /** Sustained messages per second before the socket is closed. */
  messagesPerSecond: number;
  /** Messages allowed in a burst above the sustained rate. */
  burst: number;
  /** Sustained bytes per second before the socket is closed; no byte limit when unset. */
  bytesPerSecond?: number;
  /** Bytes allowed in a burst above the sustained byte rate (at least the largest frame). */
  burstBytes?: number;
  /**
   * Throws a {@link FrameViolation} (or any error, read as an invalid payload) to refuse a frame;
   * returns `false` to drop a frame that changes nothing, unread by the listeners (the socket stays open).
   */
  inspect?: (data: Buffer) => void | boolean;
  onViolation?: (code: number, reason: string) => void;
}

/** A token bucket: `capacity` tokens, refilled at `perSecond`. */
class Bucket {
  #tokens: number;
  #refilledAt = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {
    this.#tokens = capacity;
  }

  /** Takes `amount` tokens if there are that many. */
  take(amount: number, now: number): boolean {
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond);
    this.#refilledAt = now;
    if (this.#tokens < amount) return false;
    this.#tokens -= amount;
    return true;
  }
}

/** How each guarded socket is refused, for refusals decided past the guard (see {@link refuseSocket}). */
const refusers = new WeakMap<WebSocket, (code: number, reason: string) => void>();

/**
 * Closes a guarded socket for a rule broken past the guard, e.g. by a sync hook that read the
 * frame's content: counted like the guard's own refusals, and no later frame of the socket is
 * delivered. `reason` is the WebSocket close reason the client sees.
 */
export function refuseSocket(ws: WebSocket, code: number, reason: string): void {
  const refuse = refusers.get(ws);
  if (refuse) refuse(code, reason);
  else ws.close(code, reason.slice(0, 120));
}

/**
 * Puts a check in front of every `message` listener of `ws` (including ones added later by a
 * library such as Hocuspocus): the wrong frame kind, a message or byte rate above the limit, or
 * a frame `inspect` refuses closes the socket, and the frame is never delivered. Oversized
 * frames are refused earlier by the WebSocket server's `maxPayload`.
 */
export function guardSocket(ws: WebSocket, options: GuardOptions): void {
  const messages = new Bucket(options.messagesPerSecond, options.burst);
  const bytes = options.bytesPerSecond === undefined ? undefined : new Bucket(options.bytesPerSecond, options.burstBytes ?? options.bytesPerSecond);
  let closed = false;
  const emit = ws.emit.bind(ws);

  const refuse = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    options.onViolation?.(code, reason);
    ws.close(code, reason.slice(0, 120));
    // A peer that ignores the close handshake is cut off.
    setTimeout(() => ws.terminate(), 2000).unref();
  };
  refusers.set(ws, refuse);

  ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'message') return emit(event, ...args);
    if (closed) return false;
    const [data, isBinary] = args as [Buffer, boolean | undefined];
    // Messages re-emitted by a listener itself (no isBinary flag) were already checked.
    if (isBinary === undefined) return emit(event, ...args);

    const now = performance.now();
    if (!messages.take(1, now)) {
      refuse(CloseCode.policyViolation, 'message rate limit exceeded');
      return false;
    }
    if (bytes && !bytes.take(data.byteLength, now)) {
      refuse(CloseCode.policyViolation, `byte rate limit exceeded: at most ${options.bytesPerSecond} bytes a second`);
      return false;
    }

    if (isBinary !== options.binary) {
      refuse(CloseCode.unsupportedData, options.binary ? 'binary frames only' : 'text frames only');
      return false;
    }
    try {
      if (options.inspect?.(data) === false) return false;
    } catch (error) {
      const violation = error instanceof FrameViolation ? error : new FrameViolation(CloseCode.invalidPayload, (error as Error).message);
      refuse(violation.code, violation.message);
      return false;
    }
    return emit(event, ...args);
  }) as typeof ws.emit;
}
