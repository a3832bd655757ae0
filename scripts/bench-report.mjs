#!/usr/bin/env node
// Interview report render times: the HTML page and the PDF (printed by the system Chromium) of one
// finished interview, fetched over HTTP from the real server in a child process (SQLite in a temp
// dir, the local sandbox for scoring). The JSON report is measured in the same run as the floor
// that gathering the data costs. The first PDF, which launches Chromium, is reported apart.
import http from 'node:http';
import { createSession, percentile, request as send, sampleSession, startServer } from './lib/bench.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const agent = new http.Agent({ keepAlive: true });
const request = (url, method, path, options) => send(agent, url, method, path, options);

/** Milliseconds of each of SAMPLES sequential GETs of `path`, each checked to answer 200. */
async function timings(server, path) {
  const ms = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const res = await request(server.url, 'GET', path, { auth: server.apiKey });
    ms.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${res.text.slice(0, 300)}`);
  }
  return ms;
}

/** A finished interview: three runs, the end, two submitted feedbacks and the automatic score. */
async function finishedInterview(server) {
  const session = await createSession(server, sampleSession());
  for (const code of ['print(1)', 'a, b = input().split()\nprint(a + b)', sampleSession().question.starterCode]) {
    await request(server.url, 'POST', '/v1/runs', { auth: session.tokens.cam, body: { language: 'python', code, tests: [0] } });
  }
  await request(server.url, 'POST', `/v1/sessions/${session.id}/end`, { auth: server.apiKey, body: {} });
  for (const [who, rating, recommendation] of [['ivy', 4, 'yes'], ['oli', 2, 'no']]) {
    const own = JSON.parse((await request(server.url, 'GET', `/v1/sessions/${session.id}/feedback`, { auth: session.tokens[who] })).text);
    const competencies = Object.fromEntries(own.rubric.competencies.map((c) => [c.id, { rating, evidence: `Seen at [0:42](#t=42): ${'a considered remark '.repeat(8)}` }]));
    const res = await request(server.url, 'POST', `/v1/sessions/${session.id}/feedback`, { auth: session.tokens[who], body: { competencies, recommendation, summary: 'Summary.' } });
    if (res.status !== 201) throw new Error(`feedback → ${res.status}: ${res.text}`);
  }
  await request(server.url, 'POST', `/v1/sessions/${session.id}/score`, { auth: server.apiKey });
  for (;;) {
    const score = JSON.parse((await request(server.url, 'GET', `/v1/sessions/${session.id}/score`, { auth: server.apiKey })).text);
    if (score.status === 'done') break;
    if (score.status === 'failed') throw new Error(`scoring failed: ${score.error}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return session;
}

const row = (name, ms) => `| ${name} | ${ms.length} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 95).toFixed(1)} | ${Math.max(...ms).toFixed(1)} |`;

export async function main() {
  const server = await startServer({ EXECUTOR: 'local' });
  try {
    const session = await finishedInterview(server);
    const base = `/v1/sessions/${session.id}`;
    const t = performance.now();
    const first = await request(server.url, 'GET', `${base}/report.pdf`, { auth: server.apiKey });
    const firstPdf = performance.now() - t;
    if (first.status !== 200) throw new Error(`first PDF → ${first.status}: ${first.text.slice(0, 300)}`);
    for (const path of ['report', 'report.html', 'report.pdf']) await request(server.url, 'GET', `${base}/${path}`, { auth: server.apiKey }); // warm-up
    const rows = [
      row('GET report (JSON, floor)', await timings(server, `${base}/report`)),
      row('GET report.html', await timings(server, `${base}/report.html`)),
      row('GET report.pdf (A4)', await timings(server, `${base}/report.pdf`)),
      row('GET report.pdf?format=Letter', await timings(server, `${base}/report.pdf?format=Letter`)),
    ];
    console.log(`\nReport render times, sequential requests over keep-alive HTTP on loopback (SQLite)\n`);
    console.log('| request | samples | p50 ms | p95 ms | max ms |');
    console.log('|---|---:|---:|---:|---:|');
    for (const line of rows) console.log(line);
    console.log(`\nFirst PDF, launching Chromium: ${firstPdf.toFixed(0)} ms`);
  } finally {
    agent.destroy();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
