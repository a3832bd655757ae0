import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SessionList, SessionView } from '@interview-kit/core/protocol';
import { openDatabase } from '../adapters/db/database.js';
import { eventsOf } from '../services/session-events.js';
import { connectProvider, until, wsUrl } from '../testing/collab.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.dispose());

const host = () => ({ auth: server.apiKey });
const scheduled = (overrides: Parameters<typeof sampleSession>[0] = {}) => createSession(server, sampleSession(overrides), { start: false });
const view = async (id: string, auth: string) => (await call<SessionView>(server.url, 'GET', `/v1/sessions/${id}`, { auth })).body;
const post = (path: string, auth: string, body?: unknown) => call<SessionView>(server.url, 'POST', path, { auth, ...(body === undefined ? {} : { body }) });

describe('session states', () => {
  test('scheduled → live → ended: each transition idempotent, the timer counting from the start, illegal ones 409 naming the state', async () => {
    const s = await scheduled({ autoStart: 'manual', durationMinutes: 30 });
    const before = await view(s.id, s.tokens.cam!);
    assert.equal(before.status, 'scheduled');
    assert.equal(before.startedAt, null);
    assert.equal(before.endsAt, null, 'no end before the start');

    problemOf(await post(`/v1/sessions/${s.id}/start`, s.tokens.cam!), 403, 'a candidate starts');
    problemOf(await post(`/v1/sessions/${s.id}/end`, s.tokens.ivy!), 409, 'end before the start');

    const started = await post(`/v1/sessions/${s.id}/start`, s.tokens.ivy!);
    assert.equal(started.status, 200);
    assert.equal(started.body.status, 'live');
    const startedAt = Date.parse(started.body.startedAt!);
    assert.ok(Math.abs(startedAt - Date.now()) < 5_000, 'the start is now, not the creation');
    assert.equal(Date.parse(started.body.endsAt!) - startedAt, 30 * 60_000);
    assert.equal((await post(`/v1/sessions/${s.id}/start`, server.apiKey)).body.startedAt, started.body.startedAt, 'starting again changes nothing');

    const cancel = problemOf(await post(`/v1/sessions/${s.id}/cancel`, s.tokens.ivy!), 409);
    assert.match(cancel.detail, /is live/);

    const ended = await post(`/v1/sessions/${s.id}/end`, s.tokens.ivy!);
    assert.equal(ended.body.status, 'ended');
    assert.equal(ended.body.endReason, 'interviewer');
    assert.equal((await post(`/v1/sessions/${s.id}/end`, server.apiKey)).body.endedAt, ended.body.endedAt, 'ending again changes nothing');
    assert.match(problemOf(await post(`/v1/sessions/${s.id}/start`, s.tokens.ivy!), 409).detail, /is ended/);

    const events = await eventsOf(server.db, s.id);
    assert.deepEqual(events.map((e) => e.type), ['session.created', 'session.started', 'session.ended']);
    assert.equal(events[2]!.data.endReason, 'interviewer');
  });

  test('a cancelled session refuses its participants’ tokens, issues no new ones, and cannot start', async () => {
    const s = await scheduled({ autoStart: 'manual' });
    const cancelled = await post(`/v1/sessions/${s.id}/cancel`, server.apiKey);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal(cancelled.body.endReason, 'cancelled');
    assert.match(problemOf(await call(server.url, 'GET', `/v1/sessions/${s.id}`, { auth: s.tokens.cam! }), 401).detail, /cancelled/);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${s.id}/collab-ticket`, { auth: s.tokens.ivy! }), 401);
    problemOf(await call(server.url, 'POST', `/v1/sessions/${s.id}/tokens`, { auth: server.apiKey, body: { participantId: 'cam' } }), 409);
    assert.match(problemOf(await post(`/v1/sessions/${s.id}/start`, server.apiKey), 409).detail, /is cancelled/);
    assert.equal((await view(s.id, server.apiKey)).status, 'cancelled', 'the host still sees it');
    assert.deepEqual((await eventsOf(server.db, s.id)).map((e) => e.type), ['session.created', 'session.cancelled']);
  });

  test('runs need a live interview', async () => {
    const s = await scheduled({ autoStart: 'manual' });
    const res = await call(server.url, 'POST', '/v1/runs', { auth: s.tokens.cam!, body: { language: 'python', code: 'print(1)' } });
    assert.match(problemOf(res, 409).detail, /scheduled/);
  });
});

describe('time', () => {
  test('extensions and a candidate’s extra time move the end; only interviewers and the host see the accommodation', async () => {
    const base = sampleSession({ autoStart: 'manual', durationMinutes: 30 });
    const s = await createSession(
      server,
      { ...base, participants: base.participants.map((p) => (p.id === 'cam' ? { ...p, extraTimeMinutes: 15 } : p)) },
      { start: false },
    );
    const started = (await post(`/v1/sessions/${s.id}/start`, s.tokens.ivy!)).body;
    assert.equal(Date.parse(started.endsAt!) - Date.parse(started.startedAt!), 45 * 60_000, 'duration + extra time');

    problemOf(await post(`/v1/sessions/${s.id}/extend`, s.tokens.cam!, { minutes: 10 }), 403);
    problemOf(await post(`/v1/sessions/${s.id}/extend`, s.tokens.ivy!, { minutes: 0 }), 400);
    const extended = (await post(`/v1/sessions/${s.id}/extend`, s.tokens.ivy!, { minutes: 10 })).body;
    assert.equal(extended.extendedMinutes, 10);
    assert.equal(Date.parse(extended.endsAt!) - Date.parse(started.endsAt!), 10 * 60_000);

    assert.equal((await view(s.id, s.tokens.ivy!)).participants.find((p) => p.id === 'cam')?.extraTimeMinutes, 15);
    assert.equal((await view(s.id, s.tokens.cam!)).participants.find((p) => p.id === 'cam')?.extraTimeMinutes, undefined);
    await post(`/v1/sessions/${s.id}/end`, s.tokens.ivy!);
    problemOf(await post(`/v1/sessions/${s.id}/extend`, s.tokens.ivy!, { minutes: 5 }), 409);
  });

  test('a session with autoEnd ends at endsAt, also when the end time passed while the server was down', async () => {
    const own = await startTestServer();
    try {
      const s = await createSession(own, sampleSession({ autoStart: 'manual', autoEnd: true, durationMinutes: 5 }), { start: false });
      const other = await createSession(own, sampleSession({ autoStart: 'manual', durationMinutes: 5 }), { start: false });
      for (const id of [s.id, other.id]) await call(own.url, 'POST', `/v1/sessions/${id}/start`, { auth: own.apiKey });
      await own.stop();
      // Time passes while the server is down: both end times now lie in the past.
      const db = await openDatabase({ databaseUrl: own.config.databaseUrl, dataDir: own.dataDir });
      await db.updateTable('sessions').set({ ends_at: new Date(Date.now() - 1_000).toISOString() }).where('id', 'in', [s.id, other.id]).execute();
      await db.destroy();
      const again = await own.restart();
      try {
        const deadline = Date.now() + 10_000;
        let ended: SessionView | undefined;
        while (Date.now() < deadline) {
          const current = (await call<SessionView>(again.url, 'GET', `/v1/sessions/${s.id}`, { auth: again.apiKey })).body;
          if (current.status === 'ended') {
            ended = current;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(ended?.endReason, 'time');
        const untouched = (await call<SessionView>(again.url, 'GET', `/v1/sessions/${other.id}`, { auth: again.apiKey })).body;
        assert.equal(untouched.status, 'live', 'without autoEnd the session stays live');
      } finally {
        await again.dispose();
      }
    } finally {
      await own.dispose();
    }
  });
});

describe('auto-start', () => {
  test('first-join: the first candidate or interviewer opening the room starts it and can write at once; observers do not count', async () => {
    const s = await scheduled({ autoStart: 'first-join' });
    await call(server.url, 'POST', `/v1/sessions/${s.id}/collab-ticket`, { auth: s.tokens.oli! });
    assert.equal((await view(s.id, server.apiKey)).status, 'scheduled', 'an observer joining starts nothing');
    const ticket = await call(server.url, 'POST', `/v1/sessions/${s.id}/collab-ticket`, { auth: s.tokens.cam! });
    assert.equal(ticket.body.readOnly, false);
    assert.equal((await view(s.id, server.apiKey)).status, 'live');
  });

  test('manual: joining starts nothing, and the room is read-only until an interviewer starts it', async () => {
    const s = await scheduled({ autoStart: 'manual' });
    const ticket = await call(server.url, 'POST', `/v1/sessions/${s.id}/collab-ticket`, { auth: s.tokens.cam! });
    assert.equal(ticket.body.readOnly, true);
    assert.equal((await view(s.id, server.apiKey)).status, 'scheduled');
  });

  test('all-joined: it starts once every candidate and interviewer is connected', async () => {
    const s = await scheduled({ autoStart: 'all-joined' });
    const ivy = connectProvider(wsUrl(server), s.id, s.tokens.ivy!);
    try {
      await until(() => ivy.provider.isSynced, 'the interviewer synced');
      assert.equal((await view(s.id, server.apiKey)).status, 'scheduled', 'the candidate is missing');
      const cam = connectProvider(wsUrl(server), s.id, s.tokens.cam!);
      try {
        await until(() => cam.provider.isSynced, 'the candidate synced');
        assert.equal((await view(s.id, server.apiKey)).status, 'live');
      } finally {
        cam.provider.destroy();
      }
    } finally {
      ivy.provider.destroy();
    }
  });
});

describe('revealing the question', () => {
  test('on-start: candidates and observers see no question and the shared code stays empty until the start', async () => {
    const s = await scheduled({ autoStart: 'manual', revealQuestion: 'on-start' });
    const candidate = await view(s.id, s.tokens.cam!);
    assert.equal(candidate.questionHidden, true);
    assert.equal(candidate.question.prompt, '');
    assert.deepEqual(candidate.question.tests, []);
    assert.equal(candidate.question.starterCode, '');
    assert.equal((await view(s.id, s.tokens.oli!)).questionHidden, true);
    const interviewer = await view(s.id, s.tokens.ivy!);
    assert.equal(interviewer.questionHidden, false);
    assert.equal(interviewer.question.prompt, sampleSession().question.prompt);

    const ivy = connectProvider(wsUrl(server), s.id, s.tokens.ivy!);
    try {
      await until(() => ivy.provider.isSynced, 'the interviewer synced in the lobby');
      assert.equal(ivy.text.toString(), '', 'no starter code before the start');
      await post(`/v1/sessions/${s.id}/start`, s.tokens.ivy!);
      await until(() => ivy.text.toString() === sampleSession().question.starterCode, 'the starter code arrives at the start', 1_000);
      assert.equal((await view(s.id, s.tokens.cam!)).question.prompt, sampleSession().question.prompt);
    } finally {
      ivy.provider.destroy();
    }
  });
});

describe('session inventory', () => {
  test('externalId and metadata: stored, shown to the host and interviewers only, unique per tenant', async () => {
    const externalId = `app-${Date.now()}`;
    const s = await createSession(server, sampleSession({ externalId, metadata: { requisition: 'R-17' } }));
    assert.equal((await view(s.id, server.apiKey)).externalId, externalId);
    assert.deepEqual((await view(s.id, s.tokens.ivy!)).metadata, { requisition: 'R-17' });
    const candidate = await view(s.id, s.tokens.cam!);
    assert.equal('externalId' in candidate, false);
    assert.equal('metadata' in candidate, false);
    const taken = problemOf(await call(server.url, 'POST', '/v1/sessions', { ...host(), body: sampleSession({ externalId }) }), 409);
    assert.match(taken.detail, new RegExp(s.id));
    problemOf(await call(server.url, 'POST', '/v1/sessions', { ...host(), body: sampleSession({ metadata: { big: 'x'.repeat(1000), b: 'x'.repeat(1000), c: 'x'.repeat(1000), d: 'x'.repeat(1000), e: 'x'.repeat(1000) } }) }), 400);
  });

  test('Idempotency-Key: a retried create returns the same session; another body with the key is refused; twins make one session', async () => {
    const key = `create-${Date.now()}`;
    const body = sampleSession({ title: 'Idempotent' });
    const first = await call(server.url, 'POST', '/v1/sessions', { ...host(), body, headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201);
    const retry = await call(server.url, 'POST', '/v1/sessions', { ...host(), body, headers: { 'idempotency-key': key } });
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(retry.body.id, first.body.id);
    assert.equal(retry.body.participants.length, 3, 'with fresh tokens');
    problemOf(await call(server.url, 'POST', '/v1/sessions', { ...host(), body: { ...body, title: 'Other' }, headers: { 'idempotency-key': key } }), 422);

    const twinKey = `twins-${Date.now()}`;
    const twins = await Promise.all(
      Array.from({ length: 5 }, () => call(server.url, 'POST', '/v1/sessions', { ...host(), body, headers: { 'idempotency-key': twinKey } })),
    );
    assert.ok(twins.every((t) => t.status === 200 || t.status === 201), twins.map((t) => t.status).join());
    assert.equal(new Set(twins.map((t) => t.body.id)).size, 1, 'one session for every twin');
  });

  test('list: filters, newest first, cursor pages stable while sessions are added', async () => {
    const apiKey = (await server.app.ctx.apiKeys.create(`tenant-${Date.now()}`, 'list')).key;
    const tenant = { url: server.url, apiKey };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await createSession(
        tenant,
        sampleSession({ title: `S${i}`, externalId: `ext-${i}`, scheduledAt: `2027-01-0${i + 1}T10:00:00+02:00` }),
        { start: i < 2 },
      );
      ids.push(s.id);
    }
    const list = async (query: string) => (await call<SessionList>(server.url, 'GET', `/v1/sessions${query}`, { auth: apiKey })).body;

    assert.deepEqual((await list('')).sessions.map((s) => s.id), [...ids].reverse(), 'newest first');
    assert.deepEqual((await list('?status=live')).sessions.map((s) => s.id).sort(), ids.slice(0, 2).sort());
    assert.deepEqual((await list('?externalId=ext-3')).sessions.map((s) => s.id), [ids[3]]);
    assert.equal((await list('?participantId=cam')).sessions.length, 5);
    assert.equal((await list('?participantId=nobody')).sessions.length, 0);
    assert.deepEqual(
      (await list(`?scheduledFrom=${encodeURIComponent('2027-01-02T08:00:00Z')}&scheduledTo=${encodeURIComponent('2027-01-04T08:00:00Z')}`)).sessions.map((s) => s.id),
      [ids[2], ids[1]],
    );
    const summary = (await list('?externalId=ext-0')).sessions[0]!;
    assert.equal(summary.scheduledAt, '2027-01-01T08:00:00.000Z', 'stored in UTC');
    assert.equal('token' in summary.participants[0]!, false);

    const first = await list('?limit=2');
    assert.equal(first.sessions.length, 2);
    assert.ok(first.nextCursor);
    await createSession(tenant, sampleSession({ title: 'Added while paging' }));
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    const third = await list(`?limit=2&cursor=${second.nextCursor}`);
    assert.deepEqual([...first.sessions, ...second.sessions, ...third.sessions].map((s) => s.id), [...ids].reverse());
    assert.equal(third.nextCursor, null);

    problemOf(await call(server.url, 'GET', '/v1/sessions?limit=101', { auth: apiKey }), 400);
    problemOf(await call(server.url, 'GET', '/v1/sessions?cursor=garbage', { auth: apiKey }), 400);
    problemOf(await call(server.url, 'GET', '/v1/sessions?status=active', { auth: apiKey }), 400);
    const s = await createSession(tenant, sampleSession());
    problemOf(await call(server.url, 'GET', '/v1/sessions', { auth: s.tokens.ivy! }), 401);
  });

  test('PATCH changes a scheduled session and its participants’ names; 409 once it is live', async () => {
    const s = await scheduled({ autoStart: 'manual' });
    const patched = await call(server.url, 'PATCH', `/v1/sessions/${s.id}`, {
      ...host(),
      body: { title: 'Renamed', scheduledAt: '2027-03-01T09:00:00Z', durationMinutes: 60, metadata: { a: 'b' }, participants: [{ id: 'cam', name: 'Camille' }] },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.title, 'Renamed');
    assert.equal(patched.body.durationMinutes, 60);
    assert.equal(patched.body.participants.find((p: { id: string }) => p.id === 'cam').name, 'Camille');
    problemOf(await call(server.url, 'PATCH', `/v1/sessions/${s.id}`, { ...host(), body: { participants: [{ id: 'nobody', name: 'X' }] } }), 400);
    await post(`/v1/sessions/${s.id}/start`, server.apiKey);
    assert.match(problemOf(await call(server.url, 'PATCH', `/v1/sessions/${s.id}`, { ...host(), body: { title: 'Too late' } }), 409).detail, /is live/);
  });
});
