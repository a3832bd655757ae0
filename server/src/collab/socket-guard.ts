import type { WebSocket } from 'ws';

/** WebSocket close codes the collaboration endpoints use. */
export const CloseCode = {
  normal: 1000,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  tooBig: 1009,
  goingAway: 1001,
} as const;

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
  /** Throws a {@link FrameViolation} (or any error, read as an invalid payload) to refuse a frame. */
  inspect?: (data: Buffer) => void;
  onViolation?: (code: number, reason: string) => void;
}

/**
 * Puts a check in front of every `message` listener of `ws` (including ones added later by a
 * library such as Hocuspocus): the wrong frame kind, a message rate above the limit, or a frame
 * `inspect` refuses closes the socket, and the frame is never delivered. Oversized frames are
 * refused earlier by the WebSocket server's `maxPayload`.
 */
export function guardSocket(ws: WebSocket, options: GuardOptions): void {
  let tokens = options.burst;
  let refilledAt = performance.now();
  let closed = false;
  const emit = ws.emit.bind(ws);

  const refuse = (code: number, reason: string) => {
    closed = true;
    options.onViolation?.(code, reason);
    ws.close(code, reason.slice(0, 120));
    // A peer that ignores the close handshake is cut off.
    setTimeout(() => ws.terminate(), 2000).unref();
  };

  ws.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'message') return emit(event, ...args);
    if (closed) return false;
    const [data, isBinary] = args as [Buffer, boolean | undefined];
    // Messages re-emitted by a listener itself (no isBinary flag) were already checked.
    if (isBinary === undefined) return emit(event, ...args);

    const now = performance.now();
    tokens = Math.min(options.burst, tokens + ((now - refilledAt) / 1000) * options.messagesPerSecond);
    refilledAt = now;
    if (tokens < 1) {
      refuse(CloseCode.policyViolation, 'message rate limit exceeded');
      return false;
    }
    tokens -= 1;

    if (isBinary !== options.binary) {
      refuse(CloseCode.unsupportedData, options.binary ? 'binary frames only' : 'text frames only');
      return false;
    }
    try {
      options.inspect?.(data);
    } catch (error) {
      const violation = error instanceof FrameViolation ? error : new FrameViolation(CloseCode.invalidPayload, (error as Error).message);
      refuse(violation.code, violation.message);
      return false;
    }
    return emit(event, ...args);
  }) as typeof ws.emit;
}
