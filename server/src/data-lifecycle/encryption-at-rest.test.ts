// Encryption at rest against the real app: a stock Hocuspocus client types code and notes, the
// candidate runs code in the real sandbox, interviewers write feedback through the API; then the raw values of every table (SQLite, or
// PostgreSQL with TEST_DATABASE_URL) and on SQLite the raw bytes of the data directory's files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FieldCipher } from '../adapters/crypto/field-cipher.js';
import { keyRingFromEnv } from '../config/encryption.js';
import { connectProvider, destroyClosedProvider, until, wsUrl } from '../testing/collab.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { filesHolding, tablesHolding } from '../testing/raw-bytes.js';
import { untarGz } from './archive.js';
import { RE_ENCRYPTION_JOB, scheduleReEncryption } from './re-encryption.js';

const MARKER = `Okapi-${randomBytes(6).toString('hex')}-Narwhal`;
const newKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const K1 = newKey('k1');
const K2 = newKey('k2');

const COMPETENCIES = ['problem-solving', 'code-quality', 'verification', 'communication'];
const feedbackBody = (text: string) => ({
  competencies: Object.fromEntries(COMPETENCIES.map((id) => [id, { rating: 3, evidence: `Evidence: ${text}` }])),
  recommendation: 'yes',
  summary: `Feedback: ${text}`,
});

/** The candidate types the marker into the code and runs it, the interviewer into the notes and the feedback, the observer into a draft. */
async function writeEverything(server: TestServer, session: CreatedSession, marker: string): Promise<void> {
  const code = connectProvider(wsUrl(server), session.id, session.tokens.cam!);
  await until(() => code.provider.isSynced, 'the candidate synced');
  code.text.insert(code.text.length, `# ${marker}\n`);
  await until(() => code.provider.unsyncedChanges === 0, 'the code was stored');
  await destroyClosedProvider(code.provider);
  const run = await call(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: { language: 'python', code: `print("${marker}")`, stdin: `${marker}\n` } });
  assert.equal(run.status, 200, JSON.stringify(run.body));
  const notes = connectProvider(wsUrl(server), `${session.id}/private`, session.tokens.ivy!);
  await until(() => notes.provider.isSynced, 'the interviewer synced the notes');
  notes.doc.getText('notes').insert(0, `Notes: ${marker}`);
  await until(() => notes.provider.unsyncedChanges === 0, 'the notes were stored');
  await destroyClosedProvider(notes.provider);
  const submitted = await call(server.url, 'POST', `/v1/sessions/${session.id}/feedback`, { auth: session.tokens.ivy, body: feedbackBody(marker) });
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  const draft = await call(server.url, 'PUT', `/v1/sessions/${session.id}/feedback/draft`, { auth: session.tokens.oli, body: feedbackBody(marker) });
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  // Snapshots too: fold both logs.
  await server.services.collab.store.idle();
  await server.services.collab.store.compact(session.id);
  await server.services.collab.store.compact(`${session.id}/private`);
}

