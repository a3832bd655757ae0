import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { createTestExecutor, leftoverWorkDirs, python } from '../../testing/executor.js';
import { QueueFullError, queuedExecutor, RunQueue } from './queue.js';

/** A job the test finishes by hand. */
function gate<T = string>() {
  let open!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RunQueue', () => {
  it('runs at most `concurrency` jobs at once, the rest in arrival order', async () => {
    const queue = new RunQueue({ concurrency: 2, maxWaiting: 10 });
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const results = gates.map((g, i) =>
      queue.add(() => {
        started.push(i);
        return g.promise;
      }),
    );
    await settle();
    assert.deepEqual(started, [0, 1]);
    assert.equal(queue.running, 2);
    assert.equal(queue.waiting, 2);

    gates[1]!.open('second');
    await settle();
    assert.deepEqual(started, [0, 1, 2]);
    gates[0]!.open('first');
    await settle();
    assert.deepEqual(started, [0, 1, 2, 3]);
    gates[2]!.open('third');
    gates[3]!.open('fourth');
    assert.deepEqual(await Promise.all(results), ['first', 'second', 'third', 'fourth']);
    assert.equal(queue.running, 0);
    assert.equal(queue.waiting, 0);
  });

  it('refuses beyond the waiting list with QueueFullError and a Retry-After estimate', async () => {
    const queue = new RunQueue({ concurrency: 1, maxWaiting: 1 });
    const running = gate();
    const first = queue.add(() => running.promise);
    const second = queue.add(async () => 'waited');
    await assert.rejects(queue.add(async () => 'never'), (error: unknown) => {
      assert.ok(error instanceof QueueFullError);
      assert.ok(Number.isInteger(error.retryAfterSeconds) && error.retryAfterSeconds >= 1, String(error.retryAfterSeconds));
      return true;
    });
    running.open('ran');
    assert.equal(await first, 'ran');
    assert.equal(await second, 'waited');
  });

  it('drops a waiting job whose signal aborts, without running it', async () => {
    const queue = new RunQueue({ concurrency: 1, maxWaiting: 5 });
    const running = gate();
    const first = queue.add(() => running.promise);
    const controller = new AbortController();
    let ranCancelled = false;
    const cancelled = queue.add(
      async () => {
        ranCancelled = true;
      },
      { signal: controller.signal },
    );
    const third = queue.add(async () => 'third ran');
    assert.equal(queue.waiting, 2);
    controller.abort(new Error('the candidate left'));
    await assert.rejects(cancelled, /the candidate left/);
    assert.equal(queue.waiting, 1);
    running.open('first ran');
    assert.equal(await first, 'first ran');
    assert.equal(await third, 'third ran');
    assert.equal(ranCancelled, false);
    await assert.rejects(queue.add(async () => 'x', { signal: AbortSignal.abort(new Error('already gone')) }), /already gone/);
  });

  it('frees the slot of a failed job', async () => {
    const queue = new RunQueue({ concurrency: 1, maxWaiting: 1 });
    const failing = gate();
    const first = queue.add(() => failing.promise);
    const next = queue.add(async () => 'next');
    failing.fail(new Error('boom'));
    await assert.rejects(first, /boom/);
    assert.equal(await next, 'next');
    assert.equal(queue.running, 0);
  });

  it('defaults to one slot per CPU and 32 waiting', () => {
    const queue = new RunQueue();
    assert.equal(queue.concurrency, availableParallelism());
    assert.equal(queue.maxWaiting, 32);
  });
});

