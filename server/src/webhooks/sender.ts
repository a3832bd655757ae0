import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { ForbiddenAddressError, guardedLookup, isPublicAddress, type DnsLookup } from './address-guard.js';

/** The outcome of one HTTP attempt: a response (any status), or no response at all. */
export type SendResult =
  | { kind: 'response'; status: number; durationMs: number }
  | { kind: 'error'; error: string; forbidden: boolean; durationMs: number };

export interface SenderOptions {
  /** Deadline of one attempt, connection to response. */
  timeoutMs: number;
  /** Lifts the internal-address guard and allows http:// (local development). */
  allowPrivateNetworks: boolean;
  /** Name resolution (tests substitute one); the guard judges what it returns. */
  resolve?: DnsLookup;
}

const USER_AGENT = 'InterviewKit-Webhooks/1';
/** Bytes of a response read before the connection is let go; the body itself is ignored. */
const RESPONSE_LIMIT = 64 * 1024;

/**
 * Posts webhook bodies. Connections go through keep-alive agents whose DNS lookup refuses
 * internal addresses at connect time (see `guardedLookup`), so the check covers the address
 * actually connected to; an IP literal in the URL is checked before connecting. Redirects are not
 * followed.
 */
export class WebhookSender {
  readonly #agents: { http: http.Agent; https: https.Agent };

  constructor(private readonly options: SenderOptions) {
    const lookup = options.allowPrivateNetworks ? undefined : guardedLookup(options.resolve);
    const common = { keepAlive: true, maxSockets: 16, ...(lookup ? { lookup } : {}) };
    this.#agents = { http: new http.Agent(common), https: new https.Agent(common) };
  }

  async send(url: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivateNetworks) {
      if (target.protocol !== 'https:') return { kind: 'error', error: 'only https:// endpoints are allowed', forbidden: true, durationMs: 0 };
      if (isIP(host) && !isPublicAddress(host)) {
        return { kind: 'error', error: new ForbiddenAddressError(host, host).message, forbidden: true, durationMs: 0 };
      }
    }
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const abort = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise<SendResult>((resolve) => {
      const fail = (error: Error) =>
        resolve({
          kind: 'error',
          error: deadline.aborted ? `no response within ${this.options.timeoutMs} ms` : error.message,
          forbidden: error instanceof ForbiddenAddressError,
          durationMs: elapsed(),
        });
      const request = transport.request(
        target,
        {
          method: 'POST',
          agent: target.protocol === 'https:' ? this.#agents.https : this.#agents.http,
          headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, 'content-length': Buffer.byteLength(body), ...headers },
          signal: abort,
        },
        (response) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > RESPONSE_LIMIT) response.destroy();
          });
          const done = () => resolve({ kind: 'response', status: response.statusCode ?? 0, durationMs: elapsed() });
          response.on('end', done);
          response.on('close', done);
          response.on('error', done);
        },
      );
      request.on('error', fail);
      request.end(body);
    });
  }

  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }
}

/** Whether an attempt with this outcome is worth repeating: no response, a timeout, 408, 429 or 5xx. */
export function isRetryable(result: SendResult): boolean {
  if (result.kind === 'error') return !result.forbidden;
  return result.status === 408 || result.status === 429 || result.status >= 500;
}

export const isSuccess = (result: SendResult) => result.kind === 'response' && result.status >= 200 && result.status < 300;
