import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { call, sampleSession, startTestServer, type TestServer } from './testing/harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

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

/** `@redocly/cli lint` of `doc` with the repository's redocly.yaml (the recommended ruleset). */
async function lint(doc: object): Promise<{ totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ik-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'lint', '--config', join(root, 'redocly.yaml'), '--format=json', file], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return JSON.parse(stdout.slice(stdout.indexOf('{')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the document passes `redocly lint` (recommended rules) with no error and no warning', async () => {
  const doc = (await call(server.url, 'GET', '/v1/openapi.json')).body;
  const report = await lint(doc);
  const problems = report.problems.map((p) => `${p.ruleId}: ${p.message}`);
  assert.deepEqual({ ...report.totals, problems }, { ...report.totals, errors: 0, warnings: 0, problems: [] });
});

test('every operation documents its problem+json refusals, and the headers a client acts on', async () => {
  const doc = (await call(server.url, 'GET', '/v1/openapi.json')).body;
  assert.equal(doc.info.license.identifier, 'MIT');
  assert.ok(doc.servers.length > 0);
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const refusals = Object.entries(op.responses as Record<string, any>).filter(([status]) => status.startsWith('4'));
      assert.ok(refusals.length > 0, `${method} ${path} has a 4xx response`);
      for (const [status, response] of refusals) assert.ok(response.content['application/problem+json'], `${method} ${path} ${status} is a problem`);
      assert.ok(op.responses['429'].headers['Retry-After'], `${method} ${path} 429 names Retry-After`);
    }
  }
  const runs = doc.paths['/v1/runs'].post;
  assert.ok(runs.parameters.some((p: any) => p.$ref === '#/components/parameters/IdempotencyKey'));
  assert.equal(runs.responses['200'].content['text/event-stream'].schema.$ref, '#/components/schemas/RunStreamEvent');
  const create = doc.paths['/v1/sessions'].post;
  assert.ok(create.parameters.some((p: any) => p.$ref === '#/components/parameters/IdempotencyKey'));
  assert.ok(create.requestBody.content['application/json'].example.participants.length > 0);
  assert.equal(create.responses['201'].headers.Location.$ref, '#/components/headers/Location');
  assert.equal(doc.components.parameters.IdempotencyKey.in, 'header');

  // What the document promises is what the server sends.
  const key = `doc-${Date.now()}`;
  const created = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession(), headers: { 'idempotency-key': key } });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('location'), `/v1/sessions/${created.body.id}`);
  assert.ok(created.headers.get('x-request-id'));
  assert.match(created.headers.get('ratelimit') ?? '', /"address";r=\d+;t=\d+, "credential";r=\d+;t=\d+/);
  assert.equal(create.responses['201'].headers.RateLimit.$ref, '#/components/headers/RateLimit');
  const replayed = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: sampleSession(), headers: { 'idempotency-key': key } });
  assert.equal(replayed.status, 200);
  assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
});
