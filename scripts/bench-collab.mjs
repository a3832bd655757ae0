#!/usr/bin/env node
// Collaboration benchmarks: editor bundle size, server fan-out and memory under load, and
// keystroke-to-remote-render latency between two browsers (peer-to-peer and via the server).
// `node scripts/bench-collab.mjs [bundle] [server] [browser]` (all by default).
// Env: BENCH_SESSIONS (200), BENCH_CLIENTS (3), BENCH_RATE (updates/s per client, 5),
// BENCH_SECONDS (20), BENCH_KEYSTROKES (60).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const API_KEY = 'ik_bench_collab_key_0123456789abcdef';
const args = process.argv.slice(2);
const parts = args.filter((a) => !a.startsWith('--'));
const wants = (part) => parts.length === 0 || parts.includes(part);
const env = (name, fallback) => Number(process.env[name] ?? fallback);

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (v) => `${v.toFixed(1)} ms`;
const mib = (v) => `${(v / 1024 / 1024).toFixed(1)} MiB`;
const kib = (v) => `${(v / 1024).toFixed(1)} KiB`;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-bench-collab-'));
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, BOOTSTRAP_API_KEY: API_KEY, LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('"listening"')) resolve(JSON.parse(line).url);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createSession(url) {
  const response = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Bench',
      question: { prompt: 'Bench', language: 'python', starterCode: 'print(1)\n', tests: [] },
      participants: [
        { id: 'i', name: 'Ivy', role: 'interviewer' },
        { id: 'c', name: 'Cam', role: 'candidate' },
        { id: 'j', name: 'Jo', role: 'interviewer' },
      ],
    }),
  });
  if (!response.ok) throw new Error(`session: ${response.status} ${await response.text()}`);
  return response.json();
}

async function serverMemory(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: read('process_resident_memory_bytes'), heap: read('process_heap_used_bytes'), documents: read('collab_documents_in_memory') };
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
      conditions: ['development', 'browser'],
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
  const { HocuspocusProvider, HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');
  const { default: WebSocket } = await import('ws');
  const Y = await import('yjs');

  const server = await startServer({ RATE_LIMIT_PER_KEY: '1000000', RATE_LIMIT_PER_IP: '1000000' });
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/v1/collab`;
  try {
    await new Promise((r) => setTimeout(r, 500));
    const baseline = await serverMemory(server.url);
    const created = [];
    for (let i = 0; i < sessions; i++) created.push(await createSession(server.url));

    const clients = [];
    for (const session of created) {
      for (const p of session.participants.slice(0, perSession)) {
        const doc = new Y.Doc();
        const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket });
        const provider = new HocuspocusProvider({ websocketProvider: socket, name: session.id, document: doc, token: p.token });
        provider.attach();
        clients.push({ doc, provider, socket, id: p.id });
      }
    }
    const deadline = Date.now() + 60_000;
    while (clients.some((c) => !c.provider.isSynced) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const synced = clients.filter((c) => c.provider.isSynced).length;

    // Each update stamps the sender's clock in the shared map; every other client records the delay.
    const latencies = [];
    for (const c of clients) {
      c.doc.getMap('bench').observe((event) => {
        if (event.transaction.local) return;
        for (const key of event.keysChanged) {
          const sent = c.doc.getMap('bench').get(key);
          if (typeof sent === 'number') latencies.push(performance.now() - sent);
        }
      });
    }
    const timers = clients.map((c, i) =>
      setTimeout(() => {
        c.timer = setInterval(() => {
          c.doc.transact(() => {
            c.doc.getText('code').insert(0, 'x');
            c.doc.getMap('bench').set(c.id, performance.now());
          });
        }, 1000 / rate);
      }, (i * 37) % (1000 / rate)),
    );
    await new Promise((r) => setTimeout(r, seconds * 1000));
    timers.forEach(clearTimeout);
    clients.forEach((c) => clearInterval(c.timer));
    const loaded = await serverMemory(server.url);

    for (const c of clients) {
      c.provider.destroy();
      c.socket.destroy();
    }
    await new Promise((r) => setTimeout(r, 8000));
    const after = await serverMemory(server.url);

    console.log(`Server fan-out: ${sessions} sessions × ${perSession} clients at ${rate} updates/s each for ${seconds} s (${synced}/${clients.length} synced)`);
    console.log(`  updates delivered: ${latencies.length}; fan-out latency p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`);
    console.log(`  server RSS: baseline ${mib(baseline.rss)}, loaded ${mib(loaded.rss)}, after everyone left ${mib(after.rss)}`);
    console.log(`  server heap: baseline ${mib(baseline.heap)}, loaded ${mib(loaded.heap)}, after everyone left ${mib(after.heap)}`);
    console.log(`  documents in memory: loaded ${loaded.documents}, after everyone left ${after.documents}`);
    console.log(`  memory per session (heap, loaded − baseline): ${kib((loaded.heap - baseline.heap) / sessions)}`);
  } finally {
    await server.stop();
  }
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
      nodeResolve: { exportConditions: ['development', 'browser'] },
      plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: join(root, 'tsconfig.base.json') }), fromRollup(umdAsEsm)()],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const server = await startServer({ CORS_ORIGINS: origin });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection'],
  });
  try {
    for (const peerToPeer of [true, false]) {
      const session = await createSession(server.url);
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

if (wants('bundle')) await benchBundle();
if (wants('server')) await benchServer();
if (wants('browser')) {
  if (args.includes('--in-namespace')) {
    await benchBrowser();
  } else {
    // WebRTC between two local browsers needs a loopback-only network namespace (see ENVIRONMENT.md).
    const self = fileURLToPath(import.meta.url);
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
