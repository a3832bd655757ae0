import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { ConsoleServerFrame } from '@interview-kit/core/console/protocol';
import { SHARED_RUNS, type SharedRunRecord } from '@interview-kit/core/runs';
import { call, createSession, startTestServer, type CreatedSession, type TestServer } from '../../testing/harness.js';
import { closed, sessionWithCode, wsUrl } from '../../testing/collab.js';
import { documentName } from '../documents.js';
import { serverWritesOf } from '../server-owned-writer.js';
import { ConsoleRoom } from './console-room.js';

/** One console socket under test: every frame it received, and ways to wait for more. */
interface ConsoleSocket {
  ws: WebSocket;
  frames: ConsoleServerFrame[];
  /** Everything the terminal showed so far: output and echoed input. */
  screen(from?: number): string;
  send(frame: object): void;
  /** Resolves with the first frame (received so far or later) that `match` accepts. */
  waitFor<T extends ConsoleServerFrame>(match: (frame: ConsoleServerFrame) => frame is T, what: string, from?: number): Promise<T>;
  waitFor(match: (frame: ConsoleServerFrame) => boolean, what: string, from?: number): Promise<ConsoleServerFrame>;
  /** Resolves once `text` is on the screen, counting output from frame `from` on. */
  waitForScreen(text: string, from?: number): Promise<void>;
}

