// Recordings of the call against the real server (SQLite in a temp dir, or TEST_DATABASE_URL):
// consent gating, chunked uploads that resume, playback links with Range, erasure, encryption at
// rest, and the S3 storage through a stand-in S3 server (see testing/s3-stand-in.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { untarGz } from '../data-lifecycle/archive.js';
import { RetentionService } from '../data-lifecycle/retention.js';
import { createLogger } from '../logger.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { startS3StandIn, type S3StandIn } from '../testing/s3-stand-in.js';

const WEBM = 'video/webm;codecs="vp8,opus"';

/** Uploads `chunk` as chunk `seq` of `recordingId`. */
function putChunk(server: TestServer, session: CreatedSession, token: string, recordingId: string, seq: number, chunk: Buffer) {
  return fetch(`${server.url}/v1/sessions/${session.id}/recordings/${recordingId}/chunks/${seq}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'video/webm' },
    body: chunk,
  });
}

const consent = (server: TestServer, session: CreatedSession, participant: string) =>
  call(server.url, 'POST', `/v1/sessions/${session.id}/recording-consent`, { auth: session.tokens[participant], body: { textVersion: 1 } });

/** A live session recording audio and video, everyone recorded having consented. */
async function consentedSession(server: TestServer): Promise<CreatedSession> {
  const session = await createSession(server, sampleSession({ recording: 'audio+video' }));
  for (const who of ['ivy', 'cam']) assert.equal((await consent(server, session, who)).status, 201);
  return session;
}

async function begin(server: TestServer, session: CreatedSession, participant: string, mimeType = WEBM) {
  return call(server.url, 'POST', `/v1/sessions/${session.id}/recordings`, { auth: session.tokens[participant], body: { mimeType } });
}

/** Every file's bytes under `dir`. */
function filesUnder(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)));
}

describe('recordings: consent, uploads, playback', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server?.dispose());

  test('nothing is recorded until every recorded participant consents, and the session must be live', async () => {
    const session = await createSession(server, sampleSession({ recording: 'audio' }), { start: false });
    let state = await call(server.url, 'GET', `/v1/sessions/${session.id}/recording-consent`, { auth: session.tokens.cam });
    assert.equal(state.body.recording, 'audio');
    assert.deepEqual(state.body.participants.map((p: { participantId: string }) => p.participantId), ['ivy', 'cam'], 'observers publish nothing and are not asked');
    assert.equal(state.body.everyone, false);

    assert.equal((await consent(server, session, 'cam')).status, 201);
    const again = await consent(server, session, 'cam');
    assert.equal(again.status, 200, 'consenting again keeps the first consent');
    problemOf(await consent(server, session, 'oli'), 403, 'an observer consents');

    await call(server.url, 'POST', `/v1/sessions/${session.id}/start`, { auth: server.apiKey, body: {} });
    const refused = problemOf(await begin(server, session, 'cam', 'audio/webm'), 409, 'begin before the interviewer consents');
    assert.match(refused.detail, /Ivy Interviewer/, 'the refusal names who has not consented');

    assert.equal((await consent(server, session, 'ivy')).status, 201);
    state = await call(server.url, 'GET', `/v1/sessions/${session.id}/recording-consent`, { auth: server.apiKey });
    assert.equal(state.body.everyone, true);
    problemOf(await begin(server, session, 'cam', 'video/webm'), 409, 'video in an audio-only session');
    const begun = await begin(server, session, 'cam', 'audio/webm;codecs=opus');
    assert.equal(begun.status, 201, JSON.stringify(begun.body));
    assert.equal(begun.body.kind, 'audio');
    assert.equal(begun.body.nextSeq, 0);
  });

  test('a session that records nothing refuses consent and recordings', async () => {
    const session = await createSession(server, sampleSession());
    problemOf(await consent(server, session, 'cam'), 409, 'consent to nothing');
    problemOf(await begin(server, session, 'cam'), 409, 'begin in a session that records nothing');
  });

  test('chunks are stored in order, repeats acknowledged once, gaps refused with where to resume; playback joins them and serves ranges', async () => {
    const session = await consentedSession(server);
    const { body: recording } = await begin(server, session, 'cam');
    const chunks = [randomBytes(3000), randomBytes(5000), randomBytes(1234)];
    for (const [seq, chunk] of chunks.entries()) {
      const res = await putChunk(server, session, session.tokens.cam!, recording.id, seq, chunk);
      assert.equal(res.status, 201);
      assert.equal(((await res.json()) as { nextSeq: number }).nextSeq, seq + 1);
    }
    const repeat = await putChunk(server, session, session.tokens.cam!, recording.id, 1, chunks[1]!);
    assert.equal(repeat.status, 200, 'a chunk sent again after a lost answer is acknowledged, not stored twice');
    const conflicting = await putChunk(server, session, session.tokens.cam!, recording.id, 1, randomBytes(10));
    assert.equal(conflicting.status, 409);
    const gap = await putChunk(server, session, session.tokens.cam!, recording.id, 5, randomBytes(10));
    assert.equal(gap.status, 409);
    assert.equal(((await gap.json()) as { nextSeq: number }).nextSeq, 3, 'the refusal says where to resume');
    const resume = await call(server.url, 'GET', `/v1/sessions/${session.id}/recordings/${recording.id}`, { auth: session.tokens.cam });
    assert.equal(resume.body.nextSeq, 3);
    assert.equal(resume.body.bytes, 3000 + 5000 + 1234);

    // Someone else's recording is not theirs to write to.
    assert.equal((await putChunk(server, session, session.tokens.ivy!, recording.id, 3, randomBytes(10))).status, 404);

    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/recordings`, { auth: session.tokens.cam }), 403, 'a candidate lists recordings');
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/recordings`, { auth: session.tokens.oli }), 403, 'an observer lists recordings');
    const listed = await call(server.url, 'GET', `/v1/sessions/${session.id}/recordings`, { auth: session.tokens.ivy });
    assert.equal(listed.status, 200);
    const [entry] = listed.body.recordings;
    assert.equal(entry.id, recording.id);
    assert.ok(Date.parse(entry.urlExpiresAt) > Date.now());

    const whole = await fetch(`${server.url}${entry.url}`);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-type'), WEBM);
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), Buffer.concat(chunks), 'playback is the chunks joined in order');

    const ranged = await fetch(`${server.url}${entry.url}`, { headers: { range: 'bytes=2990-3010' } });
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-range'), `bytes 2990-3010/${3000 + 5000 + 1234}`);
    assert.deepEqual(Buffer.from(await ranged.arrayBuffer()), Buffer.concat(chunks).subarray(2990, 3011), 'a range across two chunks');
    const tail = await fetch(`${server.url}${entry.url}`, { headers: { range: 'bytes=-100' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), Buffer.concat(chunks).subarray(-100));
    assert.equal((await fetch(`${server.url}${entry.url}`, { headers: { range: 'bytes=99999-' } })).status, 416);

    const exported = await fetch(`${server.url}/v1/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    const archive = await untarGz(Buffer.from(await exported.arrayBuffer()));
    assert.deepEqual(archive.get(`${session.id}/recordings/${recording.id}.webm`), Buffer.concat(chunks), 'the export carries the media');
    const details = JSON.parse(archive.get(`${session.id}/recordings.json`)!.toString('utf8'));
    assert.deepEqual(details.consents.map((c: { participantId: string }) => c.participantId).sort(), ['cam', 'ivy']);
    assert.equal(details.recordings[0].bytes, 3000 + 5000 + 1234);

    const [payload, signature] = entry.url.split('/').pop().split('.');
    const forged = await fetch(`${server.url}/v1/recordings/media/${payload}.${signature.slice(0, -2)}xx`);
    assert.equal(forged.status, 401, 'a changed link opens nothing');
    assert.equal((await fetch(`${server.url}/v1/report-links/${payload}.${signature}/report.html`)).status, 401, 'a playback link is not a report link');
  });

  test('chunks and recordings are bounded', async () => {
    const limited = await startTestServer({ env: { RECORDING_CHUNK_MAX_BYTES: String(64 * 1024), RECORDING_MAX_BYTES: String(1024 * 1024) } });
    try {
      const session = await consentedSession(limited);
      const { body: recording } = await begin(limited, session, 'cam');
      const tooBig = await putChunk(limited, session, session.tokens.cam!, recording.id, 0, randomBytes(64 * 1024 + 1));
      assert.equal(tooBig.status, 413);
      for (let seq = 0; seq < 16; seq++) assert.equal((await putChunk(limited, session, session.tokens.cam!, recording.id, seq, randomBytes(64 * 1024))).status, 201);
      const full = await putChunk(limited, session, session.tokens.cam!, recording.id, 16, randomBytes(10));
      assert.equal(full.status, 413, 'the recording holds its most bytes');
    } finally {
      await limited.dispose();
    }
  });

  test('erasing the session removes the recordings, their bytes and the consents', async () => {
    const session = await consentedSession(server);
    const { body: recording } = await begin(server, session, 'ivy');
    const marker = Buffer.from(`recording-marker-${randomBytes(8).toString('hex')}`);
    assert.equal((await putChunk(server, session, session.tokens.ivy!, recording.id, 0, marker)).status, 201);
    const { body: listed } = await call(server.url, 'GET', `/v1/sessions/${session.id}/recordings`, { auth: server.apiKey });
    assert.ok(filesUnder(join(server.dataDir, 'objects')).some((file) => file.includes(marker)), 'the chunk is stored in the data dir');

    assert.equal((await call(server.url, 'DELETE', `/v1/sessions/${session.id}`, { auth: server.apiKey })).status, 200);
    assert.ok(!filesUnder(join(server.dataDir, 'objects')).some((file) => file.includes(marker)), 'no stored file holds the chunk');
    for (const table of ['recordings', 'recording_chunks', 'recording_consents'] as const) {
      const rows = await server.db.selectFrom(table).select('session_id').where('session_id', '=', session.id).execute();
      assert.equal(rows.length, 0, `${table} holds nothing of the session`);
    }
    assert.equal((await fetch(`${server.url}${listed.recordings[0].url}`)).status, 404, 'a link minted before the erasure plays nothing');
  });

  test('retention removes recordings with the code, bytes first', async () => {
    const session = await consentedSession(server);
    const { body: recording } = await begin(server, session, 'cam');
    assert.equal((await putChunk(server, session, session.tokens.cam!, recording.id, 0, randomBytes(500))).status, 201);
    await call(server.url, 'POST', `/v1/sessions/${session.id}/end`, { auth: server.apiKey, body: {} });
    const keep = { codeDays: 30, runsDays: null, feedbackDays: null, reportsDays: null, auditDays: null };
    assert.equal((await call(server.url, 'PUT', '/v1/settings/retention', { auth: server.apiKey, body: keep })).status, 200);
    const objects = () => readdirSync(join(server.dataDir, 'objects'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.parentPath.includes(session.id)).length;
    assert.equal(objects(), 1);
    const pass = new RetentionService({ ...server.services.data, db: server.db, audit: server.services.audit, recordings: server.services.recordings, logger: createLogger('error'), now: () => new Date(Date.now() + 31 * 86_400_000) });
    const report = await pass.purgeDue();
    const erased = report.tenants[0]!.partial.find((p) => p.sessionId === session.id)!;
    assert.equal(erased.rows.recordings, 1);
    assert.equal(erased.rows.recording_objects, 1);
    assert.equal(objects(), 0, 'the bytes went with the rows');
    assert.equal((await call(server.url, 'PUT', '/v1/settings/retention', { auth: server.apiKey, body: { ...keep, codeDays: null } })).status, 200);
  });
});

