// Multi-question sessions: moving to another question over HTTP, what each role's view holds,
// the current question in the shared document and each coding question's own code, and runs
// on the current question's tests. The real app, SQLite, stock Hocuspocus clients, and the real
// local sandbox (publishing runs the reference solutions).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { codeOf, languageOf } from '@interview-kit/core/collab/structure';
import { questionStateOf } from '@interview-kit/core/collab/session-state';
import type { SessionView } from '@interview-kit/core/protocol';
import { connectProvider, until, wsUrl } from '../testing/collab.js';
import { call, problemOf, sampleSession, createSession, startTestServer, type TestServer } from '../testing/harness.js';
import { codingQuestion, publishedQuestion, structuredQuestion } from './testing/fixtures.js';

const PEOPLE = [
  { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
  { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
  { id: 'obi', name: 'Obi Observer', role: 'observer' },
];

describe('multi-question sessions', () => {
  let server: TestServer;
  let sum: string;
  let echo: string;
  let talk: string;
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
    sum = await publishedQuestion(server, codingQuestion({ slug: 'multi-sum' }));
    echo = await publishedQuestion(
      server,
      codingQuestion({
        slug: 'multi-echo',
        title: 'Echo',
        prompt: 'LATER-QUESTION: print your input.',
        guide: 'LATER-GUIDE-SECRET',
        starterCode: { python: '# echo starter\n' },
        tests: [
          { stdin: 'x\n', expected: 'x\n' },
          { stdin: 'hidden-echo\n', expected: 'hidden-echo\n', hidden: true },
        ],
        solutions: { python: 'print(input())  # SOLUTION-SECRET\n' },
      }),
    );
    talk = await publishedQuestion(server, structuredQuestion({ slug: 'multi-talk', prompt: 'STRUCTURED-PROMPT: tell me about a conflict.' }));
  });
  after(() => server.dispose());

  const send = (method: string, path: string, auth: string, body?: unknown) => call(server.url, method, path, { auth, ...(body === undefined ? {} : { body }) });
  const view = async (id: string, auth: string) => {
    const res = await call<SessionView>(server.url, 'GET', `/v1/sessions/${id}`, { auth });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  async function session(questions: unknown[], extra: Record<string, unknown> = {}) {
    const res = await send('POST', '/v1/sessions', server.apiKey, { title: 'Loop', participants: PEOPLE, questions, autoStart: 'manual', ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const tokens = Object.fromEntries(res.body.participants.map((p: { id: string; token: string }) => [p.id, p.token])) as Record<'ivy' | 'cam' | 'obi', string>;
    return { id: res.body.id as string, tokens };
  }

  it('interviewers and the host move between questions; candidates and observers cannot; only reached questions reach candidates', async () => {
    const s = await session([{ id: talk }, { id: sum }, { id: echo }]);
    await send('POST', `/v1/sessions/${s.id}/start`, s.tokens.ivy);

    const plan = (await view(s.id, s.tokens.ivy)).plan;
    assert.equal(plan.current, 1, 'the session opens with its first coding question');
    assert.deepEqual(
      plan.questions.map((q) => [q.index, q.type, q.title, q.reached]),
      [
        [0, 'structured', 'Explain a trade-off', false],
        [1, 'coding', 'Sum two numbers', true],
        [2, 'coding', 'Echo', false],
      ],
      'interviewers see the whole plan, titles included',
    );
    assert.ok(plan.questions[0]!.positiveIndicators!.some((i) => i.startsWith('INDICATOR-SECRET')));
    assert.equal(plan.questions[0]!.anchors!.length, 4);

    for (const who of ['cam', 'obi'] as const) {
      const forged = problemOf(await send('POST', `/v1/sessions/${s.id}/question`, s.tokens[who], { index: 2 }), 403, who);
      assert.match(forged.detail, /interviewer|host|cannot/);
      const seen = await view(s.id, s.tokens[who]);
      assert.deepEqual(seen.plan.questions.map((q) => q.index), [1], `${who} sees only the question reached`);
      assert.doesNotMatch(JSON.stringify(seen), /LATER-QUESTION|STRUCTURED-PROMPT|INDICATOR-SECRET|GUIDE-SECRET|SOLUTION-SECRET|Echo|hidden-echo/);
    }

    const moved = await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index: 2 });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.plan.current, 2);
    assert.deepEqual([moved.body.question.index, moved.body.question.slot, moved.body.question.prompt], [2, 2, 'LATER-QUESTION: print your input.']);
    assert.equal(moved.body.question.guide, 'LATER-GUIDE-SECRET');

    const candidate = await view(s.id, s.tokens.cam);
    assert.equal(candidate.plan.current, 2);
    assert.deepEqual(candidate.plan.questions.map((q) => q.index), [1, 2]);
    assert.equal(candidate.question.prompt, 'LATER-QUESTION: print your input.');
    assert.equal(candidate.question.starterCode, '# echo starter\n', "the question's starter code in its language");
    assert.deepEqual(candidate.question.tests, [{ stdin: 'x\n', expected: 'x\n', hidden: false, index: 0 }]);
    assert.equal(candidate.question.hiddenTestCount, 1);
    assert.doesNotMatch(JSON.stringify(candidate), /STRUCTURED-PROMPT|INDICATOR-SECRET|GUIDE-SECRET|SOLUTION-SECRET|hidden-echo|"40 2/);

    // Back to the structured warm-up: its text reaches the candidate, its indicators and anchors do not;
    // the coding question in play stays the last one.
    const back = await send('POST', `/v1/sessions/${s.id}/question`, server.apiKey, { index: 0 });
    assert.equal(back.status, 200, 'the host moves too');
    const warmUp = await view(s.id, s.tokens.cam);
    assert.deepEqual(warmUp.plan.questions.map((q) => [q.index, q.type]), [[0, 'structured'], [1, 'coding'], [2, 'coding']]);
    assert.equal(warmUp.plan.questions[0]!.prompt, 'STRUCTURED-PROMPT: tell me about a conflict.');
    assert.equal(warmUp.question.index, 2);
    assert.doesNotMatch(JSON.stringify(warmUp), /INDICATOR-SECRET|GUIDE-SECRET|SOLUTION-SECRET|anchors|probes|hidden-echo/);

    const outside = problemOf(await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index: 3 }), 422);
    assert.equal(outside.errors![0]!.path, 'index');
    problemOf(await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index: -1 }), 400);
    await send('POST', `/v1/sessions/${s.id}/end`, s.tokens.ivy);
    assert.match(problemOf(await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index: 1 }), 409).detail, /ended/);
  });

  it('moves before the start reach nothing: candidates see the question the interview starts with, then those shown live', async () => {
    const s = await session([{ id: sum }, { id: echo }, { id: talk }]);
    for (const index of [1, 2, 0]) assert.equal((await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index })).status, 200);
    await send('POST', `/v1/sessions/${s.id}/start`, s.tokens.ivy);
    const started = await view(s.id, s.tokens.cam);
    assert.deepEqual(started.plan.questions.map((q) => q.index), [0]);
    assert.doesNotMatch(JSON.stringify(started), /LATER-QUESTION|STRUCTURED-PROMPT|Echo/, 'nothing the interviewer previewed before the start');
    await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index: 2 });
    await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index: 0 });
    assert.deepEqual((await view(s.id, s.tokens.cam)).plan.questions.map((q) => q.index), [0, 2]);
  });

  it('a question written inline is a plan of one, and stays as it was', async () => {
    const s = await createSession(server, sampleSession(), { start: false });
    const seen = await view(s.id, s.tokenFor('candidate'));
    assert.equal(seen.plan.current, 0);
    assert.deepEqual(seen.plan.questions.map((q) => [q.index, q.id, q.type, q.reached]), [[0, null, 'coding', true]]);
    assert.deepEqual([seen.question.index, seen.question.slot], [0, 0]);
    assert.equal((await send('POST', `/v1/sessions/${s.id}/question`, s.tokenFor('interviewer'), { index: 0 })).status, 200);
    problemOf(await send('POST', `/v1/sessions/${s.id}/question`, s.tokenFor('interviewer'), { index: 1 }), 422);
  });

  it('pushes the current question to every open room, gives each coding question its own code, and runs its tests', async () => {
    const s = await session([{ id: sum }, { id: echo }]);
    await send('POST', `/v1/sessions/${s.id}/start`, s.tokens.ivy);
    const ivy = connectProvider(wsUrl(server), s.id, s.tokens.ivy);
    const cam = connectProvider(wsUrl(server), s.id, s.tokens.cam);
    try {
      await until(() => [ivy, cam].every((c) => codeOf(c.doc).toString() === 'a, b = map(int, input().split())\n'), "the first question's starter code");
      assert.deepEqual(questionStateOf(cam.doc), { questionIndex: 0, questionId: sum, questionVersion: 1 });
      codeOf(cam.doc).insert(codeOf(cam.doc).length, 'print(a + b)\n');

      const moved = await send('POST', `/v1/sessions/${s.id}/question`, s.tokens.ivy, { index: 1 });
      assert.equal(moved.status, 200);
      await until(() => questionStateOf(cam.doc).questionIndex === 1, 'the move at the candidate', 1_000);
      assert.deepEqual(questionStateOf(cam.doc), { questionIndex: 1, questionId: echo, questionVersion: 1 });
      await until(() => codeOf(cam.doc, 1).toString() === '# echo starter\n', "the second question's own starter code", 1_000);
      assert.equal(languageOf(cam.doc, 1), 'python');
      codeOf(cam.doc, 1).insert(0, 'print(input())\n');
      await until(() => codeOf(ivy.doc, 1).toString() === 'print(input())\n# echo starter\n', "the candidate's typing in question 2");
      assert.equal(codeOf(ivy.doc).toString(), 'a, b = map(int, input().split())\nprint(a + b)\n', "question 1's code is untouched");
      assert.equal(languageOf(ivy.doc), 'python');

      // Runs use the current question's tests, and their records name it.
      const run = await send('POST', '/v1/runs', s.tokens.cam, { language: 'python', code: 'print(input())\n', stdin: 'x\n', tests: 'all' });
      assert.equal(run.status, 200, JSON.stringify(run.body));
      assert.deepEqual(run.body.tests.map((t: { index: number; passed: boolean }) => [t.index, t.passed]), [[0, true]], "Echo's visible test");
      await until(() => cam.doc.getArray<{ id: string; question?: number }>('runs').toArray().some((r) => r.id === run.body.id), 'the run record');
      assert.equal(cam.doc.getArray<{ id: string; question?: number }>('runs').toArray().find((r) => r.id === run.body.id)!.question, 1);
    } finally {
      ivy.provider.destroy();
      cam.provider.destroy();
    }
  });
});