/** What the app reads back: the code in a fresh room, the notes and feedback on the scorecard, the report, the export. */
async function assertReadsBack(server: TestServer, session: CreatedSession, marker: string): Promise<void> {
  const code = connectProvider(wsUrl(server), session.id, session.tokens.ivy!);
  await until(() => code.provider.isSynced, 'the interviewer synced the code');
  assert.match(code.text.toString(), new RegExp(`# ${marker}`), 'the room shows the code');
  await destroyClosedProvider(code.provider);
  const own = await call(server.url, 'GET', `/v1/sessions/${session.id}/feedback`, { auth: session.tokens.oli });
  assert.equal(own.status, 200, JSON.stringify(own.body));
  assert.equal(own.body.feedback.summary, `Feedback: ${marker}`, "the observer's draft");
  const scorecard = await call(server.url, 'GET', `/v1/sessions/${session.id}/scorecard`, { auth: server.apiKey });
  assert.equal(scorecard.status, 200, JSON.stringify(scorecard.body));
  assert.equal(scorecard.body.notes, `Notes: ${marker}`);
  assert.equal(scorecard.body.feedback[0].competencies['problem-solving'].evidence, `Evidence: ${marker}`);
  const report = await call(server.url, 'GET', `/v1/sessions/${session.id}/report`, { auth: server.apiKey });
  assert.equal(report.status, 200, JSON.stringify(report.body));
  assert.match(report.body.finalCode.code, new RegExp(marker), 'the report has the final code');
  const runs = await call(server.url, 'GET', `/v1/sessions/${session.id}/runs`, { auth: session.tokens.ivy });
  assert.equal(runs.status, 200, JSON.stringify(runs.body));
  assert.equal(runs.body.runs[0].stdout, `${marker}\n`, "the run's output");
  const res = await fetch(`${server.url}/v1/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  const files = await untarGz(Buffer.from(await res.arrayBuffer()));
  assert.equal(JSON.parse(files.get(`${session.id}/feedback.json`)!.toString())[0].content.summary, `Feedback: ${marker}`, 'the export holds feedback in clear');
  assert.equal(files.get(`${session.id}/notes.md`)!.toString(), `Notes: ${marker}`);
  const runFile = [...files.keys()].find((name) => name.startsWith(`${session.id}/code/runs/001-`))!;
  assert.equal(files.get(runFile)!.toString(), `print("${marker}")`, 'the program of the run');
  assert.equal(JSON.parse(files.get(`${session.id}/runs.json`)!.toString())[0].stdin, `${marker}\n`);
}

/** The key ids of every sealed value (`plain` for a value in clear). */
async function keyIdsAtRest(server: TestServer): Promise<Set<string>> {
  const cipher = new FieldCipher(undefined);
  const values = [
    ...(await server.db.selectFrom('collab_updates').select('update').execute()).map((r) => r.update),
    ...(await server.db.selectFrom('collab_snapshots').select('state').execute()).map((r) => r.state),
    ...(await server.db.selectFrom('session_feedback').select('content').execute()).map((r) => r.content),
    ...(await server.db.selectFrom('runs').select(['code', 'files', 'stdin', 'result']).execute()).flatMap((r) => [r.code, r.files, r.stdin, r.result]),
  ];
  return new Set(values.map((v) => cipher.keyIdOf(v) ?? 'plain'));
}

async function rotated(server: TestServer): Promise<void> {
  const res = await call(server.url, 'POST', '/v1/settings/encryption/rotate', { auth: server.apiKey });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  assert.deepEqual(res.body.tables, ['collab_updates', 'collab_snapshots', 'session_feedback', 'runs.code', 'runs.files', 'runs.stdin', 'runs.result', 'chat_messages']);
  await until(() => server.logs.some((line) => line.includes('re-encryption done')), 'the pass finished', 20_000);
  const jobs = await call(server.url, 'GET', '/v1/jobs', { auth: server.apiKey });
  assert.equal(jobs.body.jobs.find((j: { key: string }) => j.key === res.body.jobKey)?.state, 'done');
  assert.ok(server.logs.some((line) => line.includes('re-encryption progress') && line.includes('session_feedback')), 'progress is logged per table');
}

describe('encryption at rest with DATA_ENCRYPTION_KEY', () => {
  let server: TestServer;
  let session: CreatedSession;

  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local', DATA_ENCRYPTION_KEY: K1 } });
    session = await createSession(server, sampleSession());
    await writeEverything(server, session, MARKER);
  });
  after(async () => {
    await server?.dispose();
  });

  it('keeps code, notes and feedback out of the database: no table, no file holds what was typed', async () => {
    assert.deepEqual(await tablesHolding(server, MARKER), []);
    assert.deepEqual(filesHolding(server, MARKER), []);
    assert.deepEqual(await keyIdsAtRest(server), new Set(['k1']));
    assert.ok(Number((await server.db.selectFrom('collab_snapshots').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n) >= 2, 'snapshots were written');
  });

  it('reads everything back: the room, feedback, notes, scorecard, report and export', async () => {
    await assertReadsBack(server, session, MARKER);
    server = await server.restart();
    await assertReadsBack(server, session, MARKER);
  });

  it('counts a document against its quota by its plain updates, as when they were accepted', async () => {
    const sealed = await server.services.collab.store.clientBytes(session.id);
    const plain = (await server.services.collab.store.timeline(session.id)).filter((u) => u.author !== null).reduce((sum, u) => sum + u.update.byteLength, 0);
    assert.equal(sealed, plain);
  });

  it('fails loudly on tampered ciphertext or a value moved to another row: a 500 problem and a log line, never garbage', async () => {
    const rows = await server.db.selectFrom('session_feedback').select(['participant_id', 'content']).where('session_id', '=', session.id).execute();
    const ivy = rows.find((r) => r.participant_id === 'ivy')!;
    const oli = rows.find((r) => r.participant_id === 'oli')!;
    const setOli = (content: string) => server.db.updateTable('session_feedback').set({ content }).where('session_id', '=', session.id).where('participant_id', '=', 'oli').execute();
    const readOli = () => call(server.url, 'GET', `/v1/sessions/${session.id}/feedback`, { auth: session.tokens.oli });

    const bytes = Buffer.from(oli.content.slice('ikenc:'.length), 'base64');
    bytes[bytes.length - 20]! ^= 0x01;
    await setOli(`ikenc:${bytes.toString('base64')}`);
    problemOf(await readOli(), 500, 'tampered feedback');
    assert.ok(server.logs.some((line) => line.includes('cannot decrypt session_feedback.content') && line.includes('authentication failed')), 'the failure is logged');

    await setOli(ivy.content);
    problemOf(await readOli(), 500, "ivy's sealed feedback copied into oli's row");

    await setOli(oli.content);
    assert.equal((await readOli()).body.feedback.summary, `Feedback: ${MARKER}`, 'the untouched value still opens');
  });

  it('rotates: under a new key with the old one kept for reading, a re-encryption pass moves every value; then the old key can go', async () => {
    server = await server.restart({ DATA_ENCRYPTION_KEY: K2, DATA_ENCRYPTION_OLD_KEYS: K1 });
    await assertReadsBack(server, session, MARKER);
    await rotated(server);
    assert.deepEqual(await keyIdsAtRest(server), new Set(['k2']));
    server = await server.restart({ DATA_ENCRYPTION_KEY: K2, DATA_ENCRYPTION_OLD_KEYS: '' });
    await assertReadsBack(server, session, MARKER);
    assert.deepEqual(await tablesHolding(server, MARKER), []);
  });

  it('keeps at most one pass waiting, however often a rotation is asked for (it rewrites every tenant)', async () => {
    const later = new Date(Date.now() + 3_600_000); // not due yet: it stays queued
    const first = await scheduleReEncryption(server.db, null, 'k2', later);
    const again = await scheduleReEncryption(server.db, null, 'k2', new Date(later.getTime() + 1));
    assert.equal(again, first);
    const waiting = await server.db.selectFrom('jobs').select('key').where('kind', '=', RE_ENCRYPTION_JOB).where('state', '=', 'queued').execute();
    assert.deepEqual(waiting.map((job) => job.key), [first]);
    await server.db.deleteFrom('jobs').where('key', '=', first).execute();
  });
});

describe('without DATA_ENCRYPTION_KEY', () => {
  let server: TestServer;
  let session: CreatedSession;

  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
    session = await createSession(server, sampleSession());
    await writeEverything(server, session, MARKER);
  });
  after(async () => {
    await server?.dispose();
  });

  it('stores code, notes and feedback in clear, as before, and has nothing to rotate', async () => {
    assert.deepEqual(new Set(await tablesHolding(server, MARKER)), new Set(['collab_updates.update', 'collab_snapshots.state', 'session_feedback.content', 'runs.code', 'runs.stdin', 'runs.result']));
    assert.deepEqual(await keyIdsAtRest(server), new Set(['plain']));
    await assertReadsBack(server, session, MARKER);
    problemOf(await call(server.url, 'POST', '/v1/settings/encryption/rotate', { auth: server.apiKey }), 409, 'rotation without a key');
  });

  it('once a key is set, values from before stay readable; `encryption rotate` seals them', async () => {
    server = await server.restart({ DATA_ENCRYPTION_KEY: K1 });
    await assertReadsBack(server, session, MARKER);
    await server.stop();
    const cli = spawnSync(process.execPath, ['--conditions=interview-kit-source', '--import', 'tsx', join(import.meta.dirname, '..', 'index.ts'), 'encryption', 'rotate'], {
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: server.config.databaseUrl ?? '', DATA_ENCRYPTION_KEY: K1 },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(cli.status, 0, cli.stderr + cli.stdout);
    assert.match(cli.stdout, /session_feedback: 2 rows examined, 2 rewritten/);
    server = await server.restart();
    assert.deepEqual(await tablesHolding(server, MARKER), []);
    assert.deepEqual(await keyIdsAtRest(server), new Set(['k1']));
    await assertReadsBack(server, session, MARKER);
  });
});

describe('DATA_ENCRYPTION_KEY at start-up', () => {
  it('refuses a malformed key with a message naming the variable', () => {

    assert.throws(() => keyRingFromEnv({ DATA_ENCRYPTION_KEY: 'no-colon' }), /^ConfigError: DATA_ENCRYPTION_KEY: expected <key id>:<base64 of 32 bytes>/);
    assert.throws(() => keyRingFromEnv({ DATA_ENCRYPTION_KEY: `k1:${randomBytes(16).toString('base64')}` }), /the key "k1" is 16 bytes; AES-256 needs exactly 32/);
    assert.throws(() => keyRingFromEnv({ DATA_ENCRYPTION_KEY: K1, DATA_ENCRYPTION_OLD_KEYS: K1 }), /the key id "k1" is used twice/);
    assert.throws(() => keyRingFromEnv({ DATA_ENCRYPTION_OLD_KEYS: K1 }), /DATA_ENCRYPTION_OLD_KEYS: set DATA_ENCRYPTION_KEY too/);

  });

  it('stops the server with exit code 78 and the message', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ik-bad-key-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));
    const started = spawnSync(process.execPath, ['--conditions=interview-kit-source', '--import', 'tsx', join(import.meta.dirname, '..', 'index.ts')], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATA_ENCRYPTION_KEY: 'k1:short' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(started.status, 78, started.stderr);
    assert.match(started.stderr, /Invalid configuration: DATA_ENCRYPTION_KEY: the key "k1" is \d+ bytes; AES-256 needs exactly 32/);
  });
});
