// Scoring survives kill -9 of the server: the real server as a subprocess, killed while the
// sandbox runs the final code, then started again on the same data.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { spawnReferenceServer } from '../../../scripts/lib/reference-server.mjs';
import { call, createSession, sampleSession } from '../testing/harness.js';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Sums two numbers, slowly: each test keeps the sandbox busy for a second. */
const SLOW_SUM = 'import time\ntime.sleep(1)\na, b = map(int, input().split())\nprint(a + b)\n';

test('a score interrupted by kill -9 completes after the restart when asked again, as the same record', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-score-kill-'));
  dirs.push(dataDir);
  const first = await spawnReferenceServer({ dataDir, database: 'env', env: { EXECUTOR: 'local' } });
  let session;
  let started;
  try {
    session = await createSession(first, sampleSession({ question: { starterCode: SLOW_SUM } }));
    started = await call(first.url, 'POST', `/v1/sessions/${session.id}/score`, { auth: first.apiKey });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    await new Promise((resolve) => setTimeout(resolve, 400)); // inside the first test's run
  } finally {
    await first.kill();
  }

  const second = await spawnReferenceServer({ dataDir, database: 'env', apiKey: first.apiKey, env: { EXECUTOR: 'local' } });
  try {
    const path = `/v1/sessions/${session.id}/score`;
    const stranded = await call(second.url, 'GET', path, { auth: second.apiKey });
    assert.deepEqual([stranded.body.id, stranded.body.status], [started.body.id, 'pending'], 'the record outlived the process');

    const resumed = await call(second.url, 'POST', path, { auth: second.apiKey });
    assert.equal(resumed.status, 202);
    assert.equal(resumed.body.id, started.body.id, 'no second record');
    let score = resumed.body;
    const deadline = Date.now() + 30_000;
    while (score.status === 'pending' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      score = (await call(second.url, 'GET', path, { auth: second.apiKey })).body;
    }
    assert.equal(score.status, 'done', JSON.stringify(score));
    assert.equal(score.id, started.body.id);
    assert.deepEqual([score.passed, score.total], [2, 2]);
    assert.equal((await call(second.url, 'POST', path, { auth: second.apiKey })).status, 200, 'done: asking again runs nothing');
  } finally {
    await second.stop();
  }
});
