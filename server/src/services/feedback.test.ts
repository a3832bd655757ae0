import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RUBRIC_TEMPLATES, rubricTemplate, type FeedbackContent, type Rating, type Recommendation } from '@interview-kit/core/rubric';
import { authOutcome, connectProvider, until } from '../testing/collab.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';
import { aggregate } from './feedback.js';

const rubric = rubricTemplate('coding-interview');

/** Feedback rating the four coding-interview competencies in rubric order (`null` = unrated). */
function scored(ratings: (Rating | null)[], recommendation: Recommendation | null, summary = ''): FeedbackContent {
  const ids = rubric.competencies.map((c) => c.id);
  return {
    competencies: Object.fromEntries(ids.map((id, i) => [id, { rating: ratings[i] ?? null, evidence: '' }])),
    recommendation,
    summary,
  };
}

describe('scorecard aggregation', () => {
  test('means, spread and disagreement per competency, and the recommendation distribution', () => {
    const result = aggregate(rubric, [scored([2, 3, null, null], 'yes'), scored([4, 3, 2, null], 'strong_yes'), scored([3, 4, null, null], 'no')]);
    const [problemSolving, codeQuality, verification, communication] = result.competencies;
    assert.deepEqual(problemSolving, {
      competencyId: 'problem-solving',
      title: 'Problem solving',
      count: 3,
      mean: 3,
      min: 2,
      max: 4,
      spread: 2,
      disagreement: true,
    });
    assert.deepEqual(
      { mean: codeQuality!.mean, spread: codeQuality!.spread, disagreement: codeQuality!.disagreement },
      { mean: 3.33, spread: 1, disagreement: false },
    );
    assert.deepEqual({ count: verification!.count, mean: verification!.mean, spread: verification!.spread }, { count: 1, mean: 2, spread: 0 });
    assert.deepEqual(
      { count: communication!.count, mean: communication!.mean, spread: communication!.spread, disagreement: communication!.disagreement },
      { count: 0, mean: null, spread: null, disagreement: false },
    );
    assert.deepEqual(result.recommendations, { strong_no: 0, no: 1, yes: 1, strong_yes: 1 });
    assert.equal(result.recommendationsDisagree, true);
    assert.equal(result.disagreement, true);
  });

  test('close ratings and recommendations on one side do not count as disagreement', () => {
    const result = aggregate(rubric, [scored([3, 3, 4, 3], 'yes'), scored([4, 3, 3, 4], 'strong_yes')]);
    assert.deepEqual(
      result.competencies.map((c) => [c.mean, c.spread, c.disagreement]),
      [
        [3.5, 1, false],
        [3, 0, false],
        [3.5, 1, false],
        [3.5, 1, false],
      ],
    );
    assert.equal(result.recommendationsDisagree, false);
    assert.equal(result.disagreement, false);
  });

  test('recommendations on both sides of hire are a disagreement even when every rating agrees', () => {
    const result = aggregate(rubric, [scored([3, 3, 3, 3], 'strong_no'), scored([3, 3, 3, 3], 'yes')]);
    assert.ok(result.competencies.every((c) => !c.disagreement));
    assert.equal(result.recommendationsDisagree, true);
    assert.equal(result.disagreement, true);
  });

  test('no feedback yet: nothing rated, nothing flagged', () => {
    const result = aggregate(rubric, []);
    assert.ok(result.competencies.every((c) => c.count === 0 && c.mean === null));
    assert.deepEqual(result.recommendations, { strong_no: 0, no: 0, yes: 0, strong_yes: 0 });
    assert.equal(result.disagreement, false);
  });
});

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.dispose());

const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

