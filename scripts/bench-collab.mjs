#!/usr/bin/env node
// Collaboration benchmarks: editor bundle size, server fan-out and memory under load, and
// keystroke-to-remote-render latency between two browsers (peer-to-peer and via the server).
// `node scripts/bench-collab.mjs [bundle] [server] [browser]` (all by default).
//
// `server`: the reference server runs in its own process (started with --expose-gc and an IPC
// channel through which it reports its memory after a forced GC and its document count); the load
// runs in BENCH_WORKERS other processes, each holding whole sessions. Every client is a stock
// HocuspocusProvider with its own Y.Doc and WebSocket and types small inserts into the shared text
// at its own cursor (plus a cursor awareness update per keystroke, as an editor does). Latency is
// from the sender's local transaction to the moment each other client read it off its socket
// (BENCH_RECEIVE=wire, the default: while typing, what arrives is read as far as the update's
// senders and clocks and not applied, so that the load generators' own Yjs work does not take the
// server's CPU on a small machine) or its Y.Doc applied it (BENCH_RECEIVE=apply: every client a
// whole editor's document), on the machine's clock; the warm-up is excluded.
// Env: BENCH_SESSIONS (200), BENCH_CLIENTS (3), BENCH_RATE (updates/s per client, 5),
// BENCH_SECONDS (measured, 20), BENCH_WARMUP (s, 5), BENCH_LEAVE_SECONDS (8), BENCH_WORKERS (2),
// BENCH_AWARENESS (1: cursor updates with each keystroke), BENCH_CPU_PROF (a folder: write the
// server's CPU profile there), BENCH_HEAP_SNAPSHOT (a folder: write a heap snapshot of the loaded
// server there), BENCH_WORKER_CPU_PROF (a folder: write each load worker's CPU profile of the
// measured window there), BENCH_SERVER_ROOT (serve from another checkout), BENCH_SERVER_NODE_ARGS (extra
// node flags for the server, e.g. --max-semi-space-size=64), BENCH_KEYSTROKES (60, browser).
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cpuMsOf, createSession, machineCpuMs, sampleSession } from './lib/bench.mjs';
import { freePort } from './lib/free-port.mjs';
import { spawnReferenceServer } from './lib/reference-server.mjs';
import { chromiumPath } from './lib/system-packages.mjs';
import { readArrival, trackFanOut } from './lib/fan-out.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const API_KEY = 'ik_bench_collab_key_0123456789abcdef';
const args = process.argv.slice(2);
const parts = args.filter((a) => !a.startsWith('--'));
const wants = (part) => parts.length === 0 || parts.includes(part);
const env = (name, fallback) => Number(process.env[name] ?? fallback);
/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes of this machine. */
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const percentile = (values, p) => {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (v) => `${v.toFixed(1)} ms`;
const mib = (v) => `${(v / 1024 / 1024).toFixed(1)} MiB`;
const kib = (v) => `${(v / 1024).toFixed(1)} KiB`;

/**
 * The reference server as a child process. Its IPC channel answers `diagnostics` requests
 * (see server/src/collab/diagnostics.ts): memory after a forced GC, documents in memory, CPU time.
 */
async function startServer(extraEnv = {}, { cpuProfDir } = {}) {
  const flags = [
    '--expose-gc',
    ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const server = await spawnReferenceServer({
    // Every load client connects from this machine's one address: lift the per-address cap.
    env: { DIAGNOSTICS_IPC: '1', WS_MAX_PER_IP: '10000', ...extraEnv },
    apiKey: API_KEY,
    nodeArgs: flags,
    ipc: true,
    // BENCH_SERVER_ROOT: serve from another checkout (e.g. to compare with an earlier version).
    root: process.env.BENCH_SERVER_ROOT || root,
    stopGraceMs: 10_000,
  });
  const { child, url } = server;
  let nextId = 0;
  return {
    url,
    apiKey: API_KEY,
    pid: child.pid,
    /** The server's own view of itself; `gc` forces a full collection first. */
    diagnostics({ gc = true, heapSnapshotDir } = {}) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const onMessage = (message) => {
          if (message?.type !== 'diagnostics' || message.id !== id) return;
          child.off('message', onMessage);
          resolve(message);
        };
        child.on('message', onMessage);
        child.send({ type: 'diagnostics', id, gc, heapSnapshotDir }, (error) => error && reject(error));
      });
    },
    stop: server.stop,
  };
}

