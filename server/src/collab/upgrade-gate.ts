import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { clientAddress, type TrustProxy } from '../config/client-address.js';
import { Counter, readGauge, type Registry } from '../metrics.js';
import { HttpProblem, PROBLEM_TYPES } from '../problem.js';
import { ConnectionLimits, type SocketSettings } from './connection-limits.js';
import { refuseUpgrade } from './upgrade-refusal.js';

/**
 * Admits WebSocket upgrades under the connection caps ({@link ConnectionLimits}) before anything
 * is allocated for them: a refused upgrade gets 503 with `Retry-After` and is counted in
 * `ws_refused_upgrades_total`; an admitted one holds its slot until its TCP socket closes. Sockets
 * closed for not authenticating in time are counted in `ws_auth_timeouts_total`.
 */
export class UpgradeGate {
  readonly limits: ConnectionLimits;
  readonly #refused: Counter;
  readonly #authTimeouts: Counter;
  readonly #retryAfterSeconds: string;

  constructor(
    settings: SocketSettings,
    private readonly trust: TrustProxy,
    registry: Registry,
  ) {
    this.limits = new ConnectionLimits(settings);
    // Idle unauthenticated sockets are gone after the authentication deadline: try again then.
    this.#retryAfterSeconds = String(Math.max(1, Math.ceil(settings.authTimeoutMs / 1000)));
    this.#refused = new Counter({ name: 'ws_refused_upgrades_total', help: 'WebSocket upgrades refused by the connection caps, by limit', labelNames: ['limit'], registers: [registry] });
    this.#authTimeouts = new Counter({ name: 'ws_auth_timeouts_total', help: 'Sync sockets closed for not authenticating in time', registers: [registry] });
    readGauge(registry, 'ws_connections', 'WebSocket connections open', () => this.limits.total);
  }

  /** Whether the upgrade may go on; when not, it has been answered and the socket closed. */
  admit(request: IncomingMessage, socket: Duplex): boolean {
    const admission = this.limits.admit(clientAddress(request, this.trust));
    if (!admission.admitted) {
      this.#refused.inc({ limit: admission.limit });
      refuseUpgrade(
        socket,
        new HttpProblem(503, `${admission.detail}; try again later`, {
          type: PROBLEM_TYPES.unavailable,
          headers: { 'Retry-After': this.#retryAfterSeconds },
        }),
      );
      return false;
    }
    socket.once('close', admission.release);
    return true;
  }

  /** Counts a sync socket closed for not authenticating within the deadline. */
  authTimedOut(): void {
    this.#authTimeouts.inc();
  }
}
