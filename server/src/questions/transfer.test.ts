// Export and import of a whole question bank, and the built-in starter bank, against the real app
// and SQLite (or PostgreSQL when TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { call, problemOf, startTestServer, type TestServer } from '../testing/harness.js';
import { loadStarterBank } from './starter-bank.js';
import { addQuestion, codingQuestion, publishedQuestion, structuredQuestion } from './testing/fixtures.js';

describe('export and import of the question bank', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
  });
  after(() => server.dispose());

  const send = (method: string, path: string, auth: string, body?: unknown) => call(server.url, method, path, { auth, ...(body === undefined ? {} : { body }) });

  it('round-trips exactly: export, import into another tenant, export again gives the same document', async () => {
    const source = (await server.app.ctx.apiKeys.create('tenant-source', 'source')).key;
    const sum = await publishedQuestion(server, codingQuestion({ slug: 'rt-sum' }), source);
    await send('PATCH', `/v1/questions/${sum}`, source, { title: 'Sum, version 2' });
    const talk = await publishedQuestion(server, structuredQuestion({ slug: 'rt-talk' }), source);
    await addQuestion(server, codingQuestion({ slug: 'rt-draft', tags: [] }), source);
    const kit = await send('POST', '/v1/kits', source, {
      name: 'Round trip',
      durationMinutes: 45,
      sections: [
        { title: 'Talk', minutes: 10, questions: [{ id: talk }] },
        { minutes: 30, variants: [[{ id: sum, version: 1 }], [{ id: sum }]] },
      ],
    });
    await send('PATCH', `/v1/kits/${kit.body.id}`, source, { durationMinutes: 50 });

    const exported = await send('GET', '/v1/questions/export', source);
    assert.equal(exported.status, 200);
    assert.equal(exported.body.format, 'interview-kit/question-bank');
    assert.equal(exported.body.version, 1);
    assert.deepEqual(
      exported.body.questions.map((q: any) => [q.slug, q.status, q.history.length]),
      [
        ['rt-sum', 'published', 1],
        ['rt-talk', 'published', 0],
        ['rt-draft', 'draft', 0],
      ],
    );
    assert.equal(exported.body.questions[0].title, 'Sum, version 2');
    assert.equal(exported.body.questions[0].history[0].title, 'Sum two numbers');
    assert.deepEqual(exported.body.kits[0].sections[1].variants, [[{ slug: 'rt-sum', version: 1 }], [{ slug: 'rt-sum' }]]);
    assert.equal(exported.body.kits[0].history[0].durationMinutes, 45);

    const target = (await server.app.ctx.apiKeys.create('tenant-target', 'target')).key;
    const imported = await send('POST', '/v1/questions/import', target, exported.body);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body.questions.map((q: { slug: string }) => q.slug), ['rt-sum', 'rt-talk', 'rt-draft']);
    assert.deepEqual(imported.body.skipped, []);
    const again = await send('GET', '/v1/questions/export', target);
    assert.deepEqual(again.body, exported.body);

    const copy = imported.body.questions[0].id;
    assert.equal((await send('GET', `/v1/questions/${copy}/versions/1`, target)).body.question.title, 'Sum two numbers', 'earlier versions are kept');
    assert.equal((await send('GET', `/v1/questions/${copy}`, target)).body.status, 'published');

    const clash = problemOf(await send('POST', '/v1/questions/import', target, exported.body), 409);
    assert.match(clash.detail, /rt-sum, rt-talk, rt-draft/);
    const skipped = await send('POST', '/v1/questions/import', target, { ...exported.body, existing: 'skip' });
    assert.deepEqual([skipped.body.questions, skipped.body.skipped.length, skipped.body.kits.length], [[], 3, 1], 'kits refer to the questions kept');

    const mixed = { ...exported.body, kits: [{ name: 'Mixed', durationMinutes: 30, sections: [{ minutes: 30, questions: [{ slug: 'rt-sum' }, { slug: 'rt-talk' }] }] }] };
    const mixedTenant = (await server.app.ctx.apiKeys.create('tenant-mixed', 'm')).key;
    const refused = problemOf(await send('POST', '/v1/questions/import', mixedTenant, mixed), 400);
    assert.equal(refused.errors![0]!.path, 'kits.0.sections.0.questions');
    assert.deepEqual((await send('GET', '/v1/questions', mixedTenant)).body.questions, [], 'a refused import adds nothing');
    const dangling = { ...exported.body, questions: [] };
    problemOf(await send('POST', '/v1/questions/import', (await server.app.ctx.apiKeys.create('tenant-empty', 'e')).key, dangling), 400);
    problemOf(await send('POST', '/v1/questions/import', target, { format: 'something-else', version: 1, questions: [] }), 400);
  });

  it('imports the built-in starter bank as published questions', async () => {
    const starter = await loadStarterBank();
    const tenant = (await server.app.ctx.apiKeys.create('tenant-starter', 'starter')).key;
    const imported = await send('POST', '/v1/questions/import', tenant, { source: 'starter-bank' });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body.questions.map((q: { slug: string }) => q.slug), starter.map((q) => q.slug));
    const listed = await send('GET', '/v1/questions?status=published&limit=100', tenant);
    assert.equal(listed.body.questions.length, starter.length);
    const again = await send('POST', '/v1/questions/import', tenant, { source: 'starter-bank', existing: 'skip' });
    assert.deepEqual([again.body.questions.length, again.body.skipped.length], [0, starter.length]);
  });
});

describe('the starter bank loader', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ik-starter-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads coding/ and structured/ in name order, tolerating missing or empty folders, and names a bad file', async () => {
    assert.deepEqual(await loadStarterBank(join(dir, 'missing')), []);
    await mkdir(join(dir, 'coding'));
    assert.deepEqual(await loadStarterBank(dir), []);
    await mkdir(join(dir, 'structured'));
    await writeFile(join(dir, 'coding', 'b-sum.json'), JSON.stringify(codingQuestion({ slug: 'b-sum' })));
    await writeFile(join(dir, 'coding', 'a-sum.json'), JSON.stringify(codingQuestion({ slug: 'a-sum' })));
    await writeFile(join(dir, 'structured', 'talk.json'), JSON.stringify(structuredQuestion({ slug: 'talk' })));
    await writeFile(join(dir, 'structured', 'README.md'), 'not a question');
    assert.deepEqual((await loadStarterBank(dir)).map((q) => q.slug), ['a-sum', 'b-sum', 'talk']);

    await writeFile(join(dir, 'coding', 'c.json'), JSON.stringify(codingQuestion({ slug: 'c', difficulty: 'trivial' })));
    await assert.rejects(loadStarterBank(dir), /coding\/c\.json is not a valid question: difficulty/);
    await writeFile(join(dir, 'coding', 'c.json'), JSON.stringify(codingQuestion({ slug: 'other' })));
    await assert.rejects(loadStarterBank(dir), /coding\/c\.json has slug "other"/);
    await writeFile(join(dir, 'coding', 'c.json'), JSON.stringify(structuredQuestion({ slug: 'c' })));
    await assert.rejects(loadStarterBank(dir), /a structured question in the coding folder/);
    await writeFile(join(dir, 'coding', 'c.json'), '{ nope');
    await assert.rejects(loadStarterBank(dir), /coding\/c\.json is not JSON/);
  });
});
