#!/usr/bin/env node
// The pipeline after an interview, end to end: a session ends, the server scores its final code in
// the real sandbox (EXECUTOR=local), prepares the report, and announces each step by a signed
// webhook to a receiver on loopback in this process. For each session, the time from the end
// request's response to the arrival of `session.ended` (the same-run floor: delivery alone),
// `score.completed` and `report.ready`. Only deliveries whose Standard Webhooks signature the
// `standardwebhooks` package accepts are counted, each webhook-id once. Two shapes: sessions ended
// one at a time, then a burst of sessions ended together.
import http from 'node:http';
import { loadavg } from 'node:os';
import { Webhook } from 'standardwebhooks';
import { tsImport } from 'tsx/esm/api';
import { createSession, percentile, request as send, sampleSession, startServer } from './lib/bench.mjs';

/** @type {typeof import('../server/src/testing/webhook-receiver.ts')} */
const { WebhookReceiver } = await tsImport('../server/src/testing/webhook-receiver.ts', import.meta.url);

const SESSIONS = Number(process.env.BENCH_PIPELINE_SESSIONS ?? 20);
const WAIT_MS = Number(process.env.BENCH_PIPELINE_WAIT_MS ?? 180_000);
const EVENTS = ['session.ended', 'score.completed', 'report.ready'];
const agent = new http.Agent({ keepAlive: true });

/**
 * A loopback receiver that verifies every delivery with `standardwebhooks` and notes, per
 * session and event, when the first valid delivery arrived. Invalid ones are answered 400 and
 * only counted.
 */
class VerifiedArrivals {
  /** @type {Map<string, Record<string, number>>} session id → event type → performance.now() of arrival */
  bySession = new Map();
  seenIds = new Set();
  valid = 0;
  invalid = 0;
  duplicates = 0;

  async start() {
    this.receiver = await new WebhookReceiver().start();
    this.receiver.answer = (received) => this.#arrived(received, performance.now());
    return this;
  }

  /** @param {string} secret the endpoint's `whsec_…` signing secret */
  verifyWith(secret) {
    this.webhook = new Webhook(secret);
  }

  #arrived(received, at) {
    let event;
    try {
      event = /** @type {{ type: string, data: { sessionId: string } }} */ (this.webhook.verify(received.body, received.headers));
    } catch {
      this.invalid++;
      return 400;
    }
    this.valid++;
    if (this.seenIds.has(received.id)) {
      this.duplicates++;
      return 200;
    }
    this.seenIds.add(received.id);
    const times = this.bySession.get(event.data.sessionId) ?? {};
    times[event.type] ??= at;
    this.bySession.set(event.data.sessionId, times);
    return 200;
  }

  /** Resolves once every session in `ids` has its `report.ready`. */
  allReported(ids) {
    return this.receiver.until(() => ids.every((id) => this.bySession.get(id)?.['report.ready'] !== undefined), WAIT_MS);
  }

  stop() {
    return this.receiver.stop();
  }
}

/** Ends a session as the host; resolves with performance.now() once the 200 response is in. */
async function end(server, sessionId) {
  const res = await send(agent, server.url, 'POST', `/v1/sessions/${sessionId}/end`, { auth: server.apiKey, body: {} });
  const at = performance.now();
  if (res.status !== 200) throw new Error(`POST /v1/sessions/${sessionId}/end → ${res.status}: ${res.text.slice(0, 300)}`);
  return at;
}

/** Per event, the milliseconds from each session's end response to that event's arrival. */
function latencies(arrivals, endedAt) {
  return Object.fromEntries(EVENTS.map((type) => [type, [...endedAt].map(([id, t]) => arrivals.bySession.get(id)[type] - t)]));
}

/** Sessions ended one after another, each waited for until its report is announced. */
async function oneAtATime(server, arrivals, count) {
  const endedAt = new Map();
  for (let i = 0; i < count; i++) {
    const session = await createSession(server, sampleSession());
    endedAt.set(session.id, await end(server, session.id));
    await arrivals.allReported([session.id]);
  }
  return latencies(arrivals, endedAt);
}

/** `count` live sessions ended together; also the seconds from the first end response to the last report.ready. */
async function burst(server, arrivals, count) {
  const sessions = [];
  for (let i = 0; i < count; i++) sessions.push(await createSession(server, sampleSession()));
  const endedAt = new Map(await Promise.all(sessions.map(async (s) => [s.id, await end(server, s.id)])));
  await arrivals.allReported(sessions.map((s) => s.id));
  const firstEnd = Math.min(...endedAt.values());
  const lastReport = Math.max(...sessions.map((s) => arrivals.bySession.get(s.id)['report.ready']));
  return { ms: latencies(arrivals, endedAt), seconds: (lastReport - firstEnd) / 1000 };
}

const rows = (shape, ms) =>
  EVENTS.map((type) => `| ${shape} | ${type} | ${ms[type].length} | ${percentile(ms[type], 50).toFixed(0)} | ${percentile(ms[type], 95).toFixed(0)} | ${Math.max(...ms[type]).toFixed(0)} |`);

const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

export async function main() {
  const loadBefore = load();
  const arrivals = await new VerifiedArrivals().start();
  const server = await startServer({ EXECUTOR: 'local', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  try {
    const registered = await send(agent, server.url, 'POST', '/v1/webhooks', { auth: server.apiKey, body: { url: arrivals.receiver.url, events: EVENTS } });
    if (registered.status !== 201) throw new Error(`registering the webhook → ${registered.status}: ${registered.text.slice(0, 300)}`);
    arrivals.verifyWith(JSON.parse(registered.text).secret);

    const cold = await oneAtATime(server, arrivals, 1); // first sandbox spawn, first report: reported apart
    const sequential = await oneAtATime(server, arrivals, SESSIONS);
    const together = await burst(server, arrivals, SESSIONS);

    const setting = (name, fallback) => `${name} ${process.env[name] ?? `${fallback} (default)`}`;
    console.log(`\nSession end → webhooks received (real sandbox, SQLite, ${setting('JOB_CONCURRENCY', 4)}, ${setting('JOB_POLL_MS', 500)}), ms from the end request's response\n`);
    console.log('| sessions ended | webhook | samples | p50 ms | p95 ms | max ms |');
    console.log('|---|---|---:|---:|---:|---:|');
    for (const line of [...rows('one at a time', sequential), ...rows(`${SESSIONS} together`, together.ms)]) console.log(line);
    console.log(
      `\nFirst session (cold): session.ended ${cold['session.ended'][0].toFixed(0)} ms, score.completed ${cold['score.completed'][0].toFixed(0)} ms, report.ready ${cold['report.ready'][0].toFixed(0)} ms`,
    );
    console.log(`${SESSIONS} together: first end response → last report.ready ${together.seconds.toFixed(2)} s (${(SESSIONS / together.seconds).toFixed(1)} sessions/s)`);
    console.log(`Deliveries with a valid signature: ${arrivals.valid} (${arrivals.seenIds.size} distinct webhook-ids, ${arrivals.duplicates} repeated); invalid: ${arrivals.invalid}`);
    console.log(`Load average (1 / 5 / 15 min): ${loadBefore} before, ${load()} after`);
    if (arrivals.invalid > 0) throw new Error(`${arrivals.invalid} deliveries failed signature verification`);
  } finally {
    agent.destroy();
    await server.stop();
    await arrivals.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
