// Export and erasure of a session against the real app: real sandbox (runs, scoring), real
// collaboration (a stock Hocuspocus client typing code and notes), every table read back (SQLite,
// or PostgreSQL with TEST_DATABASE_URL), and on SQLite the raw bytes of the data directory's files.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { changeSession } from '@interview-kit/core/testing';
import { closeReasons, connectProvider, destroyClosedProvider, until, wsUrl } from '../testing/collab.js';
import { call, createSession, problemOf, sampleSession, startTestServer, usingPostgres, type CreatedSession, type TestServer } from '../testing/harness.js';
import { filesHolding, tablesHolding } from '../testing/raw-bytes.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';
import { untarGz } from './archive.js';

const MARKER = `Zebra-${randomBytes(6).toString('hex')}-Quokka`;

describe('session export and erasure', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let session: CreatedSession;
  let provider: ReturnType<typeof connectProvider>;
  let closes: string[];

  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
    receiver = await new WebhookReceiver().start();
    const hook = await call(server.url, 'POST', '/v1/webhooks', { auth: server.apiKey, body: { url: receiver.url, events: ['session.ended', 'session.erased'] } });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    session = await createSession(server, sampleSession({ externalId: 'erase-me' }));

    // The candidate types the marker into the shared code…
    provider = connectProvider(wsUrl(server), session.id, session.tokens.cam!);
    closes = closeReasons(provider.provider);
    await until(() => provider.provider.isSynced, 'the candidate synced');
    provider.text.insert(provider.text.length, `# ${MARKER}\n`);
    await until(() => provider.provider.unsyncedChanges === 0, 'the edit was stored');
    // …and into the chat…
    const chat = await call(server.url, 'POST', `/v1/sessions/${session.id}/chat`, { auth: session.tokens.cam, body: { text: `Chat: ${MARKER}` } });
    assert.equal(chat.status, 201, JSON.stringify(chat.body));
    // …and runs it; the interviewer writes it into the notes and the feedback.
    const run = await call(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: { language: 'python', code: `print("${MARKER}")`, stdin: '' } });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    const notes = connectProvider(wsUrl(server), `${session.id}/private`, session.tokens.ivy!);
    await until(() => notes.provider.isSynced, 'the interviewer synced the notes');
    notes.doc.getText('notes').insert(0, `Notes: ${MARKER}`);
    await until(() => notes.provider.unsyncedChanges === 0, 'the notes were stored');
    notes.provider.destroy();
    const competencies = Object.fromEntries(['problem-solving', 'code-quality', 'verification', 'communication'].map((id) => [id, { rating: 3, evidence: '' }]));
    const feedback = await call(server.url, 'POST', `/v1/sessions/${session.id}/feedback`, {
      auth: session.tokens.ivy,
      body: { competencies, recommendation: 'yes', summary: `Feedback: ${MARKER}` },
    });
    assert.equal(feedback.status, 201, JSON.stringify(feedback.body));
    await changeSession(server, session.id, 'end');
    const score = await server.services.scores.score(session.id);
    assert.equal(score.status, 'done');
    await server.services.reports.prepare(session.id);
    await receiver.until((received) => received.some((r) => r.body.includes('"session.ended"')));
  });
  after(async () => {
    if (provider) await destroyClosedProvider(provider.provider);
    await server?.dispose();
    await receiver?.stop();
  });

  it('exports everything held about the session as one .tar.gz of the documented layout', async () => {
    const res = await fetch(`${server.url}/v1/sessions/${session.id}/export`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/gzip');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="interview-session-.*\.tar\.gz"/);
    const files = await untarGz(Buffer.from(await res.arrayBuffer()));
    const text = (name: string) => files.get(`${session.id}/${name}`)?.toString('utf8') ?? assert.fail(`${name} is in the archive: ${[...files.keys()].join(', ')}`);
    const manifest = JSON.parse(text('manifest.json'));
    assert.equal(manifest.format, 'interview-kit-session-export');
    assert.deepEqual(new Set(manifest.files.map((f: string) => `${session.id}/${f}`)), new Set(files.keys()), 'the manifest lists every file');
    assert.equal(JSON.parse(text('session.json')).participants.length, 3);
    assert.match(text('code/final.py'), new RegExp(`# ${MARKER}`), 'the code at the end');
    const runFile = [...files.keys()].find((name) => name.startsWith(`${session.id}/code/runs/001-`));
    assert.ok(runFile, 'the code of each run');
    assert.equal(files.get(runFile)!.toString(), `print("${MARKER}")`);
    assert.equal(JSON.parse(text('runs.json'))[0].result.stdout, `${MARKER}\n`);
    assert.ok(JSON.parse(text('timeline.json')).some((u: { author: string | null }) => u.author === 'cam'), 'the code timeline with its authors');
    assert.equal(text('notes.md'), `Notes: ${MARKER}`);
    assert.equal(JSON.parse(text('feedback.json'))[0].content.summary, `Feedback: ${MARKER}`);
    assert.deepEqual(
      JSON.parse(text('chat.json')).map((m: { name: string; role: string; text: string }) => [m.name, m.role, m.text]),
      [['Cam Candidate', 'candidate', `Chat: ${MARKER}`]],
      'the chat with its authors',
    );
    assert.equal(JSON.parse(text('scores.json'))[0].status, 'done');
    assert.equal(JSON.parse(text('reports.json')).length, 1);
    assert.ok(JSON.parse(text('events.json')).some((e: { type: string }) => e.type === 'session.ended'));
    assert.ok(JSON.parse(text('webhook-deliveries.json')).some((d: { type: string }) => d.type === 'session.ended'));
    assert.ok(JSON.parse(text('audit.json')).some((e: { action: string }) => e.action === 'run.create'), 'the audit entries of the session');
    const audited = await call(server.url, 'GET', `/v1/audit?action=session.export&resource=session:${session.id}`, { auth: server.apiKey });
    assert.equal(audited.body.entries.length, 1, 'the export itself is audited');
  });

  it('erases every trace: no table, no file of the data directory holds what was typed; connections close; a tombstone and session.erased remain', async () => {
    if (!usingPostgres()) assert.ok(filesHolding(server, MARKER).length > 0, 'before erasure the files hold the marker (the check can see it)');
    assert.ok((await tablesHolding(server, MARKER)).includes('chat_messages.text'), 'the chat table holds it before erasure');
    assert.ok((await tablesHolding(server, MARKER)).length >= 6, 'before erasure code, runs, chat, notes, feedback and scores hold it');
    assert.ok(server.services.collab.sync.documents.has(session.id), "the candidate's document is open");

    const erased = await call(server.url, 'DELETE', `/v1/sessions/${session.id}`, { auth: server.apiKey });
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(Object.keys(erased.body).sort(), ['erasedAt', 'erasedBy', 'reason', 'sessionId']);
    assert.equal(erased.body.reason, 'request');
    assert.match(erased.body.erasedBy, /^api-key:/);

    await until(() => closes.includes('the session was erased'), "the candidate's socket closed with the reason");
    // Leaving memory waits for the document's last store hook, which a loaded machine may take a while to run.
    await until(() => !server.services.collab.sync.documents.has(session.id), 'the document left memory', 30_000);
    assert.deepEqual(await tablesHolding(server, MARKER), [], 'no table holds the marker');
    await server.services.collab.store.idle();
    assert.deepEqual(filesHolding(server, MARKER), [], 'no file of the data directory holds the marker');
    await sql`vacuum`.execute(server.db);
    assert.deepEqual(filesHolding(server, MARKER), []);

    const again = await call(server.url, 'DELETE', `/v1/sessions/${session.id}`, { auth: server.apiKey });
    assert.deepEqual([again.status, again.body], [200, erased.body], 'a second DELETE answers the same tombstone');
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: server.apiKey }), 410, 'the host reads the session');
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/export`, { auth: server.apiKey }), 410, 'the export');
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: session.tokens.cam }), 410, 'the candidate reads the session');

    const [hook] = await receiver.until((received) => received.some((r) => r.body.includes('"session.erased"')));
    const body = JSON.parse(receiver.received.find((r) => r.body.includes('"session.erased"'))!.body);
    assert.ok(hook);
    assert.equal(body.data.sessionId, session.id);
    assert.equal(body.data.reason, 'request');
    assert.equal(body.data.externalId, undefined, "the host's id stays out of the erased event");

    const audit = await call(server.url, 'GET', `/v1/audit?action=session.erase`, { auth: server.apiKey });
    assert.equal(audit.body.entries.length, 1, 'the erasure is audited once');
    assert.ok(audit.body.entries[0].detail.rows.collab_updates > 0);
    assert.equal((await call(server.url, 'GET', '/v1/audit/verify', { auth: server.apiKey })).body.ok, true);
  });
});
