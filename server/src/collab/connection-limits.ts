import type { SocketSettings } from '../config/sockets.js';

export type { SocketSettings } from '../config/sockets.js';

/** The outcome of asking for a connection: a slot to release when it closes, or a refusal. */
export type Admission =
  | { admitted: true; release: () => void }
  | { admitted: false; limit: 'per-address' | 'total'; detail: string };

/**
 * Counts open connections per client address and in total, and admits a new one only under both
 * caps. Framework-free: the caller asks before allocating anything for the connection and calls
 * `release` (idempotent) once it is gone.
 */
export class ConnectionLimits {
  readonly #perAddress = new Map<string, number>();
  #total = 0;

  constructor(private readonly caps: Pick<SocketSettings, 'maxPerAddress' | 'maxConnections'>) {}

  /** Connections open in all. */
  get total(): number {
    return this.#total;
  }

  /** Connections open from `address`. */
  openFrom(address: string): number {
    return this.#perAddress.get(address) ?? 0;
  }

  admit(address: string): Admission {
    if (this.#total >= this.caps.maxConnections) {
      return { admitted: false, limit: 'total', detail: `the server holds its maximum of ${this.caps.maxConnections} WebSocket connections` };
    }
    const open = this.openFrom(address);
    if (open >= this.caps.maxPerAddress) {
      return { admitted: false, limit: 'per-address', detail: `at most ${this.caps.maxPerAddress} WebSocket connections per client address` };
    }
    this.#perAddress.set(address, open + 1);
    this.#total++;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.#total--;
        const left = this.openFrom(address) - 1;
        if (left > 0) this.#perAddress.set(address, left);
        else this.#perAddress.delete(address);
      },
    };
  }
}
