import { expect } from '@esm-bundle/chai';
import { ProblemError } from './errors.js';
import { InterviewSession, SessionChangeEvent } from './session.js';
import { collabOf } from './collab/index.js';
import { until } from './testing/helpers.js';
import { createSession, referenceServer, sampleSession, type ReferenceServer } from './testing/reference-server.js';
import { TokenProvider } from './token-provider.js';

describe('InterviewSession against the reference server', () => {
  let server: ReferenceServer;

  before(async () => {
    server = await referenceServer();
  });

  it('loads the view and announces it with a change event', async () => {
    const created = await createSession(server);
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor('observer') });
    const changes: SessionChangeEvent[] = [];
    session.addEventListener('change', (event) => changes.push(event));
    expect(session.view).to.equal(undefined);

    const view = await session.load();
    expect(session.view).to.equal(view);
    expect(view.title).to.equal('Pair programming: sum two numbers');
    expect(view.viewer).to.deep.equal({ role: 'observer', participantId: 'oli' });
    expect(view.participants.map((participant) => participant.id)).to.have.members(['ivy', 'cam', 'oli']);
    expect(changes).to.have.length(1);
    expect(changes[0]!.detail.view).to.equal(view);
  });

  it("keeps the final view after the interviewer ends the session", async () => {
    const created = await createSession(server);
    const session = new InterviewSession({
      server: server.url,
      sessionId: created.id,
      tokenProvider: async () => created.tokenFor('interviewer'),
    });
    const statuses: string[] = [];
    session.addEventListener('change', (event) => statuses.push(event.detail.view.status));
    await session.load();
    await session.end();
    expect(session.view?.status).to.equal('ended');
    expect(statuses).to.deep.equal(['live', 'ended']);
  });

  it('sees the interview live once joining started it (autoStart first-join)', async () => {
    const created = await createSession(server, sampleSession({ autoStart: 'first-join' }), { start: false });
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor('candidate') });
    expect((await session.load()).status).to.equal('scheduled');
    const collab = collabOf(session);
    try {
      await collab.start();
      await until(() => session.view?.status === 'live', 'the live view');
      expect(session.view?.startedAt).to.be.a('string');
    } finally {
      collab.destroy();
    }
  });

  it('shares one token provider and client between its parts', async () => {
    const created = await createSession(server);
    const tokens = new TokenProvider(created.tokenFor('candidate'));
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: tokens });
    expect(session.tokenProvider).to.equal(tokens);
    expect(session.client.tokenProvider).to.equal(tokens);
  });

  it('leaves the view untouched when loading fails', async () => {
    const created = await createSession(server);
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: 'bogus.token.here' });
    let changed = false;
    session.addEventListener('change', () => (changed = true));
    let caught: unknown;
    await session.load().catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(ProblemError);
    expect(session.view).to.equal(undefined);
    expect(changed).to.equal(false);
  });

  it('announces disposal once', () => {
    const session = new InterviewSession({ server: server.url, sessionId: 'any', tokenProvider: 'any' });
    let disposals = 0;
    session.addEventListener('dispose', () => (disposals += 1));
    session.dispose();
    session.dispose();
    expect(session.disposed).to.equal(true);
    expect(disposals).to.equal(1);
  });
});
