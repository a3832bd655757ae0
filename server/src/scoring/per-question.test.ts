// Scores per question: a session that moved through two coding questions is scored on each one's
// final code (from its own slot) against its own tests; a question never reached is not scored.
// The real app, SQLite, a stock Hocuspocus client and the real local sandbox.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { codeOf } from '@interview-kit/core/collab/structure';
import { changeSession } from '@interview-kit/core/testing';
import { codingQuestion, publishedQuestion } from '../questions/testing/fixtures.js';
import { connectProvider, until, wsUrl } from '../testing/collab.js';
import { call, startTestServer, type TestServer } from '../testing/harness.js';

const PEOPLE = [
  { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
  { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
];

describe('scores per question', () => {
  let server: TestServer;
  const ids: Record<'sum' | 'echo' | 'later', string> = { sum: '', echo: '', later: '' };
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
    ids.sum = await publishedQuestion(server, codingQuestion({ slug: 'score-sum' }));
    const echo = (slug: string, title: string) =>
      codingQuestion({
        slug,
        title,
        starterCode: { python: '# echo starter\n' },
        tests: [
          { stdin: 'x\n', expected: 'x\n' },
          { stdin: 'y\n', expected: 'y\n', hidden: true },
          { stdin: 'z\n', expected: 'z\n', hidden: true },
        ],
        solutions: { python: 'print(input())\n' },
      });
    ids.echo = await publishedQuestion(server, echo('score-echo', 'Echo'));
    ids.later = await publishedQuestion(server, echo('score-later', 'Never reached'));
  });
  after(() => server.dispose());

  it('scores each coding question reached on its own code and tests; the totals, the API and score.completed carry them', async () => {
    const created = await call(server.url, 'POST', '/v1/sessions', {
      auth: server.apiKey,
      body: { title: 'Loop', participants: PEOPLE, questions: [{ id: ids.sum }, { id: ids.echo }, { id: ids.later }], autoStart: 'manual' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    const token = (who: string) => created.body.participants.find((p: { id: string }) => p.id === who).token as string;
    await call(server.url, 'POST', `/v1/sessions/${id}/start`, { auth: token('ivy') });
    const cam = connectProvider(wsUrl(server), id, token('cam'));
    try {
      await until(() => codeOf(cam.doc).toString() === 'a, b = map(int, input().split())\n', "the first question's starter code");
      codeOf(cam.doc).insert(codeOf(cam.doc).length, 'print(a + b)\n');
      assert.equal((await call(server.url, 'POST', `/v1/sessions/${id}/question`, { auth: token('ivy'), body: { index: 1 } })).status, 200);
      await until(() => codeOf(cam.doc, 1).toString() === '# echo starter\n', "the second question's starter code");
      // Echoes the first line only when it is x: passes the visible test, fails the hidden ones.
      codeOf(cam.doc, 1).insert(0, 'line = input()\nprint(line if line == "x" else "?")\n');
      await until(() => cam.provider.unsyncedChanges === 0, 'the edits are stored');
    } finally {
      cam.provider.destroy();
    }
    await changeSession(server, id, 'end');
    const score = await server.services.scores.score(id);
    assert.equal(score.status, 'done', JSON.stringify(score));
    assert.deepEqual(
      score.questions.map((q) => [q.index, q.title, q.language, q.passed, q.total, q.tests.map((t) => t.passed)]),
      [
        [0, 'Sum two numbers', 'python', 2, 2, [true, true]],
        [1, 'Echo', 'python', 1, 3, [true, false, false]],
      ],
      'one entry per coding question reached, each on its own code and tests',
    );
    assert.deepEqual([score.passed, score.total, score.language], [3, 5, 'python'], 'the top-level fields are the session total');
    assert.equal(score.tests.length, 5);

    const api = await call(server.url, 'GET', `/v1/sessions/${id}/score`, { auth: server.apiKey });
    assert.equal(api.status, 200);
    assert.deepEqual(
      api.body.questions.map((q: { index: number; passed: number; total: number }) => [q.index, q.passed, q.total]),
      [
        [0, 2, 2],
        [1, 1, 3],
      ],
    );

    const completed = () => server.services.db.selectFrom('session_events').select('data').where('session_id', '=', id).where('type', '=', 'score.completed').executeTakeFirst();
    const deadline = Date.now() + 30_000;
    while (!(await completed()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const data = JSON.parse((await completed())!.data);
    assert.deepEqual([data.passed, data.total], [3, 5]);
    assert.deepEqual(data.questions, [
      { index: 0, title: 'Sum two numbers', language: 'python', passed: 2, total: 2 },
      { index: 1, title: 'Echo', language: 'python', passed: 1, total: 3 },
    ]);
  });
});
