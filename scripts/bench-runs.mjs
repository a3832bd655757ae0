#!/usr/bin/env node
// Code runs end to end: Python and Node hello world through POST /v1/runs on the real server (child
// process, local bubblewrap sandbox, SQLite) against the same programs spawned bare by this script in
// the same run; then Python throughput at concurrency 1, 2, 4, 8, and a saturation burst in which
// every request must be answered (200 or 429), none lost or hung. A participant has one run in
// progress at a time, so each concurrent worker (and each burst request) is its own session.
// The throughput rows also give the server process's own CPU time per run (its threads, not the
// sandboxed programs), which a busy machine disturbs far less than runs per second.
// Env: BENCH_RUN_SAMPLES (100), BENCH_DURATION_MS (4000 per throughput row), BENCH_SATURATION (64),
// BENCH_SERVER_ROOT (serve from another checkout, e.g. to compare with an earlier version).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { availableParallelism } from 'node:os';
import { cpuMsOf, createSession, percentile, request, sampleSession, startServer } from './lib/bench.mjs';

const SAMPLES = Number(process.env.BENCH_RUN_SAMPLES ?? 100);
const THROUGHPUT_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const SATURATION = Number(process.env.BENCH_SATURATION ?? 64);
const PYTHON = '/usr/bin/python3';
const NODE = process.execPath;

const programs = {
  python: { code: 'print("hello world")', bare: [PYTHON, ['-c', 'print("hello world")']] },
  javascript: { code: 'console.log("hello world")', bare: [NODE, ['-e', 'console.log("hello world")']] },
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

const post = (url, path, token, body) => request(agent, url, 'POST', path, { auth: token, body, timeoutMs: 60_000 });

function runBare([command, args]) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: '/usr/bin:/bin' } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && out === 'hello world\n' ? resolve() : reject(new Error(`bare run failed: ${code} ${out}`))));
  });
}

const stats = (samples) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });

async function timed(op) {
  const t = performance.now();
  await op();
  return performance.now() - t;
}

/** A candidate's token in a session of its own. */
async function candidateToken(server) {
  const session = await createSession(
    server,
    sampleSession({ title: 'Bench', question: { prompt: 'Hello', starterCode: '', tests: [] }, participants: [{ id: 'cam', name: 'Cam', role: 'candidate' }] }),
  );
  return session.tokenFor('candidate');
}

async function apiRun(server, token, language) {
  const res = await post(server.url, '/v1/runs', token, { language, code: programs[language].code });
  if (res.status !== 200) throw new Error(`run failed: ${res.status} ${res.text}`);
  const run = JSON.parse(res.text);
  if (run.verdict !== 'ok' || run.stdout !== 'hello world\n') throw new Error(`unexpected run: ${res.text.slice(0, 300)}`);
}

/** Latency: alternating bare and API samples, so that both see the same machine state. */
async function latency(server, token, language) {
  for (let i = 0; i < 10; i++) {
    await runBare(programs[language].bare);
    await apiRun(server, token, language);
  }
  const bare = [];
  const api = [];
  for (let i = 0; i < SAMPLES; i++) {
    bare.push(await timed(() => runBare(programs[language].bare)));
    api.push(await timed(() => apiRun(server, token, language)));
  }
  return { language, bare: stats(bare), api: stats(api) };
}


async function throughput(server, concurrency) {
  const tokens = await Promise.all(Array.from({ length: concurrency }, () => candidateToken(server)));
  let done = 0;
  const deadline = performance.now() + THROUGHPUT_MS;
  const started = performance.now();
  const cpuBefore = cpuMsOf(server.child.pid);
  await Promise.all(
    tokens.map(async (token) => {
      while (performance.now() < deadline) {
        await apiRun(server, token, 'python');
        done++;
      }
    }),
  );
  const cpuMs = cpuMsOf(server.child.pid) - cpuBefore;
  return { concurrency, runs: done, perSecond: done / ((performance.now() - started) / 1000), serverCpuMsPerRun: cpuMs / done };
}

/** Fires SATURATION runs at once: each must get 200 with a correct result or 429 with Retry-After. */
async function saturation(server) {
  const tokens = await Promise.all(Array.from({ length: SATURATION }, () => candidateToken(server)));
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    tokens.map((token) => post(server.url, '/v1/runs', token, { language: 'python', code: programs.python.code })),
  );
  const seconds = (performance.now() - started) / 1000;
  const counts = { ok: 0, rejected: 0, other: 0, lost: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') counts.lost++;
    else if (outcome.value.status === 200 && JSON.parse(outcome.value.text).stdout === 'hello world\n') counts.ok++;
    else if (outcome.value.status === 429) counts.rejected++;
    else counts.other++;
  }
  return { ...counts, seconds };
}

export async function main() {
  const cores = availableParallelism();
  const server = await startServer(
    { EXECUTOR: 'local', RUN_RATE_LIMIT_PER_SESSION: '10000000' },
    process.env.BENCH_SERVER_ROOT ? { root: process.env.BENCH_SERVER_ROOT } : {},
  );
  try {
    const token = await candidateToken(server);
    const latencies = [];
    for (const language of Object.keys(programs)) latencies.push(await latency(server, token, language));
    const rates = [];
    for (const concurrency of [1, 2, 4, 8]) rates.push(await throughput(server, concurrency));
    const burst = await saturation(server);

    console.log(`\nHello world: bare spawn vs POST /v1/runs (${SAMPLES} samples each, alternating; ${cores} cores; loopback)\n`);
    console.log('| language | bare p50 ms | bare p99 ms | API p50 ms | API p99 ms | ratio p50 | added p50 ms | added p99 ms |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const { language, bare, api } of latencies) {
      console.log(
        `| ${language} | ${bare.p50.toFixed(1)} | ${bare.p99.toFixed(1)} | ${api.p50.toFixed(1)} | ${api.p99.toFixed(1)} | ` +
          `${(api.p50 / bare.p50).toFixed(2)} | ${(api.p50 - bare.p50).toFixed(1)} | ${(api.p99 - bare.p99).toFixed(1)} |`,
      );
    }
    console.log(`\nPython hello world throughput through POST /v1/runs (${THROUGHPUT_MS / 1000} s per row, default RUN_CONCURRENCY = ${cores})\n`);
    console.log('| concurrency | runs | runs/s | server CPU ms per run |');
    console.log('|---:|---:|---:|---:|');
    for (const row of rates) console.log(`| ${row.concurrency} | ${row.runs} | ${row.perSecond.toFixed(1)} | ${row.serverCpuMsPerRun.toFixed(2)} |`);
    console.log(`\nSaturation: ${SATURATION} concurrent Python runs (queue: ${cores} running + 32 waiting)\n`);
    console.log('| answered 200 | rejected 429 | other status | lost or hung | seconds |');
    console.log('|---:|---:|---:|---:|---:|');
    console.log(`| ${burst.ok} | ${burst.rejected} | ${burst.other} | ${burst.lost} | ${burst.seconds.toFixed(2)} |`);
    if (burst.lost || burst.other || burst.ok + burst.rejected !== SATURATION) {
      throw new Error('saturation: some requests were lost, hung or failed');
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
