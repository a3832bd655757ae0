// What RunService hands the collaboration layer, against the real app, sandbox and SQLite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createSession, sampleSession, startTestServer, type TestServer } from '../../testing/harness.js';
import { viewOfRun } from './views.js';
import type { StoredRun } from './store.js';

describe('RunService listeners', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { RUN_CONCURRENCY: '2', RUN_REQUEST_BUDGET_MS: '1000' } });
  });
  after(() => server.dispose());

  it('onFinished gets each run once, without hidden results; onHiddenRevealed gets it at the fixed reveal time', async () => {
    const { runs } = server.services;
    const finished: { run: StoredRun; at: number }[] = [];
    const revealed: { run: StoredRun; at: number }[] = [];
    const unsubscribe = [
      runs.onFinished((run) => finished.push({ run: structuredClone(run), at: Date.now() })),
      runs.onHiddenRevealed((run) => revealed.push({ run: structuredClone(run), at: Date.now() })),
    ];
    try {
      // The hidden test's input makes the program sleep 0.6 s; the visible one does not.
      const question = {
        ...sampleSession().question,
        tests: [
          { stdin: '0\n', expected: '0\n', hidden: false },
          { stdin: '6\n', expected: '6\n', hidden: true },
        ],
      };
      const { id, tokens } = await createSession(server, sampleSession({ question }));
      const code = 'import time\nn = int(input() or 0)\ntime.sleep(n / 10)\nprint(n)';
      const res = await call(server.url, 'POST', '/v1/runs', {
        auth: tokens.cam,
        body: { language: 'python', code, stdin: '0', tests: 'all', limits: { wallMs: 1000 } },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const answeredAt = Date.now();

      assert.equal(finished.length, 1);
      const [{ run: stored, at: finishedAt }] = finished as [(typeof finished)[number]];
      assert.ok(finishedAt <= answeredAt, 'told before the answer left');
      assert.equal(stored.id, res.body.id);
      assert.equal(stored.sessionId, id);
      assert.deepEqual(stored.result.tests!.map((t) => [t.index, t.hidden]), [[0, false]], 'no hidden result');
      assert.ok(!JSON.stringify(stored).includes('6\\n'));
      assert.equal(stored.result.hidden!.status, 'pending');
      assert.equal(Date.parse(stored.result.hidden!.revealAt) - Date.parse(stored.createdAt), 1000 + 1000 + 2000);

      const revealAt = Date.parse(stored.result.hidden!.revealAt);
      while (Date.now() < revealAt + 500) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(revealed.length, 1);
      const [{ run: done, at: revealedAt }] = revealed as [(typeof revealed)[number]];
      assert.ok(revealedAt >= revealAt && revealedAt < revealAt + 400, `revealed ${revealedAt - revealAt} ms after the reveal time`);
      assert.equal(done.result.hidden!.status, 'done');
      assert.deepEqual(viewOfRun(done, false, revealedAt).hiddenSummary, { passed: 1, total: 1 }, 'what the shared record may carry');
      assert.equal(finished.length, 1, 'onFinished was not called again');
    } finally {
      for (const stop of unsubscribe) stop();
    }
  });
});