/** A session with two interviewers, an observer and a candidate. */
const panel = () =>
  createSession(
    server,
    sampleSession({
      participants: [
        { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
        { id: 'ian', name: 'Ian Interviewer', role: 'interviewer' },
        { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
        { id: 'oli', name: 'Oli Observer', role: 'observer' },
      ],
    }),
  );

const draft = (id: string, token: string, body: unknown) => call(server.url, 'PUT', `/v1/sessions/${id}/feedback/draft`, { auth: token, body });
const submit = (id: string, token: string, body: unknown) => call(server.url, 'POST', `/v1/sessions/${id}/feedback`, { auth: token, body });
const own = (id: string, token: string) => call(server.url, 'GET', `/v1/sessions/${id}/feedback`, { auth: token });
const scorecard = (id: string, auth: string) => call(server.url, 'GET', `/v1/sessions/${id}/scorecard`, { auth });

describe('rubric pinning', () => {
  test('a session gets the coding-interview rubric by default; interviewers, observers and the host see it, candidates do not', async () => {
    const { id, tokens } = await createSession(server);
    for (const auth of [tokens.ivy!, tokens.oli!, server.apiKey]) {
      const view = await call(server.url, 'GET', `/v1/sessions/${id}`, { auth });
      assert.equal(view.body.rubric.id, 'coding-interview');
      assert.equal(view.body.rubric.version, 1);
      assert.deepEqual(
        view.body.rubric.competencies.map((c: { title: string }) => c.title),
        ['Problem solving', 'Code quality', 'Verification and testing', 'Communication'],
      );
      assert.equal(view.body.rubric.competencies[0].anchors.length, 4);
    }
    const candidateView = await call(server.url, 'GET', `/v1/sessions/${id}`, { auth: tokens.cam! });
    assert.equal(candidateView.status, 200);
    assert.equal('rubric' in candidateView.body, false);
  });

  test('the session keeps the template version it was created with when the template changes later', async (t) => {
    const before = await createSession(server);
    const template = RUBRIC_TEMPLATES['coding-interview'] as { version: number; title: string };
    const original = { version: template.version, title: template.title };
    t.after(() => Object.assign(template, original));
    Object.assign(template, { version: original.version + 1, title: 'Coding interview (revised)' });
    const afterChange = await createSession(server);

    const pinned = await call(server.url, 'GET', `/v1/sessions/${before.id}`, { auth: server.apiKey });
    const fresh = await call(server.url, 'GET', `/v1/sessions/${afterChange.id}`, { auth: server.apiKey });
    assert.deepEqual([pinned.body.rubric.version, pinned.body.rubric.title], [original.version, 'Coding interview']);
    assert.deepEqual([fresh.body.rubric.version, fresh.body.rubric.title], [original.version + 1, 'Coding interview (revised)']);
  });

  test('a custom rubric is pinned with its defaults filled in', async () => {
    const custom = {
      id: 'system-design',
      version: 3,
      title: 'System design',
      competencies: [
        { id: 'scoping', title: 'Scoping', anchors: ['a', 'b', 'c', 'd'] },
        { id: 'trade-offs', title: 'Trade-offs', description: 'Weighs options', anchors: ['a', 'b', 'c', 'd'], required: false },
      ],
      requires: { summary: true },
    };
    const { id, tokens } = await createSession(server, { ...sampleSession(), rubric: custom } as never);
    const { body } = await own(id, tokens.ivy!);
    assert.deepEqual(body.rubric, {
      id: 'system-design',
      version: 3,
      title: 'System design',
      competencies: [
        { id: 'scoping', title: 'Scoping', description: '', anchors: ['a', 'b', 'c', 'd'], required: true },
        { id: 'trade-offs', title: 'Trade-offs', description: 'Weighs options', anchors: ['a', 'b', 'c', 'd'], required: false },
      ],
      requires: { recommendation: true, summary: true },
    });
    assert.equal(body.feedback, null);
  });

  test('a session stored before rubrics existed gets the default template pinned on first use', async () => {
    const { id, tokens } = await createSession(server);
    await server.db.deleteFrom('session_rubrics').where('session_id', '=', id).execute();
    const { body } = await own(id, tokens.ivy!);
    assert.equal(body.rubric.id, 'coding-interview');
    const row = await server.db.selectFrom('session_rubrics').select('version').where('session_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(Number(row.version), body.rubric.version);
  });

  test('an invalid rubric is refused with field-level errors', async () => {
    const create = (rubricChoice: unknown) =>
      call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: { ...sampleSession(), rubric: rubricChoice } });
    const unknownTemplate = problemOf(await create('no-such-template'), 400);
    assert.deepEqual(paths(unknownTemplate), ['rubric']);
    const competency = { id: 'x', title: 'X', anchors: ['a', 'b', 'c', 'd'] };
    const duplicate = problemOf(await create({ id: 'mine', title: 'Mine', competencies: [competency, competency] }), 400);
    assert.ok(paths(duplicate).some((p) => p.startsWith('rubric')), JSON.stringify(duplicate.errors));
    const threeAnchors = problemOf(await create({ id: 'mine', title: 'Mine', competencies: [{ ...competency, anchors: ['a', 'b', 'c'] }] }), 400);
    assert.ok(paths(threeAnchors).some((p) => p.startsWith('rubric')), JSON.stringify(threeAnchors.errors));
  });
});

describe('drafts', () => {
  test('a draft is saved, read back, replaced, and survives a server restart', async () => {
    const { id, tokens } = await createSession(server);
    const first = await draft(id, tokens.ivy!, { competencies: { 'problem-solving': { rating: 3, evidence: 'Found the O(n) idea at [4:10](#t=250)' } } });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.status, 'draft');
    assert.equal(first.body.name, 'Ivy Interviewer');
    assert.equal(first.body.rubricVersion, 1);
    assert.deepEqual(first.body.competencies['problem-solving'], { rating: 3, evidence: 'Found the O(n) idea at [4:10](#t=250)' });

    await draft(id, tokens.ivy!, scored([3, 2, null, null], null, 'Solid start'));
    server = await server.restart();
    const { body } = await own(id, tokens.ivy!);
    assert.equal(body.feedback.status, 'draft');
    assert.equal(body.feedback.summary, 'Solid start');
    assert.equal(body.feedback.competencies['code-quality'].rating, 2);
    assert.equal(body.feedback.submittedAt, null);
  });

  test('an observer may write feedback too', async () => {
    const { id, tokens } = await createSession(server);
    assert.equal((await draft(id, tokens.oli!, scored([2, null, null, null], null))).status, 200);
    assert.equal((await submit(id, tokens.oli!, scored([2, 3, 3, 2], 'no'))).status, 201);
  });
});

