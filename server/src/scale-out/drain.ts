import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEM_TYPES } from '../problem.js';

/** Paths that still answer while draining: the load balancer's probes. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Whether this instance is leaving (SIGTERM). From the moment {@link start} is called, `/readyz`
 * answers 503 (the load balancer stops sending new work), and every other request that still
 * arrives on an open keep-alive connection is refused with 503 problem+json, `Retry-After: 1` and
 * `Connection: close`, so that the client retries on another instance; requests already under way
 * (runs included) go on.
 */
export class DrainState {
  #draining = false;

  get draining(): boolean {
    return this.#draining;
  }

  start(): void {
    this.#draining = true;
  }

  /** Answers `req` with 503 when draining (except the probes); returns whether it did. */
  refuse(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.#draining) return false;
    const path = (req.url ?? '/').split('?')[0]!;
    if (PROBES.has(path)) return false;
    const detail = 'this instance is shutting down; retry, and another instance answers';
    res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1', connection: 'close' });
    res.end(JSON.stringify({ type: PROBLEM_TYPES.unavailable, title: 'Service Unavailable', status: 503, detail }));
    return true;
  }
}