describe('RunQueue fairness', () => {
  const owner = (session: string, tenant = 't1') => ({ owner: { tenant, session } });
  /** Adds a job for `owner` that records its start and waits for its gate. */
  function adder(queue: RunQueue, started: string[]) {
    return (name: string, options: Parameters<RunQueue['add']>[1]) => {
      const g = gate();
      const done = queue.add(() => {
        started.push(name);
        return g.promise;
      }, options);
      return { ...g, done };
    };
  }

  it('gives a freed slot to the session served least recently, not to the next job of the busy one', async () => {
    const queue = new RunQueue({ concurrency: 1, maxWaiting: 10 });
    const started: string[] = [];
    const add = adder(queue, started);
    const a1 = add('a1', owner('a'));
    const a2 = add('a2', owner('a'));
    const a3 = add('a3', owner('a'));
    const b1 = add('b1', owner('b'));
    await settle();
    for (const job of [a1, b1, a2, a3]) {
      job.open('done');
      await job.done;
      await settle();
    }
    assert.deepEqual(started, ['a1', 'b1', 'a2', 'a3']);
  });

  it("keeps a slot free for other sessions: one session runs at most sessionSlots jobs, by default half the slots", async () => {
    const queue = new RunQueue({ concurrency: 2, maxWaiting: 10 });
    assert.equal(queue.sessionSlots, 1);
    const started: string[] = [];
    const add = adder(queue, started);
    const a1 = add('a1', owner('a'));
    const a2 = add('a2', owner('a'));
    await settle();
    assert.deepEqual(started, ['a1'], 'the second job of the session waits although a slot is free');
    const b1 = add('b1', owner('b'));
    await settle();
    assert.deepEqual(started, ['a1', 'b1'], 'another session starts at once');
    b1.open('b');
    await b1.done;
    await settle();
    assert.deepEqual(started, ['a1', 'b1'], 'a session at its cap stays waiting');
    a1.open('a');
    await a1.done;
    await settle();
    assert.deepEqual(started, ['a1', 'b1', 'a2']);
    a2.open('a');
    await a2.done;
  });

  it('takes turns between tenants before sessions', async () => {
    const queue = new RunQueue({ concurrency: 1, maxWaiting: 10 });
    const started: string[] = [];
    const add = adder(queue, started);
    const jobs = {
      x: add('x', owner('x', 'other')),
      s1: add('s1', owner('s1', 't1')),
      s2: add('s2', owner('s2', 't1')),
      s3: add('s3', owner('s3', 't2')),
    };
    await settle();
    for (const name of ['x', 's1', 's3', 's2'] as const) {
      assert.equal(started.at(-1), name);
      jobs[name].open('done');
      await jobs[name].done;
      await settle();
    }
    assert.deepEqual(started, ['x', 's1', 's3', 's2'], 'tenant t2 gets its turn before t1 runs a second session');
  });

  it("gives a tenant with fewer waiting places the newest place of the tenant with most, once the list is full", async () => {
    const queue = new RunQueue({ concurrency: 1, maxWaiting: 2 });
    const started: string[] = [];
    const add = adder(queue, started);
    const running = add('running', owner('r', 't1'));
    const w1 = add('w1', owner('s1', 't1'));
    const w2 = add('w2', owner('s2', 't1'));
    await settle();
    const other = add('other', owner('o', 't2'));
    await assert.rejects(w2.done, QueueFullError, "the busy tenant's newest place goes");
    await assert.rejects(add('w3', owner('s3', 't1')).done, QueueFullError, 'the busy tenant cannot take it back');
    await assert.rejects(add('other2', owner('o2', 't2')).done, QueueFullError, 'equal shares: the newcomer is refused');
    for (const job of [running, other, w1]) {
      job.open('done');
      await job.done;
      await settle();
    }
    assert.deepEqual(started, ['running', 'other', 'w1'], 'the tenant served least recently goes first');
  });

  it('leaves one slot to work someone waits for: background jobs take all slots but one', async () => {
    const queue = new RunQueue({ concurrency: 2, maxWaiting: 10 });
    assert.equal(queue.backgroundSlots, 1);
    const started: string[] = [];
    const add = adder(queue, started);
    const hiddenA = add('hidden a', { ...owner('a'), continuation: true, background: true });
    const hiddenB = add('hidden b', { ...owner('b'), continuation: true, background: true });
    await settle();
    assert.deepEqual(started, ['hidden a'], 'the second background job waits although a slot is free');
    const answer = add('answer c', owner('c'));
    await settle();
    assert.deepEqual(started, ['hidden a', 'answer c']);
    for (const job of [hiddenA, answer, hiddenB]) {
      job.open('done');
      await job.done;
      await settle();
    }
    assert.deepEqual(started, ['hidden a', 'answer c', 'hidden b']);
  });

  it("never makes a session's answer wait behind its own background work", async () => {
    const queue = new RunQueue({ concurrency: 2, maxWaiting: 10 });
    const started: string[] = [];
    const add = adder(queue, started);
    const hidden = add('hidden a', { ...owner('a'), continuation: true, background: true });
    const answer = add('answer a', owner('a'));
    await settle();
    assert.deepEqual(started, ['hidden a', 'answer a'], 'background work takes none of the session slot');
    for (const job of [answer, hidden]) {
      job.open('done');
      await job.done;
    }
  });

  it('never refuses a continuation of admitted work, even with no waiting places', async () => {
    const queue = new RunQueue({ concurrency: 1, maxWaiting: 0 });
    const running = gate();
    const first = queue.add(() => running.promise, owner('a'));
    await assert.rejects(queue.add(async () => 'new', owner('b')), QueueFullError);
    const next = queue.add(async () => 'next test', { ...owner('a'), continuation: true });
    running.open('main');
    assert.equal(await first, 'main');
    assert.equal(await next, 'next test');
  });
});

describe('RunQueue in front of the real sandbox', () => {
  it('50 simultaneous runs: each completes with its own output or is refused with QueueFullError; none hang; nothing left behind', async () => {
    const { executor, workRoot, dispose } = await createTestExecutor();
    try {
      const queue = new RunQueue();
      const queued = queuedExecutor(executor, queue);
      const runs = Array.from({ length: 50 }, (_, i) =>
        queued.run(python('import sys\nprint("run", sys.stdin.read())', {}, String(i))),
      );
      const settled = await Promise.allSettled(runs);
      const accepted = queue.concurrency + queue.maxWaiting;
      settled.forEach((outcome, i) => {
        if (i < accepted) {
          assert.equal(outcome.status, 'fulfilled', `run ${i}: ${outcome.status === 'rejected' ? outcome.reason : ''}`);
          const result = (outcome as PromiseFulfilledResult<Awaited<(typeof runs)[number]>>).value;
          assert.equal(result.verdict, 'ok', JSON.stringify(result));
          assert.equal(result.stdout, `run ${i}\n`);
        } else {
          assert.equal(outcome.status, 'rejected', `run ${i} should have been refused`);
          assert.ok((outcome as PromiseRejectedResult).reason instanceof QueueFullError);
        }
      });
      assert.deepEqual(await leftoverWorkDirs(workRoot), []);
      assert.equal(executor.activeRuns, 0);
      assert.equal(queue.running, 0);
      assert.equal(queue.waiting, 0);
    } finally {
      await dispose();
    }
  });
});
