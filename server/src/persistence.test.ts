import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, createSession, startTestServer, usingPostgres } from './testing/harness.js';

// Runs against PostgreSQL when TEST_DATABASE_URL is set, else against the SQLite file.
const engine = usingPostgres() ? 'PostgreSQL' : 'SQLite';

test(`sessions and their tokens survive a restart on the same data (${engine})`, async () => {
  let server = await startTestServer({ database: 'env' });
  try {
    const { id, tokens } = await createSession(server);
    await call(server.url, 'POST', `/v1/sessions/${id}/end`, { auth: tokens.ivy });
    const key = await server.app.ctx.apiKeys.create('default', 'before-restart');

    server = await server.restart();

    const view = await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: tokens.cam });
    assert.equal(view.status, 200, 'the token issued before the restart still works');
    assert.equal(view.body.status, 'ended');
    assert.deepEqual(view.body.participants.map((p: any) => p.id), ['ivy', 'cam', 'oli']);
    assert.equal(view.body.question.hiddenTestCount, 1);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: key.key })).status, 200, 'keys persist');
    assert.equal((await call(server.url, 'GET', '/readyz')).status, 200);
  } finally {
    await server.dispose();
  }
});

test(`migrations are idempotent across restarts (${engine})`, async () => {
  let server = await startTestServer({ database: 'env' });
  try {
    server = await server.restart();
    server = await server.restart();
    assert.equal((await createSession(server)).tokens.cam?.split('.').length, 3);
  } finally {
    await server.dispose();
  }
});
