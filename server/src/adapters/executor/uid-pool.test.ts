import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UidPool, UidPoolExhaustedError, type Leftover } from './uid-pool.js';

/** Zombies whose reaping the test decides. */
function zombies() {
  const reaped = new Set<number>();
  let next = 1000;
  return {
    make: (): Leftover => ({ pid: next++, startTime: '1' }),
    reap: (leftover: Leftover) => reaped.add(leftover.pid),
    isReaped: (leftover: Leftover) => reaped.has(leftover.pid),
  };
}

describe('UidPool', () => {
  it('gives concurrent runs distinct uids from its range', async () => {
    const pool = new UidPool(70000, 5);
    const uids = await Promise.all(Array.from({ length: 5 }, () => pool.acquire()));
    assert.deepEqual([...uids].sort(), [70000, 70001, 70002, 70003, 70004]);
    assert.equal(pool.busy, 5);
    pool.release(70002);
    assert.equal(await pool.acquire(), 70002);
  });

  it('fails when every uid is busy', async () => {
    const pool = new UidPool(70000, 1, { maxWaitMs: 0 });
    await pool.acquire();
    await assert.rejects(pool.acquire(), (error: unknown) => {
      assert.ok(error instanceof UidPoolExhaustedError);
      assert.match(error.message, /all 1 sandbox uids from 70000 are in use/);
      return true;
    });
  });

  it('skips a uid holding too many unreaped sandboxes until the host reaps them', async () => {
    const z = zombies();
    const pool = new UidPool(70000, 2, { maxUnreapedPerUid: 2, maxWaitMs: 0, isReaped: z.isReaped });
    const left = [z.make(), z.make(), z.make()];
    pool.release(await pool.acquire(), []); // warm: both uids free
    pool.release(70000, left);
    for (let i = 0; i < 10; i++) {
      const uid = await pool.acquire();
      assert.equal(uid, 70001, 'the uid with three zombies is skipped');
      pool.release(uid);
    }
    assert.equal(pool.unreapedCount(), 3);
    z.reap(left[0]!);
    const taken = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const uid = await pool.acquire();
      taken.add(uid);
      pool.release(uid);
    }
    assert.ok(taken.has(70000), 'with two zombies left, the uid is usable again');
    assert.equal(pool.unreapedCount(), 2);
  });

  it('names the remedy when zombies are never reaped', async () => {
    const z = zombies();
    const pool = new UidPool(70000, 2, { maxUnreapedPerUid: 0, maxWaitMs: 0, isReaped: z.isReaped });
    pool.release(70000, [z.make()]);
    pool.release(70001, [z.make()]);
    await assert.rejects(pool.acquire(), /never reaped\. Run the server under an init that reaps orphaned processes \(docker run --init/);
  });
});
