// Interview kits and sessions made from the bank, against the real app and SQLite (or PostgreSQL
// when TEST_DATABASE_URL is set); publishing runs in the real local sandbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, problemOf, startTestServer, type TestServer } from '../testing/harness.js';
import { SessionPlanner } from './session-plan.js';
import { pinnedQuestions } from './session-pins.js';
import { BankStore } from './store.js';
import { addQuestion, bankSession, codingQuestion, PARTICIPANTS, publishedQuestion, structuredQuestion } from './testing/fixtures.js';

describe('kits and sessions from the bank', () => {
  let server: TestServer;
  let coding: string;
  let other: string;
  let talk: string;
  let draft: string;
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
    coding = await publishedQuestion(server, codingQuestion({ slug: 'kit-sum' }));
    other = await publishedQuestion(
      server,
      codingQuestion({
        slug: 'kit-echo',
        title: 'Echo',
        prompt: 'LATER-QUESTION: print your input.',
        starterCode: { python: 'print(input())\n' },
        tests: [{ stdin: 'x\n', expected: 'x\n' }],
        solutions: { python: 'print(input())\n' },
      }),
    );
    talk = await publishedQuestion(server, structuredQuestion({ slug: 'kit-talk', prompt: 'STRUCTURED-PROMPT: tell me about a conflict.' }));
    draft = await addQuestion(server, codingQuestion({ slug: 'kit-draft' }));
  });
  after(() => server.dispose());

  const send = (method: string, path: string, body?: unknown, auth = server.apiKey) => call(server.url, method, path, { auth, ...(body === undefined ? {} : { body }) });
  const view = (id: string, token: string) => call(server.url, 'GET', `/v1/sessions/${id}`, { auth: token });
  const kit = (sections: unknown[]) => ({ name: 'Backend loop', durationMinutes: 60, rubric: 'coding-interview', sections });

  it('creates kits from existing questions, refuses unknown or mixed sections, and versions every change', async () => {
    const created = await send('POST', '/v1/kits', kit([{ title: 'Warm-up', minutes: 10, questions: [{ id: talk }] }, { minutes: 40, questions: [{ id: coding, version: 1 }] }]));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.version, 1);
    const changed = await send('PATCH', `/v1/kits/${created.body.id}`, { name: 'Backend loop v2' });
    assert.deepEqual([changed.body.version, changed.body.kit.name, changed.body.kit.sections.length], [2, 'Backend loop v2', 2]);
    assert.equal((await send('GET', `/v1/kits/${created.body.id}/versions/1`)).body.kit.name, 'Backend loop', 'version 1 never changes');
    assert.equal((await send('GET', `/v1/kits/${created.body.id}`)).body.version, 2);
    problemOf(await send('GET', `/v1/kits/${created.body.id}/versions/3`), 404);
    const listed = await send('GET', '/v1/kits?limit=10');
    assert.ok(listed.body.kits.some((k: { id: string; version: number }) => k.id === created.body.id && k.version === 2));

    problemOf(await send('POST', '/v1/kits', kit([{ minutes: 10, questions: [{ id: 'no-such-question' }] }])), 400);
    problemOf(await send('POST', '/v1/kits', kit([{ minutes: 10, questions: [{ id: coding, version: 9 }] }])), 400);
    const mixed = problemOf(await send('POST', '/v1/kits', kit([{ minutes: 10, questions: [{ id: coding }, { id: talk }] }])), 400);
    assert.equal(mixed.errors![0]!.path, 'sections.0.questions');
    problemOf(await send('POST', '/v1/kits', kit([{ minutes: 10, questions: [{ id: coding }], variants: [[{ id: coding }], [{ id: other }]] }])), 400);
    problemOf(await send('GET', '/v1/kits/nope'), 404);
  });

  it('pins a kit session to the exact versions, shows the first coding question, and keeps them after edits', async () => {
    const { body: created } = await send('POST', '/v1/kits', kit([{ minutes: 10, questions: [{ id: talk }] }, { minutes: 40, questions: [{ id: coding }] }, { minutes: 20, questions: [{ id: other }] }]));
    const session = await bankSession(server, { kit: created.id, language: 'javascript' });
    const stored = await server.services.sessions.find(session.id);
    assert.equal(stored!.durationMinutes, 60, "the kit's duration");
    assert.equal(stored!.rubric!.id, 'coding-interview');
    assert.deepEqual(
      (await pinnedQuestions(server.db, session.id)).map((p) => [p.questionId, p.version, p.current, p.kit?.id, p.kit?.version, p.kit?.section, p.kit?.variant]),
      [
        [talk, 1, false, created.id, 1, 0, null],
        [coding, 1, true, created.id, 1, 1, null],
        [other, 1, false, created.id, 1, 2, null],
      ],
    );
    const interviewer = (await view(session.id, session.tokens.ivy!)).body;
    assert.equal(interviewer.question.language, 'javascript');
    assert.equal(interviewer.question.starterCode, '// read stdin\n');
    assert.equal(interviewer.question.guide, 'GUIDE-SECRET: ask about overflow.');
    assert.equal(interviewer.question.tests.length, 2);

    // A change to the published question makes version 2; the session keeps version 1.
    await send('PATCH', `/v1/questions/${coding}`, { prompt: 'CHANGED PROMPT', starterCode: { javascript: '// v2\n', python: '' } });
    const after = (await view(session.id, session.tokens.ivy!)).body;
    assert.equal(after.question.prompt, 'Read two integers and print their **sum**.');
    assert.equal(after.question.starterCode, '// read stdin\n');
    assert.equal((await pinnedQuestions(server.db, session.id))[1]!.version, 1);
    const next = await bankSession(server, { kit: created.id, language: 'javascript' });
    assert.equal((await view(next.id, next.tokens.ivy!)).body.question.starterCode, '// v2\n', 'a new session gets the latest version');
    assert.equal((await pinnedQuestions(server.db, next.id))[1]!.version, 2);
  });

  it('never shows candidates solutions, guides, indicators, hidden tests or later questions', async () => {
    const session = await bankSession(server, { questions: [{ id: talk }, { id: coding, version: 1 }, { id: other }] });
    const candidate = await view(session.id, session.tokens.cam!);
    assert.equal(candidate.status, 200);
    const text = JSON.stringify(candidate.body);
    for (const secret of ['SOLUTION-SECRET', 'GUIDE-SECRET', 'INDICATOR-SECRET', 'LATER-QUESTION', 'STRUCTURED-PROMPT', '40 2', '"42\\n"']) {
      assert.ok(!text.includes(secret), `the candidate's view holds no ${secret}`);
    }
    assert.equal(candidate.body.question.guide, undefined);
    assert.deepEqual(candidate.body.question.tests, [{ stdin: '1 2\n', expected: '3\n', hidden: false, index: 0 }]);
    assert.equal(candidate.body.question.hiddenTestCount, 1);
    assert.equal(candidate.body.question.language, 'python', "the question's first starter language");
    // Forged requests: a candidate's token reaches no bank route.
    for (const path of [`/v1/questions/${coding}`, `/v1/questions/${coding}/versions/1`, `/v1/questions/${other}`, `/v1/questions/export`]) {
      const res = await send('GET', path, undefined, session.tokens.cam!);
      problemOf(res, 403, path);
      assert.doesNotMatch(JSON.stringify(res.body), /SECRET|LATER-QUESTION/);
    }
    problemOf(await send('POST', '/v1/sessions', { title: 'Forged', participants: PARTICIPANTS, questions: [{ id: coding }] }, session.tokens.cam!), 401);
    const interviewer = JSON.stringify((await view(session.id, session.tokens.ivy!)).body);
    assert.ok(interviewer.includes('GUIDE-SECRET') && interviewer.includes('"42\\n"') && !interviewer.includes('SOLUTION-SECRET'), 'interviewers get the guide and hidden tests, never the solution');
  });

  it('refuses sessions from drafts, archived or unknown questions, without a coding question, or in a language the question lacks', async () => {
    const create = (body: Record<string, unknown>) => send('POST', '/v1/sessions', { title: 'Refused', participants: PARTICIPANTS, ...body });
    assert.match(problemOf(await create({ questions: [{ id: draft }] }), 422).detail, /draft/);
    assert.match(problemOf(await create({ questions: [{ id: talk }] }), 422).detail, /coding question/);
    assert.match(problemOf(await create({ questions: [{ id: coding }], language: 'cpp' }), 422).detail, /has no cpp/);
    problemOf(await create({ questions: [{ id: 'unknown' }] }), 422);
    problemOf(await create({ kit: 'unknown' }), 422);
    const both = problemOf(await create({ kit: 'x', questions: [{ id: coding }] }), 400);
    assert.match(both.detail, /exactly one of question, kit and questions/);
    problemOf(await create({}), 400);
    const other = await server.app.ctx.apiKeys.create('tenant-kits', 'kits');
    problemOf(await send('POST', '/v1/sessions', { title: 'Theirs', participants: PARTICIPANTS, questions: [{ id: coding }] }, other.key), 422);
    const archived = await publishedQuestion(server, codingQuestion({ slug: 'kit-archived' }));
    await send('POST', `/v1/questions/${archived}/archive`);
    assert.match(problemOf(await create({ questions: [{ id: archived }] }), 422).detail, /archived/);
  });

  it('draws one variant per session and records it; a retried create with its Idempotency-Key replays the same draw', async () => {
    const { body: created } = await send('POST', '/v1/kits', kit([{ minutes: 30, variants: [[{ id: coding }], [{ id: other }]] }]));
    assert.equal(created.kit.sections[0].variants.length, 2);
    const store = new BankStore(server.db);
    for (const variant of [0, 1]) {
      const plan = await new SessionPlanner(store, () => variant).plan('default', { kit: created.id });
      assert.equal(plan.pins[0]!.kit!.variant, variant);
      assert.equal(plan.pins[0]!.questionId, variant === 0 ? coding : other);
    }
    const drawn = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const session = await bankSession(server, { kit: created.id });
      const [pin] = await pinnedQuestions(server.db, session.id);
      drawn.add(pin!.kit!.variant!);
      const prompt = (await view(session.id, session.tokens.ivy!)).body.question.prompt as string;
      assert.equal(prompt.startsWith('LATER-QUESTION'), pin!.questionId === other, 'the session shows the variant it recorded');
    }
    assert.ok([...drawn].every((v) => v === 0 || v === 1));

    const body = { title: 'Retried', participants: PARTICIPANTS, kit: created.id };
    const headers = { 'idempotency-key': 'kit-retry-1' };
    const first = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body, headers });
    const again = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body, headers });
    assert.deepEqual([first.status, again.status, again.body.id], [201, 200, first.body.id]);
  });

  it('erasing a session made from the bank removes its pins, and the question no longer counts it', async () => {
    const used = async () => ((await send('GET', `/v1/questions/${other}/stats`)).body as { versions: { timesUsed: number }[] }).versions[0]!.timesUsed;
    const made = await bankSession(server, { questions: [{ id: other }] });
    const before = await used();
    assert.equal((await send('DELETE', `/v1/sessions/${made.id}`)).status, 200);
    assert.deepEqual(await server.db.selectFrom('session_questions').selectAll().where('session_id', '=', made.id).execute(), []);
    assert.equal(await used(), before - 1);
  });
});
