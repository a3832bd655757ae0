// Data-subject requests against the real app and database: export and erasure across the tenant's
// sessions, by a candidate's participant id or by the host's externalId.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createSession, problemOf, sampleSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { untarGz } from './archive.js';

async function exportOf(server: TestServer, subject: object): Promise<{ status: number; files: Map<string, Buffer> }> {
  const res = await fetch(`${server.url}/v1/data-subjects/export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(subject),
  });
  return { status: res.status, files: res.status === 200 ? await untarGz(Buffer.from(await res.arrayBuffer())) : new Map() };
}

describe('data-subject requests', () => {
  let server: TestServer;
  let first: CreatedSession;
  let second: CreatedSession;
  let camInterviews: CreatedSession;
  before(async () => {
    server = await startTestServer();
    first = await createSession(server, sampleSession({ externalId: 'subject-a' }));
    second = await createSession(server, sampleSession({ externalId: 'subject-b' }), { start: false });
    // Here "cam" is an interviewer: a request about the candidate cam leaves this session alone.
    camInterviews = await createSession(
      server,
      sampleSession({
        participants: [
          { id: 'cam', name: 'Cam Interviewer', role: 'interviewer' },
          { id: 'dana', name: 'Dana Candidate', role: 'candidate' },
        ],
      }),
    );
  });
  after(() => server.dispose());

  it("exports every session of the tenant where the participant is the candidate, or those with the host's externalId", async () => {
    const byParticipant = await exportOf(server, { participantId: 'cam' });
    assert.equal(byParticipant.status, 200);
    const subject = JSON.parse(byParticipant.files.get('subject.json')!.toString());
    assert.deepEqual(subject.subject, { participantId: 'cam' });
    assert.deepEqual(new Set(subject.sessions), new Set([first.id, second.id]));
    for (const id of [first.id, second.id]) {
      assert.ok(byParticipant.files.has(`sessions/${id}/manifest.json`), `session ${id} is exported`);
      assert.ok(byParticipant.files.has(`sessions/${id}/session.json`));
    }
    assert.ok(![...byParticipant.files.keys()].some((name) => name.includes(camInterviews.id)), 'a session where cam interviews is not theirs');

    const byExternalId = await exportOf(server, { externalId: 'subject-b' });
    assert.deepEqual(JSON.parse(byExternalId.files.get('subject.json')!.toString()).sessions, [second.id]);

    assert.equal((await exportOf(server, { participantId: 'nobody' })).status, 404);
    problemOf(await call(server.url, 'POST', '/v1/data-subjects/export', { auth: server.apiKey, body: { participantId: 'cam', externalId: 'x' } }), 400);
    problemOf(await call(server.url, 'POST', '/v1/data-subjects/erase', { auth: first.tokens.ivy, body: { participantId: 'cam' } }), 403);
  });

  it('erases every session about the candidate, leaves the others, and is idempotent', async () => {
    const erased = await call(server.url, 'POST', '/v1/data-subjects/erase', { auth: server.apiKey, body: { participantId: 'cam' } });
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(new Set(erased.body.erased.map((t: { sessionId: string }) => t.sessionId)), new Set([first.id, second.id]));
    assert.ok(erased.body.erased.every((t: { reason: string }) => t.reason === 'data-subject'));
    problemOf(await call(server.url, 'GET', `/v1/sessions/${first.id}`, { auth: server.apiKey }), 410);
    problemOf(await call(server.url, 'GET', `/v1/sessions/${second.id}`, { auth: server.apiKey }), 410);
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${camInterviews.id}`, { auth: server.apiKey })).status, 200);
    const listed = await call(server.url, 'GET', '/v1/sessions?participantId=cam', { auth: server.apiKey });
    assert.deepEqual(listed.body.sessions.map((s: { id: string }) => s.id), [camInterviews.id]);

    const again = await call(server.url, 'POST', '/v1/data-subjects/erase', { auth: server.apiKey, body: { participantId: 'cam' } });
    assert.deepEqual(again.body, { erased: [] });
    const audit = await call(server.url, 'GET', '/v1/audit?action=data-subject.erase', { auth: server.apiKey });
    assert.equal(audit.body.entries.length, 2);
    assert.equal(audit.body.entries[0].resource, 'data-subject:participant:cam');
    assert.equal((await call(server.url, 'GET', '/v1/audit?action=session.erase', { auth: server.apiKey })).body.entries.length, 2);
  });

  it("erases by the host's externalId", async () => {
    const tagged = await createSession(server, sampleSession({ externalId: 'subject-c' }));
    const erased = await call(server.url, 'POST', '/v1/data-subjects/erase', { auth: server.apiKey, body: { externalId: 'subject-c' } });
    assert.deepEqual(erased.body.erased.map((t: { sessionId: string }) => t.sessionId), [tagged.id]);
  });
});
