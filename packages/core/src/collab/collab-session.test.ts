import { expect } from '@esm-bundle/chai';
import * as Y from 'yjs';
import type { Role } from '../protocol.js';
import { InterviewSession } from '../session.js';
import { until } from '../testing/helpers.js';
import { createSession, referenceServer, sampleSession, type CreatedSession, type ReferenceServer } from '../testing/reference-server.js';
import { startSession } from '../testing/sessions.js';
import { CollabSession } from './collab-session.js';
import type { SaveState } from './save-state.js';
import { sharedSessionOf, sharedSessionStateFrom, type SharedSessionState } from './session-state.js';

/**
 * Writes a lifecycle into the document's `Y.Map('session')` as an update from elsewhere, as the
 * server's writes arrive (a write made by the page itself is not followed).
 */
function writeLifecycle(doc: Y.Doc, state: SharedSessionState): void {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  server.transact(() => {
    const map = sharedSessionOf(server);
    for (const [key, value] of Object.entries(state)) map.set(key, value);
  });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), 'server');
  server.destroy();
}

describe('CollabSession against the reference server', () => {
  let server: ReferenceServer;
  const cleanups: (() => void)[] = [];

  before(async () => {
    server = await referenceServer({ liveKit: false });
  });
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  /** `fetch`: the session's requests go through it (to record them, or hold an answer back). */
  const sessionFor = (created: CreatedSession, role: Role, fetch?: typeof globalThis.fetch) => {
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role), ...(fetch ? { fetch } : {}) });
    cleanups.push(() => session.dispose());
    return session;
  };

  const collabOn = (session: InterviewSession) => {
    const collab = new CollabSession(session, { peerToPeer: false });
    cleanups.push(() => collab.destroy());
    return collab;
  };

  /** A request's URL. */
  const urlOf = (input: RequestInfo | URL) => new URL(input instanceof Request ? input.url : input);

  const joined = async (created: CreatedSession, role: Role) => {
    const collab = collabOn(sessionFor(created, role));
    const saveStates: SaveState[] = [];
    collab.addEventListener('save-state', (event) => saveStates.push(event.detail.state));
    await collab.whenSynced();
    return { collab, saveStates };
  };

  describe('following the lifecycle written into the document', () => {
    it('turns read-only at once when the document says the interview ended, then reloads the view', async () => {
      const created = await createSession(server);
      const { collab } = await joined(created, 'candidate');
      expect(collab.readOnly).to.equal(false);
      // Keep the write local (disconnected before the end, so that the server's own push cannot
      // arrive first): in a real room the server writes the map and it arrives by sync.
      collab.disconnect();
      const ended = await sessionFor(created, 'interviewer').end();
      const events: string[] = [];
      collab.addEventListener('readonly', (event) => events.push(`readonly:${event.detail.readOnly}`));
      collab.addEventListener('session-state', (event) => events.push(`session-state:${event.detail.state.status}`));

      writeLifecycle(collab.doc, sharedSessionStateFrom(ended));

      expect(collab.readOnly, 'read-only before the reload returns').to.equal(true);
      // Every part sees the pushed state at once, before the reload returns.
      expect(collab.session.view?.status).to.equal('ended');
      expect(events).to.deep.equal(['readonly:true', 'session-state:ended']);
      expect(collab.sessionState).to.deep.include({ status: 'ended', endReason: 'interviewer' });
      await until(() => collab.session.view?.endedAt === ended.endedAt, 'the reloaded view');

      collab.reportBlockedEdit();
      expect(collab.saveState).to.deep.equal({ kind: 'refused', reason: 'ended' });
    });

    it('does not follow a lifecycle written by the page itself', async () => {
      const created = await createSession(server);
      const { collab } = await joined(created, 'candidate');
      collab.disconnect();
      sharedSessionOf(collab.doc).set('status', 'ended');
      expect(collab.readOnly).to.equal(false);
      expect(collab.session.view?.status).to.equal('live');
      expect(collab.sessionState?.status).to.equal('live');
    });

    it('reloads the view once per burst of changes (one load in flight, one queued), and not for a lifecycle it already shows', async () => {
      const created = await createSession(server);
      const { collab } = await joined(created, 'candidate');
      collab.disconnect();
      const view = collab.session.view!;
      let loads = 0;
      const load = collab.session.load.bind(collab.session);
      collab.session.load = () => {
        loads++;
        return load();
      };

      writeLifecycle(collab.doc, sharedSessionStateFrom(view));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(loads, 'the view already shows this lifecycle').to.equal(0);

      const later = (minutes: number) => new Date(Date.parse(view.endsAt!) + minutes * 60_000).toISOString();
      writeLifecycle(collab.doc, { ...sharedSessionStateFrom(view), endsAt: later(5) });
      writeLifecycle(collab.doc, { ...sharedSessionStateFrom(view), endsAt: later(10) });
      writeLifecycle(collab.doc, { ...sharedSessionStateFrom(view), endsAt: later(15) });
      expect(collab.sessionState?.endsAt).to.equal(later(15));
      await until(() => loads === 2, 'two loads');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(loads).to.equal(2);
    });

    it('turns writable when a scheduled interview goes live, with a ticket that leaves out the document it holds', async () => {
      const created = await createSession(server, sampleSession({ autoStart: 'manual' }), { start: false });
      const tickets: URL[] = [];
      const collab = collabOn(
        sessionFor(created, 'candidate', (input, init) => {
          const url = urlOf(input);
          if (url.pathname.endsWith('/collab-ticket')) tickets.push(url);
          return globalThis.fetch(input, init);
        }),
      );
      await collab.whenSynced();
      expect(collab.readOnly).to.equal(true);
      const writable = new Promise<boolean>((resolve) => collab.addEventListener('readonly', (event) => resolve(event.detail.readOnly)));
      await startSession(server, created.id);
      const live = await sessionFor(created, 'interviewer').load();
      writeLifecycle(collab.doc, sharedSessionStateFrom(live));
      expect(await writable).to.equal(false);
      expect(collab.readOnly).to.equal(false);
      expect(collab.session.view?.status).to.equal('live');
      // The first ticket brought the document; the one that unlocked editing did not ask for it again.
      expect(tickets.map((url) => url.searchParams.get('snapshot'))).to.deep.equal([null, 'false']);
    });
  });

  describe('the ticket’s snapshot', () => {
    it('shows the server’s document before the sync socket exists; what is typed on it then reaches everyone, saved', async () => {
      const created = await createSession(server);
      const collab = collabOn(sessionFor(created, 'candidate'));
      const atLoad = new Promise<{ status: string; code: string }>((resolve) =>
        collab.addEventListener('loaded', () => {
          const code = collab.code.toString();
          // Typed at once, while the socket is not even created.
          collab.code.insert(collab.code.length, '# typed before the sync\n');
          resolve({ status: collab.status, code });
        }),
      );
      void collab.start();
      const { status, code } = await atLoad;
      expect(status).to.equal('connecting');
      expect(code).to.equal('a, b = map(int, input().split())\nprint(a + b)\n');
      expect(collab.loaded).to.equal(true);
      await until(() => collab.saveState.kind === 'saved', 'the edit saved');
      const other = await joined(created, 'interviewer');
      expect(other.collab.code.toString()).to.equal('a, b = map(int, input().split())\nprint(a + b)\n# typed before the sync\n');
    });

    /**
     * A session whose fetch lets the server answer the view first, but hands it to the page only
     * once the ticket (and its snapshot) was applied: the order in which the answers may arrive.
     */
    const snapshotFirst = (created: CreatedSession, role: Role) => {
      const views: string[] = [];
      let viewAnswered!: () => void;
      const answered = new Promise<void>((resolve) => (viewAnswered = resolve));
      let ticketApplied!: () => void;
      const applied = new Promise<void>((resolve) => (ticketApplied = resolve));
      const session = sessionFor(created, role, async (input, init) => {
        const path = urlOf(input).pathname;
        if (path.endsWith('/collab-ticket')) {
          await answered;
          return globalThis.fetch(input, init);
        }
        if (path === `/v1/sessions/${created.id}` && (init?.method ?? 'GET') === 'GET') {
          const response = globalThis.fetch(input, init);
          views.push((await (await response).clone().json()).status);
          viewAnswered();
          if (views.length === 1) await applied;
          return response;
        }
        return globalThis.fetch(input, init);
      });
      const collab = collabOn(session);
      collab.addEventListener('loaded', () => setTimeout(ticketApplied, 50));
      return { session, collab, views };
    };

    it('asks for the session view once when the snapshot arrives before it', async () => {
      const created = await createSession(server);
      const { session, collab, views } = snapshotFirst(created, 'candidate');
      await Promise.all([session.load(), collab.start()]);
      await collab.whenSynced();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(collab.sessionState?.status).to.equal('live');
      expect(session.view?.status).to.equal('live');
      expect(views).to.deep.equal(['live']);
    });

    it('brings a view that predates the snapshot’s lifecycle in line (joining started the interview)', async () => {
      const created = await createSession(server, sampleSession({ autoStart: 'first-join' }), { start: false });
      const { session, collab, views } = snapshotFirst(created, 'candidate');
      await Promise.all([session.load(), collab.start()]);
      await until(() => session.view?.status === 'live', 'the view live');
      expect(views[0]).to.equal('scheduled');
      expect(collab.readOnly).to.equal(false);
    });
  });

  describe('save state', () => {
    it('says saved only after the server acknowledged the last change: offline while disconnected, saving, then saved', async () => {
      const created = await createSession(server);
      const { collab, saveStates } = await joined(created, 'candidate');
      await until(() => collab.saveState.kind === 'saved', 'saved after the first sync');
      saveStates.length = 0;

      collab.disconnect();
      await until(() => collab.status === 'offline', 'offline');
      collab.code.insert(0, '# offline edit\n');
      expect(collab.saveState.kind).to.equal('offline');

      collab.reconnect();
      await until(() => collab.saveState.kind === 'saved', 'saved after the reconnect');
      expect(saveStates.map((state) => state.kind)).to.deep.equal(['offline', 'saving', 'saved']);
      const other = await joined(created, 'interviewer');
      expect(other.collab.code.toString().startsWith('# offline edit\n')).to.equal(true);
    });

    it('shows an edit the server refuses after the interview ended as refused ("ended"), never as saved', async () => {
      const created = await createSession(server);
      const { collab, saveStates } = await joined(created, 'candidate');
      await sessionFor(created, 'interviewer').end();
      saveStates.length = 0;

      // The candidate has not heard of the end yet; the server refuses the edit, and the view tells why.
      collab.code.insert(0, '# too late\n');
      await until(() => collab.saveState.kind === 'refused' && collab.saveState.reason === 'ended', 'refused: ended');
      expect(collab.readOnly).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(saveStates.map((state) => state.kind)).to.not.include('saved');
      const other = await joined(created, 'interviewer');
      expect(other.collab.code.toString()).to.not.include('# too late');
    });

    it('shows an edit past the document size limit as refused ("quota"), also after reconnecting', async () => {
      const created = await createSession(server);
      const { collab } = await joined(created, 'candidate');
      // The default cap is 2 MiB of edits per document, frames at most 1 MiB, 2 MiB of burst then 128 KiB/s per connection.
      const chunk = (kib: number, mark: string) => `# ${mark}\n${'x'.repeat(kib * 1024)}\n`;
      collab.code.insert(collab.code.length, chunk(900, 'first'));
      await until(() => collab.saveState.kind === 'saved', 'the first chunk saved');
      collab.code.insert(collab.code.length, chunk(900, 'second'));
      await until(() => collab.saveState.kind === 'saved', 'the second chunk saved');
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // within the byte rate, so only the cap refuses

      collab.code.insert(collab.code.length, chunk(300, 'third'));
      await until(() => collab.saveState.kind === 'refused', 'the refusal');
      expect(collab.saveState).to.deep.equal({ kind: 'refused', reason: 'quota' });
      await until(() => collab.status === 'synced', 'reconnected');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(collab.saveState).to.deep.equal({ kind: 'refused', reason: 'quota' });
      const other = await joined(created, 'interviewer');
      expect(other.collab.code.toString()).to.include('# second').and.not.include('# third');
    });

    it('tells an observer who tries to type that it can only read', async () => {
      const created = await createSession(server);
      const { collab } = await joined(created, 'observer');
      await until(() => collab.saveState.kind === 'saved', 'nothing pending');
      collab.reportBlockedEdit();
      expect(collab.saveState).to.deep.equal({ kind: 'refused', reason: 'read-only' });
    });
  });
});
