import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { Db } from '../adapters/db/database.js';
import { createLogger } from '../logger.js';
import { Registry } from '../metrics.js';
import { startTestServer, usingPostgres, type TestServer } from '../testing/harness.js';
import { exponentialBackoff, scheduledBackoff } from './backoff.js';
import { enqueue } from './enqueue.js';
import { JobMetrics } from './metrics.js';
import { JobQueue, type JobQueueOptions } from './queue.js';
import { PermanentJobError, type JobHandler } from './types.js';
import { sampleOf } from '../testing/metrics.js';

/** The queue against the real database (SQLite, or PostgreSQL with TEST_DATABASE_URL). */
let server: TestServer;
let db: Db;
before(async () => {
  server = await startTestServer();
  db = server.db;
});
after(() => server.dispose());

const logger = createLogger('silent');
const queues: JobQueue[] = [];
after(() => Promise.all(queues.map((q) => q.close())));

function queue(options: Partial<JobQueueOptions> = {}): JobQueue {
  const q = new JobQueue({ db, postgres: usingPostgres(), logger, concurrency: 4, pollMs: 20, leaseMs: 5_000, closeTimeoutMs: 2_000, ...options });
  queues.push(q);
  return q;
}

/** A kind of its own per test, so tests never see each other's jobs. */
const kind = () => `test.${randomUUID().slice(0, 8)}`;
const add = (k: string, key: string, payload: Record<string, unknown> = {}) => db.transaction().execute((trx) => enqueue(trx, { kind: k, key, payload, tenantId: 'tenant-jobs' }));
const job = (k: string, key: string) => db.selectFrom('jobs').selectAll().where('kind', '=', k).where('key', '=', key).executeTakeFirstOrThrow();
const until = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const fast = { maxAttempts: 3, backoff: () => 30 };

