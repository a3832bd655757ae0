import { expect } from '@esm-bundle/chai';
import { InterviewClient } from './client.js';
import { NetworkError, ProblemError } from './errors.js';
import { createSession, issueToken, referenceServer, type ReferenceServer, type CreatedSession } from './testing/reference-server.js';
import { TokenProvider } from './token-provider.js';

/** Resolves with what the promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

describe('InterviewClient against the reference server', () => {
  let server: ReferenceServer;
  let session: CreatedSession;

  before(async () => {
    server = await referenceServer();
  });

  beforeEach(async () => {
    session = await createSession(server);
  });

  it("shows the candidate the session without the hidden tests' content", async () => {
    const client = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('candidate') });
    const view = await client.getSession(session.id);
    expect(view.id).to.equal(session.id);
    expect(view.status).to.equal('live');
    expect(view.viewer).to.deep.equal({ role: 'candidate', participantId: 'cam' });
    expect(view.question.tests).to.have.length(1);
    expect(view.question.tests.every((test) => !test.hidden)).to.equal(true);
    expect(JSON.stringify(view)).not.to.contain('40 2');
    expect(view.question.hiddenTestCount).to.equal(1);
  });

  it('shows the interviewer the hidden tests too', async () => {
    const client = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('interviewer') });
    const view = await client.getSession(session.id);
    expect(view.viewer.role).to.equal('interviewer');
    expect(view.question.tests.map((test) => test.stdin)).to.deep.equal(['1 2\n', '40 2\n']);
  });

  it('streams a run: start, output and result events, and resolves with the run', async () => {
    const client = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('candidate') });
    const events: string[] = [];
    const run = await client.run(
      { language: 'python', code: 'print(input())', stdin: 'echo\n', tests: 'all' },
      { onEvent: (event) => events.push(event.event) },
    );
    expect(run.stdout).to.equal('echo\n');
    expect(events[0]).to.equal('start');
    expect(events).to.include('output').and.include('test');
    expect(events.at(-1)).to.equal('result');
    // A candidate's answer never waits for hidden tests: they are pending until a fixed reveal time.
    expect(run.hiddenSummary).to.equal(undefined);
    expect(run.hiddenTests?.status).to.equal('pending');
    expect(run.hiddenTests?.total).to.equal(1);
  });

  it('reaches languages, collaboration tickets, the timeline and feedback through typed methods', async () => {
    const interviewer = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('interviewer') });
    const languages = await interviewer.languages();
    expect(languages.languages.map((language) => language.id)).to.include('python');
    const ticket = await interviewer.collabTicket(session.id);
    expect(ticket.documents.private).to.be.a('string');
    expect(ticket.snapshot).to.be.a('string');
    // A fresh signaling ticket for a client that holds the document already: without it.
    const bare = await interviewer.collabTicket(session.id, { snapshot: false });
    expect(bare.snapshot).to.equal(null);
    expect(bare.ticket).to.be.a('string').and.not.equal(ticket.ticket);
    expect((await interviewer.timeline(session.id)).updates).to.be.an('array');
    const own = await interviewer.ownFeedback(session.id);
    expect(own.feedback).to.equal(null);
    const content = { competencies: {}, recommendation: null, summary: 'draft' };
    expect((await interviewer.saveFeedbackDraft(session.id, content)).status).to.equal('draft');
    const refused = await rejection(interviewer.submitFeedback(session.id, content));
    expect((refused as ProblemError).status).to.equal(400);
    expect((refused as ProblemError).problem.errors?.length).to.be.greaterThan(0);
  });

  it('rejects a bogus token with a 401 ProblemError carrying the problem details', async () => {
    const client = new InterviewClient({ server: server.url, tokenProvider: 'not.a.token' });
    const error = await rejection(client.getSession(session.id));
    expect(error).to.be.instanceOf(ProblemError);
    const problem = (error as ProblemError).problem;
    expect((error as ProblemError).status).to.equal(401);
    expect(problem.status).to.equal(401);
    expect(problem.title).to.be.a('string').and.not.equal('');
    expect(problem.detail).to.be.a('string').and.not.equal('');
    expect((error as ProblemError).message).to.equal(problem.detail);
  });

  it("rejects another session's token", async () => {
    const other = await createSession(server);
    const client = new InterviewClient({ server: server.url, tokenProvider: other.tokenFor('interviewer') });
    const error = await rejection(client.getSession(session.id));
    expect(error).to.be.instanceOf(ProblemError);
    expect((error as ProblemError).status).to.be.oneOf([401, 403, 404]);
  });

  it('retries once with a fresh token from an async provider after a 401', async () => {
    const handedOut: string[] = [];
    const provider = new TokenProvider(async () => {
      // The first token is stale; the next ones come from the host backend's token endpoint.
      const token = handedOut.length === 0 ? 'stale.token.value' : (await issueToken(server, session.id, 'cam')).token;
      handedOut.push(token);
      return token;
    });
    const client = new InterviewClient({ server: server.url, tokenProvider: provider });
    const view = await client.getSession(session.id);
    expect(view.viewer.participantId).to.equal('cam');
    expect(handedOut).to.have.length(2);
    // The fresh token is cached: the next call needs no new one.
    await client.getSession(session.id);
    expect(handedOut).to.have.length(2);
  });

  it('gives up after one retry when the fresh token is rejected too', async () => {
    let calls = 0;
    const client = new InterviewClient({
      server: server.url,
      tokenProvider: async () => {
        calls += 1;
        return `bogus.token.${calls}`;
      },
    });
    const error = await rejection(client.getSession(session.id));
    expect((error as ProblemError).status).to.equal(401);
    expect(calls).to.equal(2);
  });

  it('lets an interviewer end the session, but not the candidate', async () => {
    const candidate = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('candidate') });
    const refused = await rejection(candidate.endSession(session.id));
    expect(refused).to.be.instanceOf(ProblemError);
    expect((refused as ProblemError).status).to.equal(403);

    const interviewer = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('interviewer') });
    const ended = await interviewer.endSession(session.id);
    expect(ended.status).to.equal('ended');
    expect(ended.endedAt).to.be.a('string');
    expect((await candidate.getSession(session.id)).status).to.equal('ended');
  });

  it('fetches a LiveKit URL and token for the participant', async () => {
    const client = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('candidate') });
    const grant = await client.liveKitToken(session.id);
    expect(grant.url).to.equal(server.liveKitUrl);
    expect(grant.token.split('.')).to.have.length(3);
  });

  it('reports a 503 problem when the server has no LiveKit', async () => {
    const bare = await referenceServer({ liveKit: false });
    const bareSession = await createSession(bare);
    const client = new InterviewClient({ server: bare.url, tokenProvider: bareSession.tokenFor('candidate') });
    const error = await rejection(client.liveKitToken(bareSession.id));
    expect(error).to.be.instanceOf(ProblemError);
    expect((error as ProblemError).status).to.equal(503);
  });

  it('serves other endpoints through the generic request()', async () => {
    const client = new InterviewClient({ server: `${server.url}/` });
    const document = await client.request<{ openapi: string; paths: Record<string, unknown> }>('GET', '/v1/openapi.json');
    expect(document.openapi).to.match(/^3\./);
    expect(Object.keys(document.paths)).to.include('/v1/sessions/{id}');
  });

  it('turns an unreachable server into a NetworkError', async () => {
    // Port 9 (discard) never answers HTTP; browsers refuse to connect to it at all.
    const client = new InterviewClient({ server: 'http://127.0.0.1:9', tokenProvider: 'any-token' });
    const error = await rejection(client.getSession('whatever'));
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).message).to.contain('http://127.0.0.1:9');
  });

  it('passes an abort through as an AbortError, not a network failure', async () => {
    const client = new InterviewClient({ server: server.url, tokenProvider: session.tokenFor('candidate') });
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(client.request('GET', `/v1/sessions/${session.id}`, undefined, { signal: controller.signal }));
    expect(error).not.to.be.instanceOf(NetworkError);
    expect((error as Error).name).to.equal('AbortError');
  });
});
