import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ArtefactCache, artefactKey, readArtefact, type Artefact } from './artefact-cache.js';

const artefact = (bytes: number): Artefact => ({ files: [{ path: 'main', data: Buffer.alloc(bytes - 4), executable: true }], output: '', bytes });

describe('artefact cache', () => {
  it('keys differ by language, toolchain version, flags and every file\'s path and content, and only by those', () => {
    const files = [
      { path: 'main.cpp', content: '#include "util.h"\nint main() { return twice(0); }' },
      { path: 'util.cpp', content: 'int twice(int n) { return 2 * n; }' },
    ];
    const base = { argv: ['/usr/bin/g++', '-O2', 'main.cpp', 'util.cpp'], files };
    const key = artefactKey('cpp', '12.2.0', base);
    assert.equal(artefactKey('cpp', '12.2.0', { ...base, files: files.map((file) => ({ ...file })) }), key);
    for (const other of [
      artefactKey('c', '12.2.0', base),
      artefactKey('cpp', '12.3.0', base),
      artefactKey('cpp', '12.2.0', { ...base, argv: ['/usr/bin/g++', '-O1', 'main.cpp', 'util.cpp'] }),
      artefactKey('cpp', '12.2.0', { ...base, files: [files[0]!, { ...files[1]!, content: 'int twice(int n) { return n + n; }' }] }),
      artefactKey('cpp', '12.2.0', { ...base, files: [files[0]!, { ...files[1]!, path: 'lib/util.cpp' }] }),
      artefactKey('cpp', '12.2.0', { ...base, files: [...files, { path: 'util.h', content: 'int twice(int n);' }] }),
    ]) {
      assert.notEqual(other, key);
    }
  });

  it('an artefact expires its TTL after the compile', () => {
    let now = 1_000;
    const cache = new ArtefactCache({ ttlMs: 600_000, maxBytes: 1_000 }, () => now);
    cache.put('a', artefact(100));
    now += 599_999;
    assert.ok(cache.get('a'));
    now += 1;
    assert.equal(cache.get('a'), undefined);
    assert.deepEqual(cache.size, { entries: 0, bytes: 0 });
  });

  it('beyond the byte bound the least recently used go first; an artefact larger than the bound is not kept', () => {
    const cache = new ArtefactCache({ ttlMs: 60_000, maxBytes: 300 });
    cache.put('a', artefact(100));
    cache.put('b', artefact(100));
    cache.put('c', artefact(100));
    assert.ok(cache.get('a'), 'a is now the most recently used');
    cache.put('d', artefact(100));
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.ok(cache.get('a') && cache.get('c') && cache.get('d'));
    assert.equal(cache.size.bytes, 300);
    cache.put('huge', artefact(301));
    assert.equal(cache.get('huge'), undefined);
    assert.equal(cache.size.entries, 3);
  });

  it('a TTL of 0 keeps nothing', () => {
    const cache = new ArtefactCache({ ttlMs: 0, maxBytes: 1_000 });
    cache.put('a', artefact(10));
    assert.equal(cache.get('a'), undefined);
  });

  it('concurrent compiles of one key run once; after it ends the next one runs again', async () => {
    const cache = new ArtefactCache();
    let runs = 0;
    const produce = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return runs;
    };
    const first = cache.once('k', produce);
    const second = cache.once('k', produce);
    assert.deepEqual([first.shared, second.shared], [false, true]);
    assert.deepEqual(await Promise.all([first.outcome, second.outcome]), [1, 1]);
    assert.equal(await cache.once('k', produce).outcome, 2);
  });

  it('reads regular files (nested ones too) with their executable bit, never links', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ik-artefact-test-'));
    try {
      await writeFile(join(dir, 'main'), 'binary', { mode: 0o755 });
      await mkdir(join(dir, 'com', 'example'), { recursive: true });
      await writeFile(join(dir, 'com', 'example', 'Main.class'), 'classes', { mode: 0o644 });
      await symlink('/etc/passwd', join(dir, 'link'));
      const read = await readArtefact(dir, 'a warning');
      const files = read.files.map((file) => [file.path, file.data.toString(), file.executable]).sort();
      assert.deepEqual(files, [
        ['com/example/Main.class', 'classes', false],
        ['main', 'binary', true],
      ]);
      assert.equal(read.output, 'a warning');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
