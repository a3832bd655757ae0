import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { canInstall, installCommand, installPackages, onPath } from '../../../scripts/lib/system-packages.mjs';
import { createLogger } from '../logger.js';
import { call, createSession, sampleSession, startTestServer, type TestServer } from '../testing/harness.js';
import { samplesOf } from '../testing/metrics.js';
import { OtlpReceiver, type ReceivedSpan } from '../testing/otlp-receiver.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';
import { startTelemetry, type Telemetry } from './index.js';

/**
 * Traces, logs, metrics and alert rules of a real server: the tracing SDK exports over OTLP/HTTP (JSON) to a
 * receiver on loopback, exactly as `index.ts` starts it when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
const INSTANCE = 'ik-observed-1';
const otlp = new OtlpReceiver();
const hooks = new WebhookReceiver();
let telemetry: Telemetry | undefined;
let server: TestServer;

before(async () => {
  await Promise.all([otlp.start(), hooks.start()]);
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.url;
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
  process.env.OTEL_BSP_SCHEDULE_DELAY = '20';
  telemetry = await startTelemetry({ instanceId: INSTANCE, logger: createLogger('silent') });
  server = await startTestServer({ env: { INSTANCE_ID: INSTANCE, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOB_POLL_MS: '50' } });
  const webhook = await call(server.url, 'POST', '/v1/webhooks', { auth: server.apiKey, body: { url: hooks.url, events: ['session.created'] } });
  assert.equal(webhook.status, 201, JSON.stringify(webhook.body));
});
after(async () => {
  await server?.dispose();
  await telemetry?.shutdown();
  await Promise.all([otlp.stop(), hooks.stop()]);
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) => spans.filter((s) => s.traceId === parent.traceId && s.parentSpanId === parent.spanId);
const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

describe('traces over OTLP', () => {
  let created: ReceivedSpan;
  let sessionId: string;

  test("a session's creation: the request's server span continues the caller's trace; its queries are children; its log line carries the ids", async () => {
    const [traceId, callerSpan] = [hex(16), hex(8)];
    const res = await call(server.url, 'POST', '/v1/sessions', {
      auth: server.apiKey,
      body: sampleSession(),
      headers: { traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    sessionId = res.body.id;
    const spans = await otlp.until('the request span', (all) => all.some((s) => s.name === 'POST /v1/sessions'));
    created = spans.find((s) => s.name === 'POST /v1/sessions')!;
    assert.equal(created.traceId, traceId, 'the W3C traceparent is continued');
    assert.equal(created.parentSpanId, callerSpan);
    assert.equal(created.kind, SERVER);
    assert.equal(created.attributes['http.route'], '/v1/sessions');
    assert.equal(created.attributes['http.response.status_code'], 201);
    assert.equal(created.resource['service.name'], 'interview-kit-server');
    assert.equal(created.resource['service.instance.id'], INSTANCE);

    const queries = childrenOf(spans, created).filter((s) => s.kind === CLIENT);
    assert.ok(queries.some((q) => q.name === 'INSERT'), `the session's rows are inserted inside the request: ${queries.map((q) => q.name)}`);
    for (const query of queries) {
      assert.match(String(query.attributes['db.system.name']), /^(sqlite|postgresql)$/);
      assert.ok(!String(query.attributes['db.query.text']).includes('Cam Candidate'), 'query texts hold placeholders, never values');
    }

    const line = server.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'request' && l.method === 'POST' && l.route === '/v1/sessions');
    assert.ok(line, 'the request is logged');
    assert.equal(line.trace_id, traceId);
    assert.equal(line.span_id, created.spanId);
  });

  test('a run: its span under the request, with the queue wait, the sandbox and each test (each with its own wait and sandbox) as children', async () => {
    const session = await createSession(server);
    const res = await call(server.url, 'POST', '/v1/runs', {
      auth: session.tokens.ivy,
      body: { language: 'python', code: 'a, b = map(int, input().split())\nprint(a + b)\n', stdin: '2 3', tests: 'all' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const ofRun = (all: ReceivedSpan[]) => all.find((s) => s.name === 'run' && s.attributes['run.id'] === res.body.id);
    const spans = await otlp.until('the run and its tests', (all) => {
      const run = ofRun(all);
      return Boolean(run && all.some((s) => s.name === 'POST /v1/runs' && s.spanId === run.parentSpanId) && childrenOf(all, run).filter((s) => s.name === 'run test').length === 2);
    });
    const run = ofRun(spans)!;
    assert.equal(run.attributes['run.language'], 'python');
    assert.equal(run.attributes['run.verdict'], 'ok');
    const children = childrenOf(spans, run);
    assert.ok(children.some((s) => s.name === 'run queue wait'), 'the main execution waits for its turn');
    assert.ok(children.some((s) => s.name === 'run sandbox'), 'the main execution runs in the sandbox');
    const tests = children.filter((s) => s.name === 'run test').sort((a, b) => Number(a.attributes['run.test.index']) - Number(b.attributes['run.test.index']));
    assert.deepEqual(tests.map((t) => [t.attributes['run.test.index'], t.attributes['run.test.hidden'], t.attributes['run.test.passed']]), [[0, false, true], [1, true, true]]);
    for (const each of tests) {
      assert.deepEqual(childrenOf(spans, each).map((s) => s.name).sort(), ['run queue wait', 'run sandbox'], `test ${each.attributes['run.test.index']}`);
    }
  });

  test("a job: the webhook fan-out and the delivery each start a trace of their own, the delivery's HTTP call its child", async () => {
    await hooks.until((received) => received.length >= 1);
    const spans = await otlp.until('the delivery job', (all) => all.some((s) => s.name === 'webhook deliver' && s.attributes['webhook.event_type'] === 'session.created'));
    const fanout = spans.find((s) => s.name === 'job webhook.fanout');
    assert.ok(fanout, 'the fan-out job is traced');
    assert.equal(fanout.kind, CONSUMER);
    assert.equal(fanout.parentSpanId, '', 'a job is the root of its own trace');
    assert.notEqual(fanout.traceId, created.traceId);
    assert.ok(childrenOf(spans, fanout).some((s) => s.name === 'SELECT'), "the fan-out's queries are its children");
    const delivery = spans.find((s) => s.name === 'webhook deliver' && s.attributes['webhook.event_type'] === 'session.created')!;
    assert.equal(delivery.kind, CLIENT);
    assert.equal(delivery.attributes['http.response.status_code'], 200);
    const job = spans.find((s) => s.spanId === delivery.parentSpanId)!;
    assert.equal(job.name, 'job webhook.deliver');
    assert.equal(job.parentSpanId, '');
    assert.equal(job.attributes['job.attempt'], 1);
    assert.ok(sessionId);
  });
});

describe('/metrics', () => {
  test("Node's runtime metrics beside the server's, every series labelled with the instance", async () => {
    const res = await call(server.url, 'GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.contentType, /^text\/plain; version=0\.0\.4/);
    const text = res.body as string;
    for (const name of ['nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes', 'process_cpu_user_seconds_total', 'process_uptime_seconds', 'http_requests_total']) {
      assert.ok(samplesOf(text, name).length > 0, `${name} is exported`);
    }
    assert.match(text, /^# TYPE nodejs_gc_duration_seconds histogram$/m, 'garbage collections are timed');
    const samples = text.split('\n').filter((line) => line && !line.startsWith('#'));
    const unlabelled = samples.filter((line) => !line.includes(`instance="${INSTANCE}"`));
    assert.deepEqual(unlabelled, [], 'every series carries the instance label');
  });
});

const ROOT = new URL('../../../', import.meta.url).pathname;
const ALERTS = 'deploy/prometheus/alerts.yml';
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/** The metric names a PromQL expression reads (label matchers, ranges, strings and grouping lists left out). */
function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]!);
  return [...new Set(names.filter((name) => !PROMQL_WORDS.has(name.toLowerCase())))];
}

