import { SignedLinks, type SignedLink } from '../services/signed-links.js';

export type ReportLink = SignedLink;

/**
 * Signed, expiring report links: a recruiter opens a session's report with the link alone, no API
 * key. The link names the session and its expiry, signed under a key of its own (see
 * `SignedLinks`); it opens that one session's report, read-only, until it expires.
 */
export class ReportLinks extends SignedLinks {
  constructor(secret: Uint8Array, now: () => number = Date.now) {
    super(secret, 'interview-kit report links v1', 'the report link', now);
  }
}
