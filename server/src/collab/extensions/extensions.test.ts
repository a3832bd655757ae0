import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { onAuthenticatePayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../adapters/db/database.js';
import { createLogger } from '../../logger.js';
import { Counter } from '../../metrics.js';
import { SessionLifecycle } from '../../services/lifecycle.js';
import { SessionService } from '../../services/sessions.js';
import { createTokenSigner, type TokenSigner } from '../../services/tokens.js';
import { sampleSession } from '../../testing/harness.js';
import { DocumentQuotas } from '../document-quotas.js';
import { documentName } from '../documents.js';
import { SessionStatusCache } from '../session-status.js';
import { SharedSessionWriter } from '../shared-session.js';
import { CollabStore } from '../store.js';
import { Authentication, type SyncContext } from './authentication.js';
import { AutoStart } from './auto-start.js';
import { Persistence } from './persistence.js';
import { ReadOnlyEnforcement } from './read-only.js';
import { Refusal } from './refusal.js';

// Each Hocuspocus extension driven on its own, with the payloads Hocuspocus hands it, over a real
// SQLite database: no sync server, no socket.

let dir: string;
let db: Db;
let tokens: TokenSigner;
let sessions: SessionService;
let session: { id: string; tokens: Record<string, string> };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ik-extensions-'));
  db = await openDatabase({ dataDir: dir });
  await db.insertInto('tenants').values({ id: 't', name: 'Tenant', created_at: new Date().toISOString() }).execute();
  tokens = createTokenSigner({ secret: new TextEncoder().encode('x'.repeat(32)), issuer: 'test', ttlSeconds: 60 });
  sessions = new SessionService(db, tokens);
  const { created } = await sessions.create('t', sampleSession());
  session = { id: created.id, tokens: Object.fromEntries(created.participants.map((p) => [p.id, p.token])) };
});

after(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** The payload Hocuspocus passes to `onAuthenticate` for one document of a fresh connection. */
function authPayload(token: string, document: string) {
  return {
    token,
    documentName: document,
    context: {} as Record<string, unknown>,
    connectionConfig: { readOnly: false, isAuthenticated: false },
  } as unknown as onAuthenticatePayload & { context: Record<string, unknown> };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Refusal, `refused with a Refusal, got ${error}`);
    return error.reason;
  }
  assert.fail('expected a refusal');
}

describe('Authentication', () => {
  const auth = () => new Authentication({ tokens, sessions, statuses: new SessionStatusCache() });

  test("binds the connection to the token's participant, as the server stores them", async () => {
    const payload = authPayload(session.tokens.cam!, documentName(session.id, 'shared'));
    const identity = await auth().onAuthenticate(payload);
    const expected: SyncContext = { sessionId: session.id, participantId: 'cam', role: 'candidate', name: 'Cam Candidate', position: 1 };
    assert.deepEqual(identity, expected);
    assert.deepEqual(payload.context, expected, 'later extensions see the identity in the same round');
  });

  test('refuses unknown documents, bad tokens, other sessions and the private document to candidates and observers', async () => {
    const { created: other } = await sessions.create('t', sampleSession());
    assert.equal(await refusal(auth().onAuthenticate(authPayload(session.tokens.cam!, 'no/such/doc'))), 'unknown-document');
    assert.equal(await refusal(auth().onAuthenticate(authPayload('not-a-token', documentName(session.id, 'shared')))), 'unauthorized');
    assert.equal(await refusal(auth().onAuthenticate(authPayload(session.tokens.cam!, documentName(other.id, 'shared')))), 'forbidden');
    assert.equal(await refusal(auth().onAuthenticate(authPayload(session.tokens.cam!, documentName(session.id, 'private')))), 'forbidden');
    assert.equal(await refusal(auth().onAuthenticate(authPayload(session.tokens.oli!, documentName(session.id, 'private')))), 'forbidden');
    const interviewer = await auth().onAuthenticate(authPayload(session.tokens.ivy!, documentName(session.id, 'private')));
    assert.equal(interviewer.role, 'interviewer');
  });
});

