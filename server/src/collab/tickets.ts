import { randomBytes } from 'node:crypto';
import type { Role } from '@interview-kit/core/protocol';

/** Whom a signaling ticket admits. */
export interface TicketHolder {
  sessionId: string;
  participantId: string;
  role: Role;
}

export interface TicketBookOptions {
  ttlMs?: number;
  /** Bound on outstanding tickets, so that a flood of requests cannot grow memory. */
  maxOutstanding?: number;
  now?: () => number;
}

/** Where one-time signaling tickets are kept: this process ({@link TicketBook}) or Redis (`scale-out/redis-tickets.ts`). */
export interface Tickets {
  issue(holder: TicketHolder): Promise<{ ticket: string; expiresAt: number }>;
  /** The ticket's holder, once; `undefined` for an unknown, used or expired ticket. */
  redeem(ticket: string): Promise<TicketHolder | undefined>;
}

/** A new ticket: random, 192 bits, URL-safe. */
export const newTicket = (): string => randomBytes(24).toString('base64url');

/**
 * One-time tickets for the signaling WebSocket, kept in this process (one instance). The stock y-webrtc client can only open a URL,
 * so the URL carries a ticket instead of the participant token: random (192 bits), short-lived,
 * bound to one session and participant, and gone after its first use.
 */
export class TicketBook implements Tickets {
  readonly #tickets = new Map<string, TicketHolder & { expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: TicketBookOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#max = options.maxOutstanding ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  async issue(holder: TicketHolder): Promise<{ ticket: string; expiresAt: number }> {
    this.#sweep();
    if (this.#tickets.size >= this.#max) {
      // Drop the oldest: Maps iterate in insertion order.
      const oldest = this.#tickets.keys().next().value;
      if (oldest !== undefined) this.#tickets.delete(oldest);
    }
    const ticket = newTicket();
    const expiresAt = this.#now() + this.#ttlMs;
    this.#tickets.set(ticket, { ...holder, expiresAt });
    return { ticket, expiresAt };
  }

  async redeem(ticket: string): Promise<TicketHolder | undefined> {
    const entry = this.#tickets.get(ticket);
    if (!entry) return undefined;
    this.#tickets.delete(ticket);
    if (entry.expiresAt <= this.#now()) return undefined;
    return { sessionId: entry.sessionId, participantId: entry.participantId, role: entry.role };
  }

  #sweep(): void {
    const now = this.#now();
    for (const [ticket, entry] of this.#tickets) {
      if (entry.expiresAt > now) break;
      this.#tickets.delete(ticket);
    }
  }
}
