// Calibration statistics of a question from real sessions: real runs and scores in the local
// sandbox, real feedback, SQLite (or PostgreSQL when TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, problemOf, startTestServer, type TestServer } from '../testing/harness.js';
import { pinnedQuestions } from './session-pins.js';
import { distribution, median } from './stats.js';
import { bankSession, codingQuestion, publishedQuestion } from './testing/fixtures.js';

const SOLUTION = 'a, b = map(int, input().split())\nprint(a + b)\n';
const COMPETENCIES = ['problem-solving', 'code-quality', 'verification', 'communication'];

describe('question statistics', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
  });
  after(() => server.dispose());

  const send = (method: string, path: string, auth: string, body?: unknown) => call(server.url, method, path, { auth, ...(body === undefined ? {} : { body }) });

  /** Starts the session, optionally runs `code` as the interviewer, ends it, scores its final code and submits a rating of `rating` for every competency. */
  async function interview(session: { id: string; tokens: Record<string, string> }, { code, rating }: { code?: string; rating: number }) {
    assert.equal((await send('POST', `/v1/sessions/${session.id}/start`, server.apiKey)).status, 200);
    if (code) {
      const run = await send('POST', '/v1/runs', session.tokens.ivy!, { language: 'python', code, tests: 'all' });
      assert.equal(run.status, 200, JSON.stringify(run.body));
    }
    await send('POST', `/v1/sessions/${session.id}/end`, server.apiKey);
    assert.equal((await server.services.scores.score(session.id)).status, 'done');
    const feedback = {
      competencies: Object.fromEntries(COMPETENCIES.map((c) => [c, { rating, evidence: '' }])),
      recommendation: rating >= 3 ? 'yes' : 'no',
      summary: 'Rated.',
    };
    const submitted = await send('POST', `/v1/sessions/${session.id}/feedback`, session.tokens.ivy!, feedback);
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  }

  it('per version: uses, score distribution, mean ratings, median time to a first passing run, and variants side by side', async () => {
    const question = await publishedQuestion(server, codingQuestion({ slug: 'stats-sum', starterCode: { python: 'print(0)\n' } }));
    const other = await publishedQuestion(server, codingQuestion({ slug: 'stats-other', starterCode: { python: SOLUTION } }));

    // Version 1: the starter code passes nothing; one candidate's run passes, one never runs.
    await interview(await bankSession(server, { questions: [{ id: question }] }), { code: SOLUTION, rating: 2 });
    await interview(await bankSession(server, { questions: [{ id: question }] }), { rating: 1 });
    // Version 2: the starter code passes every test.
    assert.equal((await send('PATCH', `/v1/questions/${question}`, server.apiKey, { starterCode: { python: SOLUTION } })).body.version, 2);
    const kit = await send('POST', '/v1/kits', server.apiKey, { name: 'A/B', durationMinutes: 30, sections: [{ minutes: 30, variants: [[{ id: question }], [{ id: other }]] }] });
    const drawn: number[] = [];
    for (let i = 0; i < 4; i++) {
      const session = await bankSession(server, { kit: kit.body.id });
      drawn.push((await pinnedQuestions(server.db, session.id))[0]!.kit!.variant!);
      await interview(session, { rating: 4 });
    }
    await bankSession(server, { questions: [{ id: question, version: 1 }] });

    const res = await send('GET', `/v1/questions/${question}/stats`, server.apiKey);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [v1, v2] = res.body.versions;
    assert.equal(v1.version, 1);
    assert.equal(v1.timesUsed, 3, 'two interviews and one scheduled session');
    assert.deepEqual(v1.scores, {
      count: 2,
      meanPercent: 0,
      distribution: [
        { fromPercent: 0, toPercent: 19, count: 2 },
        { fromPercent: 20, toPercent: 39, count: 0 },
        { fromPercent: 40, toPercent: 59, count: 0 },
        { fromPercent: 60, toPercent: 79, count: 0 },
        { fromPercent: 80, toPercent: 100, count: 0 },
      ],
    });
    assert.deepEqual(
      v1.ratings.map((r: { competency: string; mean: number; count: number }) => [r.competency, r.mean, r.count]).sort(),
      COMPETENCIES.map((c) => [c, 1.5, 2]).sort(),
    );
    assert.equal(v1.firstPassingRun.count, 1, 'only one session had a passing run');
    assert.ok(v1.firstPassingRun.medianSeconds >= 0 && v1.firstPassingRun.medianSeconds < 60, JSON.stringify(v1.firstPassingRun));
    assert.deepEqual(v1.variants, []);

    const onV2 = drawn.filter((v) => v === 0).length;
    assert.equal(v2.timesUsed, onV2);
    assert.equal(v2.scores.count, onV2);
    if (onV2) assert.equal(v2.scores.meanPercent, 100);
    assert.equal(v2.firstPassingRun.count, 0);
    // Whichever question a variant drew, its statistics set every drawn variant of the section side by side.
    const comparison = [0, 1]
      .filter((variant) => drawn.includes(variant))
      .map((variant) => {
        const sessions = drawn.filter((v) => v === variant).length;
        return [kit.body.id, 0, variant, sessions, 100, sessions, 4, sessions * 4];
      });
    const rows = (version: { variants: any[] }) =>
      version.variants.map((v) => [v.kitId, v.section, v.variant, v.sessions, v.meanScorePercent, v.scoreCount, v.meanRating, v.ratingCount]);
    if (drawn.includes(0)) assert.deepEqual(rows(v2), comparison);
    const otherStats = (await send('GET', `/v1/questions/${other}/stats`, server.apiKey)).body;
    assert.equal(otherStats.versions[0].timesUsed, drawn.filter((v) => v === 1).length);
    if (drawn.includes(1)) assert.deepEqual(rows(otherStats.versions[0]), comparison);
    problemOf(await send('GET', '/v1/questions/nope/stats', server.apiKey), 404);
  });

  it('computes medians and percentage bands', () => {
    assert.equal(median([]), null);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.deepEqual(distribution([0, 19.9, 20, 79.9, 80, 100]).map((b) => b.count), [2, 1, 0, 1, 2]);
  });

  it('in a session of several questions, each question counts its own score and its own first passing run', async () => {
    const first = await publishedQuestion(server, codingQuestion({ slug: 'stats-first', starterCode: { python: SOLUTION } }));
    const second = await publishedQuestion(server, codingQuestion({ slug: 'stats-second', starterCode: { python: 'print(0)\n' } }));
    const session = await bankSession(server, { questions: [{ id: first }, { id: second }] });
    assert.equal((await send('POST', `/v1/sessions/${session.id}/start`, server.apiKey)).status, 200);
    assert.equal((await send('POST', `/v1/sessions/${session.id}/question`, session.tokens.ivy!, { index: 1 })).status, 200);
    const run = await send('POST', '/v1/runs', session.tokens.ivy!, { language: 'python', code: SOLUTION, tests: 'all' });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    await send('POST', `/v1/sessions/${session.id}/end`, server.apiKey);
    assert.equal((await server.services.scores.score(session.id)).status, 'done');

    const [ofFirst] = (await send('GET', `/v1/questions/${first}/stats`, server.apiKey)).body.versions;
    const [ofSecond] = (await send('GET', `/v1/questions/${second}/stats`, server.apiKey)).body.versions;
    // The first question's final code is its starter (a solution); the second's is its starter too, which passes nothing.
    assert.deepEqual([ofFirst.scores.count, ofFirst.scores.meanPercent], [1, 100]);
    assert.deepEqual([ofSecond.scores.count, ofSecond.scores.meanPercent], [1, 0]);
    // The one passing run was made on the second question.
    assert.deepEqual([ofFirst.firstPassingRun.count, ofSecond.firstPassingRun.count], [0, 1]);
  });
});
