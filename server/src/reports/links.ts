import { createHmac, timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../problem.js';

/**
 * Signed, expiring report links: a recruiter opens a session's report with the link alone, no API
 * key. The token is `<payload>.<signature>`, both base64url: the payload names the session and the
 * expiry, the signature is an HMAC-SHA256 of the payload under a key derived from the server's
 * secret (a different key from the participant tokens', so neither can stand in for the other).
 * A link opens that one session's report, read-only, until it expires.
 *
 * @module
 */

interface LinkPayload {
  /** Session id. */
  s: string;
  /** Expiry, seconds since the epoch. */
  e: number;
}

export interface ReportLink {
  token: string;
  expiresAt: Date;
}

export class ReportLinks {
  readonly #key: Buffer;
  readonly #now: () => number;

  constructor(secret: Uint8Array, now: () => number = Date.now) {
    this.#key = createHmac('sha256', secret).update('interview-kit report links v1').digest();
    this.#now = now;
  }

  /** A link token for the session's report, valid for `seconds`. */
  issue(sessionId: string, seconds: number): ReportLink {
    const expires = Math.floor(this.#now() / 1000) + seconds;
    const payload = Buffer.from(JSON.stringify({ s: sessionId, e: expires } satisfies LinkPayload)).toString('base64url');
    return { token: `${payload}.${this.#sign(payload)}`, expiresAt: new Date(expires * 1000) };
  }

  /**
   * The session a link token opens.
   * @throws {HttpProblem} 401 when the token was not signed here (tampered, truncated) or has expired.
   */
  verify(token: string): string {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || !this.#signedHere(payload, signature)) {
      throw unauthorized('the report link is not valid: it was changed or cut short; ask for a new link');
    }
    const { s, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkPayload;
    if (e * 1000 <= this.#now()) throw unauthorized(`the report link expired at ${new Date(e * 1000).toISOString()}; ask for a new link`);
    return s;
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }

  #signedHere(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.#sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
