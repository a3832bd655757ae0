// The run panel's state machine without the element, against the real reference server.
import { expect } from '@esm-bundle/chai';
import * as Y from 'yjs';
import { InterviewSession, SHARED_STRUCTURE, sharedRunsOf, stdinOf, type Role, type SharedRunRecord } from '@interview-kit/core';
import { createSession, referenceServer, sampleSession, type ReferenceServer, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import { until } from '../../../core/src/testing/helpers.js';
import { RunModel } from './run-model.js';
import type { RunPhase, RunState } from './state.js';

let server: ReferenceServer;
let created: CreatedSession;
const detachers: (() => void)[] = [];

before(async () => {
  server = await referenceServer({ liveKit: false });
});
beforeEach(async () => {
  created = await createSession(server);
});
afterEach(() => detachers.splice(0).forEach((detach) => detach()));

async function modelFor(role: Role): Promise<{ model: RunModel; session: InterviewSession; states: RunState[] }> {
  const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
  await session.load();
  const model = new RunModel();
  const states: RunState[] = [];
  detachers.push(model.state.subscribe((state) => states.push(state)));
  detachers.push(model.attach(session));
  await until(() => model.state.value.languages, 'the languages');
  return { model, session, states };
}

/** A record as the server writes it: applied from another document, as a sync would. */
function serverWrites(doc: Y.Doc, record: SharedRunRecord): void {
  const serverDoc = new Y.Doc();
  Y.applyUpdate(serverDoc, Y.encodeStateAsUpdate(doc));
  sharedRunsOf(serverDoc).push([record]);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(serverDoc, Y.encodeStateVector(doc)), 'server');
}

const recordBy = (id: string, name: string, stdout: string): SharedRunRecord => ({
  id,
  by: { id: name.toLowerCase(), name, role: 'interviewer' },
  at: new Date().toISOString(),
  language: 'python',
  verdict: 'ok',
  stdout,
  stderr: '',
  exitCode: 0,
  signal: null,
  cpuMs: 10,
  wallMs: 12,
  memoryKb: 9000,
  truncated: false,
  tests: [],
});