function consoleSocket(url: string): Promise<ConsoleSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const frames: ConsoleServerFrame[] = [];
    const listeners = new Set<() => void>();
    ws.on('message', (data) => {
      frames.push(JSON.parse(String(data)));
      for (const listener of [...listeners]) listener();
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
    const socket: ConsoleSocket = {
      ws,
      frames,
      screen: (from = 0) => frames.slice(from).map((f) => (f.type === 'output' ? f.data : '')).join(''),
      send: (frame) => ws.send(JSON.stringify(frame)),
      waitFor(match: (frame: ConsoleServerFrame) => boolean, what: string, from = 0) {
        return new Promise((found, failed) => {
          const timer = setTimeout(() => {
            listeners.delete(check);
            failed(new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(frames).slice(-2000)}`));
          }, 10_000);
          const check = () => {
            const frame = frames.slice(from).find(match);
            if (!frame) return;
            clearTimeout(timer);
            listeners.delete(check);
            found(frame);
          };
          listeners.add(check);
          check();
        }) as Promise<any>;
      },
      waitForScreen(text, from = 0) {
        return socket.waitFor(() => socket.screen(from).includes(text), `"${text}" on the screen`).then(() => undefined);
      },
    };
    ws.once('open', () => {
      // The first frame is always the console's state.
      void socket.waitFor((f) => f.type === 'state', 'the first state').then(() => resolve(socket));
    });
  });
}

const isExit = (frame: ConsoleServerFrame): frame is Extract<ConsoleServerFrame, { type: 'exit' }> => frame.type === 'exit';
const isError = (frame: ConsoleServerFrame): frame is Extract<ConsoleServerFrame, { type: 'error' }> => frame.type === 'error';
const lastState = (socket: ConsoleSocket) => socket.frames.filter((f): f is Extract<ConsoleServerFrame, { type: 'state' }> => f.type === 'state').at(-1)!;

describe('interactive console: /v1/sessions/:id/console-tickets and /v1/runs/interactive', () => {
  let server: TestServer;
  let session: CreatedSession;
  const ticket = (token: string | undefined, id = session.id) => call(server.url, 'POST', `/v1/sessions/${id}/console-tickets`, token ? { auth: token } : {});
  const open = async (role: 'candidate' | 'interviewer') => {
    const socket = await consoleSocket(`${wsUrl(server)}${(await ticket(session.tokenFor(role))).body.url}`);
    assert.notEqual(typeof socket, 'number', `the ${role} connects`);
    return socket as ConsoleSocket;
  };
  const request = sessionWithCode();
  const participant = (role: string) => {
    const { id, name } = request.participants.find((p) => p.role === role)!;
    return { id: id!, name };
  };

  before(async () => {
    server = await startTestServer({ env: { INTERACTIVE_IDLE_MS: '800', INTERACTIVE_MAX_MS: '2500', RUN_CONCURRENCY: '2' } });
    session = await createSession(server, request);
  });
  after(() => server.dispose());

  it('issues one-time tickets to candidates and interviewers, never to observers', async () => {
    const issued = await ticket(session.tokenFor('candidate'));
    assert.equal(issued.status, 201);
    assert.match(issued.body.url, /^\/v1\/runs\/interactive\?ticket=[\w-]{32}$/);
    assert.equal((await ticket(session.tokenFor('interviewer'))).status, 201);
    const observer = await ticket(session.tokenFor('observer'));
    assert.equal(observer.status, 403);
    assert.match(observer.contentType, /^application\/problem\+json/);
    assert.equal((await ticket(undefined)).status, 401);

    const first = await consoleSocket(`${wsUrl(server)}${issued.body.url}`);
    assert.notEqual(typeof first, 'number');
    assert.equal(await consoleSocket(`${wsUrl(server)}${issued.body.url}`), 401, 'a used ticket is refused');
    assert.equal(await consoleSocket(`${wsUrl(server)}/v1/runs/interactive?ticket=made-up`), 401);
    (first as ConsoleSocket).ws.close();
  });

  it("a Python program reads two lines typed by the other participant, everyone sees the same console, and the record keeps who typed what", async () => {
    const interviewer = await open('interviewer');
    const candidate = await open('candidate');
    interviewer.send({ type: 'start', language: 'python', mode: 'program', code: 'a = int(input("a? "))\nb = int(input("b? "))\nprint("sum", a + b)' });
    await candidate.waitForScreen('a? ');
    candidate.send({ type: 'input', data: '2\n' });
    await candidate.waitForScreen('b? ');
    candidate.send({ type: 'input', data: '40\n' });
    const exit = await interviewer.waitFor(isExit, 'the exit');
    assert.deepEqual(exit, { type: 'exit', code: 0, signal: null, reason: 'exit' });
    await candidate.waitFor(isExit, 'the exit');
    assert.equal(interviewer.screen(), 'a? 2\nb? 40\nsum 42\n');
    assert.equal(candidate.screen(), interviewer.screen(), 'both see the same console');
    const typed = interviewer.frames.filter((f) => f.type === 'output' && f.stream === 'stdin');
    const { id, name } = participant('candidate');
    assert.deepEqual(typed.map((f) => f.type === 'output' && f.by), [{ id, name }, { id, name }], 'stamped by the server with the typist');

    // A late joiner gets the transcript so far.
    const late = await open('candidate');
    await late.waitForScreen('sum 42');
    assert.equal(late.screen(), interviewer.screen());
    const state = lastState(late).run;
    assert.equal(state.status, 'ended');
    assert.equal(state.reason, 'exit');
    assert.equal(state.startedBy?.id, participant('interviewer').id);

    // The run record: in the runs list with its transcript, and in the shared document.
    const runs = (await call(server.url, 'GET', `/v1/sessions/${session.id}/runs`, { auth: session.tokenFor('interviewer') })).body.runs;
    const run = runs.find((r: { id: string }) => r.id === state.id);
    assert.equal(run.interactive.mode, 'program');
    assert.equal(run.interactive.reason, 'exit');
    assert.equal(run.interactive.transcriptTruncated, false);
    assert.equal(run.stdout, 'a? 2\nb? 40\nsum 42\n');
    assert.equal(run.stdin, '2\n40\n');
    assert.deepEqual(run.interactive.transcript.filter((e: { stream: string }) => e.stream === 'stdin').map((e: { by: unknown }) => e.by), [{ id, name }, { id, name }]);
    const shared = serverWritesOf(await server.services.collab.store.timeline(documentName(session.id, 'shared')));
    const record = shared.getArray<SharedRunRecord>(SHARED_RUNS).toArray().find((r) => r.id === state.id);
    assert.equal(record?.stdout, 'a? 2\nb? 40\nsum 42\n');
    assert.deepEqual(record?.interactive, { mode: 'program', reason: 'exit', transcriptTruncated: false });
    for (const socket of [interviewer, candidate, late]) socket.ws.close();
  });

  it('Ctrl+C interrupts a while True loop; a REPL evaluates what is typed and ends at Ctrl+D', async () => {
    const candidate = await open('candidate');
    const interviewer = await open('interviewer');
    candidate.send({ type: 'start', language: 'python', mode: 'program', code: 'import time\nprint("looping", flush=True)\nwhile True:\n    time.sleep(0.1)\n    print(".", end="", flush=True)' });
    await interviewer.waitForScreen('looping');
    interviewer.send({ type: 'signal', name: 'SIGINT' });
    const exit = await candidate.waitFor(isExit, 'the interrupted exit');
    assert.equal(exit.reason, 'exit');
    assert.match(candidate.screen(), /\^CTraceback[\s\S]*KeyboardInterrupt/);

    const from = candidate.frames.length;
    candidate.send({ type: 'start', language: 'python', mode: 'repl' });
    candidate.send({ type: 'input', data: '6 * 7\n' });
    await candidate.waitForScreen('42\n', from);
    candidate.send({ type: 'eof' });
    assert.deepEqual(await candidate.waitFor(isExit, 'the REPL exit', from), { type: 'exit', code: 0, signal: null, reason: 'exit' }, JSON.stringify(candidate.frames.slice(from)));
    candidate.ws.close();
    interviewer.ws.close();
  });

  it('idle and total limits end an abandoned run', async () => {
    const candidate = await open('candidate');
    candidate.send({ type: 'start', language: 'python', mode: 'program', code: 'input()' });
    assert.equal((await candidate.waitFor(isExit, 'the idle exit')).reason, 'idle');
    const from = candidate.frames.length;
    candidate.send({ type: 'start', language: 'python', mode: 'program', code: 'import time\nwhile True:\n    print("tick", flush=True)\n    time.sleep(0.2)' });
    assert.equal((await candidate.waitFor(isExit, 'the total exit', from)).reason, 'total');
    candidate.ws.close();
  });

  it('one run at a time; an interviewer may lock input to one participant; the others get 403', async () => {
    const candidate = await open('candidate');
    const interviewer = await open('interviewer');
    candidate.send({ type: 'lock', to: participant('candidate').id });
    assert.equal((await candidate.waitFor(isError, 'the refused lock')).problem.status, 403);

    interviewer.send({ type: 'lock', to: participant('interviewer').id });
    await candidate.waitFor((f) => f.type === 'state' && f.run.lockedTo === participant('interviewer').id, 'the lock');
    assert.equal(lastState(candidate).you.canType, false);
    interviewer.send({ type: 'start', language: 'python', mode: 'program', code: 'print(input())' });
    await interviewer.waitFor((f) => f.type === 'state' && f.run.status === 'running', 'the run');
    const before = candidate.frames.length;
    candidate.send({ type: 'input', data: 'from the candidate\n' });
    assert.equal((await candidate.waitFor(isError, 'the refused input', before)).problem.status, 403);
    interviewer.send({ type: 'start', language: 'python', mode: 'program', code: 'print(1)' });
    assert.equal((await interviewer.waitFor(isError, 'the second start')).problem.status, 409);
    interviewer.send({ type: 'input', data: 'from the interviewer\n' });
    await interviewer.waitFor(isExit, 'the exit');
    assert.doesNotMatch(interviewer.screen(), /from the candidate/);
    assert.match(interviewer.screen(), /from the interviewer\nfrom the interviewer\n/);
    interviewer.send({ type: 'lock', to: null });
    await candidate.waitFor((f) => f.type === 'state' && f.run.lockedTo === null && f.you.canType, 'the unlock');
    candidate.ws.close();
    interviewer.ws.close();
  });

  it('closes sockets that send malformed frames', async () => {
    const notJson = await open('candidate');
    notJson.ws.send('{nope');
    assert.equal(await closed(notJson.ws), 1007);
    const binary = await open('candidate');
    binary.ws.send(Buffer.from([1, 2, 3]));
    assert.equal(await closed(binary.ws), 1003);
    const unknown = await open('candidate');
    unknown.send({ type: 'sudo' });
    assert.equal(await closed(unknown.ws), 1007);
  });

  it("the interview's end stops a run in progress", async () => {
    const ending = await createSession(server, sessionWithCode());
    const socket = (await consoleSocket(`${wsUrl(server)}${(await ticket(ending.tokenFor('candidate'), ending.id)).body.url}`)) as ConsoleSocket;
    socket.send({ type: 'start', language: 'python', mode: 'repl' });
    await socket.waitFor((f) => f.type === 'state' && f.run.status === 'running', 'the run');
    assert.equal((await call(server.url, 'POST', `/v1/sessions/${ending.id}/end`, { auth: server.apiKey })).status, 200);
    assert.equal((await socket.waitFor(isExit, 'the stopped run')).reason, 'stopped');
    socket.ws.close();
  });

  it('the transcript is erased with the session', async () => {
    const erased = await createSession(server, sessionWithCode());
    const socket = (await consoleSocket(`${wsUrl(server)}${(await ticket(erased.tokenFor('candidate'), erased.id)).body.url}`)) as ConsoleSocket;
    socket.send({ type: 'start', language: 'python', mode: 'program', code: 'print("secret", input())' });
    await socket.waitFor((f) => f.type === 'state' && f.run.status === 'running', 'the run');
    socket.send({ type: 'input', data: 'typed-words\n' });
    await socket.waitFor(isExit, 'the exit');
    const stored = async () => (await server.db.selectFrom('runs').select('id').where('session_id', '=', erased.id).execute()).length;
    // The record is stored once the run has ended; wait for it.
    for (let i = 0; i < 100 && (await stored()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await stored(), 1);
    socket.ws.close();
    const res = await call(server.url, 'DELETE', `/v1/sessions/${erased.id}`, { auth: server.apiKey });
    assert.equal(res.status, 200);
    assert.equal(await stored(), 0, 'no run row is left');
  });
});

describe('console room', () => {
  it('an observer in the room (however it got there) watches: its start, input, Ctrl+C and locks are refused with 403', () => {
    const room = new ConsoleRoom({
      participants: [{ id: 'olga', role: 'observer' }],
      run: () => assert.fail('an observer never starts a run'),
      onEmpty: () => {},
    });
    const received: ConsoleServerFrame[] = [];
    const olga = { participant: { id: 'olga', name: 'Olga Observer' }, role: 'observer' as const, send: (frame: ConsoleServerFrame) => received.push(frame) };
    room.join(olga);
    for (const frame of [
      { type: 'start', language: 'python', mode: 'program', code: 'print(1)' },
      { type: 'input', data: 'x\n' },
      { type: 'signal', name: 'SIGINT' },
      { type: 'eof' },
      { type: 'lock', to: null },
    ] as const) {
      room.receive(olga, frame);
    }
    assert.deepEqual(received[0]?.type === 'state' && received[0].you, { id: 'olga', name: 'Olga Observer', role: 'observer', canType: false });
    assert.deepEqual(received.slice(1).map((f) => f.type === 'error' && f.problem.status), [403, 403, 403, 403, 403]);
  });
});
