#!/usr/bin/env node
// Where the server's CPU goes per code run: starts the reference server (this checkout, or another
// one with --root) under `node --cpu-prof`, sends Python hello worlds through POST /v1/runs from
// `--concurrency` clients (each its own session), and aggregates the samples taken while the
// measured runs were under way (after a warm-up) by file and by function, in CPU ms per run.
//
//   node scripts/profile-runs.mjs [--root DIR] [--runs 400] [--concurrency 2] [--save out.json] [--keep raw.cpuprofile]
//   node scripts/profile-runs.mjs --compare before1.json,before2.json after1.json,after2.json [--top 30]
//   (each comma-separated list is averaged)
//
// "self" is time in the function (or file) itself; "total" also counts what it called (each sample
// once per function or file, however deep the recursion). The profile covers the main thread only;
// the /proc figure is the whole process (libuv pool, GC threads) for comparison with bench-runs.
// The last table gives each sample to the innermost function of server/ on its stack, so that
// library and Node time (SQLite, Yjs, spawn) is charged to the server code that asked for it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuMsOf, createSession, request, sampleSession, startServer } from './lib/bench.mjs';

const { values: options, positionals } = parseArgs({
  options: {
    root: { type: 'string' },
    runs: { type: 'string', default: '400' },
    warmup: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '2' },
    save: { type: 'string' },
    keep: { type: 'string' },
    compare: { type: 'boolean', default: false },
    top: { type: 'string', default: '30' },
  },
  allowPositionals: true,
  strict: true,
});

/** A place in the code, by package (node_modules), Node's own modules, or path in the checkout. */
function fileOf(url, root) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return url;
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const parts = path.slice(inModules + '/node_modules/'.length).split('/');
    return `npm:${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  return path.startsWith(root) ? relative(root, path) : path;
}

/**
 * Self and total microseconds by function and by file over the samples whose time lies within
 * [fromUs, toUs] (V8's monotonic clock, the same as process.hrtime on Linux).
 */
export function aggregate(profile, root, fromUs, toUs) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keysOf = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = fileOf(url, root);
    return { file, fn: `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` };
  };
  const fnSelf = new Map();
  const fnTotal = new Map();
  const fileSelf = new Map();
  const fileTotal = new Map();
  const ownerSelf = new Map();
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  let time = profile.startTime;
  let busyUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    // A sample's time runs until the next sample.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (time < fromUs || time > toUs) continue;
    const leaf = byId.get(profile.samples[i]);
    if (leaf.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const leafKeys = keysOf(leaf);
    add(fnSelf, leafKeys.fn, us);
    add(fileSelf, leafKeys.file, us);
    const seenFns = new Set();
    const seenFiles = new Set();
    let owner;
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const keys = keysOf(byId.get(id));
      if (!owner && keys.file.startsWith('server/')) owner = keys.fn;
      if (!seenFns.has(keys.fn)) (seenFns.add(keys.fn), add(fnTotal, keys.fn, us));
      if (!seenFiles.has(keys.file)) (seenFiles.add(keys.file), add(fileTotal, keys.file, us));
    }
    add(ownerSelf, owner ?? `(outside the server's code) ${leafKeys.file}`, us);
  }
  return { busyUs, idleUs, fnSelf, fnTotal, fileSelf, fileTotal, ownerSelf };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A candidate's token in a started session of its own (versions before sessions had a start have no such route). */
async function candidateToken(server) {
  const session = await createSession(
    server,
    sampleSession({ title: 'Profile', question: { prompt: 'Hello', starterCode: '', tests: [] }, participants: [{ id: 'cam', name: 'Cam', role: 'candidate' }] }),
    { start: false },
  );
  const started = await request(agent, server.url, 'POST', `/v1/sessions/${session.id}/start`, { auth: server.apiKey, body: {} });
  if (started.status !== 200 && started.status !== 404) throw new Error(`start failed: ${started.status} ${started.text}`);
  return session.tokenFor('candidate');
}

async function runMany(server, tokens, count) {
  let left = count;
  await Promise.all(
    tokens.map(async (token) => {
      while (left > 0) {
        left--;
        const res = await request(agent, server.url, 'POST', '/v1/runs', { auth: token, body: { language: 'python', code: 'print("hello world")' }, timeoutMs: 60_000 });
        if (res.status !== 200 || JSON.parse(res.text).stdout !== 'hello world\n') throw new Error(`run failed: ${res.status} ${res.text.slice(0, 300)}`);
      }
    }),
  );
}


