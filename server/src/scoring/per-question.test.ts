// Scores and reports per question: a session that moved through two coding questions is scored on
// each one's final code (from its own slot) against its own tests, and its report has a section per
// question with its code, score and runs; a question never reached has neither. The real app,
// SQLite, a stock Hocuspocus client, the real local sandbox and Chromium (the PDF).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The text of a PDF, as poppler's pdftotext reads it. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ik-report-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scores and reports per question', () => {
  let server: TestServer;
  let id: string;
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
    const created = await call(server.url, 'POST', '/v1/sessions', {
      auth: server.apiKey,
      body: { title: 'Loop', participants: PEOPLE, questions: [{ id: ids.sum }, { id: ids.echo }, { id: ids.later }], autoStart: 'manual' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id as string;
    const token = (who: string) => created.body.participants.find((p: { id: string }) => p.id === who).token as string;
    await call(server.url, 'POST', `/v1/sessions/${id}/start`, { auth: token('ivy') });
    const cam = connectProvider(wsUrl(server), id, token('cam'));
    try {
      await until(() => codeOf(cam.doc).toString() === 'a, b = map(int, input().split())\n', "the first question's starter code");
      codeOf(cam.doc).insert(codeOf(cam.doc).length, 'print(a + b)\n');
      const run = (code: string) => call(server.url, 'POST', '/v1/runs', { auth: token('cam'), body: { language: 'python', code, stdin: '1 2\n', tests: [0] } });
      const first = await run('print(3)\n');
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal((await call(server.url, 'POST', `/v1/sessions/${id}/question`, { auth: token('ivy'), body: { index: 1 } })).status, 200);
      await until(() => codeOf(cam.doc, 1).toString() === '# echo starter\n', "the second question's starter code");
      // Echoes the first line only when it is x: passes the visible test, fails the hidden ones.
      codeOf(cam.doc, 1).insert(0, 'line = input()\nprint(line if line == "x" else "?")\n');
      for (const code of ['print("x")\n', 'print("y")\n']) {
        const echoed = await run(code);
        assert.equal(echoed.status, 200, JSON.stringify(echoed.body));
      }
      await until(() => cam.provider.unsyncedChanges === 0, 'the edits are stored');
    } finally {
      cam.provider.destroy();
    }
    await changeSession(server, id, 'end');
  });
  after(() => server.dispose());

  it('scores each coding question reached on its own code and tests; the totals, the API and score.completed carry them', async () => {
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

  it('reports a section per question reached, in plan order: its title, prompt, final code, score and runs (JSON, HTML and PDF)', async () => {
    await server.services.scores.score(id);
    const res = await call(server.url, 'GET', `/v1/sessions/${id}/report`, { auth: server.apiKey });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const report = res.body;
    assert.deepEqual(
      report.questions.map((q: any) => [q.index, q.title, q.promptSummary, q.finalCode.code, q.score, q.runs.length]),
      [
        [0, 'Sum two numbers', 'Read two integers and print their **sum**.', 'a, b = map(int, input().split())\nprint(a + b)\n', { passed: 2, total: 2, isOfFinalCode: true }, 1],
        [1, 'Echo', 'Read two integers and print their **sum**.', 'line = input()\nprint(line if line == "x" else "?")\n# echo starter\n', { passed: 1, total: 3, isOfFinalCode: true }, 2],
      ],
    );
    assert.deepEqual(report.questions[1].runs.map((r: any) => [r.question, r.testsPassed, r.testsRun]), [[1, 1, 1], [1, 0, 1]], "Echo's runs on Echo's visible test");
    assert.equal(report.questions[1].codeEvolution.points.at(-1).chars, report.questions[1].finalCode.code.length, "Echo's chart measures Echo's code");
    assert.deepEqual(report.questions[1].codeEvolution.runs.length, 2, "Echo's chart marks Echo's runs");
    assert.equal(report.scoreIsOfFinalCode, true, 'the score is of every question\'s final code');
    assert.equal(report.runs.length, 3, 'the session timeline keeps every run');

    const html = await (await fetch(`${server.url}/v1/sessions/${id}/report.html`, { headers: { authorization: `Bearer ${server.apiKey}` } })).text();
    const first = html.indexOf('id="question-0"');
    const second = html.indexOf('id="question-1"');
    assert.ok(first > 0 && second > first, 'a section per question, in plan order');
    assert.ok(!html.includes('id="question-2"') && !html.includes('Never reached'), 'no section for a question never reached');
    assert.match(html.slice(second), /Question 2: Echo[\s\S]*1\/3<\/strong> tests passed[\s\S]*echo starter[\s\S]*Runs \(2\)/);

    const pdf = await fetch(`${server.url}/v1/sessions/${id}/report.pdf`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    assert.equal(pdf.status, 200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    assert.ok(text.indexOf('Question 1: Sum two numbers') < text.indexOf('Question 2: Echo') && text.includes('Question 1: Sum two numbers'), text.slice(0, 2000));
  });
});
