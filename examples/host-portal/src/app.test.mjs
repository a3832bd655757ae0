import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openSessionStore } from './session-store.js';
import { fizzBuzzForm, postJson, startStack } from './testing/stack.mjs';

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

    const { sessions } = await (await fetch(`${stack.portalUrl}/api/sessions`)).json();
    assert.equal(sessions[0].id, session.id);

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
      session: { id: session.id, title: 'FizzBuzz warm-up', language: 'python' },
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
    const bodies = await Promise.all(urls.map(async (path) => (await fetch(`${stack.portalUrl}${path}`)).text()));
    const token = await (
      await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/${participant.id}/token`, { method: 'POST' })
    ).text();
    for (const body of [...bodies, token]) assert.ok(!body.includes(stack.interviewKit.apiKey));
  });

  test('bad form input gets readable messages and creates nothing', async () => {
    const before = (await (await fetch(`${stack.portalUrl}/api/sessions`)).json()).sessions.length;
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
    const after = (await (await fetch(`${stack.portalUrl}/api/sessions`)).json()).sessions.length;
    assert.equal(after, before);
  });

  test("forwards the server's problem details when it rejects the interview", async () => {
    const response = await postJson(`${stack.portalUrl}/api/sessions`, {
      ...fizzBuzzForm(),
      prompt: 'x'.repeat(70 * 1024), // above the server's limit for a prompt; the portal does not check it
    });
    assert.equal(response.status, 400);
    const problem = await response.json();
    assert.ok(problem.detail, 'the server explains what was wrong');
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

  test('keeps the list of interviews across a restart', async () => {
    const session = await createInterview();
    const reopened = await openSessionStore(stack.storeFile);
    assert.deepEqual(reopened.get(session.id), session);
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