describe('validation', () => {
  test('out-of-range and non-integer ratings are refused with the field path', async () => {
    const { id, tokens } = await createSession(server);
    for (const rating of [0, 5, 2.5, '3']) {
      const body = problemOf(await draft(id, tokens.ivy!, { competencies: { 'code-quality': { rating, evidence: '' } } }), 400);
      assert.deepEqual(paths(body), ['competencies.code-quality.rating'], `rating ${JSON.stringify(rating)}`);
    }
  });

  test('unknown competency ids are refused with the field path', async () => {
    const { id, tokens } = await createSession(server);
    const content = scored([3, 3, 3, 3], 'yes');
    content.competencies['charisma'] = { rating: 4, evidence: '' };
    for (const send of [draft, submit]) {
      const body = problemOf(await send(id, tokens.ivy!, content), 400);
      assert.deepEqual(paths(body), ['competencies.charisma']);
      assert.match(body.errors![0]!.message, /not a competency/);
    }
  });

  test('submitting without the required ratings and recommendation names each missing field', async () => {
    const { id, tokens } = await createSession(server);
    const body = problemOf(await submit(id, tokens.ivy!, scored([3, null, 2, null], null)), 400);
    assert.deepEqual(paths(body), ['competencies.communication.rating', 'competencies.code-quality.rating', 'recommendation'].sort());
    assert.match(body.detail, /cannot be submitted/);
    // The failed submit left nothing final behind: the draft can still be saved.
    assert.equal((await draft(id, tokens.ivy!, scored([3, null, 2, null], null))).status, 200);
  });

  test('a custom rubric can require a summary and leave a competency optional', async () => {
    const custom = {
      id: 'short',
      title: 'Short',
      competencies: [
        { id: 'core', title: 'Core', anchors: ['a', 'b', 'c', 'd'] },
        { id: 'extra', title: 'Extra', anchors: ['a', 'b', 'c', 'd'], required: false },
      ],
      requires: { recommendation: false, summary: true },
    };
    const { id, tokens } = await createSession(server, { ...sampleSession(), rubric: custom } as never);
    const missing = problemOf(await submit(id, tokens.ivy!, { competencies: {}, summary: '   ' }), 400);
    assert.deepEqual(paths(missing), ['competencies.core.rating', 'summary']);
    const ok = await submit(id, tokens.ivy!, { competencies: { core: { rating: 4 } }, summary: 'Great' });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.recommendation, null);
  });

  test('unknown fields and wrong shapes are refused', async () => {
    const { id, tokens } = await createSession(server);
    assert.deepEqual(paths(problemOf(await draft(id, tokens.ivy!, { score: 4 }), 400)), ['(root)']);
    assert.deepEqual(paths(problemOf(await draft(id, tokens.ivy!, { recommendation: 'maybe' }), 400)), ['recommendation']);
    assert.deepEqual(paths(problemOf(await draft(id, tokens.ivy!, { summary: 'x'.repeat(20_001) }), 400)), ['summary']);
  });
});

