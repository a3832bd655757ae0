import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createJudge0Executor, type Judge0ExecutorOptions } from './judge0-executor.js';
import { ExecutorUnavailableError, InteractiveUnsupportedError, ProjectsUnsupportedError, UnknownLanguageError, type Executor } from './types.js';

/**
 * These tests run against a LOCAL STAND-IN for Judge0: a small HTTP server written here that
 * implements the shape of Judge0 CE's documented submission API (`GET /languages`,
 * `POST /submissions?base64_encoded=true&wait=false` → 201 {token}, `GET /submissions/:token`
 * with `base64_encoded` and `fields`, statuses 1 In Queue and 2 Processing before a final status,
 * `X-Auth-Token` authentication, 422 for an unknown language). It does not execute code: each
 * test scripts what the "execution" returns. No real Judge0 can run on this machine.
 */

/** What the stand-in reports for a submission (plain text; it base64-encodes on the way out). */
interface ScriptedResult {
  status: number;
  stdout?: string;
  stderr?: string;
  compile_output?: string;
  message?: string;
  exit_code?: number | null;
  exit_signal?: number | null;
  time?: string;
  wall_time?: string;
  memory?: number;
}

type Fault = 'http500' | 'http503' | 'disconnect' | 'hang';

const STATUS_DESCRIPTIONS: Record<number, string> = {
  1: 'In Queue',
  2: 'Processing',
  3: 'Accepted',
  5: 'Time Limit Exceeded',
  6: 'Compilation Error',
  7: 'Runtime Error (SIGSEGV)',
  8: 'Runtime Error (SIGXFSZ)',
  11: 'Runtime Error (NZEC)',
  13: 'Internal Error',
  14: 'Exec Format Error',
};

const LANGUAGES = [
  { id: 43, name: 'Plain Text' },
  { id: 50, name: 'C (GCC 9.2.0)' },
  { id: 63, name: 'JavaScript (Node.js 12.14.0)' },
  { id: 71, name: 'Python (3.8.1)' },
];

const AUTH_TOKEN = 'stand-in-auth-token';

class Judge0StandIn {
  server!: Server;
  url = '';
  /** Every request, as `METHOD path`. */
  requests: string[] = [];
  /** Bodies of accepted submissions. */
  submissions: Record<string, unknown>[] = [];
  /** Faults to inject into the next requests, first one first. */
  faults: Fault[] = [];
  /** Decides the result of a submission from its decoded source and stdin. */
  script: (source: string, stdin: string) => ScriptedResult = () => ({ status: 3 });
  private readonly pending = new Map<string, { polls: number; result: ScriptedResult }>();

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    this.requests.push(`${request.method} ${url.pathname}`);
    let body = '';
    for await (const chunk of request) body += chunk;
    const fault = this.faults.shift();
    if (fault === 'hang') return; // never answers
    if (fault === 'disconnect') return void request.socket.destroy();
    if (fault === 'http500' || fault === 'http503') return this.json(response, fault === 'http500' ? 500 : 503, { error: 'busy' });
    if (request.headers['x-auth-token'] !== AUTH_TOKEN) return this.json(response, 401, {});

