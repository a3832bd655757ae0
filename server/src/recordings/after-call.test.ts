// After the call, against the real server and job queue: recordings transcribed through an
// OpenAI-compatible transcription endpoint, then the assistant's draft through an
// OpenAI-compatible chat-completions endpoint. Both endpoints are local stand-ins (no model runs
// here) that speak the documented request and response formats and record what they were sent.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { call, createSession, sampleSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';
import { until } from '../testing/collab.js';

interface Seen {
  path: string;
  authorization: string | undefined;
  form?: FormData;
  json?: any;
}

/** An OpenAI-compatible stand-in: answers each POST with the next of `answers` (a status and a body). */
async function modelStandIn(answer: (seen: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const body = Buffer.concat(parts);
    const entry: Seen = { path: req.url ?? '', authorization: req.headers.authorization };
    if (/multipart\/form-data/.test(req.headers['content-type'] ?? '')) {
      entry.form = await new Request('http://stand-in', { method: 'POST', headers: { 'content-type': req.headers['content-type']! }, body }).formData();
    } else entry.json = JSON.parse(body.toString('utf8'));
    seen.push(entry);
    const { status, body: out } = answer(entry);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const chunkFor = (who: string) => Buffer.from(`webm bytes of ${who}`);

/** A live recorded session where both the interviewer and the candidate uploaded one chunk. */
async function recordedSession(server: TestServer): Promise<CreatedSession> {
  const session = await createSession(server, sampleSession({ recording: 'audio' }));
  for (const who of ['ivy', 'cam']) {
    const auth = session.tokens[who];
    assert.equal((await call(server.url, 'POST', `/v1/sessions/${session.id}/recording-consent`, { auth, body: { textVersion: 1 } })).status, 201);
  }
  for (const who of ['ivy', 'cam']) {
    const { body: recording } = await call(server.url, 'POST', `/v1/sessions/${session.id}/recordings`, { auth: session.tokens[who], body: { mimeType: 'audio/webm;codecs=opus' } });
    const put = await fetch(`${server.url}/v1/sessions/${session.id}/recordings/${recording.id}/chunks/0`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.tokens[who]}` },
      body: chunkFor(who),
    });
    assert.equal(put.status, 201);
  }
  return session;
}

const jobState = async (server: TestServer, kind: string, sessionId: string) =>
  (await server.db.selectFrom('jobs').select(['state', 'attempts', 'payload']).where('kind', '=', kind).execute()).find((j) => j.payload.includes(sessionId));

describe('after the call: transcripts and the assistant (OpenAI-compatible stand-ins)', () => {
  let server: TestServer;
  let transcribe: Awaited<ReturnType<typeof modelStandIn>>;
  let assistant: Awaited<ReturnType<typeof modelStandIn>>;
  /** What the assistant stand-in answers next; the first answer of each session is malformed. */
  let draftFor: (seen: Seen) => { status: number; body: unknown };

  before(async () => {
    transcribe = await modelStandIn(({ form }) => {
      const text = form?.get('file') instanceof Blob ? 'spoken words' : 'no file';
      return { status: 200, body: { text, duration: 4.2, segments: [{ start: 0.5, end: 2, text: `hello, ${text}` }, { start: 2.5, end: 4.2, text: 'second thought' }] } };
    });
    assistant = await modelStandIn((seen) => draftFor(seen));
    server = await startTestServer({
      env: {
        TRANSCRIBE_URL: `${transcribe.url}/v1`,
        TRANSCRIBE_API_KEY: 'transcribe-key',
        ASSISTANT_URL: assistant.url,
        ASSISTANT_API_KEY: 'assistant-key',
        ASSISTANT_MODEL: 'stand-in-model',
        ASSISTANT_MAX_ATTEMPTS: '2',
        ASSISTANT_RETRY_BASE_MS: '20',
        RECORDING_LATE_CHUNK_GRACE_MS: '0',
        JOB_POLL_MS: '20',
      },
    });
  });
  after(async () => {
    await server?.dispose();
    await transcribe?.close();
    await assistant?.close();
  });

  test('each recording is transcribed with its speaker; a malformed draft is retried, the valid one stored with its prompt version, usage and label', async () => {
    let calls = 0;
    draftFor = ({ json }) => {
      calls += 1;
      if (calls === 1) return { status: 200, body: { choices: [{ message: { content: '{"summary": "cut sh' } }], usage: { prompt_tokens: 900, completion_tokens: 5, total_tokens: 905 } } };
      const material = JSON.parse(json.messages[1].content);
      const at = material.transcript[0].at;
      const competencies = material.rubric.map((c: { id: string }) => ({ competency: c.id, suggestedRating: 3, rationale: `seen at ${at}`, evidence: [{ at, what: 'explains the plan' }] }));
      return { status: 200, body: { choices: [{ message: { content: JSON.stringify({ summary: 'Worked steadily, tested early.', competencies }) } }], usage: { prompt_tokens: 1000, completion_tokens: 120, total_tokens: 1120 } } };
    };
    const session = await recordedSession(server);
    const pending = await call(server.url, 'GET', `/v1/sessions/${session.id}/assistant`, { auth: session.tokens.ivy });
    assert.deepEqual(pending.body, { status: 'pending' });
    await call(server.url, 'POST', `/v1/sessions/${session.id}/end`, { auth: server.apiKey, body: {} });

    await until(async () => (await jobState(server, 'interview.assist', session.id))?.state === 'done', 'the assistant job is done');
    const transcribed = transcribe.seen.filter((s) => s.form);
    assert.equal(transcribed.length, 2, 'one transcription request per recording');
    for (const request of transcribed) {
      assert.equal(request.path, '/v1/audio/transcriptions');
      assert.equal(request.authorization, 'Bearer transcribe-key');
      assert.equal(request.form!.get('model'), 'whisper-1');
      assert.equal(request.form!.get('response_format'), 'verbose_json');
    }
    const sent = await Promise.all(transcribed.map(async (r) => Buffer.from(await (r.form!.get('file') as Blob).arrayBuffer()).toString()));
    assert.deepEqual(sent.sort(), [chunkFor('cam').toString(), chunkFor('ivy').toString()], 'each recording is sent whole');

    const transcript = await call(server.url, 'GET', `/v1/sessions/${session.id}/transcript`, { auth: session.tokens.ivy });
    assert.equal(transcript.status, 200);
    assert.equal(transcript.body.segments.length, 4);
    assert.deepEqual(new Set(transcript.body.segments.map((s: { participantId: string }) => s.participantId)), new Set(['ivy', 'cam']), 'speakers are the recordings’ participants');
    const first = transcript.body.segments[0];
    assert.equal(first.startMs, 500);
    assert.equal(first.text, 'hello, spoken words');
    const { body: started } = await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: server.apiKey });
    assert.ok(Date.parse(first.at) >= Date.parse(started.startedAt), 'segments sit on the session’s timeline');
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}/transcript`, { auth: session.tokens.cam })).status, 403, 'candidates do not read it');

    assert.equal(calls, 2, 'the malformed answer was retried');
    const request = assistant.seen.at(-1)!;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.authorization, 'Bearer assistant-key');
    assert.equal(request.json.model, 'stand-in-model');
    assert.equal(request.json.response_format.type, 'json_schema', 'the schema is sent as the structured output format');
    const material = JSON.parse(request.json.messages[1].content);
    assert.ok(material.transcript.some((s: { text: string; speaker: string }) => s.text === 'second thought' && /Interviewer|Candidate/.test(s.speaker)));

    const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/assistant`, { auth: server.apiKey });
    assert.equal(body.status, 'ready');
    assert.match(body.draft.label, /draft written by a language model/);
    assert.match(body.draft.label, /decides nothing/);
    assert.equal(body.draft.model, 'stand-in-model');
    assert.match(body.draft.promptVersion, /^\d{4}-\d{2}-\d{2}\.\d+$/);
    assert.deepEqual(body.draft.usage, { promptTokens: 1000, completionTokens: 120, totalTokens: 1120 });
    assert.deepEqual(body.draft.competencies.map((c: { competency: string }) => c.competency).sort(), ['code-quality', 'communication', 'problem-solving', 'verification'].sort());
    assert.equal((await call(server.url, 'GET', `/v1/sessions/${session.id}/assistant`, { auth: session.tokens.cam })).status, 403, 'candidates never see it');

    const feedback = await call(server.url, 'GET', `/v1/sessions/${session.id}/feedback`, { auth: session.tokens.ivy });
    assert.ok(!JSON.stringify(feedback.body).includes('Worked steadily'), 'the draft never fills in feedback');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /assistant_tokens_total\{[^}]*kind="prompt"[^}]*\} 1900/, 'tokens of both calls are counted');

    // Erasure takes the transcript and the draft with the session.
    assert.equal((await call(server.url, 'DELETE', `/v1/sessions/${session.id}`, { auth: server.apiKey })).status, 200);
    for (const table of ['transcript_segments', 'transcripts', 'assistant_drafts'] as const) {
      assert.equal((await server.db.selectFrom(table).select('session_id').where('session_id', '=', session.id).execute()).length, 0, `${table} holds nothing of it`);
    }
  });

  test('an answer that never fits the schema is never stored: the job ends dead', async () => {
    draftFor = () => ({ status: 200, body: { choices: [{ message: { content: JSON.stringify({ summary: 'only a summary' }) } }] } });
    const session = await recordedSession(server);
    await call(server.url, 'POST', `/v1/sessions/${session.id}/end`, { auth: server.apiKey, body: {} });
    await until(async () => (await jobState(server, 'interview.assist', session.id))?.state === 'dead', 'the assistant job is dead');
    const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/assistant`, { auth: server.apiKey });
    assert.deepEqual(body, { status: 'pending' }, 'nothing half stored');
  });
});
