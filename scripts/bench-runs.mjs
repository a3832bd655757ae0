#!/usr/bin/env node
// Code runs end to end: Python and Node hello world through POST /v1/runs on the real server (child
// process, local bubblewrap sandbox, SQLite) against the same programs spawned bare by this script in
// the same run; then Python throughput at concurrency 1, 2, 4, 8, and a saturation burst in which
// every request must be answered (200 or 429), none lost or hung. A participant has one run in
// progress at a time, so each concurrent worker (and each burst request) is its own session.
// The throughput rows also give the server process's own CPU time per run (its threads, not the
// sandboxed programs), which a busy machine disturbs far less than runs per second.
// Compiled languages (C++, Java): hello world compile + run through the API (fresh code each time,
// so nothing is reused; then the same code again) against the same toolchains called directly by
// this script (g++ then ./main; javac then java), alternating; and a request with 5 tests.
// Warm sandboxes: the same hello worlds and throughput rows against a second server with
// RUN_WARM_POOL=0 (cold sandboxes, as before they existed), in the same run; bare-spawn throughput
// at the same concurrency; and where each API run's time goes, from the Server-Timing header of
// POST /v1/runs (admission, queue, sandbox, program, the handler's total; the client's time beyond
// that total is HTTP, authentication and loopback).
// Env: BENCH_RUN_SAMPLES (100), BENCH_DURATION_MS (4000 per throughput row), BENCH_SATURATION (64),
// BENCH_COMPILED_SAMPLES (20), BENCH_PREBUILT_WAIT_MS (45000: after the warm-up, time for the server's
// background builds of precompiled headers and javac's archive), BENCH_RUNS_ONLY=compiled (skip the
// interpreted rows) or =interpreted (skip the compiled ones), BENCH_COLD=0 (no cold server), BENCH_SERVER_ROOT (serve from another checkout, e.g. to compare with an earlier version).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { cpuMsOf, createSession, machineCpuMs, percentile, request, sampleSession, startServer } from './lib/bench.mjs';

const SAMPLES = Number(process.env.BENCH_RUN_SAMPLES ?? 100);
const THROUGHPUT_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const SATURATION = Number(process.env.BENCH_SATURATION ?? 64);
const COMPILED_SAMPLES = Number(process.env.BENCH_COMPILED_SAMPLES ?? 20);
const PREBUILT_WAIT_MS = Number(process.env.BENCH_PREBUILT_WAIT_MS ?? 45_000);
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

const stats = (samples) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) });

/** Hello world and a doubler (for the request with tests) per compiled language, and how to build and run them directly. */
const compiled = {
  cpp: {
    source: 'main.cpp',
    hello: '#include <iostream>\nint main() { std::cout << "hello world\\n"; }\n',
    doubler: '#include <iostream>\nint main() { long n = 0; std::cin >> n; std::cout << 2 * n << "\\n"; }\n',
    direct: (dir) => [
      ['/usr/bin/g++', ['-std=gnu++20', '-O2', '-o', join(dir, 'main'), join(dir, 'main.cpp')]],
      [join(dir, 'main'), []],
    ],
  },
  java: {
    source: 'Main.java',
    hello: 'public class Main { public static void main(String[] args) { System.out.println("hello world"); } }\n',
    doubler:
      'public class Main { public static void main(String[] args) { long n = new java.util.Scanner(System.in).nextLong(); System.out.println(2 * n); } }\n',
    direct: (dir) => [
      ['/usr/bin/javac', ['-d', dir, join(dir, 'Main.java')]],
      ['/usr/bin/java', ['-cp', dir, 'Main']],
    ],
  },
};

function spawnQuiet(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}`))));
  });
}

let nonce = 0;
/** The program with a comment that makes its code (and so its hash) new. */
const fresh = (code) => `${code}// ${process.pid}-${++nonce}\n`;

