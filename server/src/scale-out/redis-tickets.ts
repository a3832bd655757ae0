import type { Redis } from 'ioredis';
import { newTicket, type TicketHolder, type Tickets } from '../collab/tickets.js';
import { REDIS_PREFIX } from './cluster.js';

/**
 * One-time signaling tickets in Redis, so that a ticket issued by one instance admits its holder
 * on whichever instance the WebSocket reaches: each is a key that expires with the ticket
 * (`SET … PX`), and redeeming it reads and deletes it in one command (`GETDEL`), so of two
 * instances redeeming the same ticket at once exactly one gets its holder.
 */
export class RedisTickets implements Tickets {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(holder: TicketHolder): Promise<{ ticket: string; expiresAt: number }> {
    const ticket = newTicket();
    const expiresAt = this.now() + this.ttlMs;
    const { sessionId, participantId, role } = holder;
    await this.redis.set(keyOf(ticket), JSON.stringify({ sessionId, participantId, role }), 'PX', this.ttlMs);
    return { ticket, expiresAt };
  }

  async redeem(ticket: string): Promise<TicketHolder | undefined> {
    if (!/^[\w-]{32}$/.test(ticket)) return undefined;
    const entry = await this.redis.getdel(keyOf(ticket));
    return entry === null ? undefined : (JSON.parse(entry) as TicketHolder);
  }
}

const keyOf = (ticket: string) => `${REDIS_PREFIX}:ticket:${ticket}`;
