import { chown, lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artefact } from './artefact-cache.js';

/** A fresh host directory that one run sees as its work directory. */
export interface WorkDir {
  path: string;
  /**
   * Writes a file the run may read at a relative, `/`-separated path (a project's file), creating
   * its directories; refuses to overwrite anything already there and never follows a link.
   */
  write(path: string, contents: string): Promise<void>;
  /**
   * Writes a compile's artefact for a run: files (and their directories) owned by the server, not
   * by the run's uid, read-only (0444, 0555 for executables), created with O_EXCL.
   */
  writeArtefact(artefact: Artefact): Promise<void>;
  /** Removes the directory and everything in it, never following links. */
  remove(): Promise<void>;
}

/**
 * Creates a private work directory under `root`: a fresh `mkdtemp` name (so nothing can be planted
 * in advance), mode 0700, owned by the sandbox's uid so that only that run can use it.
 * Files are created with O_EXCL (`wx`), so a pre-existing entry or link is never written through.
 */
export async function createWorkDir(root: string, owner: { uid: number; gid: number } | null): Promise<WorkDir> {
  const path = await mkdtemp(join(root, 'ik-run-'));
  const own = async (target: string) => {
    if (owner) await chown(target, owner.uid, owner.gid);
  };
  try {
    await own(path);
  } catch (error) {
    await removeTree(path);
    throw error;
  }
  return {
    path,
    async write(name, contents) {
      const segments = name.split('/');
      if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) throw new Error(`bad file path "${name}"`);
      for (let depth = 1; depth < segments.length; depth++) await makeDirectory(join(path, ...segments.slice(0, depth)), own);
      const file = join(path, ...segments);
      await writeFile(file, contents, { flag: 'wx', mode: 0o600 });
      await own(file);
    },
    async writeArtefact(artefact) {
      for (const file of artefact.files) {
        const segments = file.path.split('/');
        if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) throw new Error(`bad file path "${file.path}"`);
        if (segments.length > 1) await mkdir(join(path, ...segments.slice(0, -1)), { recursive: true, mode: 0o755 });
        await writeFile(join(path, ...segments), file.data, { flag: 'wx', mode: file.executable ? 0o555 : 0o444 });
      }
    },
    remove: () => removeTree(path),
  };
}

/**
 * Creates one directory of a project's path (0700, the run's), or accepts it when an earlier file
 * made it: a real directory, never a link, so no later write goes through one.
 */
async function makeDirectory(dir: string, own: (target: string) => Promise<void>): Promise<void> {
  try {
    await mkdir(dir, { mode: 0o700 });
    await own(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !(await lstat(dir)).isDirectory()) throw error;
  }
}

/**
 * `fs.rm` removes symbolic links themselves (it lstat()s every entry) and never descends through
 * them, so links a program planted to host files leave those files untouched. It runs only after
 * every process of the run is gone, so nothing can swap entries while it works.
 */
export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
}
