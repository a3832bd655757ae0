// Integrity signals against the real app and SQLite (or PostgreSQL when TEST_DATABASE_URL is set):
// consent first, the candidate reports, interviewers and the host read, nobody else; `off` records nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INTEGRITY_DISCLOSURE_VERSION, SIGNAL_BATCH_MAX } from '@interview-kit/core/integrity';
import { changeSession } from '@interview-kit/core/testing';
import { untarGz } from '../data-lifecycle/archive.js';
import { connectProvider, until, wsUrl } from '../testing/collab.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';

const consent = { textVersion: INTEGRITY_DISCLOSURE_VERSION };
const batch = {
  signals: [
    { kind: 'paste', chars: 420, fromOutside: true },
    { kind: 'large-insert', chars: 180 },
    { kind: 'focus-lost', ms: 12_500 },
  ],
};

describe('integrity signals, disclosed', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  const post = (sessionId: string, what: 'consent' | 'signals', token: string, body: unknown) =>
    call(server.url, 'POST', `/v1/sessions/${sessionId}/${what}`, { auth: token, body });
  const signals = (sessionId: string, auth: string) => call(server.url, 'GET', `/v1/sessions/${sessionId}/signals`, { auth });

  it('records nothing before consent, then the signals with server times, which interviewers and the host read', async () => {
    const session = await createSession(server);
    const cam = session.tokenFor('candidate');
    const view = await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: cam });
    assert.equal(view.body.integrity, 'record', 'record is the default, and the candidate sees it');

    const early = await post(session.id, 'signals', cam, batch);
    assert.match(problemOf(early, 409, 'before consent').detail, /consent/);
    assert.deepEqual((await signals(session.id, server.apiKey)).body.signals, []);

    const before = Date.now();
    const given = await post(session.id, 'consent', cam, consent);
    assert.equal(given.status, 201, JSON.stringify(given.body));
    assert.equal(given.body.textVersion, INTEGRITY_DISCLOSURE_VERSION);
    const again = await post(session.id, 'consent', cam, consent);
    assert.equal(again.status, 200);
    assert.equal(again.body.consentedAt, given.body.consentedAt, 'the first consent stays');
    const state = await call(server.url, 'GET', `/v1/sessions/${session.id}/consent`, { auth: cam });
    assert.deepEqual(state.body, { integrity: 'record', consent: given.body });

    const sent = await post(session.id, 'signals', cam, batch);
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.equal(sent.body.recorded, 3);

    for (const reader of [server.apiKey, session.tokenFor('interviewer')]) {
      const read = await signals(session.id, reader);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.deepEqual(
        read.body.signals.map(({ id: _id, at: _at, ...rest }: any) => rest),
        [
          { participantId: 'cam', kind: 'paste', chars: 420, fromOutside: true },
          { participantId: 'cam', kind: 'large-insert', chars: 180 },
          { participantId: 'cam', kind: 'focus-lost', ms: 12_500 },
        ],
      );
      assert.ok(read.body.signals.every((s: any) => Date.parse(s.at) >= before - 1000 && Date.parse(s.at) <= Date.now() + 1000), 'server times');
      assert.deepEqual(read.body.consents, [given.body]);
    }
  });

  it('never shows the signals to the candidate or an observer, and takes them from the candidate only', async () => {
    const session = await createSession(server);
    const cam = session.tokenFor('candidate');
    await post(session.id, 'consent', cam, consent);
    await post(session.id, 'signals', cam, batch);
    problemOf(await signals(session.id, cam), 403, 'the candidate reads');
    problemOf(await signals(session.id, session.tokenFor('observer')), 403, 'an observer reads');
    problemOf(await post(session.id, 'signals', session.tokenFor('interviewer'), batch), 403, 'an interviewer forges signals');
    problemOf(await post(session.id, 'consent', session.tokenFor('observer'), consent), 403, 'an observer consents for the candidate');
    const other = await createSession(server);
    problemOf(await post(session.id, 'signals', other.tokenFor('candidate'), batch), 401, "another session's candidate");
    assert.equal((await signals(session.id, server.apiKey)).body.signals.length, 3);
  });

  it('refuses oversize batches, malformed signals and an unknown disclosure version with problem+json', async () => {
    const session = await createSession(server);
    const cam = session.tokenFor('candidate');
    problemOf(await post(session.id, 'consent', cam, { textVersion: INTEGRITY_DISCLOSURE_VERSION + 1 }), 400, 'unknown disclosure');
    await post(session.id, 'consent', cam, consent);
    const oversize = { signals: Array.from({ length: SIGNAL_BATCH_MAX + 1 }, () => ({ kind: 'focus-lost', ms: 10 })) };
    problemOf(await post(session.id, 'signals', cam, oversize), 400, 'oversize batch');
    problemOf(await post(session.id, 'signals', cam, { signals: [{ kind: 'paste', chars: 5, fromOutside: true, text: 'secret' }] }), 400, 'content smuggled in');
    problemOf(await post(session.id, 'signals', cam, { signals: [{ kind: 'verdict', guilty: true }] }), 400, 'unknown kind');
    problemOf(await post(session.id, 'signals', cam, { signals: [{ kind: 'focus-lost', ms: -5 }] }), 400, 'negative duration');
    assert.deepEqual((await signals(session.id, server.apiKey)).body.signals, []);
  });

  it('with integrity off records nothing and asks for no consent', async () => {
    const session = await createSession(server, sampleSession({ integrity: 'off' }));
    const cam = session.tokenFor('candidate');
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: cam })).body.integrity, 'off');
    problemOf(await post(session.id, 'consent', cam, consent), 409, 'consent when off');
    problemOf(await post(session.id, 'signals', cam, batch), 409, 'signals when off');
    const read = await signals(session.id, server.apiKey);
    assert.deepEqual([read.body.integrity, read.body.signals, read.body.consents], ['off', [], []]);
  });

  it('records a second connection of the consenting candidate, and refuses signals once the session ended', async () => {
    const session = await createSession(server);
    const cam = session.tokenFor('candidate');
    await post(session.id, 'consent', cam, consent);
    const first = connectProvider(wsUrl(server), session.id, cam);
    let second: ReturnType<typeof connectProvider> | undefined;
    try {
      await until(() => first.provider.isSynced, 'first synced');
      assert.deepEqual((await signals(session.id, server.apiKey)).body.signals, [], 'one connection is no signal');
      second = connectProvider(wsUrl(server), session.id, cam);
      await until(() => second!.provider.isSynced, 'second synced');
      const read = await signals(session.id, session.tokenFor('interviewer'));
      assert.deepEqual(read.body.signals.map((s: any) => [s.participantId, s.kind]), [['cam', 'second-connection']]);
    } finally {
      first.provider.destroy();
      second?.provider.destroy();
    }
    await changeSession(server, session.id, 'end');
    problemOf(await post(session.id, 'signals', cam, batch), 409, 'after the end');
  });

  it('are listed in the report with their times, under the caution that they are signals, not verdicts', async () => {
    const session = await createSession(server);
    const cam = session.tokenFor('candidate');
    await post(session.id, 'consent', cam, consent);
    await post(session.id, 'signals', cam, batch);
    await changeSession(server, session.id, 'end');
    const report = await call(server.url, 'GET', `/v1/sessions/${session.id}/report`, { auth: server.apiKey });
    assert.equal(report.status, 200, JSON.stringify(report.body));
    assert.deepEqual(report.body.integrity.signals.map((s: any) => [s.name, s.kind]), [['Cam Candidate', 'paste'], ['Cam Candidate', 'large-insert'], ['Cam Candidate', 'focus-lost']]);
    const html = await call(server.url, 'GET', `/v1/sessions/${session.id}/report.html`, { auth: server.apiKey });
    assert.equal(html.status, 200);
    const text = String(html.body).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(text, /Integrity signals \(3\) Signals, not verdicts/);
    assert.match(text, /\d+:\d\d Cam Candidate pasted 420 characters from outside the editor/);
    assert.match(text, /Cam Candidate inserted 180 characters at once/);
    assert.match(text, /Cam Candidate&#39;s window was not in focus for 13 s|Cam Candidate's window was not in focus for 13 s/);
  });

  it('takes at most 30 batches a minute from a candidate', async () => {
    const session = await createSession(server);
    const cam = session.tokenFor('candidate');
    await post(session.id, 'consent', cam, consent);
    const one = { signals: [{ kind: 'focus-lost', ms: 10 }] };
    for (let i = 0; i < 30; i += 1) assert.equal((await post(session.id, 'signals', cam, one)).status, 202);
    const refused = await post(session.id, 'signals', cam, one);
    problemOf(refused, 429, 'the 31st batch');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal((await signals(session.id, server.apiKey)).body.signals.length, 30);
  });

  it('is exported with the session, and erased with it', async () => {
    const session = await createSession(server);
    const cam = session.tokenFor('candidate');
    const given = await post(session.id, 'consent', cam, consent);
    await post(session.id, 'signals', cam, batch);
    await changeSession(server, session.id, 'end');
    const exported = await fetch(`${server.url}/v1/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    const files = await untarGz(Buffer.from(await exported.arrayBuffer()));
    const integrity = JSON.parse(files.get(`${session.id}/integrity.json`)!.toString('utf8'));
    assert.deepEqual(integrity.consents, [given.body]);
    assert.deepEqual(integrity.signals.map((s: any) => s.kind), ['paste', 'large-insert', 'focus-lost']);
    const erased = await call(server.url, 'DELETE', `/v1/sessions/${session.id}`, { auth: server.apiKey });
    assert.ok([200, 202].includes(erased.status), JSON.stringify(erased.body));
    const rows = await server.services.db.selectFrom('integrity_signals').select('id').where('session_id', '=', session.id).execute();
    assert.deepEqual(rows, []);
    const consents = await server.services.db.selectFrom('integrity_consents').select('participant_id').where('session_id', '=', session.id).execute();
    assert.deepEqual(consents, []);
  });
});
