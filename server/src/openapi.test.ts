import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, startTestServer, type TestServer } from './testing/harness.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ database: 'sqlite' });
});
after(() => server.dispose());

/** Every route Express actually has mounted, as `METHOD /openapi/{path}`. */
function mountedRoutes(): string[] {
  const stack = (server.app.app as any).router.stack as { route?: { path: string; methods: Record<string, boolean> } }[];
  return stack
    .filter((layer) => layer.route)
    .flatMap(({ route }) =>
      Object.keys(route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${route!.path.replace(/:(\w+)/g, '{$1}')}`),
    );
}

test('every mounted route appears in /v1/openapi.json with its responses', async () => {
  const res = await call(server.url, 'GET', '/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.equal(res.body.openapi, '3.1.0');
  const documented = Object.entries(res.body.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  const mounted = mountedRoutes();
  assert.ok(mounted.length >= 9, `found ${mounted.length} routes`);
  for (const route of mounted) assert.ok(documented.includes(route), `${route} is documented`);
  for (const route of documented) assert.ok(mounted.includes(route), `${route} is mounted`);
  for (const [, ops] of Object.entries(res.body.paths as Record<string, Record<string, any>>)) {
    for (const op of Object.values(ops)) assert.ok(Object.keys(op.responses).length > 0);
  }
});

test('request schemas in the document match what the server validates', async () => {
  const doc = (await call(server.url, 'GET', '/v1/openapi.json')).body;
  const create = doc.paths['/v1/sessions'].post;
  assert.deepEqual(create.security, [{ apiKey: [] }]);
  assert.equal(create.requestBody.content['application/json'].schema.$ref, '#/components/schemas/CreateSessionRequest');
  const schema = doc.components.schemas.CreateSessionRequest;
  assert.deepEqual([...schema.required].sort(), ['participants', 'title']);
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(doc.components.schemas.Role.enum.sort(), ['candidate', 'interviewer', 'observer']);
  assert.equal(doc.paths['/v1/sessions/{id}'].get.parameters[0].name, 'id');
});
