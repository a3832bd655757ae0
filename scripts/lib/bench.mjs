// Shared by the benchmarks: the real server in a child process, sessions on it, HTTP requests
// over a keep-alive agent, percentiles, and a process's CPU time.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { tsImport } from 'tsx/esm/api';
import { spawnReferenceServer } from './reference-server.mjs';

/**
 * The tests' sample session and `createSession()` (packages/core/src/testing/sessions.ts), so the
 * benchmarks create sessions exactly as the tests do.
 * @type {typeof import('../../packages/core/src/testing/sessions.ts')}
 */
export const { createSession, sampleSession } = await tsImport('../../packages/core/src/testing/sessions.ts', import.meta.url);

/**
 * The reference server (scripts/lib/reference-server.mjs) with rate limits lifted, plus
 * `extraEnv`; resolves with `{ url, apiKey, child, stop() }` once it listens. `options` go to
 * `spawnReferenceServer` (e.g. `root`: serve from another checkout).
 */
export function startServer(extraEnv = {}, options = {}) {
  return spawnReferenceServer({ ...options, env: { RATE_LIMIT_PER_KEY: '10000000', RATE_LIMIT_PER_IP: '10000000', ...extraEnv } });
}

/**
 * Sends one request through `agent`; resolves with `{ status, headers, text }`. `auth` goes in as a bearer
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
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
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

/** CPU milliseconds a process has used (all its threads; not its children), from Linux's /proc. */
/**
 * The whole machine's CPU time so far, in ms over all cores (Linux's /proc/stat): `busy` is
 * everything but idle and iowait, `total` everything; both NaN elsewhere.
 */
export function machineCpuMs() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    // Clock ticks, 100 a second.
    return { busy: ((total - fields[3] - fields[4]) * 1000) / 100, total: (total * 1000) / 100 };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

export function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
