// The question bank's API against the real app, the real local sandbox (bubblewrap) and SQLite
// (or PostgreSQL when TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { projectFilesOf } from '@interview-kit/core/collab/project';
import { codeOf } from '@interview-kit/core/collab/structure';
import { connectProvider, until, wsUrl } from '../testing/collab.js';
import { call, createSession, problemOf, startTestServer, type TestServer } from '../testing/harness.js';
import { addQuestion, codingQuestion, publishedQuestion, structuredQuestion } from './testing/fixtures.js';

describe('questions: versions, status and publishing in the sandbox', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
  });
  after(() => server.dispose());

  const get = (path: string, auth = server.apiKey) => call(server.url, 'GET', path, { auth });
  const send = (method: string, path: string, body?: unknown, auth = server.apiKey) => call(server.url, method, path, { auth, ...(body === undefined ? {} : { body }) });

  it('edits a draft in place, then makes an immutable version for each change once published', async () => {
    const id = await addQuestion(server, codingQuestion({ slug: 'versions' }));
    const draft = await get(`/v1/questions/${id}`);
    assert.deepEqual([draft.body.status, draft.body.version, draft.body.latestVersion, draft.body.publishedAt], ['draft', 1, 1, null]);
    assert.deepEqual(draft.body.question.tests[0], { stdin: '1 2\n', expected: '3\n', hidden: false }, 'defaults are filled in');

    const edited = await send('PATCH', `/v1/questions/${id}`, { title: 'Sum of two' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual([edited.body.version, edited.body.question.title], [1, 'Sum of two'], 'a draft changes in place');

    const published = await send('POST', `/v1/questions/${id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.status, 'published');
    assert.ok(published.body.publishedAt);
    assert.equal((await send('POST', `/v1/questions/${id}/publish`)).body.version, 1, 'publishing again changes nothing');

    const changed = await send('PATCH', `/v1/questions/${id}`, { prompt: 'Print the sum of two integers.' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.version, changed.body.latestVersion, changed.body.status], [2, 2, 'published']);
    const first = await get(`/v1/questions/${id}/versions/1`);
    assert.equal(first.body.question.prompt, 'Read two integers and print their **sum**.', 'version 1 never changes');
    assert.equal(first.body.question.title, 'Sum of two');
    assert.equal((await get(`/v1/questions/${id}`)).body.question.prompt, 'Print the sum of two integers.');
    problemOf(await get(`/v1/questions/${id}/versions/3`), 404);

    const archived = await send('POST', `/v1/questions/${id}/archive`);
    assert.equal(archived.body.status, 'archived');
    problemOf(await send('PATCH', `/v1/questions/${id}`, { title: 'Again' }), 409);
    problemOf(await send('POST', `/v1/questions/${id}/publish`), 409);
  });

  it('refuses to publish a coding question whose reference solution fails a test, naming the language and the test', async () => {
    const id = await addQuestion(
      server,
      codingQuestion({
        slug: 'wrong-solution',
        solutions: { python: 'a, b = map(int, input().split())\nprint(a + b)\n', javascript: 'console.log(42)\n' },
      }),
    );
    const refused = await send('POST', `/v1/questions/${id}/publish`);
    const problem = problemOf(refused, 422);
    assert.match(problem.detail, /javascript reference solution fails test 0/);
    assert.match(problem.detail, /expected "3\\n", got "42\\n"/);
    assert.deepEqual(problem.failure, { language: 'javascript', index: 0, hidden: false, verdict: 'ok', expected: '3\n', actual: '42\n', stderr: '' });
    assert.equal((await get(`/v1/questions/${id}`)).body.status, 'draft', 'the question stays a draft');

    await send('PATCH', `/v1/questions/${id}`, { solutions: { java: 'public class Main { public static void main(String[] a) { System.out.println(42); } }\n' } });
    const hidden = problemOf(await send('POST', `/v1/questions/${id}/publish`), 422);
    assert.match(hidden.detail, /java reference solution fails test 0/);

    const fixed = await send('PATCH', `/v1/questions/${id}`, {
      tests: [{ stdin: '', expected: '42\n', hidden: true }],
    });
    assert.equal(fixed.status, 200);
    assert.equal((await send('POST', `/v1/questions/${id}/publish`)).body.status, 'published', 'the Java solution passes its hidden test');

    const broken = await send('PATCH', `/v1/questions/${id}`, { tests: [{ stdin: '', expected: '41\n', hidden: true }] });
    const failure = problemOf(broken, 422);
    assert.match(failure.detail, /test 0 \(hidden\)/);
    assert.equal((await get(`/v1/questions/${id}`)).body.latestVersion, 1, 'a refused change makes no version');
  });

  it("takes starter and solution file trees: publishing runs the solution beside them, a session seeds the document's files map", async () => {
    const helper = { path: 'lib/helper.py', content: 'def add(a, b):\n    return a + b\n' };
    const question = codingQuestion({
      slug: 'starter-tree',
      starterCode: { python: 'unused\n' },
      starterFiles: { python: [{ path: 'main.py', content: 'from lib.helper import add\n' }, helper] },
      solutions: { python: 'from lib.helper import add\nfrom lib.parse import pair\nprint(add(*pair()))\n' },
      solutionFiles: { python: [{ path: 'lib/parse.py', content: 'def pair():\n    return map(int, input().split())\n' }] },
    });
    for (const [field, files] of [
      ['starterFiles.python.1.path', [{ path: 'main.py', content: '' }, { path: '../x.py', content: '' }]],
      ['starterFiles.python.1.path', [{ path: 'main.py', content: '' }, { path: 'main.py', content: '' }]],
    ] as const) {
      const refused = problemOf(await send('POST', '/v1/questions', { ...question, slug: 'bad-tree', starterFiles: { python: files } }), 400);
      assert.ok(refused.errors?.some((error) => error.path === field), JSON.stringify(refused));
    }
    const id = await publishedQuestion(server, question);

    const created = await send('POST', '/v1/sessions', {
      title: 'Tree',
      participants: [{ id: 'cam', name: 'Cam Candidate', role: 'candidate' }],
      questions: [{ id }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const token = created.body.participants[0].token as string;
    const client = connectProvider(wsUrl(server), created.body.id, token);
    try {
      await until(() => codeOf(client.doc).toString() === 'from lib.helper import add\n', "the entry's starter code from the tree");
      assert.deepEqual([...projectFilesOf(client.doc).entries()].map(([path, text]) => [path, text.toString()]), [[helper.path, helper.content]]);
    } finally {
      client.provider.destroy();
    }
  });

  it('does not publish a draft that was edited while its reference solutions ran', async () => {
    const slow = 'import time\ntime.sleep(0.5)\na, b = map(int, input().split())\nprint(a + b)\n';
    const id = await addQuestion(server, codingQuestion({ slug: 'edited-meanwhile', solutions: { python: slow } }));
    const publishing = send('POST', `/v1/questions/${id}/publish`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const edit = await send('PATCH', `/v1/questions/${id}`, { tests: [{ stdin: '1 1\n', expected: '3\n' }] });
    assert.equal(edit.status, 200, 'the draft changes while its solutions run');
    problemOf(await publishing, 409);
    const after = (await get(`/v1/questions/${id}`)).body;
    assert.deepEqual([after.status, after.publishedAt, after.question.tests[0].expected], ['draft', null, '3\n'], 'the unchecked edit stays a draft');
    problemOf(await send('POST', `/v1/questions/${id}/publish`), 422);
  });

  it('checks one question of a tenant at a time; other tenants are not held up', async () => {
    const slow = 'import time\ntime.sleep(0.5)\na, b = map(int, input().split())\nprint(a + b)\n';
    const first = await addQuestion(server, codingQuestion({ slug: 'one-at-a-time-1', solutions: { python: slow } }));
    const second = await addQuestion(server, codingQuestion({ slug: 'one-at-a-time-2', solutions: { python: slow } }));
    const otherTenant = (await server.app.ctx.apiKeys.create('tenant-publishing', 'publishing')).key;
    const theirs = await addQuestion(server, codingQuestion({ slug: 'one-at-a-time-3', solutions: { python: slow } }), otherTenant);
    const publishing = send('POST', `/v1/questions/${first}/publish`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await send('POST', `/v1/questions/${second}/publish`);
    problemOf(refused, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    const [mine, other] = await Promise.all([publishing, send('POST', `/v1/questions/${theirs}/publish`, undefined, otherTenant)]);
    assert.deepEqual([mine.body.status, other.body.status], ['published', 'published']);
    assert.equal((await send('POST', `/v1/questions/${second}/publish`)).body.status, 'published', 'free again once the first is done');
  });

  it('publishes structured questions without running anything, and validates every field', async () => {
    const id = await publishedQuestion(server, structuredQuestion());
    assert.equal((await get(`/v1/questions/${id}`)).body.question.competency, 'communication');

    const invalid = problemOf(await send('POST', '/v1/questions', codingQuestion({ slug: 'Bad Slug', tests: [] })), 400);
    assert.deepEqual(invalid.errors!.map((e) => e.path).sort(), ['slug', 'tests']);
    problemOf(await send('POST', '/v1/questions', structuredQuestion({ slug: 'x', competency: 'charm' })), 400);
    problemOf(await send('POST', '/v1/questions', codingQuestion({ slug: 'y', solutions: { cobol: 'x' } })), 400);
    problemOf(await send('POST', '/v1/questions', structuredQuestion()), 409);
    const patch = problemOf(await send('PATCH', `/v1/questions/${id}`, { anchors: ['a', 'b'] }), 400);
    assert.equal(patch.errors![0]!.path, 'anchors');
    problemOf(await send('PATCH', `/v1/questions/${id}`, { type: 'coding' }), 400);
  });

  it("searches by text, tag, difficulty, language, type and status, and pages through the tenant's questions", async () => {
    const other = await server.app.ctx.apiKeys.create('tenant-search', 'search');
    const ids = {
      graph: await addQuestion(server, codingQuestion({ slug: 'islands', title: 'Count islands', prompt: 'Flood fill a grid of 100% land_', tags: ['Graphs'], difficulty: 'medium', starterCode: { cpp: '' }, solutions: { cpp: 'x' } }), other.key),
      dp: await addQuestion(server, codingQuestion({ slug: 'coins', title: 'Coin change', prompt: 'Fewest coins.', tags: ['dp'], difficulty: 'hard' }), other.key),
      talk: await publishedQuestion(server, structuredQuestion({ slug: 'talk', title: 'Handling conflict', tags: ['behavioural', 'graphs-not'] }), other.key),
    };
    const search = async (query: string) =>
      ((await get(`/v1/questions?${query}`, other.key)).body.questions as { id: string }[]).map((q) => q.id).sort();
    assert.deepEqual(await search('text=FLOOD%20grid'), [ids.graph]);
    assert.deepEqual(await search('text=100%25'), [ids.graph], 'a % in the text is a literal');
    assert.deepEqual(await search('text=la_d'), [], 'an _ in the text is a literal ("land" does not match)');
    assert.deepEqual(await search('text=land_'), [ids.graph]);
    assert.deepEqual(await search('tag=graphs'), [ids.graph], 'tags match whole and ignore case');
    assert.deepEqual(await search('difficulty=hard'), [ids.dp]);
    assert.deepEqual(await search('language=cpp'), [ids.graph]);
    assert.deepEqual(await search('language=python'), [ids.dp]);
    assert.deepEqual(await search('type=structured'), [ids.talk]);
    assert.deepEqual(await search('status=published'), [ids.talk]);
    assert.deepEqual(await search('status=draft&difficulty=medium'), [ids.graph]);
    problemOf(await get('/v1/questions?difficulty=extreme', other.key), 400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { questions: { id: string; slug: string }[]; nextCursor: string | null } } = await get(`/v1/questions?limit=2${cursor ? `&cursor=${cursor}` : ''}`, other.key);
      assert.ok(page.body.questions.length <= 2);
      seen.push(...page.body.questions.map((q) => q.slug));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ['talk', 'coins', 'islands'], 'newest first, each once');
    problemOf(await get('/v1/questions?cursor=nonsense', other.key), 400);

    assert.equal((await get('/v1/questions?text=flood')).body.questions.length, 0, "another tenant's questions stay invisible");
    problemOf(await get(`/v1/questions/${ids.graph}`), 404);
    problemOf(await send('PATCH', `/v1/questions/${ids.graph}`, { title: 'Mine' }), 404);
    problemOf(await send('POST', `/v1/questions/${ids.graph}/publish`), 404);
  });

  it('answers participants with 403, never with a question', async () => {
    const id = await publishedQuestion(server, codingQuestion({ slug: 'forbidden' }));
    const session = await createSession(server);
    for (const token of [session.tokenFor('candidate'), session.tokenFor('interviewer')]) {
      for (const [method, path] of [
        ['GET', '/v1/questions'],
        ['GET', `/v1/questions/${id}`],
        ['GET', `/v1/questions/${id}/versions/1`],
        ['GET', `/v1/questions/${id}/stats`],
        ['GET', '/v1/questions/export'],
        ['GET', '/v1/kits'],
      ] as const) {
        const res = await get(path, token);
        problemOf(res, 403, `${method} ${path}`);
        assert.doesNotMatch(JSON.stringify(res.body), /SECRET/);
      }
      problemOf(await send('POST', '/v1/questions/import', { source: 'starter-bank' }, token), 403);
    }
    problemOf(await get('/v1/questions', 'not-a-key'), 401);
  });
});
