/**
 * Two server instances, one PostgreSQL database and one Redis, as a deployment behind a load
 * balancer runs them: real child processes, real PostgreSQL (TEST_DATABASE_URL), real Redis
 * (REDIS_TEST_URL, or Debian's redis-server started here).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sharedSessionOf } from '@interview-kit/core/collab/session-state';
import WebSocket from 'ws';
import { spawnReferenceServer, type SpawnedReferenceServer } from '../../../scripts/lib/reference-server.mjs';
import * as Y from 'yjs';
import { connectProvider, destroyClosedProvider, frames, inbox, rawSocket, sessionWithCode, syncStatuses, until } from '../testing/collab.js';
import { changeSession } from '@interview-kit/core/testing';
import { call, createSession, createTestDatabase, type TestDatabase } from '../testing/harness.js';
import { startTestRedis, type TestRedis } from '../testing/redis.js';
import { roundRobinProxy, type RoundRobinProxy } from '../testing/round-robin-proxy.js';

const PER_KEY = 20;

const redis = process.env.TEST_DATABASE_URL ? await startTestRedis() : { skip: 'TEST_DATABASE_URL is not set (PostgreSQL is needed for several instances)' };
const skip = 'skip' in redis ? redis.skip : false;

/** Opens a signaling socket with a ticket URL; resolves with it, or with the HTTP status that refused it. */
function openSignal(url: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

describe('several instances, one interview (PostgreSQL and Redis)', { skip }, () => {
  let database: TestDatabase;
  let a: SpawnedReferenceServer;
  let b: SpawnedReferenceServer;
  const apiKey = `ik_test_${randomBytes(24).toString('base64url')}`;
  const host = (server: SpawnedReferenceServer) => ({ url: server.url, apiKey });
  const cleanup: (() => unknown)[] = [];

  before(async () => {
    database = (await createTestDatabase())!;
    const env = (instance: string) => ({
      DATABASE_URL: database.url,
      REDIS_URL: (redis as TestRedis).url,
      INSTANCE_ID: instance,
      JWT_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_PER_KEY: String(PER_KEY),
      DRAIN_NOTICE_MS: '300',
    });
    const shared = env('a');
    // One after the other: the first applies the migrations.
    a = await spawnReferenceServer({ apiKey, env: shared });
    b = await spawnReferenceServer({ apiKey, env: { ...shared, INSTANCE_ID: 'b' } });
  });

  after(async () => {
    for (const step of cleanup.reverse()) await step();
    await Promise.all([a?.kill(), b?.kill()]);
    await database?.drop();
    await (redis as TestRedis).stop();
  });

  test('clients of one session connected to different instances converge', async () => {
    const session = await createSession(host(a), sessionWithCode('x = 1\n'));
    const onA = connectProvider(a.wsUrl, session.id, session.tokenFor('candidate'));
    const onB = connectProvider(b.wsUrl, session.id, session.tokenFor('interviewer'));
    cleanup.push(() => onA.provider.destroy(), () => onB.provider.destroy());
    await until(() => onA.provider.isSynced && onB.provider.isSynced, 'both synced');
    onA.text.insert(0, '# typed on A\n');
    onB.text.insert(onB.text.length, '# typed on B\n');
    await until(() => onA.text.toString() === onB.text.toString() && onA.text.toString().includes('# typed on B'), 'the same text on both instances');
    assert.equal(onB.text.toString(), '# typed on A\nx = 1\n# typed on B\n');
  });

  test('signaling crosses instances, and a ticket issued on one is used once on either', async () => {
    const session = await createSession(host(a), sessionWithCode());
    const ticket = async (server: SpawnedReferenceServer, role: 'candidate' | 'interviewer') =>
      (await call(server.url, 'POST', `/v1/sessions/${session.id}/collab-ticket`, { auth: session.tokenFor(role) })).body;
    const forB = await ticket(a, 'candidate');
    const forA = await ticket(b, 'interviewer');
    const peerOnB = (await openSignal(`${b.wsUrl}${forB.signalingUrl}`)) as WebSocket;
    const peerOnA = (await openSignal(`${a.wsUrl}${forA.signalingUrl}`)) as WebSocket;
    cleanup.push(() => peerOnA.close(), () => peerOnB.close());
    assert.ok(peerOnA instanceof WebSocket && peerOnB instanceof WebSocket, 'each ticket admits on the other instance');
    const received: string[] = [];
    peerOnB.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'publish') received.push(message.data);
    });
    for (const [peer, { roomName }] of [[peerOnA, forA], [peerOnB, forB]] as const) peer.send(JSON.stringify({ type: 'subscribe', topics: [roomName] }));
    // The instances subscribe to the topic's channel as their first peer joins: publish until it arrives.
    await until(() => {
      if (received.length === 0) peerOnA.send(JSON.stringify({ type: 'publish', topic: forA.roomName, data: 'b2ZmZXI=' }));
      return received.length > 0;
    }, 'a publish on A reaching a peer on B');
    assert.equal(received[0], 'b2ZmZXI=');

    const once = await ticket(a, 'candidate');
    const first = await openSignal(`${b.wsUrl}${once.signalingUrl}`);
    assert.ok(first instanceof WebSocket);
    first.close();
    assert.equal(await openSignal(`${a.wsUrl}${once.signalingUrl}`), 401, 'used on B, refused on A');
  });

  test('an end on instance A reaches a room on instance B within a second, and B stops taking edits', async () => {
    const session = await createSession(host(a), sessionWithCode());
    const onB = connectProvider(b.wsUrl, session.id, session.tokenFor('interviewer'));
    const candidate = await rawSocket(`${b.wsUrl}/v1/collab`);
    const received = inbox(candidate);
    cleanup.push(() => onB.provider.destroy(), () => candidate.close());
    candidate.send(frames.auth(session.id, session.tokenFor('candidate')));
    await until(() => onB.provider.isSynced && sharedSessionOf(onB.doc).get('status') === 'live' && received.length > 0, 'live on B');
    const started = Date.now();
    await changeSession(host(a), session.id, 'end');
    await until(() => sharedSessionOf(onB.doc).get('status') === 'ended', 'ended on B');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1000, `the end reached B after ${elapsed} ms`);

    // B's connections are read-only at once: the candidate's next edit is refused there.
    const late = new Y.Doc();
    late.getText('code').insert(0, 'too late\n');
    candidate.send(frames.update(session.id, Y.encodeStateAsUpdate(late)));
    await until(() => syncStatuses(received).length === 1, 'the answer to the late update');
    assert.deepEqual(syncStatuses(received), [false], 'the late update is refused');
  });

  test('"all-joined" starts the interview when the last editor joins, whichever instances the others are connected to', async () => {
    const session = await createSession(host(a), { ...sessionWithCode(), autoStart: 'all-joined' }, { start: false });
    const interviewer = connectProvider(a.wsUrl, session.id, session.tokenFor('interviewer'));
    cleanup.push(() => interviewer.provider.destroy());
    await until(() => interviewer.provider.isSynced && sharedSessionOf(interviewer.doc).get('status') === 'scheduled', 'the interviewer waiting on A');
    const candidate = connectProvider(b.wsUrl, session.id, session.tokenFor('candidate'));
    cleanup.push(() => candidate.provider.destroy());
    await until(() => sharedSessionOf(candidate.doc).get('status') === 'live' && sharedSessionOf(interviewer.doc).get('status') === 'live', 'live on both');
  });

  test('rate limits hold across both instances', async () => {
    const session = await createSession(host(a), sessionWithCode());
    const token = session.tokenFor('observer');
    const statuses: number[] = [];
    for (let i = 0; i < PER_KEY + 2; i++) {
      statuses.push((await call((i % 2 ? b : a).url, 'GET', `/v1/sessions/${session.id}`, { auth: token })).status);
    }
    assert.deepEqual(statuses.slice(0, PER_KEY), new Array(PER_KEY).fill(200), 'the allowance is the sum of both, not each');
    const refused = await call(b.url, 'GET', `/v1/sessions/${session.id}`, { auth: token });
    assert.deepEqual([...statuses.slice(PER_KEY), refused.status], [429, 429, 429]);
    assert.match(refused.contentType, /^application\/problem\+json/);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  });

  test('an instance killed mid-session: its clients reconnect to the other and no acknowledged edit is lost', async () => {
    const session = await createSession(host(a), sessionWithCode(''));
    const proxy: RoundRobinProxy = await roundRobinProxy([a.url, b.url]);
    cleanup.push(() => proxy.close());
    const viaProxy = connectProvider(proxy.url.replace(/^http/, 'ws'), session.id, session.tokenFor('candidate'));
    const onB = connectProvider(b.wsUrl, session.id, session.tokenFor('interviewer'));
    cleanup.push(() => destroyClosedProvider(viaProxy.provider), () => onB.provider.destroy());
    await until(() => viaProxy.provider.isSynced && onB.provider.isSynced, 'both synced');
    assert.equal(proxy.routed[0], 0, 'the first client went to A');

    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}\n`);
    for (const line of lines) {
      viaProxy.text.insert(viaProxy.text.length, line);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => viaProxy.provider.unsyncedChanges === 0, 'every edit acknowledged by A', 5_000);
    await a.kill();
    const typed = lines.join('');
    // Acknowledged means already handed to the other instances: B has it without A or the client.
    await until(() => onB.text.toString() === typed, 'every acknowledged edit on B', 3_000);

    await until(() => proxy.routed.length >= 2 && viaProxy.provider.isSynced, 'the client reconnected through the proxy');
    assert.equal(proxy.routed.at(-1), 1, 'to B');
    viaProxy.text.insert(viaProxy.text.length, 'after\n');
    await until(() => onB.text.toString() === `${typed}after\n`, 'an edit after the reconnect on B');
    const fresh = connectProvider(b.wsUrl, session.id, session.tokenFor('observer'));
    cleanup.push(() => fresh.provider.destroy());
    await until(() => fresh.provider.isSynced && fresh.text.toString() === `${typed}after\n`, 'a new client sees everything');
  });

  test('SIGTERM drains: readyz goes not-ready first, a run under way finishes, sockets close with 1012, exit 0', async () => {
    const session = await createSession(host(b), sessionWithCode());
    const client = connectProvider(b.wsUrl, session.id, session.tokenFor('interviewer'));
    await until(() => client.provider.isSynced, 'synced');
    const closes: number[] = [];
    client.provider.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));
    cleanup.push(() => destroyClosedProvider(client.provider));

    const run = call(b.url, 'POST', '/v1/runs', { auth: session.tokenFor('candidate'), body: { language: 'python', code: 'import time\ntime.sleep(1)\nprint("finished")' } });
    // The run is under way once the server counts it (or it was refused: no sandbox here).
    for (let metrics = ''; !/^run_queue_running 1$/m.test(metrics); ) {
      metrics = (await call(b.url, 'GET', '/metrics')).body;
      if (await Promise.race([run.then(() => true), new Promise((resolve) => setImmediate(() => resolve(false)))])) break;
    }
    const exited = new Promise<number | null>((resolve) => b.child.once('exit', (code) => resolve(code)));
    b.child.kill('SIGTERM');
    // Ready until the signal arrives, then 503 while the port still answers (DRAIN_NOTICE_MS).
    let ready = await call(b.url, 'GET', '/readyz');
    for (const deadline = Date.now() + 5_000; ready.status === 200 && Date.now() < deadline; ) ready = await call(b.url, 'GET', '/readyz');
    assert.equal(ready.status, 503, 'not ready before the port closes');
    assert.match(ready.contentType, /^application\/problem\+json/);

    const result = await run;
    if (result.status !== 503 || !/unavailable|sandbox|executor/i.test(JSON.stringify(result.body))) {
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.equal(result.body.stdout, 'finished\n', 'the run under way finished');
    }
    assert.equal(await exited, 0);
    assert.ok(closes.includes(1012), `closed with ${closes.join(', ')}`);
  });
});
