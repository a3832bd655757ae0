// The session chat against the real app: stock Hocuspocus providers on the shared document, the
// real rate limiter, SQLite in a temp dir (or TEST_DATABASE_URL), DATA_ENCRYPTION_KEY set.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage } from '@interview-kit/core/chat';
import { changeSession } from '@interview-kit/core/testing';
import * as Y from 'yjs';
import { closeReasons, connectProvider, destroyClosedProvider, interviewerAndCandidate, until, wsUrl } from '../testing/collab.js';
import { call, createSession, problemOf, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { tablesHolding } from '../testing/raw-bytes.js';

const chatOf = (doc: Y.Doc) => doc.getArray<ChatMessage>('chat').toArray();
const post = (server: TestServer, session: CreatedSession, token: string, text: unknown) =>
  call(server.url, 'POST', `/v1/sessions/${session.id}/chat`, { auth: token, body: { text } });

describe('session chat', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({
      env: { DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`, CHAT_RATE_LIMIT_PER_PARTICIPANT: '4', CHAT_MAX_MESSAGES: '6' },
    });
  });
  after(() => server?.dispose());

  test("a message reaches the other participant's document stamped by the server, is sealed at rest, listed page by page and survives a restart", async () => {
    const session = await createSession(server);
    const marker = `Heron-${randomBytes(4).toString('hex')}`;
    let { interviewer, candidate } = await interviewerAndCandidate(wsUrl(server), session);
    try {
      const sent = await post(server, session, session.tokenFor('candidate'), `  ${marker} hello\n `);
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.deepEqual([sent.body.participantId, sent.body.name, sent.body.role, sent.body.text], ['cam', 'Cam Candidate', 'candidate', `${marker} hello`]);
      assert.ok(Math.abs(Date.parse(sent.body.at) - Date.now()) < 60_000, "the server's time");
      await until(() => chatOf(interviewer.doc).length === 1, 'the message at the interviewer');
      assert.deepEqual(chatOf(interviewer.doc)[0], sent.body, 'the shared record is what the server answered');
      assert.equal((await post(server, session, session.tokenFor('observer'), 'Observer here')).status, 201, 'observers write too');
      await until(() => chatOf(candidate.doc).length === 2, 'both messages at the candidate');
      assert.deepEqual(chatOf(candidate.doc).map((m) => m.role), ['candidate', 'observer']);
    } finally {
      interviewer.provider.destroy();
      candidate.provider.destroy();
    }
    await server.services.collab.store.idle();
    assert.deepEqual(await tablesHolding(server, marker), [], 'sealed: no table holds the text in clear');

    const first = await call(server.url, 'GET', `/v1/sessions/${session.id}/chat?limit=1`, { auth: server.apiKey });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.messages.map((m: ChatMessage) => m.text), [`${marker} hello`]);
    const second = await call(server.url, 'GET', `/v1/sessions/${session.id}/chat?limit=1&cursor=${first.body.nextCursor}`, { auth: session.tokenFor('observer') });
    assert.deepEqual([second.body.messages.map((m: ChatMessage) => m.name), second.body.nextCursor], [['Oli Observer'], null]);
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/chat?cursor=nonsense`, { auth: server.apiKey }), 400, 'a cursor of its own');
    const audited = await call(server.url, 'GET', `/v1/audit?action=chat.read&resource=session:${session.id}`, { auth: server.apiKey });
    assert.equal(audited.body.entries.length, 2, 'every read of the chat is audited');

    server = await server.restart();
    const later = connectProvider(wsUrl(server), session.id, session.tokenFor('interviewer'));
    try {
      await until(() => chatOf(later.doc).length === 2, 'the chat after a restart');
      assert.equal(chatOf(later.doc)[0]!.text, `${marker} hello`);
      const listed = await call(server.url, 'GET', `/v1/sessions/${session.id}/chat`, { auth: session.tokenFor('candidate') });
      assert.deepEqual(listed.body.messages.map((m: ChatMessage) => m.text), [`${marker} hello`, 'Observer here']);
    } finally {
      later.provider.destroy();
    }
  });

  test('a forged client write to the chat is refused: the forger is told why, nobody sees it, nothing is stored', async () => {
    const session = await createSession(server);
    const { interviewer, candidate: forger } = await interviewerAndCandidate(wsUrl(server), session);
    const reasons = closeReasons(forger.provider);
    try {
      forger.doc.getArray('chat').push([{ id: 'forged', participantId: 'ivy', name: 'Ivy Interviewer', role: 'interviewer', text: 'You passed', at: new Date().toISOString() }]);
      await until(() => reasons.some((r) => r.includes('only the server writes "chat"')), 'the refusal at the forger');
      assert.equal((await post(server, session, session.tokenFor('interviewer'), 'a real one')).status, 201);
      await until(() => chatOf(interviewer.doc).length === 1, 'the real message');
      assert.deepEqual(chatOf(interviewer.doc).map((m) => m.text), ['a real one']);
      const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`, { auth: session.tokenFor('interviewer') });
      const stored = new Y.Doc();
      for (const u of body.updates) Y.applyUpdate(stored, Buffer.from(u.update, 'base64'));
      assert.deepEqual(chatOf(stored).map((m) => m.text), ['a real one'], 'only the server’s message is in the stored history');
    } finally {
      await destroyClosedProvider(forger.provider);
      interviewer.provider.destroy();
    }
  });

  test('refusals: an empty or too long message (400), the host (401: participants only), past the rate (429), past the cap (409), after the end (409)', async () => {
    const session = await createSession(server, undefined, { start: false });
    const cam = session.tokenFor('candidate');
    problemOf(await post(server, session, cam, '   \n '), 400, 'an empty message');
    problemOf(await post(server, session, cam, 'x'.repeat(2001)), 400, 'a message over 2000 characters');
    problemOf(await post(server, session, server.apiKey, 'from the host'), 401, 'the host has no participant token');
    assert.equal((await post(server, session, cam, 'x'.repeat(2000))).status, 201, 'in the lobby, 2000 characters');
    for (let i = 0; i < 3; i++) assert.equal((await post(server, session, cam, `lobby ${i}`)).status, 201);
    const limited = await post(server, session, cam, 'one too many');
    problemOf(limited, 429, 'the fifth message of a minute');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'with Retry-After');

    const ivy = session.tokenFor('interviewer');
    await changeSession(server, session.id, 'start');
    assert.equal((await post(server, session, ivy, 'five')).status, 201, 'others still write');
    assert.equal((await post(server, session, ivy, 'six')).status, 201);
    problemOf(await post(server, session, ivy, 'seven'), 409, 'the chat holds CHAT_MAX_MESSAGES');

    const ended = await createSession(server);
    await changeSession(server, ended.id, 'end');
    const refused = problemOf(await post(server, ended, ended.tokenFor('candidate'), 'too late'), 409, 'after the end');
    assert.match(refused.detail ?? '', /ended/);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${ended.id}/chat`, { auth: ended.tokenFor('candidate') })).status, 200, 'still readable');
  });
});
