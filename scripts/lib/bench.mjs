// Shared by the benchmarks: the real server in a child process, HTTP requests over a keep-alive
// agent, and percentiles.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Starts `server/src/index.ts` on a free port with a fresh SQLite directory, a bootstrap API key and
 * rate limits lifted; resolves with `{ url, apiKey, stop() }` once it listens.
 */
export async function startServer(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-bench-'));
  const apiKey = `bench-${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', BOOTSTRAP_API_KEY: apiKey, RATE_LIMIT_PER_KEY: '10000000', RATE_LIMIT_PER_IP: '10000000', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /"msg":"listening".*?"url":"([^"]+)"/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    apiKey,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Sends one request through `agent`; resolves with `{ status, text }`. `auth` goes in as a bearer
 * token, `body` as JSON; `timeoutMs` fails a request that gets no answer.
 */
export function request(agent, url, method, path, { auth, body, timeoutMs } = {}) {
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
    if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The `p`th percentile (0–100) of `values`, by the nearest-rank method. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
