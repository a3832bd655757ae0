import { createHmac, timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../problem.js';

interface LinkPayload {
  /** What the link opens: a session id, a recording id. */
  s: string;
  /** Expiry, seconds since the epoch. */
  e: number;
}

export interface SignedLink {
  token: string;
  expiresAt: Date;
}

/**
 * Signed, expiring link tokens that open one thing without any other credential. A token is
 * `<payload>.<signature>`, both base64url: the payload names the subject and the expiry, the
 * signature is an HMAC-SHA256 of the payload under a key derived from the server's secret and the
 * links' `purpose` — so a token of one purpose (report links, playback links) never stands in for
 * another's, nor for a participant token.
 */
export class SignedLinks {
  readonly #key: Buffer;

  constructor(
    secret: Uint8Array,
    purpose: string,
    /** How refusals name the link: "the report link", "the playback link". */
    private readonly noun: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#key = createHmac('sha256', secret).update(purpose).digest();
  }

  /** A token opening `subject`, valid for `seconds`. */
  issue(subject: string, seconds: number): SignedLink {
    const expires = Math.floor(this.now() / 1000) + seconds;
    const payload = Buffer.from(JSON.stringify({ s: subject, e: expires } satisfies LinkPayload)).toString('base64url');
    return { token: `${payload}.${this.#sign(payload)}`, expiresAt: new Date(expires * 1000) };
  }

  /**
   * The subject a token opens.
   * @throws {HttpProblem} 401 when the token was not signed here (tampered, truncated) or has expired.
   */
  verify(token: string): string {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined || !this.#signedHere(payload, signature)) {
      throw unauthorized(`${this.noun} is not valid: it was changed or cut short; ask for a new link`);
    }
    const { s, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkPayload;
    if (e * 1000 <= this.now()) throw unauthorized(`${this.noun} expired at ${new Date(e * 1000).toISOString()}; ask for a new link`);
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