/**
 * CPU accounting from Linux's /proc (empty elsewhere): per process, nanoseconds run and waited for
 * a CPU; for the machine, busy and total CPU time. The load shares the machine with the server, and
 * anything else running competes with both, so the report says how much CPU each side got.
 */
function cpuSample(pids) {
  try {
    const processes = Object.fromEntries(
      pids.map((pid) => {
        const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
        return [pid, { run, wait }];
      }),
    );
    return { at: clock(), machine: machineCpuMs(), processes };
  } catch {
    return undefined;
  }
}

/** The bench session's participants' names, by id. */
const BENCH_NAMES = { i: 'Ivy', c: 'Cam', j: 'Jo' };

/** A session with two interviewers and a candidate (the load uses the first BENCH_CLIENTS of them). */
function createBenchSession(server) {
  return createSession(
    server,
    sampleSession({
      title: 'Bench',
      question: { prompt: 'Bench', starterCode: 'print(1)\n', tests: [] },
      participants: [
        { id: 'i', name: BENCH_NAMES.i, role: 'interviewer' },
        { id: 'c', name: BENCH_NAMES.c, role: 'candidate' },
        { id: 'j', name: BENCH_NAMES.j, role: 'interviewer' },
      ],
    }),
  );
}

// ---------------------------------------------------------------------------------------------
async function benchBundle() {
  const esbuild = await import('esbuild');
  const outdir = mkdtempSync(join(tmpdir(), 'ik-bench-bundle-'));
  try {
    const result = await esbuild.build({
      entryPoints: [join(root, 'packages/editor/src/define.ts')],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      write: false,
      outdir,
      metafile: true,
      conditions: ['interview-kit-source', 'development', 'browser'],
      logLevel: 'silent',
    });
    const entry = result.outputFiles.find((f) => f.path.endsWith('define.js'));
    const meta = result.metafile.outputs;
    // What the page loads before any language or the mesh is needed: the entry and its static imports.
    const eager = new Set();
    const visit = (path) => {
      if (eager.has(path)) return;
      eager.add(path);
      for (const imp of meta[path]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
    };
    visit(Object.keys(meta).find((p) => p.endsWith('define.js')));
    const gz = (files) => files.reduce((sum, f) => sum + gzipSync(f.contents).length, 0);
    const js = result.outputFiles.filter((f) => f.path.endsWith('.js'));
    const eagerPaths = new Set([...eager].map((p) => resolve(process.cwd(), p)));
    const eagerFiles = js.filter((f) => eagerPaths.has(f.path));
    console.log('Editor bundle (esbuild, minified, gzip):');
    console.log(`  <interview-editor> without language packs (eager chunks): ${kib(gz(eagerFiles))} (${eagerFiles.length} files, entry ${kib(gzipSync(entry.contents).length)})`);
    console.log(`  with every language pack and the WebRTC mesh (all chunks):   ${kib(gz(js))} (${js.length} files)`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
async function benchServer() {
  const sessions = env('BENCH_SESSIONS', 200);
  const perSession = env('BENCH_CLIENTS', 3);
  const rate = env('BENCH_RATE', 5);
  const seconds = env('BENCH_SECONDS', 20);
  const warmup = env('BENCH_WARMUP', 5);
  const leaveSeconds = env('BENCH_LEAVE_SECONDS', 8);
  const workerCount = Math.max(1, Math.min(env('BENCH_WORKERS', 2), sessions));
  const awareness = env('BENCH_AWARENESS', 1) === 1;
  const readsWire = (process.env.BENCH_RECEIVE ?? 'wire') === 'wire';
  const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
  const heapSnapshotDir = process.env.BENCH_HEAP_SNAPSHOT ? resolve(process.env.BENCH_HEAP_SNAPSHOT) : undefined;

  const server = await startServer({ RATE_LIMIT_PER_KEY: '1000000', RATE_LIMIT_PER_IP: '1000000' }, { cpuProfDir });
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/v1/collab`;
  const workers = [];
  try {
    const created = [];
    for (let i = 0; i < sessions; i++) created.push(await createBenchSession(server));
    await sleep(500);
    const baseline = await server.diagnostics();

    for (let w = 0; w < workerCount; w++) workers.push(startLoadWorker());
    const share = (w) => created.filter((_, i) => i % workerCount === w).map((s) => ({ id: s.id, participants: s.participants.slice(0, perSession) }));
    const connected = await Promise.all(workers.map((worker, w) => worker.ask({ type: 'connect', wsUrl, sessions: share(w), rate, awareness }, 'connected')));
    const synced = connected.reduce((sum, r) => sum + r.synced, 0);

    // Every worker starts typing at the same instant; only keystrokes after the warm-up count.
    const startAt = clock() + 500;
    // CPU over exactly the measured window.
    const pids = [server.pid, ...workers.map((w) => w.pid)];
    // Read from /proc at the instant itself: a starved server may answer its IPC probe late (or
    // both probes at once), which would shift or empty the window.
    const at = (time) => sleep(Math.max(0, time - clock())).then(() => ({ at: clock(), serverCpuMs: cpuMsOf(server.pid), proc: cpuSample(pids) }));
    const cpuWindow = Promise.all([at(startAt + warmup * 1000), at(startAt + (warmup + seconds) * 1000)]);
    const typingStarts = at(startAt);
    const results = await Promise.all(
      workers.map((worker) => worker.ask({ type: 'type', startAt, warmupMs: warmup * 1000, measureMs: seconds * 1000, readsWire }, 'typed')),
    );
    const [{ proc: procBefore, ...cpuBefore }, { proc: procAfter, ...cpuAfter }] = await cpuWindow;
    // Everything typed (warm-up included) has been delivered or given up on by now.
    const wholeRunCpuMs = cpuMsOf(server.pid) - (await typingStarts).serverCpuMs;
    const loaded = await server.diagnostics({ heapSnapshotDir });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const counter = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    const perTransaction = counter('collab_updates_total') / counter('collab_commit_groups_total');

    await Promise.all(workers.map((worker) => worker.ask({ type: 'leave' }, 'left')));
    const leftAt = Date.now();
    let empty = await server.diagnostics({ gc: false });
    while (empty.documents > 0 && Date.now() - leftAt < leaveSeconds * 1000) {
      await sleep(100);
      empty = await server.diagnostics({ gc: false });
    }
    const unloadedAfter = empty.documents === 0 ? `${((Date.now() - leftAt) / 1000).toFixed(1)} s` : `not within ${leaveSeconds} s`;
    await sleep(Math.max(0, leftAt + leaveSeconds * 1000 - Date.now()));
    const after = await server.diagnostics();

    const latencies = results.flatMap((r) => r.latencies);
    const sent = results.reduce((sum, r) => sum + r.sent, 0);
    const expected = results.reduce((sum, r) => sum + r.expected, 0);
    const sentAll = results.reduce((sum, r) => sum + r.sentAll, 0);
    const undelivered = results.reduce((sum, r) => sum + r.undelivered, 0);
    const workerCpu = results.map((r) => `${((r.cpuMs / (seconds * 1000)) * 100).toFixed(0)}%`).join(' + ');
    const serverCpuMs = cpuAfter.serverCpuMs - cpuBefore.serverCpuMs;
    const serverCpu = (serverCpuMs / (cpuAfter.at - cpuBefore.at)) * 100;
    const perSessionBytes = (field) => kib((loaded[field] - baseline[field]) / sessions);

    console.log(
      `Server fan-out: ${sessions} sessions × ${perSession} clients, ${rate} keystrokes/s each${awareness ? ' (+ cursor awareness)' : ''}, ` +
        `${warmup} s warm-up + ${seconds} s measured; server pid ${server.pid}, load in ${workerCount} worker processes (${synced}/${sessions * perSession} synced)`,
    );
    console.log(
      `  updates sent ${sent} (${(sent / seconds).toFixed(0)}/s of ${sessions * perSession * rate}/s intended); delivered ${latencies.length}/${expected} ` +
        `(${(latencies.length / seconds).toFixed(0)}/s)`,
    );
    if (Number.isFinite(perTransaction)) console.log(`  updates stored per database transaction (whole run): ${perTransaction.toFixed(1)}`);
    console.log(`  fan-out latency (send → ${readsWire ? 'read off the socket' : 'applied'} at each other client): p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(percentile(latencies, 100))}`);
    console.log(
      `  CPU: server ${serverCpu.toFixed(0)}% of one core (${(serverCpuMs / sent).toFixed(3)} ms per keystroke); load workers ${workerCpu}`,
    );
    // A starved server works off a backlog after the window, so the window's CPU need not match its
    // keystrokes; over the whole run (warm-up and delivery included) they match.
    console.log(
      `  CPU per delivered keystroke over the whole run (typing from the first keystroke until every one was delivered): ` +
        `${(wholeRunCpuMs / sentAll).toFixed(3)} ms (${sentAll} keystrokes${undelivered > 0 ? `, ${undelivered} deliveries missing` : ''})`,
    );
    if (procBefore && procAfter) {
      const windowNs = (procAfter.at - procBefore.at) * 1e6;
      const share = (pid, field) => `${(((procAfter.processes[pid][field] - procBefore.processes[pid][field]) / windowNs) * 100).toFixed(0)}%`;
      const machine = (procAfter.machine.busy - procBefore.machine.busy) / (procAfter.machine.total - procBefore.machine.total);
      const ours = pids.reduce((sum, pid) => sum + procAfter.processes[pid].run - procBefore.processes[pid].run, 0) / windowNs;
      const cores = availableParallelism();
      console.log(
        `  waiting for a CPU while runnable: server ${share(server.pid, 'wait')}, workers ${workers.map((w) => share(w.pid, 'wait')).join(' + ')}; ` +
          `machine ${(machine * 100).toFixed(0)}% busy of ${cores} cores, of which ${Math.max(0, machine * cores - ours).toFixed(2)} cores by other processes`,
      );
    }
    console.log(`  server RSS (after GC): baseline ${mib(baseline.rss)}, loaded ${mib(loaded.rss)}, ${leaveSeconds} s after everyone left ${mib(after.rss)}`);
    console.log(`  server heap used (after GC): baseline ${mib(baseline.heapUsed)}, loaded ${mib(loaded.heapUsed)}, ${leaveSeconds} s after everyone left ${mib(after.heapUsed)}`);
    console.log(`  server heap reserved (after GC): baseline ${mib(baseline.heapTotal)}, loaded ${mib(loaded.heapTotal)}, ${leaveSeconds} s after everyone left ${mib(after.heapTotal)}`);
    console.log(`  server external + array buffers (after GC): baseline ${mib(baseline.external)}, loaded ${mib(loaded.external)}, after everyone left ${mib(after.external)}`);
    console.log(`  memory per session (loaded − baseline): heap ${perSessionBytes('heapUsed')}, external ${perSessionBytes('external')}, RSS ${perSessionBytes('rss')}`);
    console.log(`  documents in memory: loaded ${loaded.documents}, after everyone left ${after.documents} (all unloaded ${unloadedAfter} after leaving)`);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await server.stop();
  }
  if (cpuProfDir) console.log(`  server CPU profile written to ${cpuProfDir}`);
  if (heapSnapshotDir) console.log(`  server heap snapshot (loaded) written to ${heapSnapshotDir}`);
}

function startLoadWorker() {
  const child = fork(self, ['--load-worker'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid,
    ask(message, answer) {
      return new Promise((resolve, reject) => {
        const onMessage = (reply) => {
          if (reply?.type !== answer) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(reply);
        };
        const onExit = (code) => reject(new Error(`load worker exited (${code})`));
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send(message);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Python typed one key at a time. */
const TYPED = 'def solve(items):\n    seen = set()\n    for item in items:\n        if item in seen:\n            return item\n        seen.add(item)\n    return None\n';

/**
 * The `ws` client the provider brings (8.x), masking frames with keys taken from a pool of random
 * bytes instead of one `randomFillSync` call per frame, which took an eighth of a load worker's
 * CPU (a browser draws its masks from its own CSPRNG without a system call per frame). The server
 * receives the same frames: a mask only hides the payload on the wire, and is removed on arrival.
 */
async function maskingFromPool() {
  const { createRequire } = await import('node:module');
  const { randomBytes } = await import('node:crypto');
  const WebSocket = createRequire(import.meta.resolve('@hocuspocus/provider'))('ws');
  let pool = Buffer.alloc(0);
  let next = 0;
  const generateMask = (mask) => {
    if (next + 4 > pool.length) {
      pool = randomBytes(64 * 1024);
      next = 0;
    }
    pool.copy(mask, 0, next, (next += 4));
  };
  return class extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { generateMask });
    }
  };
}

/** Profiles this process's CPU until `stop()`, which writes the profile into `dir` (nothing without `dir`). */
async function profileWindow(dir) {
  if (!dir) return { stop: async () => {} };
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `load-worker-${process.pid}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/**
 * `WebSocket` for one client: once `client.readsWire` is set, each message is first read by
 * `readArrival` (document and awareness updates, not passed on); everything else reaches the
 * provider's listeners as usual.
 */
function readingOffTheWire(WebSocket, client, sends) {
  const filtered = new Map();
  return class extends WebSocket {
    addEventListener(type, listener, options) {
      if (type !== 'message') return super.addEventListener(type, listener, options);
      const filter = (event) => {
        if (!(client.readsWire && readArrival(event.data, client, sends, clock()))) listener(event);
      };
      filtered.set(listener, filter);
      return super.addEventListener(type, filter, options);
    }

    removeEventListener(type, listener) {
      return super.removeEventListener(type, filtered.get(listener) ?? listener);
    }
  };
}

/** A load worker: the clients of its sessions, each a stock provider typing into its own Y.Doc. */
async function loadWorker() {
  const { HocuspocusProvider, HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');
  const WebSocket = await maskingFromPool();
  const Y = await import('yjs');
  let clients = [];

  const handlers = {
    async connect({ wsUrl, sessions, rate, awareness }) {
      for (const session of sessions) {
        // What each client sent: per Yjs client id, the clock reached by each keystroke and when.
        const sends = new Map();
        const members = [];
        for (const [n, participant] of session.participants.entries()) {
          const doc = new Y.Doc();
          // Reads off the wire from the first keystroke on, when the bench asks for it (see `type`).
          const client = { doc, n, participant, rate, awareness, readsWire: false, sends, typed: 0, cursor: null, latencies: [], seen: new Map(), peers: members };
          const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: readingOffTheWire(WebSocket, client, sends) });
          const provider = new HocuspocusProvider({ websocketProvider: socket, name: session.id, document: doc, token: participant.token });
          provider.attach();
          Object.assign(client, { provider, socket });
          sends.set(doc.clientID, []);
          trackFanOut(doc, client, sends, clock);
          members.push(client);
        }
        clients.push(...members);
      }
      const deadline = Date.now() + 120_000;
      while (clients.some((c) => !c.provider.isSynced) && Date.now() < deadline) await sleep(50);
      // What a real room publishes (CollabSession): the participant as the server knows it, so the
      // server's presence check passes it through as it does for real clients. The colours are the
      // server's (by position in the session): read back as a peer sees them, then published.
      if (awareness) {
        for (const c of clients) {
          const { id, role } = c.participant;
          c.provider.setAwarenessField('user', { id, name: BENCH_NAMES[id], role });
        }
        const stamped = (c) =>
          c.peers.filter((p) => p !== c).map((p) => p.provider.awareness.getStates().get(c.doc.clientID)?.user).find((user) => user?.color);
        while (clients.some((c) => c.peers.length > 1 && !stamped(c)) && Date.now() < deadline) await sleep(50);
        for (const c of clients) {
          const user = stamped(c);
          if (user) c.provider.setAwarenessField('user', user);
        }
      }
      return { type: 'connected', synced: clients.filter((c) => c.provider.isSynced).length };
    },

    async type({ startAt, warmupMs, measureMs, readsWire }) {
      const measureFrom = startAt + warmupMs;
      const stopAt = measureFrom + measureMs;
      let cpuStart;
      let sent = 0;
      let sentAll = 0;
      let expected = 0;
      const keystroke = (c) => {
        const text = c.doc.getText('code');
        if (!c.cursor) {
          // Each participant types on a line of its own, opened at the end of the document.
          text.insert(text.length, '\n');
          c.cursor = Y.createRelativePositionFromTypeIndex(text, text.length, -1);
        }
        const index = Y.createAbsolutePositionFromRelativePosition(c.cursor, c.doc)?.index ?? text.length;
        const at = clock();
        const measured = at >= measureFrom && at < stopAt;
        text.insert(index, TYPED[c.typed++ % TYPED.length]);
        sentAll++;
        c.sends.get(c.doc.clientID).push({ clock: Y.getState(c.doc.store, c.doc.clientID), at, measured });
        // The cursor sticks to the character just typed (what others type later goes elsewhere).
        c.cursor = Y.createRelativePositionFromTypeIndex(text, index + 1, -1);
        if (c.awareness) {
          const position = Y.relativePositionToJSON(c.cursor);
          c.provider.setAwarenessField('cursor', { anchor: position, head: position });
        }
        if (measured) {
          sent++;
          expected += c.sends.size - 1;
        }
      };
      await sleep(Math.max(0, startAt - clock()));
      for (const c of clients) c.readsWire = readsWire;
      const period = 1000 / clients[0].rate;
      for (const [i, c] of clients.entries()) {
        // Spread the clients over the period, so that keystrokes arrive evenly, not in bursts.
        c.starter = setTimeout(() => {
          keystroke(c);
          c.timer = setInterval(() => keystroke(c), period);
        }, (i * period) / clients.length);
      }
      await sleep(Math.max(0, measureFrom - clock()));
      const profile = await profileWindow(process.env.BENCH_WORKER_CPU_PROF);
      cpuStart = process.cpuUsage();
      await sleep(Math.max(0, stopAt - clock()));
      await profile.stop();
      for (const c of clients) {
        clearTimeout(c.starter);
        clearInterval(c.timer);
      }
      const cpu = process.cpuUsage(cpuStart);
      // Let what is in flight arrive (a bounded wait), then report.
      const delivered = () => clients.reduce((sum, c) => sum + c.latencies.length, 0);
      const drainUntil = Date.now() + 30_000;
      // Deliveries arrive in order per sender: once the measured keystrokes are in, the warm-up's are too.
      while (delivered() < expected && Date.now() < drainUntil) await sleep(50);
      return { type: 'typed', sent, sentAll, undelivered: expected - delivered(), expected, latencies: clients.flatMap((c) => c.latencies), cpuMs: (cpu.user + cpu.system) / 1000 };
    },

    async leave() {
      for (const c of clients) {
        c.provider.destroy();
        // The stock socket throws on destroy when it has no connection (one still retrying under load).
        try {
          c.socket.destroy();
        } catch {}
        c.doc.destroy();
      }
      clients = [];
      return { type: 'left' };
    },
  };

  process.on('message', async (message) => {
    const reply = await handlers[message.type](message);
    process.send(reply);
  });
}

// ---------------------------------------------------------------------------------------------
async function benchBrowser() {
  const keystrokes = env('BENCH_KEYSTROKES', 60);
  const { chromium } = await import('playwright');
  const { startDevServer } = await import('@web/dev-server');
  const { esbuildPlugin } = await import('@web/dev-server-esbuild');
  const { fromRollup } = await import('@web/dev-server-rollup');
  const { umdAsEsm } = await import('../rollup.config.mjs');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dev = await startDevServer({
    config: {
      rootDir: root,
      hostname: '127.0.0.1',
      port,
      nodeResolve: { exportConditions: ['interview-kit-source', 'development', 'browser'] },
      plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: join(root, 'tsconfig.base.json') }), fromRollup(umdAsEsm)()],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const server = await startServer({ CORS_ORIGINS: origin });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection'],
  });
  try {
    for (const peerToPeer of [true, false]) {
      const session = await createBenchSession(server);
      const pages = [];
      for (const p of session.participants.slice(0, 2)) {
        const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
        const page = await context.newPage();
        await page.goto(`${origin}/e2e/fixtures/collab.html`);
        await page.waitForFunction('typeof window.join === "function"');
        await page.evaluate((o) => window.join(o), { server: server.url, sessionId: session.id, token: p.token, peerToPeer });
        pages.push(page);
      }
      const [a, b] = pages;
      if (peerToPeer) {
        const ok = await b.waitForFunction('window.collab.meshPeers > 0', undefined, { timeout: 15_000 }).then(() => true, () => false);
        if (!ok) {
          console.log('Keystroke-to-remote-render, peer-to-peer: no WebRTC connection (run inside `unshare --net` with lo up)');
          await Promise.all(pages.map((p) => p.context().close()));
          continue;
        }
      }
      // B timestamps (on the shared machine clock) the moment each marker is rendered in its editor.
      await b.evaluate(() => {
        window.rendered = new Map();
        const content = window.editor.shadowRoot.querySelector('.cm-content');
        new MutationObserver(() => {
          const text = content.textContent;
          for (const match of text.matchAll(/k(\d+);/g)) if (!window.rendered.has(match[1])) window.rendered.set(match[1], performance.timeOrigin + performance.now());
        }).observe(content, { subtree: true, childList: true, characterData: true });
      });
      await a.evaluate(() => {
        const view = window.editor.view;
        view.focus();
        view.dispatch({ selection: { anchor: view.state.doc.length } });
      });
      const sent = new Map();
      for (let i = 0; i < keystrokes; i++) {
        await a.keyboard.type(`k${i}`);
        sent.set(String(i), await a.evaluate(() => performance.timeOrigin + performance.now()));
        await a.keyboard.type(';');
        await new Promise((r) => setTimeout(r, 60));
      }
      await b.waitForFunction((n) => window.rendered.size >= n, keystrokes, { timeout: 15_000 }).catch(() => {});
      const rendered = new Map(await b.evaluate(() => [...window.rendered]));
      const latencies = [...sent].filter(([k]) => rendered.has(k)).map(([k, t]) => rendered.get(k) - t);
      console.log(
        `Keystroke-to-remote-render, ${peerToPeer ? 'peer-to-peer (WebRTC)' : 'server relay (no WebRTC)'}: ` +
          `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))} over ${latencies.length} keystrokes`,
      );
      await Promise.all(pages.map((p) => p.context().close()));
    }
  } finally {
    await browser.close();
    await server.stop();
    await dev.stop();
  }
}

if (args.includes('--load-worker')) {
  await loadWorker();
} else {
  if (wants('bundle')) await benchBundle();
  if (wants('server')) await benchServer();
  if (wants('browser')) {
    if (args.includes('--in-namespace')) {
      await benchBrowser();
    } else {
      // WebRTC between two local browsers needs a loopback-only network namespace (see ENVIRONMENT.md).
      const run = spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" "${self}" browser --in-namespace`], {
        stdio: 'inherit',
        cwd: root,
      });
      if (run.error || run.status !== 0) {
        console.log('(unshare --net unavailable: measuring without a private network namespace)');
        await benchBrowser();
      }
    }
  }
}
