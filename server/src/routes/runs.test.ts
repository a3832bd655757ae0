// The runs API against the real app and the real local sandbox (bubblewrap), with SQLite in a
// temp dir (or PostgreSQL when TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_LIMITS } from '../adapters/executor/types.js';
import { runSettingsFromEnv } from '../config/runs.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';
import { sampleOf } from '../testing/metrics.js';

const SUM = 'a, b = map(int, input().split())\nprint(a + b)\n';
const HIDDEN_INPUT = '40 2';

/** A test server whose configuration includes these run settings. */
const serverWith = (env: Record<string, string>): Promise<TestServer> => startTestServer({ env });

interface StreamedEvent {
  event: string;
  data: any;
}

/** POSTs a run asking for server-sent events and collects them in arrival order. */
async function streamRun(base: string, token: string, body: unknown): Promise<{ status: number; contentType: string; events: StreamedEvent[] }> {
  const response = await fetch(`${base}/v1/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
  });
  const events: StreamedEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      events.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
    }
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', events };
}

/** A normal run that must succeed: the server and its sandbox are fine. */
async function assertHealthy(server: TestServer): Promise<void> {
  assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
  const session = await createSession(server);
  const res = await call(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: { language: 'python', code: 'print("healthy")' } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.verdict, 'ok');
  assert.equal(res.body.stdout, 'healthy\n');
}

describe('runs API with the local sandbox', () => {
  let server: TestServer;
  before(async () => {
    server = await serverWith({ EXECUTOR: 'local', RUN_RATE_LIMIT_PER_SESSION: '8' });
  });
  after(() => server.dispose());

  it('lists the installed languages with versions, without credentials', async () => {
    const res = await call(server.url, 'GET', '/v1/languages');
    assert.equal(res.status, 200);
    assert.equal(res.body.available, true);
    const ids = res.body.languages.map((language: { id: string }) => language.id);
    assert.ok(ids.includes('python') && ids.includes('javascript'), ids.join(', '));
    assert.match(res.body.languages.find((l: { id: string }) => l.id === 'python').version, /^3\.\d+/);
    assert.deepEqual(res.body.limits.max, { ...MAX_LIMITS });
  });

  it('runs a program on stdin and reports output, exit status, time and memory', async () => {
    const { tokens } = await createSession(server);
    const res = await call(server.url, 'POST', '/v1/runs', {
      auth: tokens.cam,
      // It holds 8 MB for a moment, so that the memory sampled while it runs shows it (a program
      // ending within one sampling interval reports a lower bound, possibly 0).
      body: { language: 'python', code: 'import sys, time\nheld = bytearray(8_000_000)\ntime.sleep(0.3)\nprint(sys.stdin.read().upper())\nsys.exit(3)', stdin: 'shout' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.verdict, 'runtime_error');
    assert.equal(res.body.exitCode, 3);
    assert.equal(res.body.stdout, 'SHOUT\n');
    // Where the time went: the main execution's admission, queue wait, sandbox and program, and the handler's total.
    const timing = Object.fromEntries(
      (res.headers.get('server-timing') ?? '').split(', ').map((part) => [part.split(';')[0], part.split(';dur=')[1]] as [string, string]),
    );
    assert.deepEqual(Object.keys(timing), ['admission', 'queue', 'sandbox', 'program', 'total'], res.headers.get('server-timing') ?? 'no Server-Timing');
    assert.equal(Number(timing.program), res.body.wallMs);
    assert.ok(Number(timing.total) >= Number(timing.sandbox) + Number(timing.program));
    assert.equal(res.body.participantId, 'cam');
    assert.ok(res.body.wallMs >= 300 && res.body.memoryKb >= 8000, JSON.stringify(res.body));
    assert.equal(res.body.tests, undefined, 'no tests asked, none run');
  });

  it('lets a candidate run hidden tests only all together, and shows them only as pending in the answer', async () => {
    const { id, tokens } = await createSession(server);
    for (const tests of [[1], [0, 1, 1]]) {
      const res = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body: { language: 'python', code: SUM, tests } });
      assert.match(problemOf(res, 400, JSON.stringify(tests)).detail, /test 1 is hidden.*"all"/);
    }
    const all = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body: { language: 'python', code: SUM, stdin: '2 3', tests: 'all' } });
    assert.equal(all.status, 200, JSON.stringify(all.body));
    const text = JSON.stringify(all.body);
    assert.ok(!text.includes(HIDDEN_INPUT) && !text.includes('"42\\n"'), `nothing of the hidden test leaks: ${text}`);
    assert.deepEqual(all.body.tests.map((test: { index: number }) => test.index), [0]);
    assert.equal(all.body.hiddenSummary, undefined, 'no count in the answer');
    assert.equal(all.body.hiddenTests.status, 'pending');
    assert.equal(all.body.hiddenTests.total, 1);

    const visible = (await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body: { language: 'python', code: SUM, tests: [0] } })).body;
    assert.deepEqual(
      visible.tests.map((t: any) => [t.index, t.passed, t.stdin, t.expected, t.stdout]),
      [[0, true, '1 2\n', '3\n', '3\n']],
    );
    assert.equal(visible.hiddenSummary, undefined);
    assert.equal(visible.hiddenTests, undefined);

    // The stored runs, listed later, keep the same rule.
    const listed = await call(server.url, 'GET', `/v1/sessions/${id}/runs`, { auth: tokens.cam });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.runs.length, 2, 'refused requests are not stored');
    assert.ok(!JSON.stringify(listed.body).includes(HIDDEN_INPUT));
  });

  it('shows an interviewer and the host every test, hidden ones included', async () => {
    const { id, tokens } = await createSession(server);
    const wrong = 'a, b = map(int, input().split())\nprint(a + b + (1 if a == 40 else 0), "   \\n\\n")\n';
    const res = await call(server.url, 'POST', '/v1/runs', { auth: tokens.ivy, body: { language: 'python', code: wrong, tests: 'all' } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [visible, hidden] = res.body.tests;
    assert.equal(visible.passed, true, 'trailing spaces and blank lines do not matter');
    assert.deepEqual([hidden.index, hidden.hidden, hidden.passed, hidden.stdin, hidden.expected], [1, true, false, '40 2\n', '42\n']);
    assert.match(hidden.stdout, /^43/);
    assert.deepEqual(res.body.hiddenSummary, { passed: 0, total: 1 });

    const asHost = await call(server.url, 'GET', `/v1/sessions/${id}/runs`, { auth: server.apiKey });
    assert.equal(asHost.body.runs[0].tests[1].stdin, '40 2\n');
  });

  it('fails every test once when the program does not compile', async () => {
    const { tokens } = await createSession(server);
    const res = await call(server.url, 'POST', '/v1/runs', {
      auth: tokens.ivy,
      body: { language: 'typescript', code: 'const x: number = ;', tests: 'all' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.verdict, 'compile_error');
    assert.ok(res.body.tests.every((t: { verdict: string; passed: boolean }) => t.verdict === 'compile_error' && !t.passed));
  });

  it('runs a two-file Python project (main.py imports helper.py) and passes its tests', async () => {
    const { tokens } = await createSession(server);
    const files = [
      { path: 'main.py', content: 'from helper import add\na, b = map(int, input().split())\nprint(add(a, b))\n' },
      { path: 'helper.py', content: 'def add(a, b):\n    return a + b\n' },
    ];
    const res = await call(server.url, 'POST', '/v1/runs', {
      auth: tokens.ivy,
      body: { language: 'python', code: files[0]!.content, files, entry: 'main.py', stdin: '5 6', tests: 'all' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.verdict, 'ok', JSON.stringify(res.body));
    assert.equal(res.body.stdout, '11\n');
    assert.deepEqual(res.body.tests.map((test: { passed: boolean }) => test.passed), [true, true]);
  });

  it('runs a two-file C++ project (main.cpp and util.cpp with util.h) compiled into one program, and passes its tests', async (t) => {
    const languages = (await call(server.url, 'GET', '/v1/languages')).body.languages.map((language: { id: string }) => language.id);
    if (!languages.includes('cpp')) return t.skip('g++ is not installed here');
    const { tokens } = await createSession(server);
    const files = [
      { path: 'main.cpp', content: '#include <iostream>\n#include "util.h"\nint main() { long a, b; std::cin >> a >> b; std::cout << add(a, b) << "\\n"; }\n' },
      { path: 'util.cpp', content: '#include "util.h"\nlong add(long a, long b) { return a + b; }\n' },
      { path: 'util.h', content: '#pragma once\nlong add(long a, long b);\n' },
    ];
    const res = await call(server.url, 'POST', '/v1/runs', { auth: tokens.ivy, body: { language: 'cpp', files, stdin: '5 6', tests: 'all' } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.verdict, 'ok', JSON.stringify(res.body));
    assert.equal(res.body.stdout, '11\n');
    assert.deepEqual(res.body.tests.map((test: { passed: boolean }) => test.passed), [true, true]);
  });

  it('refuses project paths that leave the project, repeated paths, a missing entry and too many files with 400 naming the field', async () => {
    const { tokens } = await createSession(server);
    const main = { path: 'main.py', content: 'print(1)\n' };
    const cases: [unknown, string][] = [
      [{ files: [main, { path: '../x', content: '' }] }, 'files.1.path'],
      [{ files: [main, { path: '/etc/x', content: '' }] }, 'files.1.path'],
      [{ files: [main, { path: 'lib/../../x', content: '' }] }, 'files.1.path'],
      [{ files: [main, { path: '.hidden/link', content: '' }] }, 'files.1.path'],
      [{ files: [main, { path: 'a\\..\\x', content: '' }] }, 'files.1.path'],
      [{ files: [main, { path: 'a//b', content: '' }] }, 'files.1.path'],
      [{ files: [main, { path: 'evil -> /etc/passwd', content: '' }] }, 'files.1.path'],
      [{ files: [main, { path: 'lib/../../../etc/cron.d/x', content: '' }] }, 'files.1.path'],
      [{ files: [main, { ...main, content: 'print(2)\n' }] }, 'files.1.path'],
      [{ files: [{ path: 'helper.py', content: '' }] }, 'entry'],
      [{ files: [main], entry: 'other.py' }, 'entry'],
      [{ files: Array.from({ length: 21 }, (_, i) => ({ path: i === 0 ? 'main.py' : `f${i}.py`, content: '' })) }, 'files'],
      [{ files: [main, { path: 'big.txt', content: 'x'.repeat(128 * 1024) }] }, 'files'],
    ];
    for (const [project, field] of cases) {
      const body = { language: 'python', code: main.content, ...(project as object) };
      const res = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body });
      const problem = problemOf(res, 400, JSON.stringify(project).slice(0, 200));
      assert.ok(problem.errors?.some((error) => error.path === field), `${field} named: ${JSON.stringify(problem)}`.slice(0, 400));
    }
  });

  it('returns the same run for a retried Idempotency-Key, and refuses the key for another request', async () => {
    const { id, tokens } = await createSession(server);
    const body = { language: 'python', code: 'import uuid\nprint(uuid.uuid4())' };
    const headers = { 'idempotency-key': 'run-7f3a' };
    const [first, twin] = await Promise.all([
      call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body, headers }),
      call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body, headers }),
    ]);
    const retry = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body, headers });
    assert.equal(first.status, 200);
    assert.equal(twin.body.id, first.body.id, 'a concurrent twin joins the run in progress');
    assert.equal(retry.body.id, first.body.id);
    assert.equal(retry.body.stdout, first.body.stdout, 'the program did not run again');
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');

    const other = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body: { ...body, stdin: 'x' }, headers });
    assert.equal(other.status, 422);
    assert.match(other.body.detail, /Idempotency-Key/);

    // The key belongs to the participant: the interviewer's request with the same key is a new run.
    const interviewer = await call(server.url, 'POST', '/v1/runs', { auth: tokens.ivy, body, headers });
    assert.notEqual(interviewer.body.id, first.body.id);

    const listed = await call(server.url, 'GET', `/v1/sessions/${id}/runs`, { auth: server.apiKey });
    assert.equal(listed.body.runs.length, 2);
  });

  it('clamps huge requested limits to the policy instead of trusting them', async () => {
    const { tokens } = await createSession(server);
    const huge = { cpuMs: 1e12, wallMs: 1e15, memoryKb: 2 ** 40, processes: 1e6, fileSizeKb: 1e9, outputBytes: 1e15 };
    const res = await call(server.url, 'POST', '/v1/runs', {
      auth: tokens.cam,
      body: { language: 'python', code: 'block = bytearray(700 * 1024 * 1024)\nprint(len(block))', limits: huge },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.limits, { ...MAX_LIMITS });
    assert.equal(res.body.verdict, 'memory_limit', 'the 512 MiB policy ceiling held');
  });

  it('streams output as server-sent events before the result', async () => {
    const { tokens } = await createSession(server);
    const code = 'import sys, time\nprint("first", flush=True)\ntime.sleep(0.3)\nprint("oops", file=sys.stderr, flush=True)\ntime.sleep(0.3)\nprint("last")';
    const { status, contentType, events } = await streamRun(server.url, tokens.cam!, { language: 'python', code, tests: 'all' });
    assert.equal(status, 200);
    assert.match(contentType, /^text\/event-stream/);
    const names = events.map((e) => e.event);
    assert.equal(names[0], 'start');
    assert.equal(names.at(-1), 'result');
    const outputs = events.filter((e) => e.event === 'output').map((e) => e.data);
    assert.ok(outputs.length >= 3, `output arrives in pieces: ${JSON.stringify(outputs)}`);
    const joined = (stream: string) => outputs.filter((o) => o.stream === stream).map((o) => o.chunk).join('');
    assert.equal(joined('stdout'), 'first\nlast\n');
    assert.equal(joined('stderr'), 'oops\n');
    // In program order: "first" before "oops" before "last", each sent as it was written.
    const firstErr = outputs.findIndex((o) => o.stream === 'stderr');
    assert.ok(outputs[0].stream === 'stdout' && outputs[0].chunk.startsWith('first'));
    assert.ok(outputs.slice(firstErr).some((o) => o.stream === 'stdout' && o.chunk.includes('last')));
    assert.ok(names.indexOf('output') < names.indexOf('result'));
    const tests = events.filter((e) => e.event === 'test').map((e) => e.data);
    assert.deepEqual(tests.map((t) => t.index), [0], 'a candidate hears of visible tests only');
    const result = events.at(-1)!.data;
    assert.equal(result.stdout, 'first\nlast\n');
    assert.equal(result.hiddenSummary, undefined);
    assert.equal(result.hiddenTests.status, 'pending', 'the hidden test runs after the stream ends');
    assert.ok(!JSON.stringify(events).includes(HIDDEN_INPUT));
  });

  it('answers a stream request that cannot start with a plain problem', async () => {
    const { tokens } = await createSession(server);
    const { status, contentType } = await streamRun(server.url, tokens.cam!, { language: 'cobol', code: 'DISPLAY "HI".' });
    assert.equal(status, 400);
    assert.match(contentType, /application\/problem\+json/);
  });

  it('refuses unknown languages, out-of-range tests and malformed requests with 400', async () => {
    const { tokens } = await createSession(server);
    const cases = [
      { language: 'cobol', code: 'DISPLAY "HI".' },
      { language: 'python', code: 'print(1)', tests: [2] },
      { language: 'python', code: 'print(1)', tests: 'some' },
      { language: 'python' },
      { language: 'python', code: 'print(1)', limits: { cpuMs: 'lots' } },
    ];
    for (const body of cases) {
      const res = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body });
      problemOf(res, 400, JSON.stringify(body));
    }
    const unknown = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body: cases[0] });
    assert.match(unknown.body.detail, /unknown language "cobol".*python/);
  });

  it('lets only candidates and interviewers run code, only while the session is active', async () => {
    const { id, tokens } = await createSession(server);
    const body = { language: 'python', code: 'print(1)' };
    assert.equal((await call(server.url, 'POST', '/v1/runs', { auth: tokens.oli, body })).status, 403, 'observer');
    assert.equal((await call(server.url, 'POST', '/v1/runs', { auth: server.apiKey, body })).status, 401, 'host API key');
    assert.equal((await call(server.url, 'POST', '/v1/runs', { body })).status, 401, 'no credentials');
    assert.equal((await call(server.url, 'POST', `/v1/sessions/${id}/end`, { auth: tokens.ivy })).status, 200);
    const ended = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body });
    assert.equal(ended.status, 409);
    assert.match(ended.body.detail, /ended/);
  });

  it('limits runs per session with 429 and Retry-After, without touching other sessions', async () => {
    const { tokens } = await createSession(server);
    const body = { language: 'python', code: 'print(1)' };
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 429]);
    const limited = await call(server.url, 'POST', '/v1/runs', { auth: tokens.ivy, body });
    assert.equal(limited.status, 429, 'the limit is per session, whoever runs');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    await assertHealthy(server);
  });

  it('kills the run when the client goes away', async () => {
    const { id, tokens } = await createSession(server);
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.cam}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ language: 'python', code: 'print("spinning", flush=True)\nwhile True: pass' }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('spinning')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    // The program would spin until the 10 s wall limit; the cancelled run's slot frees long before.
    let running = 1;
    for (let i = 0; i < 50 && running > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      running = sampleOf((await call(server.url, 'GET', '/metrics')).body, 'run_queue_running') ?? NaN;
    }
    assert.equal(running, 0, 'no run is left executing');
    await assertHealthy(server);
    const listed = await call(server.url, 'GET', `/v1/sessions/${id}/runs`, { auth: server.apiKey });
    assert.equal(listed.body.runs.length, 0, 'a cancelled run is not stored');
  });

  it('documents the runs API in the OpenAPI document', async () => {
    const doc = (await call(server.url, 'GET', '/v1/openapi.json')).body;
    assert.ok(doc.paths['/v1/runs'].post.requestBody);
    assert.ok(doc.paths['/v1/languages'].get);
    assert.ok(doc.paths['/v1/sessions/{id}/runs'].get);
    for (const name of ['CreateRunRequest', 'RunResult', 'RunTestResult', 'RunStreamEvent', 'LanguagesResponse']) {
      assert.ok(doc.components.schemas[name], name);
    }
  });
});

describe('runs API with a full queue', () => {
  let server: TestServer;
  before(async () => {
    server = await serverWith({ RUN_CONCURRENCY: '1', RUN_QUEUE_SIZE: '1' });
  });
  after(() => server.dispose());

  it('refuses runs beyond the waiting list with 429 + Retry-After, and loses or hangs none', async () => {
    const sessions = await Promise.all(Array.from({ length: 6 }, () => createSession(server)));
    const responses = await Promise.all(
      sessions.map(({ tokens }, i) =>
        call(server.url, 'POST', '/v1/runs', {
          auth: tokens.cam,
          body: { language: 'python', code: `import time\ntime.sleep(0.4)\nprint(${i})` },
        }),
      ),
    );
    const accepted = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 429);
    assert.equal(accepted.length + refused.length, 6, responses.map((r) => r.status).join(','));
    assert.ok(accepted.length >= 2, 'one running and one waiting are served');
    assert.ok(refused.length >= 1, 'the rest are refused at once');
    for (const r of refused) {
      assert.ok(Number(r.headers.get('retry-after')) >= 1);
      assert.match(r.body.detail, /busy/);
    }
    for (const r of accepted) assert.equal(r.body.verdict, 'ok');
    // Every accepted run was stored; no refused one was.
    let stored = 0;
    for (const { id } of sessions) stored += (await call(server.url, 'GET', `/v1/sessions/${id}/runs`, { auth: server.apiKey })).body.runs.length;
    assert.equal(stored, accepted.length);
    await assertHealthy(server);
  });
});

/** Milliseconds `work` takes, with its result. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('hidden tests of a candidate run after the answer', () => {
  // The program sleeps half a second per unit of its input: a hidden input of 6 costs 3 s.
  const SLEEPER = 'import sys, time\nn = int(sys.stdin.read() or 0)\ntime.sleep(n / 2)\nprint(n)\n';
  const BUDGET_MS = 4_000;
  const WALL_MS = 5_000;
  const run = { language: 'python', code: SLEEPER, tests: 'all', limits: { wallMs: WALL_MS } };
  /** A session whose only difference from its twin is the hidden test's stdin. */
  const sessionWithHidden = (hidden: number) =>
    sampleSession({
      question: {
        prompt: 'Echo a number',
        language: 'python',
        starterCode: '',
        tests: [
          { stdin: '1\n', expected: '1\n', hidden: false },
          { stdin: `${hidden}\n`, expected: `${hidden}\n`, hidden: true },
        ],
      },
    });
  let server: TestServer;
  before(async () => {
    server = await serverWith({ RUN_CONCURRENCY: '2', RUN_REQUEST_BUDGET_MS: String(BUDGET_MS) });
  });
  after(() => server.dispose());

  it('answers in the same time whatever the hidden input, and reveals the count at a fixed time', async () => {
    type Session = Awaited<ReturnType<typeof createSession>>;
    const [fast, slow, fastStream, slowStream] = (await Promise.all(
      [0, 6, 0, 6].map((hidden) => createSession(server, sessionWithHidden(hidden))),
    )) as [Session, Session, Session, Session];
    // Warm the interpreter's files into the page cache so the first measured run is not the slow one.
    await call(server.url, 'POST', '/v1/runs', { auth: fast.tokens.ivy, body: { language: 'python', code: 'print(1)' } });

    const post = (session: Session) => timed(() => call(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: run }));
    const fastAnswer = await post(fast);
    const slowAnswer = await post(slow);
    const fastEvents = await timed(() => streamRun(server.url, fastStream.tokens.cam!, run));
    const slowEvents = await timed(() => streamRun(server.url, slowStream.tokens.cam!, run));
    const latencies = { fast: fastAnswer.ms, slow: slowAnswer.ms, fastStream: fastEvents.ms, slowStream: slowEvents.ms };
    // The slow hidden test sleeps 3 s: had the answer waited for it, it would be 3 s later.
    assert.ok(Math.abs(slowAnswer.ms - fastAnswer.ms) < 1_000, `JSON answers: ${JSON.stringify(latencies)}`);
    assert.ok(Math.abs(slowEvents.ms - fastEvents.ms) < 1_000, `streamed answers: ${JSON.stringify(latencies)}`);
    assert.ok(Object.values(latencies).every((ms) => ms < 2_500), JSON.stringify(latencies));

    // The answers say the same: visible results, hidden tests pending, the same reveal delay.
    const answers = [fastAnswer.value.body, slowAnswer.value.body, fastEvents.value.events.at(-1)!.data, slowEvents.value.events.at(-1)!.data];
    for (const answer of answers) {
      assert.deepEqual(answer.tests.map((t: any) => [t.index, t.hidden, t.passed]), [[0, false, true]], JSON.stringify(answer));
      assert.equal(answer.hiddenSummary, undefined);
      assert.equal(answer.hiddenTests.status, 'pending');
      assert.equal(answer.hiddenTests.total, 1);
      assert.equal(Date.parse(answer.hiddenTests.revealAt) - Date.parse(answer.createdAt), BUDGET_MS + WALL_MS + 2_000);
    }
    for (const { events } of [fastEvents.value, slowEvents.value]) {
      assert.deepEqual(events.filter((e) => e.event === 'test').map((e) => e.data.index), [0], 'no event for the hidden test');
    }

    // Once the slow hidden test is done, interviewers and the host see it in full; the candidate still sees pending.
    const slowRunId = slowAnswer.value.body.id;
    let forInterviewer: any;
    for (let i = 0; i < 100; i++) {
      const listed = await call(server.url, 'GET', `/v1/sessions/${slow.id}/runs`, { auth: slow.tokens.ivy });
      forInterviewer = listed.body.runs.find((r: any) => r.id === slowRunId);
      if (forInterviewer.hiddenTests.status === 'done') break;
      await sleep(100);
    }
    assert.equal(forInterviewer.hiddenTests.status, 'done');
    const hidden = forInterviewer.tests.find((t: any) => t.hidden);
    assert.deepEqual([hidden.index, hidden.stdin, hidden.expected, hidden.stdout, hidden.verdict, hidden.passed], [1, '6\n', '6\n', '6\n', 'ok', true]);
    assert.ok(hidden.wallMs >= 3_000, `timing kept for interviewers: ${hidden.wallMs}`);
    assert.deepEqual(forInterviewer.hiddenSummary, { passed: 1, total: 1 });
    const forHost = (await call(server.url, 'GET', `/v1/sessions/${slow.id}/runs`, { auth: server.apiKey })).body.runs.find((r: any) => r.id === slowRunId);
    assert.equal(forHost.tests[1].stdin, '6\n');
    assert.ok(Date.now() < Date.parse(forInterviewer.hiddenTests.revealAt), 'still before the reveal time');

    const candidateViews = async () =>
      Promise.all(
        [
          [fast, fastAnswer],
          [slow, slowAnswer],
        ].map(async ([session, answer]: any) => {
          const listed = await call(server.url, 'GET', `/v1/sessions/${session.id}/runs`, { auth: session.tokens.cam });
          return listed.body.runs.find((r: any) => r.id === answer.value.body.id);
        }),
      );
    for (const view of await candidateViews()) {
      assert.equal(view.hiddenTests.status, 'pending', 'the candidate cannot tell that the hidden test finished');
      assert.equal(view.hiddenSummary, undefined);
      assert.ok(!view.tests.some((t: any) => t.hidden));
    }
    // A second hidden run while the first is pending would tell when it ends: refused until the reveal time.
    const again = await call(server.url, 'POST', '/v1/runs', { auth: slow.tokens.cam, body: run });
    assert.match(problemOf(again, 409).detail, /^run in progress: the hidden tests of your previous run are still pending/);
    assert.ok(Number(again.headers.get('retry-after')) >= 1);
    const visibleOnly = await call(server.url, 'POST', '/v1/runs', { auth: slow.tokens.cam, body: { ...run, tests: [0] } });
    assert.equal(visibleOnly.status, 200, 'visible tests still run meanwhile');

    // From the reveal time on, both candidates see the count, and only the count.
    await sleep(Date.parse(slowAnswer.value.body.hiddenTests.revealAt) - Date.now() + 100);
    for (const view of await candidateViews()) {
      assert.equal(view.hiddenTests.status, 'done');
      assert.deepEqual(view.hiddenSummary, { passed: 1, total: 1 });
      assert.ok(!view.tests.some((t: any) => t.hidden));
    }
  });

  it("does not let a candidate time their hidden tests with their next visible run", async () => {
    type Session = Awaited<ReturnType<typeof createSession>>;
    const [fast, slow] = (await Promise.all([0, 6].map((hidden) => createSession(server, sessionWithHidden(hidden))))) as [Session, Session];
    const next: Record<string, number> = {};
    for (const [name, session] of [['fast', fast], ['slow', slow]] as const) {
      const first = await call(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: run });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      // Right after the answer, while the slow session's hidden test still sleeps for 3 s.
      const visible = await timed(() => call(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: { ...run, code: 'print(1)', tests: [0] } }));
      assert.equal(visible.value.status, 200, JSON.stringify(visible.value.body));
      next[name] = visible.ms;
      await sleep(3_500); // both sessions' hidden tests are over before the next pair starts
    }
    assert.ok(Math.abs(next.slow! - next.fast!) < 1_000 && next.slow! < 2_000, `the next visible run: ${JSON.stringify(next)}`);
  });

  it('refuses a candidate who names a hidden test, and runs it for an interviewer', async () => {
    const { tokens } = await createSession(server, sessionWithHidden(2));
    const named = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body: { ...run, tests: [1] } });
    assert.match(problemOf(named, 400).detail, /hidden/);
    const interviewer = await call(server.url, 'POST', '/v1/runs', { auth: tokens.ivy, body: { ...run, tests: [1] } });
    assert.equal(interviewer.status, 200);
    assert.deepEqual(interviewer.body.tests.map((t: any) => [t.index, t.stdin, t.stdout]), [[1, '2\n', '2\n']], 'the interviewer waits for it');
    assert.equal(interviewer.body.hiddenTests.status, 'done');
  });
});

describe('runs API under one session\'s load', () => {
  let server: TestServer;
  before(async () => {
    server = await serverWith({ RUN_CONCURRENCY: '2', RUN_REQUEST_BUDGET_MS: '6000' });
  });
  after(() => server.dispose());

  it("answers another session's hello world within seconds while one session runs long programs with every test", async () => {
    const busy = await createSession(server);
    const other = await createSession(server);
    const long = { language: 'python', code: 'import time\ntime.sleep(4)\nprint(3)', tests: 'all' };
    // Before: each of these held a slot for (1 + 2 tests) x 4 s, both slots, and others waited 12 s.
    const candidate = call(server.url, 'POST', '/v1/runs', { auth: busy.tokens.cam, body: long });
    const interviewer = call(server.url, 'POST', '/v1/runs', { auth: busy.tokens.ivy, body: long });
    await sleep(300);
    const hello = await timed(() => call(server.url, 'POST', '/v1/runs', { auth: other.tokens.cam, body: { language: 'python', code: 'print("hello")' } }));
    assert.equal(hello.value.status, 200, JSON.stringify(hello.value.body));
    assert.equal(hello.value.body.stdout, 'hello\n');
    assert.ok(hello.ms < 3_000, `hello world took ${Math.round(hello.ms)} ms`);

    const twice = await call(server.url, 'POST', '/v1/runs', { auth: busy.tokens.cam, body: { language: 'python', code: 'print(1)' } });
    assert.match(problemOf(twice, 409).detail, /^run in progress: you already have a run in progress/);

    // The session's runs share one slot; what cannot start within the 6 s budget is reported as not run.
    const [mine, theirs] = await Promise.all([candidate, interviewer]);
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.equal(mine.body.verdict, 'ok');
    assert.deepEqual(mine.body.tests.map((t: any) => [t.index, t.notRun, t.passed, t.verdict]), [[0, true, false, 'time_limit']]);
    assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
    assert.deepEqual(theirs.body.tests.map((t: any) => [t.index, t.notRun, t.passed]), [[0, true, false], [1, true, false]]);
    assert.deepEqual(theirs.body.hiddenSummary, { passed: 0, total: 1 });
    await assertHealthy(server);
  });
});

describe('runs API with a request budget shorter than the wait', () => {
  let server: TestServer;
  before(async () => {
    server = await serverWith({ RUN_CONCURRENCY: '1', RUN_REQUEST_BUDGET_MS: '1000' });
  });
  after(() => server.dispose());

  it('answers 429 with Retry-After when a run cannot start within the budget, and stores nothing', async () => {
    const busy = await createSession(server);
    const waiting = await createSession(server);
    const long = call(server.url, 'POST', '/v1/runs', { auth: busy.tokens.ivy, body: { language: 'python', code: 'import time\ntime.sleep(3)' } });
    await sleep(300);
    const late = await timed(() => call(server.url, 'POST', '/v1/runs', { auth: waiting.tokens.cam, body: { language: 'python', code: 'print(1)' } }));
    assert.match(problemOf(late.value, 429).detail, /busy/);
    assert.ok(Number(late.value.headers.get('retry-after')) >= 1);
    assert.ok(late.ms >= 900 && late.ms < 2_500, `refused when the budget ran out: ${Math.round(late.ms)} ms`);
    assert.equal((await long).status, 200);
    const listed = await call(server.url, 'GET', `/v1/sessions/${waiting.id}/runs`, { auth: server.apiKey });
    assert.equal(listed.body.runs.length, 0);
  });
});

describe('runs API when code execution is unavailable', () => {
  let server: TestServer;
  before(async () => {
    // Nothing listens on the discard port: the remote executor cannot be reached.
    server = await serverWith({ EXECUTOR: 'judge0', JUDGE0_URL: 'http://127.0.0.1:9' });
  });
  after(() => server.dispose());

  it('reports it at /v1/languages and answers runs with 503 and the cause', async () => {
    const languages = await call(server.url, 'GET', '/v1/languages');
    assert.equal(languages.status, 200);
    assert.equal(languages.body.available, false);
    assert.match(languages.body.reason, /127\.0\.0\.1:9/);
    const { tokens } = await createSession(server, sampleSession());
    const res = await call(server.url, 'POST', '/v1/runs', { auth: tokens.cam, body: { language: 'python', code: 'print(1)' } });
    assert.equal(res.status, 503);
    assert.match(res.body.detail, /unavailable.*127\.0\.0\.1:9/);
  });

  it('names the variable of an invalid run setting', () => {
    assert.throws(() => runSettingsFromEnv({ RUN_QUEUE_SIZE: 'many' }), /RUN_QUEUE_SIZE/);
    assert.throws(() => runSettingsFromEnv({ RUN_REQUEST_BUDGET_MS: '0' }), /RUN_REQUEST_BUDGET_MS/);
    assert.throws(() => runSettingsFromEnv({ RUN_CONCURRENCY: '0' }), /RUN_CONCURRENCY/);
    assert.throws(() => runSettingsFromEnv({ EXECUTOR: 'judge0' }), /JUDGE0_URL/);
    assert.throws(() => runSettingsFromEnv({ EXECUTOR: 'docker' }), /EXECUTOR/);
  });
});
