import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, type Role } from '@interview-kit/core/protocol';
import type { RouteSpec } from './api.js';
import { call, createSession, problemOf, startTestServer, type TestServer } from './testing/harness.js';

let server: TestServer;
let session: Awaited<ReturnType<typeof createSession>>;
before(async () => {
  server = await startTestServer({ database: 'sqlite' });
  session = await createSession(server);
});
after(() => server.dispose());

/** A participant token of each role in the session. */
const tokenOf = (role: Role) => session.tokenFor(role);

/**
 * Input no route accepts: a path parameter no schema allows, a body that breaks every schema, a
 * body that is not JSON at all (bodies only where the method has one).
 */
function malformed(spec: RouteSpec): { what: string; path: string; raw?: string }[] {
  const path = spec.path.replace(/:\w+/g, session.id);
  const inputs: { what: string; path: string; raw?: string }[] = [];
  if (spec.path.includes(':')) inputs.push({ what: 'a malformed path parameter', path: spec.path.replace(/:\w+/g, '%20not%20an%20id%20') });
  if (spec.method === 'get' || spec.method === 'delete') return inputs;
  return [
    ...inputs,
    { what: 'a body that breaks the schema', path, raw: JSON.stringify({ scores: 'many', participantId: 7, unexpected: [1, 2, 3] }) },
    { what: 'a body that is not JSON', path, raw: '{"scores": [' },
  ];
}

/** Every caller that a route does not admit, with the status it must get. */
function unwelcome(spec: RouteSpec): { who: string; auth?: string; status: 401 | 403 }[] {
  const callers: { who: string; auth?: string; status: 401 | 403 }[] = [{ who: 'nobody', status: 401 }];
  if (!spec.security.includes('apiKey')) callers.push({ who: 'the host', auth: server.apiKey, status: 401 });
  for (const role of ROLES) {
    if (!spec.security.includes('participantToken')) callers.push({ who: `a ${role}`, auth: tokenOf(role), status: 401 });
    else if (spec.roles && !spec.roles.includes(role)) callers.push({ who: `a ${role}`, auth: tokenOf(role), status: 403 });
  }
  return callers;
}

describe('authorization comes before validation', () => {
  test('on every route, a caller who may not call it gets 401 or 403 for a malformed body, never 400', async () => {
    const routes = server.app.api.routes.filter((spec) => spec.security.length > 0);
    assert.ok(routes.length >= 10, `the route table lists the authenticated routes (${routes.length})`);
    let forbidden = 0;
    for (const spec of routes) {
      for (const caller of unwelcome(spec)) {
        for (const input of malformed(spec)) {
          const what = `${caller.who}: ${spec.method.toUpperCase()} ${spec.path} with ${input.what}`;
          const res = await call(server.url, spec.method.toUpperCase(), input.path, {
            ...(caller.auth ? { auth: caller.auth } : {}),
            ...(input.raw !== undefined ? { raw: input.raw } : {}),
          });
          problemOf(res, caller.status, what);
          if (caller.status === 403) forbidden++;
        }
      }
    }
    assert.ok(forbidden >= 10, `wrong roles were tried on the role-restricted routes (${forbidden})`);
  });

  test('a candidate sending a malformed feedback body is refused with 403 and no schema details', async () => {
    const res = await call(server.url, 'POST', `/v1/sessions/${session.id}/feedback`, { auth: tokenOf('candidate'), body: { scores: 'x' } });
    const problem = problemOf(res, 403);
    assert.equal(problem.errors, undefined);
    assert.match(problem.detail, /candidate/);
  });

  test('a caller who may call the route still gets 400 with field errors for a malformed body', async () => {
    const res = await call(server.url, 'POST', `/v1/sessions/${session.id}/feedback`, { auth: tokenOf('interviewer'), body: { scores: 'x' } });
    assert.ok(problemOf(res, 400).errors?.length);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${session.id}/feedback`, { auth: tokenOf('interviewer'), raw: '{"scores": [' }), 400);
  });
});
