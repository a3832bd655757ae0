// Automatic scoring against the real app, the real local sandbox (bubblewrap) and SQLite (or
// PostgreSQL when TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Y from 'yjs';
import { projectFilesOf } from '@interview-kit/core/collab/project';
import { changeSession } from '@interview-kit/core/testing';
import { untarGz } from '../data-lifecycle/archive.js';
import { connectProvider, until, wsUrl } from '../testing/collab.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';

/** GETs the session's score until it is no longer pending. */
async function finishedScore(server: TestServer, sessionId: string): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call(server.url, 'GET', `/v1/sessions/${sessionId}/score`, { auth: server.apiKey });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    if (res.body.status !== 'pending') return res.body;
    if (Date.now() > deadline) throw new Error('the score stayed pending');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const THIRD = 'print(1 / 3)\n';
/** Passes when the actual output is a number within 1e-3 of the expected one. */
const NEAR_CHECKER = [
  'import sys',
  'input_path, expected_path, actual_path = sys.argv[1:4]',
  'expected = float(open(expected_path).read())',
  'actual = float(open(actual_path).read())',
  'print("off by", abs(actual - expected), file=sys.stderr)',
  'sys.exit(0 if abs(actual - expected) <= 1e-3 else 1)',
].join('\n');

describe('automatic scoring in the local sandbox', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
  });
  after(() => server.dispose());

  it('runs the final code against every test, hidden ones included, and stores one record however often it is asked', async () => {
    const session = await createSession(server);
    await changeSession(server, session.id, 'end');
    const first = await call(server.url, 'POST', `/v1/sessions/${session.id}/score`, { auth: server.apiKey });
    assert.ok([200, 202].includes(first.status), JSON.stringify(first.body));
    const score = await finishedScore(server, session.id);
    assert.equal(score.status, 'done', JSON.stringify(score));
    assert.equal(score.id, first.body.id);
    assert.deepEqual([score.passed, score.total], [2, 2]);
    assert.deepEqual(
      score.tests.map((t: any) => [t.index, t.hidden, t.passed, t.verdict, t.judgedBy, t.actual]),
      [
        [0, false, true, 'ok', 'trimmed', '3\n'],
        [1, true, true, 'ok', 'trimmed', '42\n'],
      ],
    );
    // Memory is sampled while a program runs: one that ends within a sampling interval reports a lower bound, possibly 0.
    assert.ok(score.tests.every((t: any) => t.wallMs > 0 && Number.isInteger(t.memoryKb) && t.memoryKb >= 0), 'time and memory are measured');
    assert.match(score.codeHash, /^[0-9a-f]{64}$/);
    assert.match(score.questionVersion, /^[0-9a-f]{64}$/);
    assert.equal(score.language, 'python');

    const again = await call(server.url, 'POST', `/v1/sessions/${session.id}/score`, { auth: session.tokens.ivy });
    assert.equal(again.status, 200, 'scored already: no second run');
    assert.equal(again.body.id, score.id);
    assert.equal(await server.services.scores.score(session.id).then((s) => s.id), score.id, 'a job calling the service gets the same record');
    const rows = await server.db.selectFrom('scores').select('id').where('session_id', '=', session.id).execute();
    assert.equal(rows.length, 1);
  });

  it("scores the code the shared document ended with, the candidate's edits included", async () => {
    const session = await createSession(server);
    const starter = await server.services.scores.score(session.id);
    assert.deepEqual([starter.passed, starter.total], [2, 2]);

    const client = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
    try {
      await until(() => client.provider.isSynced, 'sync');
      client.text.delete(0, client.text.length);
      client.text.insert(0, 'print(3)\n');
      await until(() => client.provider.unsyncedChanges === 0, 'the edit is stored');
    } finally {
      client.provider.destroy();
    }
    const report = async () => (await call(server.url, 'GET', `/v1/sessions/${session.id}/report`, { auth: server.apiKey })).body;
    const before = await report();
    assert.deepEqual([before.score.id, before.scoreIsOfFinalCode], [starter.id, false], 'the report says its score is of earlier code');
    // The end scores the final code by itself (a job); asking again gives that same record.
    await changeSession(server, session.id, 'end');
    const edited = await server.services.scores.score(session.id);
    assert.equal((await report()).scoreIsOfFinalCode, true);
    assert.notEqual(edited.id, starter.id, 'other code, another record');
    assert.notEqual(edited.codeHash, starter.codeHash);
    assert.deepEqual(
      edited.tests.map((t) => [t.actual, t.passed]),
      [
        ['3\n', true],
        ['3\n', false],
      ],
    );
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}/score`, { auth: server.apiKey })).body.id, edited.id, 'GET reads the latest');
  });

  it("scores a multi-file project: the entry and every file of the document's files map; the report shows each file, the export every file at the end and at each run", async () => {
    const session = await createSession(server);
    const client = connectProvider(wsUrl(server), session.id, session.tokenFor('candidate'));
    try {
      await until(() => client.provider.isSynced, 'sync');
      client.doc.transact(() => {
        client.text.delete(0, client.text.length);
        client.text.insert(0, 'from lib.helper import add\na, b = map(int, input().split())\nprint(add(a, b))\n');
        projectFilesOf(client.doc).set('lib/helper.py', new Y.Text('def add(a, b):\n    return a + b\n'));
      });
      await until(() => client.provider.unsyncedChanges === 0, 'the project is stored');
    } finally {
      client.provider.destroy();
    }
    const ran = await call(server.url, 'POST', '/v1/runs', {
      auth: session.tokens.cam,
      body: {
        language: 'python',
        files: [
          { path: 'main.py', content: 'from lib.helper import add\nprint(add(1, 1))\n' },
          { path: 'lib/helper.py', content: 'def add(a, b):\n    return a + b  # at the run\n' },
        ],
      },
    });
    assert.equal(ran.body.stdout, '2\n', JSON.stringify(ran.body));
    await changeSession(server, session.id, 'end');
    const score = await server.services.scores.score(session.id);
    assert.equal(score.status, 'done', JSON.stringify(score));
    assert.deepEqual(
      score.tests.map((t) => [t.actual, t.passed]),
      [
        ['3\n', true],
        ['42\n', true],
      ],
      'the entry imported its helper from the project',
    );
    const report = (await call(server.url, 'GET', `/v1/sessions/${session.id}/report`, { auth: server.apiKey })).body;
    assert.equal(report.scoreIsOfFinalCode, true);
    assert.deepEqual(report.finalCode.files.map((file: { path: string }) => file.path), ['main.py', 'lib/helper.py']);
    const html = await call(server.url, 'GET', `/v1/sessions/${session.id}/report.html`, { auth: server.apiKey });
    assert.match(String(html.body), /lib\/helper\.py<\/h3>[\s\S]*add/, 'the HTML report shows the helper file under its path');

    const exported = await fetch(`${server.url}/v1/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    const archive = await untarGz(Buffer.from(await exported.arrayBuffer()));
    const text = (name: string) => archive.get(`${session.id}/${name}`)?.toString('utf8');
    assert.equal(text('code/final/lib/helper.py'), 'def add(a, b):\n    return a + b\n', 'the export holds every file at the end');
    assert.equal(text('code/final/main.py'), text('code/final.py'));
    const [run] = JSON.parse(text('runs.json')!);
    assert.deepEqual(run.projectFiles, [`code/runs/001-${ran.body.id}/main.py`, `code/runs/001-${ran.body.id}/lib/helper.py`]);
    assert.match(text(run.projectFiles[1])!, /# at the run/, 'and every file of each run');
  });

  it('judges each test by its comparison mode', async () => {
    const session = await createSession(
      server,
      sampleSession({
        question: {
          starterCode: 'print("b\\na")\nprint("1  2")\n',
          tests: [
            { stdin: '', expected: 'a\nb\n1 2', hidden: false, compare: { mode: 'unordered-lines' } },
            { stdin: '', expected: 'b a 1 2', hidden: true, compare: { mode: 'tokens' } },
            { stdin: '', expected: 'a\nb\n1  2\n', hidden: true },
          ],
        },
      }),
    );
    const score = await server.services.scores.score(session.id);
    assert.deepEqual(
      score.tests.map((t) => [t.judgedBy, t.passed]),
      [
        ['unordered-lines', false],
        ['tokens', true],
        ['trimmed', false],
      ],
    );
  });

  it("lets the question's checker decide, run in the sandbox with the input, expected and actual output as files", async () => {
    const session = await createSession(
      server,
      sampleSession({
        question: {
          starterCode: THIRD,
          tests: [
            { stdin: '', expected: '0.333', hidden: false },
            { stdin: '', expected: '0.5', hidden: true },
          ],
          checker: { language: 'python', source: NEAR_CHECKER },
        },
      }),
    );
    const score = await server.services.scores.score(session.id);
    assert.equal(score.status, 'done', score.error ?? '');
    assert.deepEqual(
      score.tests.map((t) => [t.judgedBy, t.passed]),
      [
        ['checker', true],
        ['checker', false],
      ],
    );
    assert.match(score.tests[1]!.stderr, /off by 0\.16/, "a failed check shows the checker's own words");

    const jsChecker = await createSession(
      server,
      sampleSession({
        question: {
          starterCode: THIRD,
          tests: [{ stdin: 'ignored', expected: '0.3333', hidden: false }],
          checker: {
            language: 'javascript',
            source:
              "const fs = require('fs');\nconst [input, expected, actual] = process.argv.slice(2).map((f) => fs.readFileSync(f, 'utf8'));\n" +
              'process.exit(input === "ignored" && Math.abs(Number(actual) - Number(expected)) < 1e-3 ? 0 : 1);\n',
          },
        },
      }),
    );
    const jsScore = await server.services.scores.score(jsChecker.id);
    assert.deepEqual([jsScore.passed, jsScore.total], [1, 1], JSON.stringify(jsScore.tests));
  });

  it('compares live runs by the same mode', async () => {
    const session = await createSession(
      server,
      sampleSession({ question: { tests: [{ stdin: '1 2\n', expected: '  3  \n', hidden: false, compare: { mode: 'tokens' } }] } }),
    );
    const run = await call(server.url, 'POST', '/v1/runs', {
      auth: session.tokens.cam,
      body: { language: 'python', code: 'a, b = map(int, input().split())\nprint(a + b)\n', tests: 'all' },
    });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.equal(run.body.tests[0].passed, true, 'tokens: surrounding spaces do not count');
  });

  it('refuses candidates and observers with 403, and an unscored session reads 404', async () => {
    const session = await createSession(server);
    for (const who of ['cam', 'oli']) {
      for (const method of ['GET', 'POST']) {
        problemOf(await call(server.url, method, `/v1/sessions/${session.id}/score`, { auth: session.tokens[who] }), 403, `${method} score as ${who}`);
      }
    }
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/score`, { auth: session.tokens.ivy }), 404);
    assert.equal(await server.services.scores.latest(session.id), undefined, 'the refused POSTs scored nothing');
  });
});
