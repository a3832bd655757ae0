#!/usr/bin/env node
// Webhook deliveries per second to a local receiver, against the real server in a child process
// (SQLite in a temp dir). A backlog of `session.created` events is stored by a server whose
// workers do not run (JOB_CONCURRENCY=0); a second server on the same data then fans them out and
// delivers them (signing, HTTP to the loopback receiver, recording each delivery), and the rate
// is taken between the first and the last arrival. Then, with the workers running, the latency
// from sending the create request to the webhook's arrival, one session at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { createSession, percentile, sampleSession } from './lib/bench.mjs';
import { spawnReferenceServer } from './lib/reference-server.mjs';

/** @type {typeof import('../server/src/testing/webhook-receiver.ts')} */
const { WebhookReceiver } = await tsImport('../server/src/testing/webhook-receiver.ts', import.meta.url);

const BACKLOG = Number(process.env.BENCH_WEBHOOKS ?? 400);
const CONCURRENCY = (process.env.BENCH_JOB_CONCURRENCY ?? '1,4,16').split(',').map(Number);
const LATENCY_SAMPLES = Number(process.env.BENCH_WEBHOOK_LATENCY_SAMPLES ?? 40);
const env = { RATE_LIMIT_PER_KEY: '10000000', RATE_LIMIT_PER_IP: '10000000', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' };

/** Creates `count` sessions from 8 concurrent clients. */
async function createMany(server, count) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        next++;
        await createSession(server, sampleSession(), { start: false });
      }
    }),
  );
}

/** Drains a stored backlog of BACKLOG deliveries with `concurrency` workers; returns deliveries per second. */
async function drain(concurrency) {
  const receiver = await new WebhookReceiver().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-bench-webhooks-'));
  try {
    const filling = await spawnReferenceServer({ dataDir, env: { ...env, JOB_CONCURRENCY: '0' } });
    const register = await fetch(`${filling.url}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${filling.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['session.created'] }),
    });
    if (register.status !== 201) throw new Error(`registering the webhook failed: ${register.status}`);
    await createMany(filling, BACKLOG);
    await filling.stop();

    const working = await spawnReferenceServer({ dataDir, apiKey: filling.apiKey, env: { ...env, JOB_CONCURRENCY: String(concurrency) } });
    const arrivals = [];
    receiver.answer = () => {
      arrivals.push(performance.now());
      return 200;
    };
    await receiver.until((received) => received.length >= BACKLOG, 300_000);
    await working.stop();
    const seconds = (arrivals.at(-1) - arrivals[0]) / 1000;
    const unique = new Set(receiver.received.map((r) => r.id)).size;
    return { concurrency, deliveries: arrivals.length, unique, seconds, perSecond: (arrivals.length - 1) / seconds };
  } finally {
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** With the workers running (default settings), the time from sending a create request to its webhook's arrival. */
async function latency() {
  const receiver = await new WebhookReceiver().start();
  const server = await spawnReferenceServer({ env });
  try {
    await fetch(`${server.url}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['session.created'] }),
    });
    const samples = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const before = receiver.received.length;
      const sent = performance.now();
      await createSession(server, sampleSession(), { start: false });
      await receiver.until((received) => received.length > before, 30_000);
      samples.push(performance.now() - sent);
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
  } finally {
    await server.stop();
    await receiver.stop();
  }
}

console.log(`Webhook deliveries: a stored backlog of ${BACKLOG} session.created events, drained to a loopback receiver answering 200.\n`);
console.log('| JOB_CONCURRENCY | deliveries | distinct webhook-ids | seconds | deliveries/s |');
console.log('|---:|---:|---:|---:|---:|');
for (const concurrency of CONCURRENCY) {
  const r = await drain(concurrency);
  console.log(`| ${r.concurrency} | ${r.deliveries} | ${r.unique} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(0)} |`);
}
const l = await latency();
console.log(`\nPOST /v1/sessions sent → session.created webhook received (${LATENCY_SAMPLES} sessions one at a time): p50 ${l.p50.toFixed(0)} ms, p95 ${l.p95.toFixed(0)} ms, max ${l.max.toFixed(0)} ms`);
