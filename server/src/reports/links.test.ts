import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpProblem } from '../problem.js';
import { ReportLinks } from './links.js';

const secret = new TextEncoder().encode('a test secret of enough length!!');

function refusal(fn: () => unknown): HttpProblem {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof HttpProblem);
    return error;
  }
  assert.fail('the token was accepted');
}

describe('report links', () => {
  it('open the session they were issued for until they expire, then 401', () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const links = new ReportLinks(secret, () => now);
    const { token, expiresAt } = links.issue('session-1', 3600);
    assert.equal(expiresAt.toISOString(), '2026-03-01T11:00:00.000Z');
    assert.equal(links.verify(token), 'session-1');
    now += 3599_000;
    assert.equal(links.verify(token), 'session-1');
    now += 1000;
    const expired = refusal(() => links.verify(token));
    assert.equal(expired.status, 401);
    assert.match(expired.message, /expired at 2026-03-01T11:00:00/);
  });

  it('refuse a changed payload, a changed signature, another secret and junk with 401', () => {
    const links = new ReportLinks(secret);
    const { token } = links.issue('session-1', 3600);
    const [payload, signature] = token.split('.') as [string, string];
    const otherSession = Buffer.from(JSON.stringify({ s: 'session-2', e: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    const longer = Buffer.from(JSON.stringify({ s: 'session-1', e: Math.floor(Date.now() / 1000) + 999_999 })).toString('base64url');
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    for (const forged of [`${otherSession}.${signature}`, `${longer}.${signature}`, `${payload}.${flipped}`, `${payload}.`, payload, `${token}.x`, '']) {
      assert.equal(refusal(() => links.verify(forged)).status, 401, forged);
    }
    assert.equal(refusal(() => new ReportLinks(new TextEncoder().encode('another secret')).verify(token)).status, 401);
  });
});