async function profileRuns() {
  const root = options.root ?? new URL('..', import.meta.url).pathname.replace(/\/$/, '');
  const runs = Number(options.runs);
  const profileDir = mkdtempSync(join(tmpdir(), 'ik-cpuprof-'));
  const server = await startServer(
    { EXECUTOR: 'local', RUN_RATE_LIMIT_PER_SESSION: '10000000' },
    { root, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] },
  );
  let window;
  try {
    const tokens = await Promise.all(Array.from({ length: Number(options.concurrency) }, () => candidateToken(server)));
    await runMany(server, tokens, Number(options.warmup));
    const cpuBefore = cpuMsOf(server.child.pid);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    await runMany(server, tokens, runs);
    const toUs = Number(process.hrtime.bigint() / 1000n);
    window = { fromUs, toUs, procCpuMsPerRun: (cpuMsOf(server.child.pid) - cpuBefore) / runs };
  } finally {
    agent.destroy();
    await server.stop();
  }
  const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
  if (options.keep) writeFileSync(options.keep, JSON.stringify(profile));
  rmSync(profileDir, { recursive: true, force: true });
  const result = aggregate(profile, `${root}/`.replace(/\/+$/, '/'), window.fromUs, window.toUs);
  const perRun = (map) => Object.fromEntries([...map].map(([key, us]) => [key, us / 1000 / runs]).sort((a, b) => b[1] - a[1]));
  const summary = {
    root,
    runs,
    concurrency: Number(options.concurrency),
    seconds: (window.toUs - window.fromUs) / 1e6,
    procCpuMsPerRun: window.procCpuMsPerRun,
    profiledBusyMsPerRun: result.busyUs / 1000 / runs,
    fileSelf: perRun(result.fileSelf),
    fileTotal: perRun(result.fileTotal),
    fnSelf: perRun(result.fnSelf),
    fnTotal: perRun(result.fnTotal),
    ownerSelf: perRun(result.ownerSelf),
  };
  if (options.save) writeFileSync(options.save, JSON.stringify(summary, null, 1));
  return summary;
}

/** The mean of several saved summaries of the same version (per-run figures averaged, runs summed). */
function mean(summaries) {
  const avg = (pick) => summaries.reduce((sum, s) => sum + pick(s), 0) / summaries.length;
  const avgMap = (name) => {
    const keys = new Set(summaries.flatMap((s) => Object.keys(s[name])));
    return Object.fromEntries([...keys].map((key) => [key, avg((s) => s[name][key] ?? 0)]).sort((a, b) => b[1] - a[1]));
  };
  return {
    ...summaries[0],
    runs: summaries.reduce((sum, s) => sum + s.runs, 0),
    seconds: summaries.reduce((sum, s) => sum + s.seconds, 0),
    procCpuMsPerRun: avg((s) => s.procCpuMsPerRun),
    profiledBusyMsPerRun: avg((s) => s.profiledBusyMsPerRun),
    fileSelf: avgMap('fileSelf'),
    fileTotal: avgMap('fileTotal'),
    fnSelf: avgMap('fnSelf'),
    fnTotal: avgMap('fnTotal'),
    ownerSelf: avgMap('ownerSelf'),
  };
}

/** Sums `ownerSelf` (keys "function file:line", or "(outside the server's code) place") by file. */
function byOwnerFile(ownerSelf) {
  const files = {};
  for (const [key, ms] of Object.entries(ownerSelf)) {
    const file = key.startsWith('(outside') ? "(outside the server's code)" : key.slice(key.lastIndexOf(' ') + 1).replace(/:\d+$/, '');
    files[file] = (files[file] ?? 0) + ms;
  }
  return Object.fromEntries(Object.entries(files).sort((a, b) => b[1] - a[1]));
}

function table(title, columns, maps, top) {
  const keys = new Set();
  for (const map of maps) for (const key of Object.keys(map).slice(0, top)) keys.add(key);
  const rows = [...keys].map((key) => [key, ...maps.map((map) => map[key] ?? 0)]);
  rows.sort((a, b) => Math.max(...b.slice(1)) - Math.max(...a.slice(1)));
  console.log(`\n${title}\n`);
  console.log(`| ${columns.join(' | ')} |${maps.length > 1 ? ' difference |' : ''}`);
  console.log(`|---|${maps.map(() => '---:|').join('')}${maps.length > 1 ? '---:|' : ''}`);
  for (const [key, ...values] of rows.slice(0, top)) {
    const diff = maps.length > 1 ? ` ${(values.at(-1) - values[0]).toFixed(3)} |` : '';
    console.log(`| ${key} | ${values.map((v) => v.toFixed(3)).join(' | ')} |${diff}`);
  }
}

function report(summaries, names) {
  const top = Number(options.top);
  for (const [i, s] of summaries.entries()) {
    console.log(`${names[i]}: ${s.root}, ${s.runs} runs at concurrency ${s.concurrency} in ${s.seconds.toFixed(1)} s; ` +
      `server CPU ${s.procCpuMsPerRun.toFixed(2)} ms/run (/proc), main thread busy ${s.profiledBusyMsPerRun.toFixed(2)} ms/run (profile)`);
  }
  const cols = (what) => [what, ...names.map((n) => `${n} ms/run`)];
  table('Total time by file (ms per run)', cols('file'), summaries.map((s) => s.fileTotal), top);
  table('Self time by file (ms per run)', cols('file'), summaries.map((s) => s.fileSelf), top);
  table('Total time by function (ms per run)', cols('function'), summaries.map((s) => s.fnTotal), top);
  table('Self time by function (ms per run)', cols('function'), summaries.map((s) => s.fnSelf), top);
  table("Time by the innermost server function on the stack, libraries and Node included (ms per run)", cols('function'), summaries.map((s) => s.ownerSelf), top);
  table('The same by file (ms per run)', cols('file'), summaries.map((s) => byOwnerFile(s.ownerSelf)), top);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (options.compare) {
    report(positionals.map((paths) => mean(paths.split(',').map((path) => JSON.parse(readFileSync(path, 'utf8'))))), positionals.map((_, i) => String.fromCharCode(65 + i)));
  } else {
    report([await profileRuns()], ['this']);
  }
}
