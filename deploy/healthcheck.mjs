#!/usr/bin/env node
// The container's health check: exits 0 when the server on this machine answers `GET /readyz`
// with 200 (its database answers and commits a write), 1 otherwise — not listening, not ready
// (503), or no answer within 4 s. Reads PORT as the server does (default 8080); the runtime
// image has no curl or wget, only Node.
//   node deploy/healthcheck.mjs
const port = process.env.PORT?.trim() || '8080';
const url = `http://127.0.0.1:${port}/readyz`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  const body = await response.text();
  if (!response.ok) {
    console.error(`${url} answered ${response.status}: ${body.slice(0, 500)}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`${url}: ${/** @type {Error} */ (error).cause?.message ?? /** @type {Error} */ (error).message}`);
  process.exit(1);
}
