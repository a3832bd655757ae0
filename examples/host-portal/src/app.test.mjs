import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fizzBuzzForm, postJson, startStack, sumQuestion } from './testing/stack.mjs';

describe('host portal backend against the reference server', () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack?.stop());

  /** Creates the FizzBuzz interview through the portal and returns the portal's record. */
  async function createInterview() {
    const response = await postJson(`${stack.portalUrl}/api/sessions`, fizzBuzzForm());
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()).session;
  }

  /** @param {string} sessionId @param {string} participantId */
  async function tokenFor(sessionId, participantId) {
    const response = await fetch(`${stack.portalUrl}/api/sessions/${sessionId}/participants/${participantId}/token`, {
      method: 'POST',
    });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  }

  /** The portal's list of interviews, one page. @param {string} [query] */
  async function listed(query = '') {
    const response = await fetch(`${stack.portalUrl}/api/sessions${query}`);
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  }

  /** Calls the Interview Kit server directly with the API key, as another host system would. */
  function serverCall(/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body) {
    return fetch(`${stack.interviewKit.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.interviewKit.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** @param {string} sessionId @param {string} token */
  async function viewWith(sessionId, token) {
    const response = await fetch(`${stack.interviewKit.url}/v1/sessions/${sessionId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  }

  test('creates an interview and lists it with a page per participant', async () => {
    const session = await createInterview();
    assert.equal(session.title, 'FizzBuzz warm-up');
    assert.deepEqual(
      session.participants.map((/** @type {any} */ p) => [p.name, p.role]),
      [['Ivy Interviewer', 'interviewer'], ['Cam Candidate', 'candidate']],
    );

    const { sessions } = await listed();
    assert.equal(sessions[0].id, session.id);
    assert.equal(sessions[0].status, 'scheduled');

    for (const participant of session.participants) {
      const page = await fetch(`${stack.portalUrl}/room/${session.id}/${participant.id}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<interview-room/);
    }
  });

  test('tells a participant page who it is for, and nothing about strangers', async () => {
    const session = await createInterview();
    const candidate = session.participants.find((/** @type {any} */ p) => p.role === 'candidate');
    const response = await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/${candidate.id}`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      session: { id: session.id, title: 'FizzBuzz warm-up', language: 'python', status: 'scheduled', scheduledAt: null },
      participant: { id: candidate.id, name: 'Cam Candidate', role: 'candidate' },
    });
    const stranger = await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/nobody`);
    assert.equal(stranger.status, 404);
  });

  test("the pages' security policy lets the room reach the Interview Kit server, and nothing else", async () => {
    const page = await fetch(`${stack.portalUrl}/room/any/one`);
    const policy = Object.fromEntries(
      (page.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
        const [name = '', ...sources] = directive.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    const server = new URL(stack.interviewKit.url);
    assert.deepEqual(policy['connect-src'], ["'self'", server.origin, `ws://${server.host}`]);
    assert.deepEqual(policy['script-src'], ["'self'"]);
    assert.ok(!JSON.stringify(policy).includes('unsafe-eval'));
    assert.deepEqual(policy['frame-ancestors'], ["'none'"]);
  });

  test("the candidate's view, opened with a token from the portal, hides the hidden test", async () => {
    const session = await createInterview();
    const candidate = session.participants.find((/** @type {any} */ p) => p.role === 'candidate');
    const issued = await tokenFor(session.id, candidate.id);
    assert.equal(issued.role, 'candidate');
    assert.ok(Date.parse(issued.expiresAt) > Date.now());

    const view = await viewWith(session.id, issued.token);
    assert.equal(view.viewer.role, 'candidate');
    assert.equal(view.viewer.participantId, candidate.id);
    assert.deepEqual(
      view.question.tests.map((/** @type {any} */ t) => t.stdin),
      ['3\n'],
    );
    assert.equal(view.question.hiddenTestCount, 1);
    assert.doesNotMatch(JSON.stringify(view), /FizzBuzz-secret/);

    const interviewer = session.participants.find((/** @type {any} */ p) => p.role === 'interviewer');
    const interviewerView = await viewWith(session.id, (await tokenFor(session.id, interviewer.id)).token);
    assert.deepEqual(
      interviewerView.question.tests.map((/** @type {any} */ t) => [t.expected, t.hidden]),
      [['Fizz\n', false], ['FizzBuzz-secret\n', true]],
    );
  });

  test('never sends the API key to the browser', async () => {
    const session = await createInterview();
    const [participant] = session.participants;
    const urls = ['/', '/portal.js', '/room.js', '/api.js', '/api/config', '/api/sessions', `/room/${session.id}/${participant.id}`];
    urls.push('/questions', '/questions/new', '/kits', '/questions.js', '/question-editor.js', '/kit-builder.js', '/api/questions', '/api/kits');
    const bodies = await Promise.all(urls.map(async (path) => (await fetch(`${stack.portalUrl}${path}`)).text()));
    const token = await (
      await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/${participant.id}/token`, { method: 'POST' })
    ).text();
    for (const body of [...bodies, token]) assert.ok(!body.includes(stack.interviewKit.apiKey));
  });

  test('bad form input gets readable messages and creates nothing', async () => {
    const before = (await listed('?limit=100')).sessions.length;
    const response = await postJson(`${stack.portalUrl}/api/sessions`, {
      ...fizzBuzzForm(),
      title: '  ',
      language: 'cobol',
      tests: [{ stdin: '1\n', expected: '', hidden: false }, { stdin: '', expected: '', hidden: false }],
      participants: [{ name: '', role: 'candidate' }, { name: 'Eve', role: 'admin' }],
      durationMinutes: '2',
    });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = await response.json();
    assert.deepEqual(
      problem.errors.map((/** @type {any} */ e) => e.path),
      ['title', 'language', 'tests.0.expected', 'participants.0.name', 'participants.1.role', 'durationMinutes'],
    );
    assert.ok(problem.errors.some((/** @type {any} */ e) => e.message === 'Give the interview a title.'));
    const after = (await listed('?limit=100')).sessions.length;
    assert.equal(after, before);
  });

  test("forwards the server's problem details when it rejects the interview, with the form's field names", async () => {
    const response = await postJson(`${stack.portalUrl}/api/sessions`, {
      ...fizzBuzzForm(),
      prompt: 'x'.repeat(70 * 1024), // above the server's limit for a prompt; the portal does not check it
    });
    assert.equal(response.status, 400);
    const problem = await response.json();
    assert.ok(problem.detail, 'the server explains what was wrong');
    // The server calls it `question.prompt`; the form's field is `prompt`.
    assert.deepEqual(problem.errors.map((/** @type {any} */ e) => e.path), ['prompt']);
  });

  test('schedules an interview for a date and time with its start, reveal and end options', async () => {
    const response = await postJson(`${stack.portalUrl}/api/sessions`, {
      ...fizzBuzzForm(),
      title: 'Scheduled pairing',
      scheduledAt: '2030-03-14T09:30:00-04:00', // what the page sends for 9:30 in New York
      autoStart: 'manual',
      revealQuestion: 'on-start',
      autoEnd: true,
    });
    assert.equal(response.status, 201, await response.clone().text());
    const { session } = await response.json();
    assert.equal(session.status, 'scheduled');
    assert.equal(session.scheduledAt, '2030-03-14T13:30:00.000Z');
    assert.equal(session.durationMinutes, 45);

    const [first] = (await listed()).sessions;
    assert.deepEqual([first.id, first.title, first.status, first.scheduledAt], [session.id, 'Scheduled pairing', 'scheduled', '2030-03-14T13:30:00.000Z']);

    const view = await (await serverCall('GET', `/v1/sessions/${session.id}`)).json();
    assert.deepEqual([view.autoStart, view.revealQuestion, view.autoEnd], ['manual', 'on-start', true]);
  });

  test('refuses a date and time that has passed, or one without its offset', async () => {
    for (const scheduledAt of ['2020-01-01T10:00:00+01:00', '2030-03-14T09:30']) {
      const response = await postJson(`${stack.portalUrl}/api/sessions`, { ...fizzBuzzForm(), scheduledAt });
      assert.equal(response.status, 400);
      const problem = await response.json();
      assert.deepEqual(problem.errors.map((/** @type {any} */ e) => e.path), ['scheduledAt'], scheduledAt);
    }
  });

  test('a double submit with one Idempotency-Key creates one interview', async () => {
    const before = (await listed('?limit=100')).sessions.length;
    const form = { ...fizzBuzzForm(), title: 'Clicked twice', scheduledAt: '2030-05-02T10:00:00+02:00' };
    const key = `form-${Date.now()}`;
    const answers = await Promise.all([1, 2, 3].map(() => postJson(`${stack.portalUrl}/api/sessions`, form, { 'idempotency-key': key })));
    for (const answer of answers) assert.equal(answer.status, 201, await answer.clone().text());
    const sessions = await Promise.all(answers.map(async (answer) => (await answer.json()).session));
    assert.deepEqual(new Set(sessions.map((s) => s.id)).size, 1, 'every attempt answers with the same interview');
    assert.deepEqual(sessions[1].participants, sessions[0].participants);

    const after = (await listed('?limit=100')).sessions;
    assert.equal(after.length, before + 1);
    assert.equal(after.filter((/** @type {any} */ s) => s.title === 'Clicked twice').length, 1);

    // The next submission has a key of its own: a second interview.
    const again = await postJson(`${stack.portalUrl}/api/sessions`, form, { 'idempotency-key': `${key}-next` });
    assert.notEqual((await again.json()).session.id, sessions[0].id);
  });

  test('cancels a scheduled interview: its pages learn it and its links get no token', async () => {
    const session = await createInterview();
    const candidate = session.participants.find((/** @type {any} */ p) => p.role === 'candidate');
    const cancelled = await fetch(`${stack.portalUrl}/api/sessions/${session.id}/cancel`, { method: 'POST' });
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    assert.equal((await cancelled.json()).session.status, 'cancelled');

    const listedAgain = (await listed('?limit=100')).sessions.find((/** @type {any} */ s) => s.id === session.id);
    assert.equal(listedAgain.status, 'cancelled');
    const page = await (await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/${candidate.id}`)).json();
    assert.equal(page.session.status, 'cancelled');
    const token = await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/${candidate.id}/token`, { method: 'POST' });
    assert.equal(token.status, 409);
    assert.match((await token.json()).detail, /cancelled/);
  });

  test('a started interview cannot be cancelled; the server says why', async () => {
    const session = await createInterview();
    assert.equal((await serverCall('POST', `/v1/sessions/${session.id}/start`)).status, 200);
    const response = await fetch(`${stack.portalUrl}/api/sessions/${session.id}/cancel`, { method: 'POST' });
    assert.equal(response.status, 409);
    assert.match((await response.json()).detail, /live/);
    const again = (await listed('?limit=100')).sessions.find((/** @type {any} */ s) => s.id === session.id);
    assert.equal(again.status, 'live');
  });

  test('pages through the interviews with the cursor, newest first, none twice', async () => {
    const created = [];
    for (let i = 0; i < 3; i += 1) created.push((await createInterview()).id);
    const first = await listed('?limit=2');
    assert.equal(first.sessions.length, 2);
    assert.ok(first.nextCursor);
    const second = await listed(`?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    const ids = [...first.sessions, ...second.sessions].map((/** @type {any} */ s) => s.id);
    assert.deepEqual(ids.slice(0, 3), created.reverse());
    assert.equal(new Set(ids).size, ids.length);
    assert.equal((await fetch(`${stack.portalUrl}/api/sessions?limit=500`)).status, 400);
  });

  test('lists interviews it did not create itself: the list is the server\'s', async () => {
    const response = await serverCall('POST', '/v1/sessions', {
      title: 'Created by the ATS',
      question: { prompt: 'Anything', language: 'python' },
      participants: [{ id: 'ats-candidate-7', name: 'Dee Candidate', role: 'candidate' }],
    });
    assert.equal(response.status, 201);
    const { id } = await response.json();
    const [first] = (await listed()).sessions;
    assert.deepEqual([first.id, first.title, first.participants], [id, 'Created by the ATS', [{ id: 'ats-candidate-7', name: 'Dee Candidate', role: 'candidate' }]]);
    const page = await fetch(`${stack.portalUrl}/api/sessions/${id}/participants/ats-candidate-7`);
    assert.equal((await page.json()).participant.name, 'Dee Candidate');
  });

  test('gives the scorecard page the interview and its combined feedback', async () => {
    const session = await createInterview();
    const response = await fetch(`${stack.portalUrl}/api/sessions/${session.id}/scorecard`);
    assert.equal(response.status, 200, await response.clone().text());
    const { session: listedSession, scorecard } = await response.json();
    assert.equal(listedSession.title, 'FizzBuzz warm-up');
    assert.equal(scorecard.sessionId, session.id);
    assert.deepEqual(scorecard.pending.map((/** @type {any} */ p) => p.name), ['Ivy Interviewer']);
    assert.equal((await fetch(`${stack.portalUrl}/api/sessions/no-such-session/scorecard`)).status, 404);
  });

  test('rejects non-JSON posts and tokens for participants it does not know', async () => {
    const form = await fetch(`${stack.portalUrl}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=x',
    });
    assert.equal(form.status, 415);

    const session = await createInterview();
    const stranger = await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/nobody/token`, { method: 'POST' });
    assert.equal(stranger.status, 404);
    assert.match((await stranger.json()).detail, /no such interview participant/);
  });


  /** Sends JSON to the portal with `method`. @param {string} method @param {string} path @param {unknown} [body] */
  function portalCall(method, path, body) {
    return fetch(`${stack.portalUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  }

  /** Adds a question through the portal and publishes it. @param {Record<string, unknown>} content */
  async function publishedQuestion(content) {
    const created = await portalCall('POST', '/api/questions', content);
    assert.equal(created.status, 201, await created.clone().text());
    const { question } = await created.json();
    const published = await portalCall('POST', `/api/questions/${question.id}/publish`);
    assert.equal(published.status, 200, await published.clone().text());
    return (await published.json()).question;
  }

  test('question bank: drafts, searches and pages through the bank with the API key kept on the server', async () => {
    const tag = `bank-${Date.now()}`;
    const created = [];
    for (const [i, difficulty] of /** @type {const} */ (['easy', 'hard', 'easy']).entries()) {
      const response = await portalCall('POST', '/api/questions', sumQuestion(`${tag}-${i}`, { difficulty, tags: [tag], title: `Adder ${tag} ${i}` }));
      assert.equal(response.status, 201, await response.clone().text());
      created.push((await response.json()).question);
    }
    assert.deepEqual(created.map((q) => [q.status, q.version]), [['draft', 1], ['draft', 1], ['draft', 1]]);

    const page = async (/** @type {string} */ query) => {
      const response = await fetch(`${stack.portalUrl}/api/questions?${query}`);
      assert.equal(response.status, 200, await response.clone().text());
      return response.json();
    };
    const easy = await page(`tag=${tag}&difficulty=easy&text=adder`);
    assert.deepEqual(easy.questions.map((/** @type {any} */ q) => q.id), [created[2].id, created[0].id]);
    const first = await page(`tag=${tag}&limit=2`);
    assert.equal(first.questions.length, 2);
    const second = await page(`tag=${tag}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.deepEqual([...first.questions, ...second.questions].map((/** @type {any} */ q) => q.id), created.map((q) => q.id).reverse());
    assert.equal(second.nextCursor, null);
    assert.equal((await page(`tag=${tag}&status=published`)).questions.length, 0);
    assert.equal((await fetch(`${stack.portalUrl}/api/questions?limit=0`)).status, 400);

    // The server's field errors reach the page under the bank's field names.
    const bad = await portalCall('POST', '/api/questions', sumQuestion(`${tag}-bad`, { title: '', solutions: {} }));
    assert.equal(bad.status, 400);
    const problem = await bad.json();
    assert.deepEqual(problem.errors.map((/** @type {any} */ e) => e.path).sort(), ['solutions', 'title']);

    const bodies = await Promise.all([`/api/questions?tag=${tag}`, `/api/questions/${created[0].id}`].map(async (path) => (await fetch(`${stack.portalUrl}${path}`)).text()));
    for (const body of bodies) assert.ok(!body.includes(stack.interviewKit.apiKey));
  });

  test('question bank: publishing is refused with the failing language and test as the server said, and passes once the solution is right', async () => {
    const slug = `sum-${Date.now()}`;
    const created = await portalCall('POST', '/api/questions', sumQuestion(slug, { solutions: { python: 'print(42)\n' } }));
    const { question } = await created.json();
    const refused = await portalCall('POST', `/api/questions/${question.id}/publish`);
    assert.equal(refused.status, 422);
    const problem = await refused.json();
    assert.equal(problem.detail, 'the python reference solution fails test 0: expected "3\\n", got "42\\n"');
    assert.deepEqual(problem.errors, [{ path: 'tests.0', message: 'python: expected "3\\n", got "42\\n"' }]);
    assert.deepEqual([problem.failure.language, problem.failure.index], ['python', 0]);
    assert.equal((await (await fetch(`${stack.portalUrl}/api/questions/${question.id}`)).json()).question.status, 'draft');

    const fixed = await portalCall('PATCH', `/api/questions/${question.id}`, { solutions: sumQuestion(slug).solutions });
    assert.equal(fixed.status, 200, await fixed.clone().text());
    const published = await portalCall('POST', `/api/questions/${question.id}/publish`);
    assert.equal(published.status, 200, await published.clone().text());
    assert.equal((await published.json()).question.status, 'published');

    const archived = await portalCall('POST', `/api/questions/${question.id}/archive`);
    assert.equal((await archived.json()).question.status, 'archived');
  });

  test("question bank: imports the server's starter bank, keeping what the bank has already", async () => {
    const first = await portalCall('POST', '/api/questions/starter-bank');
    assert.equal(first.status, 200, await first.clone().text());
    const { imported } = await first.json();
    const again = await (await portalCall('POST', '/api/questions/starter-bank')).json();
    assert.deepEqual(again, { imported: 0, skipped: imported });
  });

  test('a kit of the bank schedules an interview showing its first question', async () => {
    const coding = await publishedQuestion(sumQuestion(`kit-sum-${Date.now()}`));
    const created = await portalCall('POST', '/api/kits', { name: 'Adder loop', durationMinutes: 40, sections: [{ title: 'Coding', minutes: 30, questions: [{ id: coding.id }] }] });
    assert.equal(created.status, 201, await created.clone().text());
    const { kit } = await created.json();
    const { kits } = await (await fetch(`${stack.portalUrl}/api/kits`)).json();
    assert.equal(kits[0].id, kit.id);
    assert.equal((await (await fetch(`${stack.portalUrl}/api/kits/${kit.id}`)).json()).kit.kit.name, 'Adder loop');

    const { prompt: _p, language: _l, starterCode: _s, tests: _t, durationMinutes: _d, ...form } = fizzBuzzForm();
    const response = await postJson(`${stack.portalUrl}/api/sessions`, { ...form, title: 'From the kit', source: 'kit', kit: kit.id });
    assert.equal(response.status, 201, await response.clone().text());
    const { session } = await response.json();
    const view = await (await serverCall('GET', `/v1/sessions/${session.id}`)).json();
    assert.equal(view.question.prompt, 'Read **two numbers** and print their sum.');
    assert.equal(view.durationMinutes, 40, "the kit's duration");

    const noKit = await postJson(`${stack.portalUrl}/api/sessions`, { ...form, source: 'kit', kit: '' });
    assert.deepEqual((await noKit.json()).errors.map((/** @type {any} */ e) => e.path), ['kit']);
  });
});

describe('host portal with a wrong API key', () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  before(async () => {
    stack = await startStack({ apiKey: 'not-the-key-0123456789abcdef' });
  });
  after(() => stack?.stop());

  test("answers 502 and passes on the server's reason", async () => {
    const response = await postJson(`${stack.portalUrl}/api/sessions`, fizzBuzzForm());
    assert.equal(response.status, 502);
    const problem = await response.json();
    assert.match(problem.detail, /refused the request \(401/);
  });
});
