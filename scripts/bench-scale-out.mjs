#!/usr/bin/env node
// Several instances: sync fan-out latency with the clients of each session split over two server
// instances (PostgreSQL and Redis between them) against all on one instance, and what the Redis
// hop adds. `node scripts/bench-scale-out.mjs` (`npm run bench -- scale-out`).
//
// Three set-ups, each the reference server as child processes on one PostgreSQL database
// (TEST_DATABASE_URL; the benchmark says so and stops when it is not set):
//   one            one instance, no Redis (today's single instance on PostgreSQL);
//   one+redis      one instance with REDIS_URL: every accepted edit is also published to Redis
//                  before it is acknowledged, nobody else listening;
//   two (split)    two instances with REDIS_URL; the clients of each session alternate between them,
//                  so most deliveries cross the Redis hop.
// Redis: REDIS_TEST_URL, or Debian's redis-server started on a free loopback port.
// Every client is a stock HocuspocusProvider; the interviewer and the candidate of each session
// type one character at BENCH_RATE a second into the shared text (the observer only receives);
// latency is from the sender's local transaction to each other client applying it (one process,
// one clock); the warm-up is excluded.
// Env: BENCH_SESSIONS (30), BENCH_CLIENTS (3), BENCH_RATE (5), BENCH_SECONDS (10), BENCH_WARMUP (3).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createSession, percentile, sampleSession, startServer } from './lib/bench.mjs';
import { freePort } from './lib/free-port.mjs';
import { onPath } from './lib/system-packages.mjs';
import { trackFanOut } from './lib/fan-out.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const SESSIONS = env('BENCH_SESSIONS', 30);
const CLIENTS = env('BENCH_CLIENTS', 3);
const RATE = env('BENCH_RATE', 5);
const SECONDS = env('BENCH_SECONDS', 10);
const WARMUP = env('BENCH_WARMUP', 3);
const API_KEY = 'ik_bench_scale_out_key_0123456789abcdef';
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ms = (v) => `${v.toFixed(1)} ms`;

/** A fresh database in the PostgreSQL server of TEST_DATABASE_URL. */
async function createDatabase(admin) {
  const name = `ik_bench_${randomBytes(6).toString('hex')}`;
  const run = async (statement) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** REDIS_TEST_URL, or a redis-server of our own. */
async function startRedis() {
  if (process.env.REDIS_TEST_URL) return { url: process.env.REDIS_TEST_URL, stop: async () => {} };
  if (!onPath('redis-server')) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ik-bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await sleep(300);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Connects CLIENTS providers per session, client n to `urls[n % urls.length]`, measuring what each receives. */
async function connectClients(urls, sessions) {
  const clients = [];
  for (const session of sessions) {
    const sends = new Map();
    for (const [n, participant] of session.participants.slice(0, CLIENTS).entries()) {
      const doc = new Y.Doc();
      const socket = new HocuspocusProviderWebsocket({ url: `${urls[n % urls.length].replace(/^http/, 'ws')}/v1/collab`, WebSocketPolyfill: WebSocket });
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: session.id, document: doc, token: participant.token });
      provider.attach();
      // Observers read only: they receive, and do not type.
      const client = { doc, provider, socket, sends, latencies: [], seen: new Map(), types: participant.role !== 'observer' };
      if (client.types) sends.set(doc.clientID, []);
      trackFanOut(doc, client, sends, clock);
      clients.push(client);
    }
  }
  const deadline = Date.now() + 60_000;
  while (clients.some((c) => !c.provider.isSynced) && Date.now() < deadline) await sleep(50);
  return clients;
}

/** Types at RATE per client for WARMUP + SECONDS; resolves with every measured latency. */
async function type(clients) {
  const startAt = clock();
  const measureFrom = startAt + WARMUP * 1000;
  const stopAt = measureFrom + SECONDS * 1000;
  let expected = 0;
  const period = 1000 / RATE;
  const keystroke = (c) => {
    const at = clock();
    const measured = at >= measureFrom && at < stopAt;
    const text = c.doc.getText('code');
    text.insert(text.length, 'x');
    c.sends.get(c.doc.clientID).push({ clock: Y.getState(c.doc.store, c.doc.clientID), at, measured });
    // Every other client of the session receives it.
    if (measured) expected += CLIENTS - 1;
  };
  for (const [i, c] of clients.entries()) {
    if (!c.types) continue;
    c.starter = setTimeout(() => {
      keystroke(c);
      c.timer = setInterval(() => keystroke(c), period);
    }, (i * period) / clients.length);
  }
  await sleep(stopAt - clock());
  for (const c of clients) {
    clearTimeout(c.starter);
    clearInterval(c.timer);
  }
  const delivered = () => clients.reduce((sum, c) => sum + c.latencies.length, 0);
  const until = Date.now() + 20_000;
  while (delivered() < expected && Date.now() < until) await sleep(50);
  return { expected, latencies: clients.flatMap((c) => c.latencies) };
}

async function measure(label, instances, database, redisUrl) {
  const servers = [];
  try {
    for (let i = 0; i < instances; i++) {
      servers.push(
        await startServer(
          { DATABASE_URL: database.url, WS_MAX_PER_IP: '10000', JWT_SECRET: 'bench-scale-out-secret-0123456789abcdef', LOG_LEVEL: 'error', ...(redisUrl ? { REDIS_URL: redisUrl, INSTANCE_ID: `bench-${i}` } : {}) },
          { apiKey: API_KEY, stopGraceMs: 10_000 },
        ),
      );
    }
    const host = { url: servers[0].url, apiKey: API_KEY };
    const sessions = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(await createSession(host, sampleSession({ question: { starterCode: '', tests: [] } })));
    const clients = await connectClients(
      servers.map((s) => s.url),
      sessions,
    );
    const { expected, latencies } = await type(clients);
    for (const c of clients) {
      c.provider.destroy();
      c.socket.destroy();
    }
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log(`${label.padEnd(14)} p50 ${ms(p50).padStart(9)}  p95 ${ms(p95).padStart(9)}  p99 ${ms(percentile(latencies, 99)).padStart(9)}  delivered ${latencies.length}/${expected}`);
    return { p50, p95 };
  } finally {
    for (const server of servers) await server.stop();
  }
}

const admin = process.env.TEST_DATABASE_URL;
if (!admin) {
  console.log('scale-out: TEST_DATABASE_URL is not set; several instances need PostgreSQL (skipped)');
  process.exit(0);
}
const redis = await startRedis();
if (!redis) {
  console.log('scale-out: no redis-server (apt-get install -y redis-server) and no REDIS_TEST_URL (skipped)');
  process.exit(0);
}
console.log(`${SESSIONS} sessions × ${CLIENTS} clients × ${RATE} keystrokes/s, ${SECONDS} s measured after ${WARMUP} s; fan-out latency, sender to each other client`);
try {
  const results = {};
  for (const [label, instances, withRedis] of [
    ['one', 1, false],
    ['one+redis', 1, true],
    ['two (split)', 2, true],
  ]) {
    const database = await createDatabase(admin);
    try {
      results[label] = await measure(label, instances, database, withRedis ? redis.url : undefined);
    } finally {
      await database.drop();
    }
  }
  const hop = (key) => results['two (split)'][key] - results.one[key];
  console.log(`added by splitting over two instances (the Redis hop): p50 +${ms(hop('p50'))}, p95 +${ms(hop('p95'))}`);
} finally {
  await redis.stop();
}
