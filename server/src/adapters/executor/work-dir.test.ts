// A run's work directory as the server fills it with a project's files: directories made one by
// one, never through a link a program (or anyone) left there.
import assert from 'node:assert/strict';
import { lstat, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createWorkDir } from './work-dir.js';

describe('work directory', () => {
  let root: string;
  let outside: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ik-workdir-test-'));
    outside = await mkdtemp(join(tmpdir(), 'ik-outside-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('writes a project at its paths, making each directory, private to the run', async () => {
    const dir = await createWorkDir(root, null);
    await dir.write('main.py', 'import lib.helper\n');
    await dir.write('lib/helper.py', 'x = 1\n');
    await dir.write('lib/deep/data.txt', '7\n');
    assert.equal(await readFile(join(dir.path, 'lib/deep/data.txt'), 'utf8'), '7\n');
    assert.equal((await lstat(join(dir.path, 'lib'))).mode & 0o777, 0o700);
    await dir.remove();
  });

  it('never writes through a link: a linked directory or file in the way is refused, what it points to untouched', async () => {
    const dir = await createWorkDir(root, null);
    await symlink(outside, join(dir.path, 'lib'));
    await symlink(join(outside, 'target.txt'), join(dir.path, 'main.py'));
    await assert.rejects(dir.write('lib/helper.py', 'planted'));
    await assert.rejects(dir.write('main.py', 'planted'));
    for (const bad of ['../x', '/etc/x', 'a//b', 'a/./b']) await assert.rejects(dir.write(bad, 'planted'), /bad file path/);
    assert.deepEqual(await readdir(outside), [], 'nothing reached the directory the links point to');
    await dir.remove();
  });
});