    if (request.method === 'GET' && url.pathname === '/languages') return this.json(response, 200, LANGUAGES);
    if (request.method === 'POST' && url.pathname === '/submissions') {
      assert.equal(url.searchParams.get('base64_encoded'), 'true');
      assert.equal(url.searchParams.get('wait'), 'false');
      const submission = JSON.parse(body) as Record<string, unknown>;
      if (!LANGUAGES.some((l) => l.id === submission.language_id)) {
        return this.json(response, 422, { language_id: [`language with id ${submission.language_id} doesn't exist`] });
      }
      this.submissions.push(submission);
      const decode = (field: unknown) => Buffer.from(String(field ?? ''), 'base64').toString('utf8');
      const token = randomUUID();
      this.pending.set(token, { polls: 0, result: this.script(decode(submission.source_code), decode(submission.stdin)) });
      return this.json(response, 201, { token });
    }
    const match = /^\/submissions\/([\w-]+)$/.exec(url.pathname);
    if (request.method === 'GET' && match) {
      const entry = this.pending.get(match[1]!);
      if (!entry) return this.json(response, 404, { error: 'submission not found' });
      // Like Judge0: queued on the first look, processing on the second, then done.
      const status = [1, 2][entry.polls++] ?? entry.result.status;
      const encode = (text: string | undefined) => (text === undefined ? null : Buffer.from(text).toString('base64'));
      const done = status === entry.result.status;
      const full: Record<string, unknown> = {
        stdout: done ? encode(entry.result.stdout) : null,
        stderr: done ? encode(entry.result.stderr) : null,
        compile_output: done ? encode(entry.result.compile_output) : null,
        message: done ? encode(entry.result.message) : null,
        exit_code: done ? ('exit_code' in entry.result ? entry.result.exit_code : 0) : null,
        exit_signal: done ? (entry.result.exit_signal ?? null) : null,
        status: { id: status, description: STATUS_DESCRIPTIONS[status] ?? 'Unknown' },
        time: done ? (entry.result.time ?? '0.01') : null,
        wall_time: done ? (entry.result.wall_time ?? '0.02') : null,
        memory: done ? (entry.result.memory ?? 1024) : null,
      };
      const fields = (url.searchParams.get('fields') ?? '').split(',');
      return this.json(response, 200, Object.fromEntries(Object.entries(full).filter(([key]) => fields.includes(key))));
    }
    this.json(response, 404, { error: 'not found' });
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

describe('Judge0 executor (against a local stand-in of the Judge0 API)', () => {
  const standIn = new Judge0StandIn();
  let executor: Executor;
  const make = (options: Partial<Judge0ExecutorOptions> = {}) =>
    createJudge0Executor({ url: standIn.url, authToken: AUTH_TOKEN, pollIntervalMs: 5, requestTimeoutMs: 2_000, ...options });

  before(() => standIn.start());
  after(() => standIn.stop());
  beforeEach(() => {
    standIn.requests = [];
    standIn.submissions = [];
    standIn.faults = [];
    standIn.script = () => ({ status: 3 });
    executor = make();
  });

  it('lists the languages the instance offers, under our ids, with versions', async () => {
    assert.equal(executor.available, true);
    assert.deepEqual(await executor.languages(), [
      { id: 'c', name: 'C', version: 'GCC 9.2.0', compiled: true },
      { id: 'javascript', name: 'JavaScript', version: 'Node.js 12.14.0', compiled: false },
      { id: 'python', name: 'Python', version: '3.8.1', compiled: false },
    ]);
  });

  it('refuses interactive runs (Judge0 takes no input while a submission runs), sending nothing', async () => {
    const io = { onOutput: () => assert.fail('no output'), onStart: () => assert.fail('never starts') };
    await assert.rejects(executor.interactive!({ language: 'python', mode: 'repl', code: '', idleMs: 1_000, maxMs: 1_000 }, io), InteractiveUnsupportedError);
    assert.deepEqual(standIn.submissions, []);
  });

  it('submits base64-encoded code and stdin with clamped limits, polls until done, and decodes the result', async () => {
    standIn.script = (source, stdin) => ({
      status: 3,
      stdout: `${source.includes('print') ? 'ran python' : '?'} with ${stdin}`,
      time: '0.012',
      wall_time: '0.034',
      memory: 3456,
    });
    const chunks: string[] = [];
    const result = await executor.run(
      { language: 'python', code: 'print(input())  # ünïcødé', stdin: 'héllo\n', limits: { cpuMs: 99_999, memoryKb: 100_000 } },
      { onOutput: (stream, chunk) => chunks.push(`${stream}:${chunk}`) },
    );
    assert.deepEqual(result, {
      verdict: 'ok',
      stdout: 'ran python with héllo\n',
      stderr: '',
      exitCode: 0,
      signal: null,
      cpuMs: 12,
      wallMs: 34,
      memoryKb: 3456,
      truncated: false,
    });
    assert.deepEqual(chunks, ['stdout:ran python with héllo\n']);
    const [submission] = standIn.submissions;
    assert.deepEqual(submission, {
      source_code: Buffer.from('print(input())  # ünïcødé').toString('base64'),
      language_id: 71,
      stdin: Buffer.from('héllo\n').toString('base64'),
      cpu_time_limit: 10,
      wall_time_limit: 10,
      memory_limit: 100_000,
      max_processes_and_or_threads: 64,
      max_file_size: 10240,
      enable_network: false,
    });
    // Queued, processing, done: three polls of the one submission.
    const [create, ...polls] = standIn.requests;
    assert.equal(create, 'POST /submissions');
    assert.equal(polls.length, 3);
    assert.ok(polls.every((poll) => poll === polls[0] && poll.startsWith('GET /submissions/')), polls.join());
  });

  const verdicts: [string, ScriptedResult, Record<string, unknown>][] = [
    ['time limit (5)', { status: 5, time: '5.001' }, { verdict: 'time_limit', cpuMs: 5001 }],
    ['compile error (6)', { status: 6, compile_output: 'main.c:1: error: expected ;', exit_code: null }, { verdict: 'compile_error', compileOutput: 'main.c:1: error: expected ;', exitCode: null }],
    ['segfault (7)', { status: 7, exit_signal: 11, exit_code: null }, { verdict: 'runtime_error', signal: 'SIGSEGV', exitCode: null }],
    ['file size (8)', { status: 8, exit_signal: 25 }, { verdict: 'output_limit', signal: 'SIGXFSZ' }],
    ['non-zero exit (11)', { status: 11, exit_code: 3, stderr: 'bye\n' }, { verdict: 'runtime_error', exitCode: 3, stderr: 'bye\n' }],
    ['out of memory (11 + MemoryError)', { status: 11, exit_code: 1, stderr: 'MemoryError\n' }, { verdict: 'memory_limit', exitCode: 1 }],
    ['internal error (13)', { status: 13, message: 'isolate failed' }, { verdict: 'internal_error', stderr: 'isolate failed' }],
    ['exec format error (14)', { status: 14 }, { verdict: 'internal_error' }],
  ];
  for (const [name, scripted, expected] of verdicts) {
    it(`maps Judge0 status ${name}`, async () => {
      standIn.script = () => scripted;
      const result = await executor.run({ language: 'c', code: 'int main(){}', stdin: '' });
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(result[key as keyof typeof result], value, `${key} of ${JSON.stringify(result)}`);
      }
    });
  }

  it('cuts output beyond the output limit and reports output_limit', async () => {
    standIn.script = () => ({ status: 3, stdout: 'z'.repeat(5000) });
    const result = await executor.run({ language: 'python', code: 'print("z" * 5000)', stdin: '', limits: { outputBytes: 1000 } });
    assert.equal(result.verdict, 'output_limit');
    assert.equal(result.truncated, true);
    assert.equal(result.stdout, 'z'.repeat(1000));
  });

  it('retries 5xx answers and dropped connections, then succeeds', async () => {
    standIn.script = () => ({ status: 3, stdout: 'fine' });
    standIn.faults = ['http503', 'disconnect', 'http500'];
    const result = await executor.run({ language: 'python', code: 'print("fine")', stdin: '' });
    assert.equal(result.verdict, 'ok');
    assert.equal(result.stdout, 'fine');
    assert.equal(standIn.submissions.length, 1, 'failed attempts created no submission');
  });

  it('retries a request that hangs past its timeout', async () => {
    executor = make({ requestTimeoutMs: 200 });
    standIn.faults = ['hang'];
    standIn.script = () => ({ status: 3, stdout: 'after the hang' });
    const result = await executor.run({ language: 'python', code: 'x', stdin: '' });
    assert.equal(result.stdout, 'after the hang');
  });

  it('gives up after a bounded number of attempts with ExecutorUnavailableError', async () => {
    executor = make({ retries: 2 });
    standIn.faults = ['http500', 'http500', 'http500', 'http500'];
    await assert.rejects(executor.run({ language: 'python', code: 'x', stdin: '' }), ExecutorUnavailableError);
    assert.equal(standIn.requests.length, 3, 'one attempt and two retries');
  });

  it('treats a refused auth token as the executor being unavailable', async () => {
    executor = make({ authToken: 'wrong-token' });
    await assert.rejects(executor.run({ language: 'python', code: 'x', stdin: '' }), (error: unknown) => {
      assert.ok(error instanceof ExecutorUnavailableError);
      assert.match(error.message, /JUDGE0_AUTH_TOKEN/);
      return true;
    });
    assert.equal(standIn.requests.length, 1, 'no retry of an auth failure');
  });

  it('ends with internal_error when the instance refuses the submission (422)', async () => {
    executor = make({ languageIds: { python: 9999 } });
    const result = await executor.run({ language: 'python', code: 'x', stdin: '' });
    assert.equal(result.verdict, 'internal_error');
    assert.match(result.stderr, /doesn't exist/);
  });

  it('refuses an unknown language with a typed error, without calling Judge0', async () => {
    await assert.rejects(executor.run({ language: 'cobol', code: 'x', stdin: '' }), UnknownLanguageError);
    assert.deepEqual(standIn.requests, []);
  });

  it('refuses a project of several files with a typed error, without calling Judge0; a project of one file runs as its code', async () => {
    const files = [
      { path: 'main.py', content: 'from helper import x' },
      { path: 'helper.py', content: 'x = 1' },
    ];
    await assert.rejects(executor.run({ language: 'python', code: files[0]!.content, files, stdin: '' }), ProjectsUnsupportedError);
    assert.deepEqual(standIn.requests, []);
    const single = await executor.run({ language: 'python', code: 'x', files: [{ path: 'main.py', content: 'x' }], stdin: '' });
    assert.equal(single.verdict, 'ok');
  });

  it('stops when the run is aborted, during a request or between polls', async () => {
    const controller = new AbortController();
    const run = executor.run({ language: 'python', code: 'x', stdin: '' }, { signal: controller.signal });
    controller.abort(new Error('stopped by the interviewer'));
    await assert.rejects(run, /stopped by the interviewer/);

    executor = make({ pollIntervalMs: 60_000 });
    const between = new AbortController();
    const polling = executor.run({ language: 'python', code: 'x', stdin: '' }, { signal: between.signal });
    while (!standIn.requests.some((r) => r.startsWith('GET'))) await new Promise((resolve) => setImmediate(resolve));
    between.abort(new Error('stopped while waiting'));
    await assert.rejects(polling, /stopped while waiting/);
  });
});