describe('submission', () => {
  test('submitted feedback is final: the same submit again is harmless, any change is a 409', async () => {
    const { id, tokens } = await createSession(server);
    const content = scored([3, 4, 3, 4], 'yes', 'Strong communicator.');
    const first = await submit(id, tokens.ivy!, content);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.status, 'submitted');
    assert.ok(first.body.submittedAt);

    const again = await submit(id, tokens.ivy!, content);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);

    const changed = problemOf(await submit(id, tokens.ivy!, { ...content, recommendation: 'strong_yes' }), 409);
    assert.match(changed.detail, /submitted .* final/);
    const edit = problemOf(await draft(id, tokens.ivy!, content), 409);
    assert.match(edit.detail, /final/);

    const { body } = await own(id, tokens.ivy!);
    assert.equal(body.feedback.status, 'submitted');
    assert.equal(body.feedback.recommendation, 'yes');
  });

  test('a draft then a submit replaces the draft with the submitted content', async () => {
    const { id, tokens } = await createSession(server);
    await draft(id, tokens.ivy!, scored([1, null, null, null], null, 'early thoughts'));
    const res = await submit(id, tokens.ivy!, scored([2, 2, 2, 2], 'no', 'final'));
    assert.equal(res.status, 201);
    assert.deepEqual([res.body.summary, res.body.competencies['problem-solving'].rating], ['final', 2]);
  });
});

describe('roles', () => {
  test('a candidate token cannot read or write feedback, nor read the scorecard or its notes (403)', async () => {
    const { id, tokens } = await createSession(server);
    await submit(id, tokens.ivy!, scored([3, 3, 3, 3], 'yes', 'secret'));
    const cam = tokens.cam!;
    for (const res of [
      await own(id, cam),
      await draft(id, cam, scored([4, 4, 4, 4], 'strong_yes')),
      await submit(id, cam, scored([4, 4, 4, 4], 'strong_yes')),
      await scorecard(id, cam),
    ]) {
      const body = problemOf(res, 403);
      assert.ok(!JSON.stringify(body).includes('secret'));
    }
    const rows = await server.db.selectFrom('session_feedback').select('participant_id').where('session_id', '=', id).execute();
    assert.deepEqual(rows.map((r) => r.participant_id), ['ivy']);
  });

  test('an observer writes feedback but cannot read the scorecard; the host and interviewers can', async () => {
    const { id, tokens } = await createSession(server);
    problemOf(await scorecard(id, tokens.oli!), 403);
    assert.equal((await scorecard(id, tokens.ivy!)).status, 200);
    assert.equal((await scorecard(id, server.apiKey)).status, 200);
  });

  test("feedback is written with a participant's own token only: API keys and other sessions' tokens are refused", async () => {
    const { id, tokens } = await createSession(server);
    const other = await createSession(server);
    problemOf(await draft(id, server.apiKey, scored([3, null, null, null], null)), 401);
    problemOf(await draft(id, other.tokens.ivy!, scored([3, null, null, null], null)), 401);
    problemOf(await scorecard(id, other.tokens.ivy!), 401);
    problemOf(await own(id, `${tokens.ivy!.slice(0, -4)}AAAA`), 401);
  });

  test("another tenant's key cannot read the scorecard (404)", async () => {
    const { id } = await createSession(server);
    const stranger = await server.app.ctx.apiKeys.create('tenant-stranger', 'stranger');
    problemOf(await scorecard(id, stranger.key), 404);
  });
});

