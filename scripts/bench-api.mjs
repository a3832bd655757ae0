#!/usr/bin/env node
// Session creation and participant-token minting under concurrent load on loopback, against the
// real server in a child process (SQLite in a temp dir, rate limits lifted). The trivial /healthz
// route is measured in the same run as the floor that the HTTP stack alone costs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const root = new URL('..', import.meta.url).pathname;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);

export async function startServer(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-bench-'));
  const apiKey = `bench-${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', BOOTSTRAP_API_KEY: apiKey, RATE_LIMIT_PER_KEY: '10000000', RATE_LIMIT_PER_IP: '10000000', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  const url = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /"msg":"listening".*?"url":"([^"]+)"/.exec(buffer);
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    apiKey,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(url, method, path, { auth, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(`${url}${path}`, {
      method,
      agent,
      headers: {
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

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
