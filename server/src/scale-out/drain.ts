import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEM_TYPES } from '../problem.js';

/** Paths that still answer while draining: the load balancer's probes. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Whether this instance is leaving (SIGTERM), in two steps. From {@link start}, `/readyz` answers
 * 503 (the load balancer stops sending new work) while everything else is still served. From
 * {@link stopAccepting} (the port is closed then too), every other request that still arrives on
 * an open keep-alive connection is refused with 503 problem+json, `Retry-After: 1` and
 * `Connection: close`, so that the client retries on another instance; requests already under way
 * (runs included) go on.
 */
export class DrainState {
  #draining = false;
  #refusing = false;

  get draining(): boolean {
    return this.#draining;
  }

  start(): void {
    this.#draining = true;
  }

  stopAccepting(): void {
    this.#draining = true;
    this.#refusing = true;
  }

  /** Answers `req` with 503 once no new request is taken (except the probes); returns whether it did. */
  refuse(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.#refusing) return false;
    const path = (req.url ?? '/').split('?')[0]!;
    if (PROBES.has(path)) return false;
    const detail = 'this instance is shutting down; retry, and another instance answers';
    res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1', connection: 'close' });
    res.end(JSON.stringify({ type: PROBLEM_TYPES.unavailable, title: 'Service Unavailable', status: 503, detail }));
    return true;
  }
}