describe('scorecard', () => {
  test("combines everyone's submitted feedback; drafts stay out and their authors are pending", async () => {
    const { id, tokens } = await panel();
    await submit(id, tokens.ivy!, scored([2, 3, 3, 4], 'no', 'Needed hints.'));
    await submit(id, tokens.ian!, scored([4, 3, 2, 4], 'strong_yes', 'Great.'));
    await draft(id, tokens.oli!, scored([1, 1, 1, 1], 'strong_no'));

    const { status, body } = await scorecard(id, server.apiKey);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.sessionId, id);
    assert.equal(body.rubric.id, 'coding-interview');
    assert.deepEqual(
      body.feedback.map((f: { participantId: string; summary: string; status: string }) => [f.participantId, f.status, f.summary]),
      [
        ['ivy', 'submitted', 'Needed hints.'],
        ['ian', 'submitted', 'Great.'],
      ],
    );
    assert.deepEqual(body.pending, [{ participantId: 'oli', name: 'Oli Observer', role: 'observer' }]);
    assert.deepEqual(
      body.competencies.map((c: { competencyId: string; mean: number; spread: number; disagreement: boolean }) => [
        c.competencyId,
        c.mean,
        c.spread,
        c.disagreement,
      ]),
      [
        ['problem-solving', 3, 2, true],
        ['code-quality', 3, 0, false],
        ['verification', 2.5, 1, false],
        ['communication', 4, 0, false],
      ],
    );
    assert.deepEqual(body.recommendations, { strong_no: 0, no: 1, yes: 0, strong_yes: 1 });
    assert.equal(body.recommendationsDisagree, true);
    assert.equal(body.disagreement, true);
    assert.ok('notes' in body);
  });

  test("carries the interviewers' private notes, which a candidate can reach neither there nor in the document", async () => {
    const { id, tokens } = await createSession(server);
    const wsUrl = server.url.replace(/^http/, 'ws');
    assert.equal((await scorecard(id, server.apiKey)).body.notes, null);

    const interviewer = connectProvider(wsUrl, `${id}/private`, tokens.ivy!);
    try {
      assert.equal((await authOutcome(interviewer.provider)).ok, true);
      interviewer.doc.getText('notes').insert(0, '- strong on edge cases [3:20](#t=200)\n');
      await until(() => !interviewer.provider.hasUnsyncedChanges, 'the notes to be stored');
    } finally {
      interviewer.provider.destroy();
    }
    assert.equal((await scorecard(id, server.apiKey)).body.notes, '- strong on edge cases [3:20](#t=200)\n');
    assert.equal((await scorecard(id, tokens.ivy!)).body.notes, '- strong on edge cases [3:20](#t=200)\n');

    problemOf(await scorecard(id, tokens.cam!), 403);
    const candidate = connectProvider(wsUrl, `${id}/private`, tokens.cam!);
    try {
      assert.deepEqual(await authOutcome(candidate.provider), { ok: false, reason: 'forbidden' });
      assert.equal(candidate.doc.getText('notes').toString(), '');
    } finally {
      candidate.provider.destroy();
    }
  });

  test('an interviewer reads the same scorecard as the host', async () => {
    const { id, tokens } = await panel();
    await submit(id, tokens.ivy!, scored([3, 3, 3, 3], 'yes'));
    const host = await scorecard(id, server.apiKey);
    const interviewer = await scorecard(id, tokens.ian!);
    assert.deepEqual(interviewer.body, host.body);
  });
});

describe('OpenAPI', () => {
  test('documents the feedback endpoints and schemas', async () => {
    const { body } = await call(server.url, 'GET', '/v1/openapi.json');
    for (const path of ['/v1/sessions/{id}/feedback', '/v1/sessions/{id}/feedback/draft', '/v1/sessions/{id}/scorecard', '/v1/rubrics/templates']) {
      assert.ok(body.paths[path], path);
    }
    for (const schema of ['Rubric', 'RubricInput', 'FeedbackContent', 'Feedback', 'Scorecard']) assert.ok(body.components.schemas[schema], schema);
    assert.ok(body.components.schemas.CreateSessionRequest.properties.rubric);
  });

  test('lists the built-in templates for hosts', async () => {
    const { status, body } = await call(server.url, 'GET', '/v1/rubrics/templates', { auth: server.apiKey });
    assert.equal(status, 200);
    assert.deepEqual(
      body.map((r: { id: string; version: number }) => [r.id, r.version]),
      [['coding-interview', 1]],
    );
  });
});
