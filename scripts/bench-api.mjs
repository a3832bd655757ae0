#!/usr/bin/env node
// Session creation and participant-token minting under concurrent load on loopback, against the
// real server in a child process (SQLite in a temp dir, rate limits lifted). The trivial /healthz
// route is measured in the same run as the floor that the HTTP stack alone costs.
import http from 'node:http';
import { percentile, request as send, startServer } from './lib/bench.mjs';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const request = (url, method, path, options) => send(agent, url, method, path, options);

/** Runs `op` from `concurrency` workers for DURATION_MS; returns throughput and latency percentiles. */
async function load(concurrency, op) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const ok = await op();
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { concurrency, requests: latencies.length, errors, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const session = {
  title: 'Bench',
  question: { prompt: 'Sum two numbers', language: 'python', starterCode: '', tests: [{ stdin: '1 2', expected: '3', hidden: false }, { stdin: '2 2', expected: '4', hidden: true }] },
  participants: [
    { id: 'ivy', name: 'Ivy', role: 'interviewer' },
    { id: 'cam', name: 'Cam', role: 'candidate' },
  ],
};

export async function main() {
  const server = await startServer();
  try {
    const created = JSON.parse((await request(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: session })).text);
    const ops = {
      'GET /healthz (floor)': async () => (await request(server.url, 'GET', '/healthz')).status === 200,
      'POST /v1/sessions': async () => (await request(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: session })).status === 201,
      'POST /v1/sessions/:id/tokens': async () =>
        (await request(server.url, 'POST', `/v1/sessions/${created.id}/tokens`, { auth: server.apiKey, body: { participantId: 'cam' } })).status === 200,
    };
    for (const [name, op] of Object.entries(ops)) for (let i = 0; i < 200; i++) await op(); // warm-up
    const rows = [];
    for (const [name, op] of Object.entries(ops)) {
      for (const concurrency of CONCURRENCY) rows.push({ name, ...(await load(concurrency, op)) });
    }
    console.log(`\nAPI throughput and latency (${DURATION_MS / 1000} s per cell, keep-alive, loopback, SQLite)\n`);
    console.log('| operation | concurrency | req/s | p50 ms | p99 ms | errors | req/s vs floor |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      const floor = rows.find((r) => r.name.includes('floor') && r.concurrency === row.concurrency);
      console.log(
        `| ${row.name} | ${row.concurrency} | ${row.perSecond.toFixed(0)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${row.errors} | ${(row.perSecond / floor.perSecond).toFixed(2)} |`,
      );
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