/** Every series name the exposition offers: counters and gauges as typed, histograms with _bucket, _sum, _count. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name! + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name! + suffix);
  }
  return names;
}

interface AlertRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('alert rules', () => {
  const rules = (parse(readFileSync(ROOT + ALERTS, 'utf8')) as { groups: { rules: AlertRule[] }[] }).groups.flatMap((g) => g.rules);
  const operations = readFileSync(ROOT + 'docs/operations.md', 'utf8');

  test('every alert reads only metrics the server exports, has a severity, and a runbook entry in docs/operations.md', async () => {
    const exported = exportedNames((await call(server.url, 'GET', '/metrics')).body as string);
    assert.ok(rules.length >= 5, 'the SLOs have alerts');
    for (const rule of rules) {
      const used = metricsIn(rule.expr);
      assert.ok(used.length > 0, `${rule.alert} reads a metric`);
      assert.deepEqual(used.filter((name) => !exported.has(name)), [], `${rule.alert}: every metric is exported by the server`);
      assert.match(rule.labels?.severity ?? '', /^(page|ticket)$/, `${rule.alert} has a severity`);
      const anchor = rule.alert.toLowerCase();
      assert.equal(rule.annotations?.runbook_url, `docs/operations.md#${anchor}`, `${rule.alert} links its runbook entry`);
      assert.match(operations, new RegExp(`^### ${rule.alert}$`, 'm'), `${rule.alert} has a runbook entry`);
    }
    for (const slo of ['Session creation available', 'Joining available', 'Run latency', 'Sync fan-out latency', 'Report delivery time']) {
      assert.match(operations, new RegExp(`^\\| ${slo} \\|`, 'm'), `the SLO "${slo}" is written down`);
    }
  });

  test('promtool accepts the rules', (t) => {
    if (!onPath('promtool') && canInstall()) installPackages(['prometheus'], { log: (line) => t.diagnostic(line) });
    if (!onPath('promtool')) {
      t.skip(`promtool is missing: ${installCommand(['prometheus'])}`);
      return;
    }
    const checked = spawnSync('promtool', ['check', 'rules', ALERTS], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    assert.match(checked.stdout, new RegExp(`SUCCESS: ${rules.length} rules found`));
  });
});
