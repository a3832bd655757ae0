import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A fresh host directory that one run sees as its work directory. */
export interface WorkDir {
  path: string;
  /** Writes a file the run may read; refuses to overwrite anything already there. */
  write(name: string, contents: string): Promise<void>;
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
      if (name.includes('/') || name === '.' || name === '..') throw new Error(`bad file name "${name}"`);
      const file = join(path, name);
      await writeFile(file, contents, { flag: 'wx', mode: 0o600 });
      await own(file);
    },
    remove: () => removeTree(path),
  };
}

/**
 * `fs.rm` removes symbolic links themselves (it lstat()s every entry) and never descends through
 * them, so links a program planted to host files leave those files untouched. It runs only after
 * every process of the run is gone, so nothing can swap entries while it works.
 */
export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
}