/** Writes the source to a fresh directory, compiles it and runs it with the toolchain itself; the milliseconds of each step. */
async function runDirect(language, code) {
  const dir = mkdtempSync(join(tmpdir(), 'ik-bench-direct-'));
  try {
    writeFileSync(join(dir, compiled[language].source), code);
    const [build, run] = compiled[language].direct(dir);
    const started = performance.now();
    await spawnQuiet(...build);
    const built = performance.now();
    const out = await spawnQuiet(...run);
    if (out !== 'hello world\n') throw new Error(`direct ${language} run printed ${JSON.stringify(out)}`);
    return { compileMs: built - started, runMs: performance.now() - built };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

async function apiRun(server, token, language, code = programs[language].code) {
  const res = await post(server.url, '/v1/runs', token, { language, code });
  if (res.status !== 200) throw new Error(`run failed: ${res.status} ${res.text}`);
  const run = JSON.parse(res.text);
  if (run.verdict !== 'ok' || run.stdout !== 'hello world\n') throw new Error(`unexpected run: ${res.text.slice(0, 300)}`);
  const header = res.headers['server-timing'] ?? '';
  return { ...run, timing: serverTiming(header), warmSandbox: /\bsandbox;desc=warm\b/.test(header) };
}

/** `admission;dur=1.2, queue;dur=0.1, …` → `{ admission: 1.2, queue: 0.1, … }` (empty without the header). */
function serverTiming(header = '') {
  return Object.fromEntries(
    header
      .split(',')
      .map((part) => /^\s*(\w+);(?:desc=\w+;)?dur=([\d.]+)/.exec(part))
      .filter(Boolean)
      .map(([, name, ms]) => [name, Number(ms)]),
  );
}

const PARTS = ['http', 'admission', 'queue', 'sandbox', 'program'];

/** One API sample split into its parts: the client's time beyond the handler's total is HTTP, authentication and loopback. */
const breakdown = (clientMs, timing) => ({ http: clientMs - (timing.total ?? clientMs), ...timing });

/** Latency: alternating bare and API samples, so that both see the same machine state. */
async function latency(server, token, language) {
  for (let i = 0; i < 10; i++) {
    await runBare(programs[language].bare);
    await apiRun(server, token, language);
  }
  const bare = [];
  const api = [];
  const parts = Object.fromEntries(PARTS.map((part) => [part, []]));
  let warmRuns = 0;
  for (let i = 0; i < SAMPLES; i++) {
    bare.push(await timed(() => runBare(programs[language].bare)));
    let run;
    const ms = await timed(async () => (run = await apiRun(server, token, language)));
    api.push(ms);
    if (run.warmSandbox) warmRuns++;
    const split = breakdown(ms, run.timing);
    for (const part of PARTS) if (split[part] !== undefined) parts[part].push(split[part]);
  }
  return {
    language,
    server: server.label,
    bare: stats(bare),
    api: stats(api),
    warmShare: warmRuns / SAMPLES,
    parts: Object.fromEntries(PARTS.filter((part) => parts[part].length > 0).map((part) => [part, stats(parts[part])])),
  };
}

/** Bare spawns of the Python hello world from `concurrency` workers for THROUGHPUT_MS. */
/**
 * The whole machine's CPU over a throughput row: how busy its cores were, and the CPU time per run
 * (everything: the server, sandboxes, interpreters, the kernel, and any other process).
 */
function machineUse(busyBefore, runs, seconds) {
  const busyMs = machineCpuMs().busy - busyBefore;
  return { machineBusy: busyMs / (seconds * 1000 * availableParallelism()), machineCpuMsPerRun: busyMs / runs };
}

async function bareThroughput(concurrency) {
  let done = 0;
  const deadline = performance.now() + THROUGHPUT_MS;
  const started = performance.now();
  const machineBefore = machineCpuMs().busy;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await runBare(programs.python.bare);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { concurrency, runs: done, perSecond: done / seconds, ...machineUse(machineBefore, done, seconds) };
}

/**
 * Compile + run: alternating direct toolchain and API samples with fresh code each time, then the
 * API with one program sent again and again (its compile reused), then requests with 5 tests
 * (fresh code each: one compile, six executions).
 */
async function compiledLatency(server, token, testsToken, language) {
  const { hello, doubler } = compiled[language];
  const direct = [];
  const directSteps = { compile: [], run: [] };
  const api = [];
  const program = [];
  const again = [];
  const withTests = [];
  for (let i = 0; i < COMPILED_SAMPLES; i++) {
    direct.push(
      await timed(async () => {
        const steps = await runDirect(language, fresh(hello));
        directSteps.compile.push(steps.compileMs);
        directSteps.run.push(steps.runMs);
      }),
    );
    api.push(await timed(async () => program.push((await apiRun(server, token, language, fresh(hello))).wallMs)));
  }
  const same = fresh(hello);
  await apiRun(server, token, language, same);
  for (let i = 0; i < COMPILED_SAMPLES; i++) again.push(await timed(() => apiRun(server, token, language, same)));
  for (let i = 0; i < COMPILED_SAMPLES; i++) {
    withTests.push(
      await timed(async () => {
        const res = await post(server.url, '/v1/runs', testsToken, { language, code: fresh(doubler), stdin: '7', tests: 'all' });
        const run = JSON.parse(res.text);
        if (res.status !== 200 || run.stdout !== '14\n' || run.tests?.length !== 5 || !run.tests.every((t) => t.passed)) {
          throw new Error(`unexpected run with tests: ${res.status} ${res.text.slice(0, 300)}`);
        }
      }),
    );
  }
  return {
    language,
    direct: stats(direct),
    directCompile: stats(directSteps.compile),
    directRun: stats(directSteps.run),
    api: stats(api),
    program: stats(program),
    again: stats(again),
    withTests: stats(withTests),
  };
}

/** A candidate's token in a session whose question has 5 visible tests of the doubler. */
async function testsToken(server) {
  const tests = [1, 2, 3, 4, 5].map((n) => ({ stdin: `${n}\n`, expected: `${2 * n}\n`, hidden: false }));
  const session = await createSession(
    server,
    sampleSession({ title: 'Bench', question: { prompt: 'Double', starterCode: '', tests }, participants: [{ id: 'cam', name: 'Cam', role: 'candidate' }] }),
  );
  return session.tokenFor('candidate');
}

async function compiledRows(server) {
  const token = await candidateToken(server);
  const withTests = await testsToken(server);
  // Warm-up: the toolchains' files in the page cache, and the server's background builds started.
  for (const language of Object.keys(compiled)) {
    for (let i = 0; i < 3; i++) {
      await runDirect(language, fresh(compiled[language].hello));
      await apiRun(server, token, language, fresh(compiled[language].hello));
    }
  }
  await new Promise((resolve) => setTimeout(resolve, PREBUILT_WAIT_MS));
  const rows = [];
  for (const language of Object.keys(compiled)) rows.push(await compiledLatency(server, token, withTests, language));
  return rows;
}

function printCompiled(rows) {
  console.log(`\nCompiled hello world: toolchain called directly vs POST /v1/runs (${COMPILED_SAMPLES} samples each, fresh code each sample, alternating)\n`);
  console.log('| language | direct p50 ms | direct p95 ms | API p50 ms | API p95 ms | API / direct p50 | same code again p50 ms | p95 ms | 5 tests p50 ms | p95 ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { language, direct, api, again, withTests } of rows) {
    console.log(
      `| ${language} | ${direct.p50.toFixed(0)} | ${direct.p95.toFixed(0)} | ${api.p50.toFixed(0)} | ${api.p95.toFixed(0)} | ${(api.p50 / direct.p50).toFixed(2)} | ` +
        `${again.p50.toFixed(0)} | ${again.p95.toFixed(0)} | ${withTests.p50.toFixed(0)} | ${withTests.p95.toFixed(0)} |`,
    );
  }
  console.log('\nWhere the time goes (p50 ms): direct = compile + run; API = program (its wall time in the sandbox) + the rest (HTTP, auth, queue, compile, sandboxes)\n');
  console.log('| language | direct compile | direct run | API total | API program | API rest |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const { language, directCompile, directRun, api, program } of rows) {
    console.log(
      `| ${language} | ${directCompile.p50.toFixed(0)} | ${directRun.p50.toFixed(0)} | ${api.p50.toFixed(0)} | ${program.p50.toFixed(0)} | ${(api.p50 - program.p50).toFixed(0)} |`,
    );
  }
}

async function throughput(server, concurrency) {
  const tokens = await Promise.all(Array.from({ length: concurrency }, () => candidateToken(server)));
  let done = 0;
  const deadline = performance.now() + THROUGHPUT_MS;
  const started = performance.now();
  const cpuBefore = cpuMsOf(server.child.pid);
  const machineBefore = machineCpuMs().busy;
  await Promise.all(
    tokens.map(async (token) => {
      while (performance.now() < deadline) {
        await apiRun(server, token, 'python');
        done++;
      }
    }),
  );
  const cpuMs = cpuMsOf(server.child.pid) - cpuBefore;
  const seconds = (performance.now() - started) / 1000;
  return { server: server.label, concurrency, runs: done, perSecond: done / seconds, serverCpuMsPerRun: cpuMs / done, ...machineUse(machineBefore, done, seconds) };
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
  const only = process.env.BENCH_RUNS_ONLY;
  const root = process.env.BENCH_SERVER_ROOT ? { root: process.env.BENCH_SERVER_ROOT } : {};
  const env = { EXECUTOR: 'local', RUN_RATE_LIMIT_PER_SESSION: '10000000' };
  const server = Object.assign(await startServer(env, root), { label: 'warm (default)' });
  // Cold sandboxes, as before warm ones existed: the baseline of what they bought, in the same run.
  const cold = only !== 'compiled' && process.env.BENCH_COLD !== '0' ? Object.assign(await startServer({ ...env, RUN_WARM_POOL: '0' }, root), { label: 'cold (RUN_WARM_POOL=0)' }) : null;
  const servers = cold ? [server, cold] : [server];
  try {
    if (only === 'compiled') {
      printCompiled(await compiledRows(server));
      return;
    }
    const loadBefore = loadavg();
    const latencies = [];
    for (const language of Object.keys(programs)) {
      for (const each of servers) latencies.push(await latency(each, await candidateToken(each), language));
    }
    const rates = [];
    for (const concurrency of [1, 2, 4, 8]) {
      rates.push({ ...(await bareThroughput(concurrency)), server: 'bare spawn', serverCpuMsPerRun: NaN });
      for (const each of servers) rates.push(await throughput(each, concurrency));
    }
    const burst = await saturation(server);
    const loadAfter = loadavg();
    const compiledLatencies = only === 'interpreted' ? [] : await compiledRows(server);

    console.log(`\nHello world: bare spawn vs POST /v1/runs (${SAMPLES} samples each, alternating; ${cores} cores; loopback; load average ${loadBefore[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after)\n`);
    console.log('| language | server | bare p50 ms | bare p99 ms | API p50 ms | API p99 ms | ratio p50 | added p50 ms | added p99 ms |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const { language, server: label, bare, api } of latencies) {
      console.log(
        `| ${language} | ${label} | ${bare.p50.toFixed(1)} | ${bare.p99.toFixed(1)} | ${api.p50.toFixed(1)} | ${api.p99.toFixed(1)} | ` +
          `${(api.p50 / bare.p50).toFixed(2)} | ${(api.p50 - bare.p50).toFixed(1)} | ${(api.p99 - bare.p99).toFixed(1)} |`,
      );
    }
    console.log('\nWhere an API run\'s time goes (p50 ms of each part, from Server-Timing; http = client time beyond the handler: HTTP, authentication, loopback)\n');
    console.log(`| language | server | runs in a warm sandbox | ${PARTS.join(' | ')} |`);
    console.log(`|---|---|---:|${PARTS.map(() => '---:').join('|')}|`);
    for (const { language, server: label, parts, warmShare } of latencies) {
      console.log(`| ${language} | ${label} | ${(warmShare * 100).toFixed(0)}% | ${PARTS.map((part) => parts[part]?.p50.toFixed(2) ?? '–').join(' | ')} |`);
    }
    console.log(`\nPython hello world throughput: bare spawns and POST /v1/runs (${THROUGHPUT_MS / 1000} s per row, default RUN_CONCURRENCY = ${cores})\n`);
    console.log('| concurrency | what | runs | runs/s | vs bare | server CPU ms per run | machine CPU ms per run | machine busy |');
    console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
    for (const row of rates) {
      const bare = rates.find((r) => r.concurrency === row.concurrency && r.server === 'bare spawn');
      console.log(
        `| ${row.concurrency} | ${row.server} | ${row.runs} | ${row.perSecond.toFixed(1)} | ${(row.perSecond / bare.perSecond).toFixed(2)} | ${Number.isNaN(row.serverCpuMsPerRun) ? '–' : row.serverCpuMsPerRun.toFixed(2)} | ${row.machineCpuMsPerRun.toFixed(1)} | ${(row.machineBusy * 100).toFixed(0)}% |`,
      );
    }
    console.log(`\nSaturation: ${SATURATION} concurrent Python runs (queue: ${cores} running + 32 waiting)\n`);
    console.log('| answered 200 | rejected 429 | other status | lost or hung | seconds |');
    console.log('|---:|---:|---:|---:|---:|');
    console.log(`| ${burst.ok} | ${burst.rejected} | ${burst.other} | ${burst.lost} | ${burst.seconds.toFixed(2)} |`);
    if (compiledLatencies.length > 0) printCompiled(compiledLatencies);
    if (burst.lost || burst.other || burst.ok + burst.rejected !== SATURATION) {
      throw new Error('saturation: some requests were lost, hung or failed');
    }
  } finally {
    agent.destroy();
    await Promise.all(servers.map((each) => each.stop()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
