import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ScratchMounts } from './scratch-mounts.js';

/** The mountinfo line of the mount at `path`, if it is a mount point. */
function mountAt(path: string): string | undefined {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .find((line) => line.split(' ')[4] === path);
}

const SMALL = { sizeKb: 1024, inodes: 64 };

describe('scratch mounts (capped tmpfs, as root)', { skip: process.getuid?.() !== 0 && 'mounting needs root' }, () => {
  let base: string;

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'ik-scratch-test-'));
  });
  after(() => rm(base, { recursive: true, force: true }));

  it('mounts a tmpfs with both caps: files stop at the inode cap, bytes at the size cap', async () => {
    const pool = await ScratchMounts.create(SMALL, { base });
    try {
      const mount = await pool.acquire(SMALL);
      assert.match(mountAt(mount.path)!, / - tmpfs tmpfs rw,.*size=1024k,nr_inodes=64,mode=711/);
      let files = 0;
      await assert.rejects(async () => {
        for (;;) {
          await writeFile(join(mount.path, String(files)), '');
          files++;
        }
      }, /ENOSPC/);
      assert.ok(files < 64, `${files} files`);
      await rm(join(mount.path, '0'));
      await assert.rejects(writeFile(join(mount.path, 'big'), Buffer.alloc(2 * 1024 * 1024)), /ENOSPC/);
      await pool.release(mount);
    } finally {
      await pool.close();
    }
  });

  it('hands an emptied mount out again, and unmounts one a user left anything in', async () => {
    const pool = await ScratchMounts.create(SMALL, { base });
    try {
      const first = await pool.acquire(SMALL);
      await pool.release(first);
      const again = await pool.acquire(SMALL);
      assert.equal(again.path, first.path, 'the same tmpfs, without mounting another');
      await writeFile(join(again.path, 'left-behind'), 'x');
      await pool.release(again);
      assert.equal(mountAt(again.path), undefined, 'unmounted');
      await assert.rejects(readdir(again.path), /ENOENT/);
      const fresh = await pool.acquire(SMALL);
      assert.notEqual(fresh.path, again.path);
      assert.deepEqual(await readdir(fresh.path), []);
      await pool.release(fresh);
    } finally {
      await pool.close();
    }
  });

  it('keeps mounts of each size apart, and no more idle ones than allowed', async () => {
    const pool = await ScratchMounts.create(SMALL, { base, maxIdle: 2 });
    try {
      const larger = await pool.acquire({ sizeKb: 2048, inodes: 64 });
      assert.match(mountAt(larger.path)!, /size=2048k,nr_inodes=64/);
      const held = [larger, await pool.acquire(SMALL), await pool.acquire(SMALL)];
      assert.equal(pool.size, 3);
      for (const mount of held) await pool.release(mount);
      assert.equal(pool.size, 2, 'the third idle mount is unmounted');
    } finally {
      await pool.close();
    }
  });

  it('close unmounts everything and removes its directory', async () => {
    const pool = await ScratchMounts.create(SMALL, { base });
    const mount = await pool.acquire(SMALL);
    await pool.acquire(SMALL);
    await pool.release(mount);
    await pool.close();
    assert.equal(pool.size, 0);
    assert.deepEqual(await readdir(base), []);
    assert.equal(mountAt(mount.path), undefined);
  });

  it('removes the mounts of a process that died without closing its pool', async () => {
    const deadPid = spawnSync('/usr/bin/true').pid!;
    const abandoned = join(base, `${deadPid}-0badc0de`);
    await mkdir(join(abandoned, '0'), { recursive: true });
    execFileSync('/usr/bin/mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', join(abandoned, '0')]);
    assert.ok(mountAt(join(abandoned, '0')));
    const pool = await ScratchMounts.create(SMALL, { base });
    try {
      assert.equal(mountAt(join(abandoned, '0')), undefined);
      assert.ok(!(await readdir(base)).includes(`${deadPid}-0badc0de`));
    } finally {
      await pool.close();
    }
  });

  it('fails with the reason where it cannot mount, leaving nothing behind', async () => {
    await assert.rejects(ScratchMounts.create(SMALL, { base, mount: '/usr/bin/false' }), /^Error: \/usr\/bin\/false -t tmpfs -o size=1024k,nr_inodes=64/);
    assert.deepEqual(await readdir(base), []);
    await assert.rejects(ScratchMounts.create(SMALL, { base: '/dev/null/scratch' }), /ENOTDIR/);
  });
});