describe('RunModel', () => {
  it('runs the document code on the standard input: queued, running with streamed output, then the result', async () => {
    const { model, states } = await modelFor('candidate');
    const doc = new Y.Doc();
    doc.getText(SHARED_STRUCTURE.code).insert(0, 'import sys\nprint("got", sys.stdin.read().strip(), flush=True)\nprint("oops", file=sys.stderr)\n');
    doc.getMap(SHARED_STRUCTURE.meta).set(SHARED_STRUCTURE.language, 'python');
    let localWrites = 0;
    doc.on('update', (_update: Uint8Array, origin: unknown) => void (origin === null && localWrites++));
    detachers.push(model.follow(doc));
    model.setStdin('seven');

    const view = await model.run(model.request());

    expect(view?.verdict).to.equal('ok');
    const phases = states.map((state) => state.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).to.deep.equal(['idle', 'queued', 'running', 'idle'] satisfies RunPhase[]);
    expect(states.some((state) => state.phase === 'running' && state.live.some((chunk) => chunk.text.includes('got seven')))).to.equal(true);
    const { shown, history, failure } = model.state.value;
    expect(failure).to.equal(undefined);
    expect(shown).to.include({ origin: 'own', byName: 'Cam Candidate', verdict: 'ok' });
    expect(shown!.console).to.deep.equal([
      { stream: 'stdout', text: 'got seven\n' },
      { stream: 'stderr', text: 'oops\n' },
    ]);
    expect(history.map((record) => record.id)).to.deep.equal([view!.id]);
    expect(localWrites, 'writes into the shared document').to.equal(0);
    expect(sharedRunsOf(doc).length).to.equal(0);
  });

  it('cancels a run in progress', async () => {
    const { model } = await modelFor('candidate');
    const finished = model.run(model.request({ code: 'print("spinning", flush=True)\nwhile True: pass\n', language: 'python' }));
    await until(() => model.state.value.live.length, 'streamed output');
    expect(model.state.value.phase).to.equal('running');
    model.cancel();
    expect(await finished).to.equal(undefined);
    expect(model.state.value).to.include({ phase: 'idle', shown: undefined });
    expect(model.state.value.failure).to.deep.equal({ kind: 'cancelled' });
  });

  it('reports a refused run as a failure with the problem', async () => {
    const { model } = await modelFor('candidate');
    expect(await model.run(model.request({ code: 'x', language: 'cobol' }))).to.equal(undefined);
    const failure = model.state.value.failure;
    expect(failure?.kind).to.equal('failed');
    expect((failure as { error: { status: number } }).error.status).to.equal(400);
  });

  it("shows someone else's run as its record lands, but neither its own run's record nor anything while running", async () => {
    const { model } = await modelFor('candidate');
    const doc = new Y.Doc();
    detachers.push(model.follow(doc));

    serverWrites(doc, recordBy('r1', 'Ivy Interviewer', 'from ivy\n'));
    expect(model.state.value.shown).to.include({ id: 'r1', origin: 'room', byName: 'Ivy Interviewer' });

    const own = await model.run(model.request({ code: 'print(1)', language: 'python' }));
    expect(model.state.value.history.map((record) => record.id)).to.deep.equal(['r1', own!.id]);
    serverWrites(doc, { ...recordBy(own!.id, 'Cam Candidate', '1\n') });
    expect(model.state.value.shown).to.include({ id: own!.id, origin: 'own' });
    expect(model.state.value.history.map((record) => record.id), 'no duplicate').to.deep.equal(['r1', own!.id]);

    const running = model.run(model.request({ code: 'import time\ntime.sleep(0.5)', language: 'python' }));
    serverWrites(doc, recordBy('r2', 'Ivy Interviewer', 'while you ran\n'));
    expect(model.state.value.shown).to.equal(undefined);
    await running;
    expect(model.state.value.shown?.origin).to.equal('own');
    expect(model.state.value.history.map((record) => record.id)).to.include('r2');
  });

  it('opens on the latest record and shows a picked one from the history', async () => {
    const { model } = await modelFor('interviewer');
    const doc = new Y.Doc();
    serverWrites(doc, recordBy('a', 'Ivy Interviewer', 'first\n'));
    serverWrites(doc, recordBy('b', 'Ivy Interviewer', 'second\n'));
    detachers.push(model.follow(doc));
    expect(model.state.value.shown).to.include({ id: 'b', origin: 'history' });
    model.show(model.state.value.history[0]!);
    expect(model.state.value.shown).to.include({ id: 'a', origin: 'history' });
  });

  it("lists the runs of the question in play only: records of another question stay out of the history", async () => {
    const { model } = await modelFor('interviewer');
    const doc = new Y.Doc();
    serverWrites(doc, recordBy('before-plans', 'Ivy Interviewer', 'no question named\n'));
    serverWrites(doc, { ...recordBy('first', 'Ivy Interviewer', 'question 0\n'), question: 0 });
    serverWrites(doc, { ...recordBy('other', 'Ivy Interviewer', 'question 1\n'), question: 1 });
    detachers.push(model.follow(doc));
    expect(model.state.value.history.map((record) => record.id)).to.deep.equal(['before-plans', 'first']);
    expect(model.state.value.shown, "opens on the latest run of this question, not another's").to.include({ id: 'first' });
    serverWrites(doc, { ...recordBy('late', 'Ivy Interviewer', 'question 1 again\n'), question: 1 });
    expect(model.state.value.history.map((record) => record.id)).to.deep.equal(['before-plans', 'first']);
    expect(model.state.value.shown, "another question's run landing is not announced").to.include({ id: 'first' });
  });

  it("follows a move to another question: the history becomes that question's runs", async () => {
    const host = async (path: string, body: unknown, auth = server.apiKey) => {
      const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const question = async (slug: string) => {
      const { id } = await host('/v1/questions', {
        slug: `${slug}-${crypto.randomUUID()}`,
        type: 'coding',
        title: slug,
        prompt: 'Print your input.',
        difficulty: 'easy',
        tags: [],
        estimatedMinutes: 5,
        guide: '',
        starterCode: { python: '' },
        tests: [{ stdin: 'x\n', expected: 'x\n' }],
        solutions: { python: 'print(input())\n' },
      });
      await host(`/v1/questions/${id}/publish`, {});
      return id;
    };
    const first = await question('first');
    const second = await question('second');
    const multi = await createSession(server, { ...sampleSession(), question: undefined, questions: [{ id: first }, { id: second }] } as never);
    const session = new InterviewSession({ server: server.url, sessionId: multi.id, tokenProvider: multi.tokenFor('interviewer') });
    await session.load();
    const model = new RunModel();
    detachers.push(model.attach(session));
    const doc = new Y.Doc();
    serverWrites(doc, { ...recordBy('of-first', 'Ivy Interviewer', '1\n'), question: 0 });
    serverWrites(doc, { ...recordBy('of-second', 'Ivy Interviewer', '2\n'), question: 1 });
    detachers.push(model.follow(doc));
    expect(model.state.value.history.map((record) => record.id)).to.deep.equal(['of-first']);

    await host(`/v1/sessions/${multi.id}/question`, { index: 1 }, multi.tokenFor('interviewer'));
    await session.load();
    expect(model.state.value.history.map((record) => record.id)).to.deep.equal(['of-second']);
    expect(model.state.value.shown, "the run shown is the new question's").to.include({ id: 'of-second' });
  });

  it('blocks observers and ended sessions; takes the language from the document unless overridden', async () => {
    const observer = await modelFor('observer');
    expect(observer.model.blockedBy()).to.equal('observer');
    expect(await observer.model.run(observer.model.request())).to.equal(undefined);

    const { model, session } = await modelFor('interviewer');
    expect(model.blockedBy()).to.equal(undefined);
    expect(model.language()).to.equal('python');
    const doc = new Y.Doc();
    doc.getMap(SHARED_STRUCTURE.meta).set(SHARED_STRUCTURE.language, 'javascript');
    detachers.push(model.follow(doc));
    expect(model.language()).to.equal('javascript');
    expect(model.language('python')).to.equal('python');
    expect(model.request({ code: 'print(2)' })).to.deep.include({ language: 'javascript', code: 'print(2)', stdin: '' });
    await session.end();
    expect(model.blockedBy()).to.equal('ended');
    await observer.session.load();
    expect(observer.model.blockedBy(), 'over, whatever the role').to.equal('ended');
  });

  it("runs on the document's shared stdin, follows others' edits of it, and writes it only while the document is writable", async () => {
    const { model } = await modelFor('candidate');
    const doc = new Y.Doc();
    let writable = true;
    detachers.push(model.follow(doc, { writable: () => writable }));
    expect(model.setStdin('20 22')).to.equal(true);
    expect(stdinOf(doc).toString()).to.equal('20 22');

    // Someone else's edit arrives: it is the input of the next run.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    stdinOf(other).delete(3, 2);
    stdinOf(other).insert(3, '20');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote');
    expect(model.state.value.stdin).to.equal('20 20');
    const view = await model.run(model.request({ code: 'a, b = map(int, input().split())\nprint(a + b)', language: 'python' }));
    expect(view?.stdout).to.equal('40\n');
    expect(model.state.value.shown).to.include({ stdin: '20 20', stdinTruncated: false });

    writable = false;
    expect(model.canEditStdin()).to.equal(false);
    expect(model.setStdin('mine only')).to.equal(false);
    expect(stdinOf(doc).toString()).to.equal('20 20');
  });

  it("follows the document's language as it changes", async () => {
    const { model, states } = await modelFor('candidate');
    const doc = new Y.Doc();
    detachers.push(model.follow(doc));
    expect(model.language()).to.equal('python');
    doc.getMap(SHARED_STRUCTURE.meta).set(SHARED_STRUCTURE.language, 'javascript');
    expect(model.state.value.language).to.equal('javascript');
    expect(model.language()).to.equal('javascript');
    expect(states.at(-1)!.language, 'announced to subscribers').to.equal('javascript');
  });

  it('blocks a cancelled session', async () => {
    const scheduled = await createSession(server, undefined, { start: false });
    const host = new InterviewSession({ server: server.url, sessionId: scheduled.id, tokenProvider: server.apiKey });
    await host.load();
    const model = new RunModel();
    detachers.push(model.attach(host));
    await host.client.cancelSession(scheduled.id);
    await host.load();
    expect(model.blockedBy()).to.equal('cancelled');
  });
});