describe('job queue', () => {
  test('enqueuing the same kind and key twice is one job, run once', async () => {
    const k = kind();
    assert.equal(await add(k, 'session-1:v1', { n: 1 }), true);
    assert.equal(await add(k, 'session-1:v1', { n: 2 }), false, 'the duplicate is a no-op');
    const runs: unknown[] = [];
    const q = queue();
    q.register<{ n: number }>(k, async (j) => void runs.push(j.payload.n), fast);
    await q.start();
    await until('the job is done', async () => (await job(k, 'session-1:v1')).state === 'done');
    await q.idle();
    assert.deepEqual(runs, [1]);
    assert.equal((await db.selectFrom('jobs').select('id').where('kind', '=', k).execute()).length, 1);
  });

  test('a kind with its own limit never holds more slots than that: other kinds run beside a burst of it', async () => {
    const slow = kind();
    const quick = kind();
    for (let i = 0; i < 6; i++) await add(slow, `long-${i}`);
    await add(quick, 'delivery');
    let running = 0;
    let most = 0;
    let quickDoneWhileSlowPending = false;
    const q = queue({ concurrency: 4 });
    q.register(
      slow,
      async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 150));
        running--;
      },
      { ...fast, concurrency: 2 },
    );
    q.register(
      quick,
      async () => {
        const pending = await db.selectFrom('jobs').select('id').where('kind', '=', slow).where('state', '!=', 'done').execute();
        quickDoneWhileSlowPending = pending.length > 0;
      },
      fast,
    );
    await q.start();
    await until('every job is done', async () => (await db.selectFrom('jobs').select('id').where('kind', 'in', [slow, quick]).where('state', '!=', 'done').execute()).length === 0);
    await q.idle();
    assert.equal(most, 2, 'at most two of the limited kind at once');
    assert.equal(quickDoneWhileSlowPending, true, 'the other kind did not wait for the burst');
  });

  test('a job enqueued in a transaction that rolls back never exists', async () => {
    const k = kind();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, { kind: k, key: 'x', payload: {} });
        throw new Error('the change failed');
      }),
    );
    assert.equal(await db.selectFrom('jobs').select('id').where('kind', '=', k).executeTakeFirst(), undefined);
  });

  test('a failing job is retried after its backoff and is dead after its last attempt, with the error kept', async () => {
    const k = kind();
    await add(k, 'always-fails');
    const attempts: number[] = [];
    const q = queue();
    q.register(k, async (j) => {
      attempts.push(j.attempt);
      throw new Error(`boom ${j.attempt}`);
    }, { maxAttempts: 3, backoff: () => 150 });
    await q.start();
    await until('the first attempt failed', async () => (await job(k, 'always-fails')).state === 'failed');
    const failed = await job(k, 'always-fails');
    assert.equal(failed.last_error, 'boom 1');
    assert.ok(Date.parse(failed.run_at) > Date.now() - 20, 'the retry waits for its backoff');
    await until('the job is dead', async () => (await job(k, 'always-fails')).state === 'dead');
    const dead = await job(k, 'always-fails');
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.equal(Number(dead.attempts), 3);
    assert.equal(dead.last_error, 'boom 3');
    assert.ok(dead.finished_at);
  });

  test('a permanent failure is dead at once; a deferral is no attempt', async () => {
    const k = kind();
    await add(k, 'permanent');
    await add(k, 'deferred');
    let deferrals = 0;
    const q = queue();
    q.register(k, (async (j) => {
      if (j.key === 'permanent') throw new PermanentJobError('the receiver said 410');
      if (deferrals < 3) {
        deferrals++;
        return { deferMs: 10 };
      }
    }) as JobHandler, fast);
    await q.start();
    await until('both settled', async () => (await job(k, 'permanent')).state === 'dead' && (await job(k, 'deferred')).state === 'done');
    assert.equal(Number((await job(k, 'permanent')).attempts), 1);
    assert.equal(Number((await job(k, 'deferred')).attempts), 1, 'three deferrals and one real attempt');
  });

  test('a job whose worker died (its lease ran out) is claimed again and completes', async () => {
    const k = kind();
    const q = queue();
    let runs = 0;
    await q.start();
    // Another worker claims the job and dies holding it (this worker takes the kind only after: it would race for the new job).
    await add(k, 'orphan');
    const claimed = await q.store.claim([k], 1, 'worker-that-died', new Date(), new Date(Date.now() + 400));
    assert.equal(claimed.length, 1);
    q.register(k, async () => void runs++, fast);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(runs, 0, 'nobody takes a job whose lease holds');
    await until('the job is done', async () => (await job(k, 'orphan')).state === 'done');
    assert.equal(runs, 1);
    assert.equal(Number((await job(k, 'orphan')).attempts), 2, 'the dead worker’s attempt counts');
  });

  test('two workers on one database run each job exactly once', async () => {
    const k = kind();
    const runs = new Map<string, number>();
    const handler: JobHandler = async (j) => {
      runs.set(j.key, (runs.get(j.key) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const [a, b] = [queue({ concurrency: 3 }), queue({ concurrency: 3 })];
    a.register(k, handler, fast);
    b.register(k, handler, fast);
    for (let i = 0; i < 40; i++) await add(k, `job-${i}`);
    await Promise.all([a.start(), b.start()]);
    await until('all done', async () => (await db.selectFrom('jobs').select('id').where('kind', '=', k).where('state', '=', 'done').execute()).length === 40);
    assert.equal(runs.size, 40);
    assert.ok([...runs.values()].every((n) => n === 1), JSON.stringify([...runs]));
  });

  test('close() lets a running job finish within its grace period, then stops claiming', async () => {
    const k = kind();
    const q = queue({ closeTimeoutMs: 2_000 });
    let finished = false;
    q.register(k, async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      finished = true;
    }, fast);
    await add(k, 'slow');
    await q.start();
    await until('the job runs', async () => (await job(k, 'slow')).state === 'running');
    await q.close();
    assert.equal(finished, true);
    assert.equal((await job(k, 'slow')).state, 'done');
    await add(k, 'after-close');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await job(k, 'after-close')).state, 'queued');
  });

  test('close() aborts a job that outlasts the grace period; it stays claimable for a later worker', async () => {
    const k = kind();
    const q = queue({ closeTimeoutMs: 100 });
    let aborted = false;
    q.register(k, async (_j, { signal }) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      aborted = true;
    }, fast);
    await add(k, 'stuck');
    await q.start();
    await until('the job runs', async () => (await job(k, 'stuck')).state === 'running');
    await q.close();
    assert.equal(aborted, true);
    assert.equal((await job(k, 'stuck')).state, 'running', 'not settled by a worker that gave up');
  });

  test('done jobs past the retention are deleted; dead and recent ones stay', async () => {
    const k = kind();
    for (const key of ['old-done', 'new-done', 'old-dead']) await add(k, key);
    const day = 86_400_000;
    const finished = (key: string, state: 'done' | 'dead', ago: number) =>
      db.updateTable('jobs').set({ state, finished_at: new Date(Date.now() - ago).toISOString() }).where('kind', '=', k).where('key', '=', key).execute();
    await finished('old-done', 'done', 8 * day);
    await finished('new-done', 'done', day);
    await finished('old-dead', 'dead', 30 * day);
    const q = queue({ retentionMs: 7 * day });
    assert.ok((await q.purge()) >= 1);
    const left = await db.selectFrom('jobs').select('key').where('kind', '=', k).orderBy('key').execute();
    assert.deepEqual(left.map((row) => row.key), ['new-done', 'old-dead']);
  });

  test('metrics count jobs by state and the age of the oldest due queued job', async () => {
    const k = kind();
    await db.transaction().execute((trx) => enqueue(trx, { kind: k, key: 'waiting', payload: {} }, new Date(Date.now() - 30_000)));
    const registry = new Registry();
    const metrics = new JobMetrics(registry, queue(), logger, 60_000);
    await metrics.refresh();
    metrics.close();
    const text = await registry.metrics();
    assert.match(text, /^jobs\{state="queued"\} [1-9]\d*$/m);
    assert.match(text, /^jobs\{state="dead"\} \d+$/m);
    const age = sampleOf(text, 'jobs_oldest_queued_seconds')!;
    assert.ok(age >= 30, `${age}`);
  });

  test('metrics time each finished job from enqueue to done or dead, by kind', async () => {
    const ok = kind();
    const doomed = kind();
    await add(ok, 'fine');
    await add(doomed, 'broken');
    const registry = new Registry();
    const q = queue();
    const metrics = new JobMetrics(registry, q, logger, 60_000);
    q.register(ok, async () => undefined, fast);
    q.register(doomed, async () => Promise.reject(new PermanentJobError('never works')), fast);
    await q.start();
    await until('both jobs ended', async () => (await job(ok, 'fine')).state === 'done' && (await job(doomed, 'broken')).state === 'dead');
    await q.idle();
    metrics.close();
    const text = await registry.metrics();
    assert.equal(sampleOf(text, 'job_latency_seconds_count', { kind: ok, outcome: 'done' }), 1);
    assert.equal(sampleOf(text, 'job_latency_seconds_count', { kind: doomed, outcome: 'dead' }), 1);
    assert.equal(sampleOf(text, 'job_latency_seconds_count', { kind: ok, outcome: 'dead' }), undefined);
  });
});

describe('backoff', () => {
  test('exponential: doubling from the base, capped, each within ±20 % jitter', () => {
    const low = exponentialBackoff({ baseMs: 1000, maxMs: 10_000 }, () => 0);
    const high = exponentialBackoff({ baseMs: 1000, maxMs: 10_000 }, () => 1);
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(low), [800, 1600, 3200, 6400, 8000, 8000]);
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(high), [1200, 2400, 4800, 9600, 12_000, 12_000]);
    const spread = new Set(Array.from({ length: 50 }, () => exponentialBackoff({ baseMs: 1000, maxMs: 10_000 })(1)));
    assert.ok(spread.size > 10, 'jobs failing together do not retry together');
  });

  test('a schedule: the webhook delays in order, the last repeating', () => {
    const exact = scheduledBackoff([5_000, 30_000, 120_000], () => 0.5);
    assert.deepEqual([1, 2, 3, 4].map(exact), [5_000, 30_000, 120_000, 120_000]);
  });
});