describe('recordings at rest', () => {
  test('with DATA_ENCRYPTION_KEY the stored chunks are sealed, and play back whole', async () => {
    const server = await startTestServer({ env: { DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}` } });
    try {
      const session = await consentedSession(server);
      const { body: recording } = await begin(server, session, 'cam');
      const marker = Buffer.from(`sealed-marker-${randomBytes(8).toString('hex')}`);
      assert.equal((await putChunk(server, session, session.tokens.cam!, recording.id, 0, marker)).status, 201);
      assert.ok(!filesUnder(join(server.dataDir, 'objects')).some((file) => file.includes(marker)), 'no stored file holds the plain chunk');
      const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/recordings`, { auth: server.apiKey });
      assert.deepEqual(Buffer.from(await (await fetch(`${server.url}${body.recordings[0].url}`)).arrayBuffer()), marker);
    } finally {
      await server.dispose();
    }
  });

  test('RECORDING_STORAGE=s3 keeps chunks under recordings/{tenant}/{session}/{participant}/ in the bucket (S3 stand-in), and erasure empties it', async () => {
    const s3: S3StandIn = await startS3StandIn();
    const server = await startTestServer({
      env: { RECORDING_STORAGE: 's3', S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: 'test', S3_SECRET_ACCESS_KEY: 'test-secret' },
    });
    try {
      const session = await consentedSession(server);
      const { body: recording } = await begin(server, session, 'cam');
      const chunks = [randomBytes(700), randomBytes(900)];
      for (const [seq, chunk] of chunks.entries()) assert.equal((await putChunk(server, session, session.tokens.cam!, recording.id, seq, chunk)).status, 201);
      const keys = [...s3.objects.keys()];
      assert.equal(keys.length, 2);
      for (const key of keys) assert.match(key, new RegExp(`^recordings/[^/]+/${session.id}/cam/${recording.id}/\\d{6}$`));
      assert.equal(readdirSync(server.dataDir).includes('objects'), false, 'nothing of it on local disk');

      const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/recordings`, { auth: server.apiKey });
      assert.deepEqual(Buffer.from(await (await fetch(`${server.url}${body.recordings[0].url}`)).arrayBuffer()), Buffer.concat(chunks));

      assert.equal((await call(server.url, 'DELETE', `/v1/sessions/${session.id}`, { auth: server.apiKey })).status, 200);
      assert.equal(s3.objects.size, 0, 'the bucket holds nothing of the erased session');
    } finally {
      await server.dispose();
      await s3.close();
    }
  });
});
