import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { PARTICIPANT_TOKEN_AUDIENCE } from '@interview-kit/core/protocol';
import { call, createSession, problemOf, startTestServer, type TestServer } from '../testing/harness.js';

let server: TestServer;
let session: Awaited<ReturnType<typeof createSession>>;
before(async () => {
  server = await startTestServer({ database: 'sqlite' });
  session = await createSession(server);
});
after(() => server.dispose());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

async function refused(token: string, path = `/v1/sessions/${session.id}`) {
  const res = await call(server.url, 'GET', path, { auth: token });
  const problem = problemOf(res, 401);
  assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  return problem.detail;
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { sid: session.id, sub: 'cam', role: 'candidate', name: 'Cam', iss: server.config.tokenIssuer, aud: PARTICIPANT_TOKEN_AUDIENCE, iat: now, exp: now + 600, ...overrides };
}

const sign = (payload: object, secret: Uint8Array = server.config.jwtSecret, alg = 'HS256') =>
  new SignJWT(payload as Record<string, unknown>).setProtectedHeader({ alg }).sign(secret);

describe('participant tokens', () => {
  test('a correctly signed token works (control)', async () => {
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: await sign(claims()) })).status, 200);
  });

  test('an expired token → 401 that says it expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    assert.match(await refused(await sign(claims({ iat: now - 3600, exp: now - 60 }))), /expired/);
  });

  test('an unsigned token (alg: none) → 401', async () => {
    await refused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`);
  });

  test('a token signed with another secret → 401', async () => {
    await refused(await sign(claims(), new TextEncoder().encode('another-secret-of-sufficient-length-0123456789')));
  });

  test('a token signed with another HMAC algorithm → 401', async () => {
    await refused(await sign(claims(), server.config.jwtSecret, 'HS512'));
  });

  test('a token with the wrong issuer or audience → 401', async () => {
    assert.match(await refused(await sign(claims({ iss: 'someone-else' }))), /iss/);
    assert.match(await refused(await sign(claims({ aud: 'other-audience' }))), /aud/);
  });

  test("a token of another session → 401 on this session's routes", async () => {
    const other = await createSession(server);
    const detail = await refused(other.tokens.cam!);
    assert.match(detail, /another session/);
  });

  test('a tampered role (payload edited, signature kept) → 401', async () => {
    const [header, , signature] = session.tokens.cam!.split('.');
    const escalated = { ...payloadOf(session.tokens.cam!), role: 'interviewer' };
    await refused(`${header}.${b64(escalated)}.${signature}`);
  });

  test('a validly signed token claiming a role the participant does not have → 401', async () => {
    await refused(await sign(claims({ role: 'interviewer' })));
  });

  test('a token for a participant not in the session → 401', async () => {
    await refused(await sign(claims({ sub: 'mallory' })));
  });

  test('garbage that looks like a JWT → 401, never 500', async () => {
    for (const junk of ['a.b.c', 'eyJ.eyJ.', `${b64({ alg: 'HS256' })}.not-json.sig`]) await refused(junk);
  });
});