describe('ReadOnlyEnforcement', () => {
  test('observers read only; candidates and interviewers write while the session is live, not before or after', async () => {
    const statuses = new SessionStatusCache();
    const lifecycle = new SessionLifecycle(db, sessions);
    lifecycle.onChange(({ session: changed }) => statuses.changed(changed.id, changed.status));
    const { created } = await sessions.create('t', sampleSession({ autoStart: 'manual' }));
    const tokenOf = Object.fromEntries(created.participants.map((p) => [p.id, p.token]));
    const readOnly = async (participant: string) => {
      const payload = authPayload(tokenOf[participant]!, documentName(created.id, 'shared'));
      await new Authentication({ tokens, sessions, statuses }).onAuthenticate(payload);
      await new ReadOnlyEnforcement(statuses).onAuthenticate(payload);
      return payload.connectionConfig.readOnly;
    };
    assert.equal(await readOnly('cam'), true, 'scheduled');
    assert.equal(await readOnly('ivy'), true, 'scheduled');
    await lifecycle.start((await sessions.find(created.id))!, { kind: 'server' });
    assert.equal(await readOnly('oli'), true);
    assert.equal(await readOnly('cam'), false);
    assert.equal(await readOnly('ivy'), false);
    await lifecycle.end((await sessions.find(created.id))!, { kind: 'server' });
    assert.equal(await readOnly('cam'), true, 'ended');
    assert.equal(await readOnly('ivy'), true, 'ended');
  });
});

describe('AutoStart', () => {
  test('the first join starts a first-join session; joins to a live session read the session once, in Authentication', async () => {
    const statuses = new SessionStatusCache();
    const lifecycle = new SessionLifecycle(db, sessions);
    lifecycle.onChange(({ session: changed }) => statuses.changed(changed.id, changed.status));
    let reads = 0;
    const counted = new Proxy(sessions, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key === 'find') return (...args: Parameters<SessionService['find']>) => (reads++, target.find(...args));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const deps = { tokens, sessions: counted, lifecycle, statuses, logger: createLogger('silent') };
    const { created } = await sessions.create('t', sampleSession({ autoStart: 'first-join' }));
    const tokenOf = Object.fromEntries(created.participants.map((p) => [p.id, p.token]));
    const join = async (participant: string) => {
      const payload = Object.assign(authPayload(tokenOf[participant]!, documentName(created.id, 'shared')), { instance: { documents: new Map() } });
      await new Authentication(deps).onAuthenticate(payload);
      await new AutoStart(deps).onAuthenticate(payload);
      await new ReadOnlyEnforcement(statuses).onAuthenticate(payload);
      return payload.connectionConfig.readOnly;
    };
    assert.equal(await join('cam'), false, 'the candidate who starts it writes at once');
    assert.equal((await sessions.find(created.id))!.status, 'live');
    reads = 0;
    assert.equal(await join('ivy'), false);
    assert.equal(await join('cam'), false);
    assert.equal(reads, 2, 'one read per join');
  });
});

describe('Persistence', () => {
  test("seeds a new shared document with the question's starter code, language and the session's state, stored as the server's", async () => {
    const store = new CollabStore(db, { statuses: new SessionStatusCache() });
    const persistence = new Persistence({
      logger: createLogger('silent'),
      store,
      sessions,
      statuses: new SessionStatusCache(),
      updates: new Counter({ name: 't', help: 't', registers: [] }),
      quotas: new DocumentQuotas(2 * 1024 * 1024),
      sharedSession: new SharedSessionWriter({ store, sessions, logger: createLogger('silent') }),
    });
    const name = documentName(session.id, 'shared');
    // What Hocuspocus hands the hook: the document to fill, and itself (no other document loading).
    const instance = { loadingDocuments: new Map() };
    const document = Object.assign(new Y.Doc(), { name });
    await persistence.onLoadDocument({ document, documentName: name, instance } as never);
    assert.equal(document.getText('code').toString(), sampleSession().question.starterCode);
    assert.equal(document.getMap('meta').get('language'), 'python');
    assert.deepEqual(document.getMap('session').toJSON(), { status: 'scheduled' }, 'the state, times not set yet');

    const reloaded = Object.assign(new Y.Doc(), { name });
    await persistence.onLoadDocument({ document: reloaded, documentName: name, instance } as never);
    assert.equal(reloaded.getText('code').toString(), sampleSession().question.starterCode, 'loaded from the log, not seeded twice');
    assert.equal(reloaded.getMap('session').get('status'), 'scheduled');
    const timeline = await store.timeline(name);
    assert.equal(timeline.length, 1, 'the seed and the state, written once, together (one commit)');
    assert.equal(timeline[0]!.author, null, 'the server’s');
  });
});
