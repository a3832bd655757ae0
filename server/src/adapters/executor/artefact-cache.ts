import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One file a compiler produced, relative to the work directory (`/`-separated, no `..`). */
export interface ArtefactFile {
  path: string;
  data: Buffer;
  executable: boolean;
}

/** What a successful compile left in its work directory (everything a run needs), and what the compiler said. */
export interface Artefact {
  files: ArtefactFile[];
  /** The compiler's messages (warnings), shown with every run of the program. */
  output: string;
  bytes: number;
}

/** How long artefacts are kept, and how many bytes of them at most. */
export interface ArtefactCacheSettings {
  /** Milliseconds an artefact stays usable after its compile (default 10 minutes); 0 keeps none. */
  ttlMs: number;
  /** Bytes of artefacts kept at most (default 64 MiB); the least recently used go first. */
  maxBytes: number;
}

export const DEFAULT_ARTEFACT_CACHE: Readonly<ArtefactCacheSettings> = Object.freeze({ ttlMs: 10 * 60_000, maxBytes: 64 * 1024 * 1024 });

/**
 * The cache key of a compile: the language, its toolchain's version, and a SHA-256 of the compile
 * command (flags included) and of every file of the program, by path and content.
 */
export function artefactKey(language: string, version: string, parts: { argv: string[]; env?: Record<string, string>; files: readonly { path: string; content: string }[] }): string {
  const files = parts.files.map((file) => [file.path, file.content]);
  const digest = createHash('sha256').update(JSON.stringify([parts.argv, parts.env ?? {}, files])).digest('hex');
  return `${language}/${version}/${digest}`;
}

/**
 * Reads what a compile left in `dir`: regular files and the directories holding them, never
 * following a link (a link, device or fifo there is left out). Called after every process of the
 * compile is gone.
 */
export async function readArtefact(dir: string, output: string): Promise<Artefact> {
  const files: ArtefactFile[] = [];
  let bytes = Buffer.byteLength(output);
  const walk = async (relative: string) => {
    for (const name of await readdir(join(dir, relative))) {
      const path = relative ? `${relative}/${name}` : name;
      const stat = await lstat(join(dir, path));
      if (stat.isDirectory()) await walk(path);
      else if (stat.isFile()) {
        const data = await readFile(join(dir, path));
        files.push({ path, data, executable: (stat.mode & 0o111) !== 0 });
        bytes += data.length + path.length;
      }
    }
  };
  await walk('');
  return { files, output, bytes };
}

interface Entry {
  artefact: Artefact;
  expiresAt: number;
}

/**
 * Successful compiles kept in the server's memory, by `artefactKey`, for a short time: a
 * request's tests, and the same code sent again, run the program without compiling it again.
 * Entries expire `ttlMs` after their compile; beyond `maxBytes` the least recently used go first.
 * Only outcomes of successful compiles are ever stored (compile errors are not cached). The cache
 * belongs to one executor in one process; nothing of it is on disk.
 *
 * `once` also folds concurrent compiles of the same key into one.
 */
export class ArtefactCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private storedBytes = 0;
  /** Lookups answered from the cache. */
  hits = 0;

  constructor(
    private readonly settings: ArtefactCacheSettings = DEFAULT_ARTEFACT_CACHE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Artefacts held now, and their bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.storedBytes };
  }

  get(key: string): Artefact | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.storedBytes -= entry.artefact.bytes;
      return undefined;
    }
    // Re-inserted: Map order is the recency order.
    this.entries.set(key, entry);
    this.hits++;
    return entry.artefact;
  }

  /** Keeps `artefact` unless it alone exceeds the byte bound; evicts expired, then least recently used entries. */
  put(key: string, artefact: Artefact): void {
    const { ttlMs, maxBytes } = this.settings;
    if (ttlMs <= 0 || artefact.bytes > maxBytes) return;
    this.delete(key);
    const now = this.now();
    for (const [old, entry] of this.entries) if (entry.expiresAt <= now) this.delete(old);
    for (const old of this.entries.keys()) {
      if (this.storedBytes + artefact.bytes <= maxBytes) break;
      this.delete(old);
    }
    this.entries.set(key, { artefact, expiresAt: now + ttlMs });
    this.storedBytes += artefact.bytes;
  }

  /**
   * `produce()` for `key`, unless a call for the same key is in progress: then its outcome. A
   * caller whose shared outcome failed (another request was aborted, say) should produce its own.
   */
  once<T>(key: string, produce: () => Promise<T>): { shared: boolean; outcome: Promise<T> } {
    const running = this.inFlight.get(key) as Promise<T> | undefined;
    if (running) return { shared: true, outcome: running };
    const outcome = produce().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, outcome);
    return { shared: false, outcome };
  }

  clear(): void {
    this.entries.clear();
    this.storedBytes = 0;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.storedBytes -= entry.artefact.bytes;
  }
}
