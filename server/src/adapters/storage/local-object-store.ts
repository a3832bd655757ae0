import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { checkKey, ObjectNotFoundError, type ObjectStore } from './object-store.js';

/**
 * Objects as files under `root` (by default `DATA_DIR/recordings`'s parent: keys start with
 * `recordings/`), 0600 in 0700 directories. A write goes to a temporary name first and is renamed
 * into place, so a reader never sees half an object.
 */
export class LocalObjectStore implements ObjectStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: Uint8Array): Promise<void> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomUUID()}.partial`;
    await writeFile(temporary, body, { mode: 0o600 });
    await rename(temporary, path);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.#path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    await Promise.all(keys.map((key) => rm(this.#path(key), { force: true })));
    // Directories left empty go too (a prefix ending in `/` names a directory).
    if (prefix.endsWith('/')) await rm(this.#path(prefix), { recursive: true, force: true });
    return keys.length;
  }

  async list(prefix: string): Promise<string[]> {
    checkKey(prefix);
    // The deepest directory the prefix names whole; keys below it are filtered by the rest.
    const base = prefix.endsWith('/') ? prefix : prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
    const dir = join(this.root, base);
    let entries;
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.partial'))
      .map((entry) => relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  #path(key: string): string {
    return join(this.root, checkKey(key));
  }
}
