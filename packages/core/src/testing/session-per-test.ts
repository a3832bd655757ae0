// The mocha hooks the element tests share: the real reference server once per file, a session of
// its own for every test, and after each test its cleanups run and the page emptied.
import { InterviewSession } from '../session.js';
import type { Role } from '../protocol.js';
import { createSession, referenceServer, type CreatedSession, type ReferenceServer } from './reference-server.js';

/** What the hooks keep: read `server` and `created` inside tests (the hooks set them; a test may put another interview in `created`). */
export interface SessionPerTest {
  readonly server: ReferenceServer;
  created: CreatedSession;
  /** Run after the test, then forgotten. */
  readonly cleanups: (() => void)[];
  /** An unloaded session of the test's interview as `role` sees it, disposed after the test. */
  sessionFor(role: Role): InterviewSession;
}

/** Registers the hooks in the enclosing `describe`; `newSession` makes each test's session (default the sample). */
export function sessionPerTest(newSession: (server: ReferenceServer) => Promise<CreatedSession> = (server) => createSession(server)): SessionPerTest {
  const stage = {
    server: undefined as unknown as ReferenceServer,
    created: undefined as unknown as CreatedSession,
    cleanups: [] as (() => void)[],
    sessionFor(role: Role): InterviewSession {
      const session = new InterviewSession({ server: stage.server.url, sessionId: stage.created.id, tokenProvider: stage.created.tokenFor(role) });
      stage.cleanups.push(() => session.dispose());
      return session;
    },
  };
  before(async () => {
    stage.server = await referenceServer({ liveKit: false });
  });
  beforeEach(async () => {
    stage.created = await newSession(stage.server);
  });
  afterEach(() => {
    stage.cleanups.splice(0).forEach((cleanup) => cleanup());
    document.body.innerHTML = '';
  });
  return stage;
}
