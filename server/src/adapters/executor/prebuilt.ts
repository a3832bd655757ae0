import { chmod, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Toolchain } from './languages.js';

/** Where the prebuilt directories live, and how to give that place back. */
export interface PrebuiltRoot {
  path: string;
  release(): Promise<void>;
}

type State = { status: 'building'; done: Promise<void> } | { status: 'ready'; dir: string } | { status: 'failed' };

/**
 * What the server prepares once per process for compilers (`Toolchain.prebuilt`: precompiled
 * C++ headers, javac's class-data sharing archive), each in a directory of its own under a root
 * that only the server writes (a tmpfs of its own when the server can mount one, so no host path
 * shows in a sandbox's mount table). A compile mounts its language's directory read-only at
 * `SANDBOX_PREBUILT_DIR`.
 *
 * A language's build starts, in the background and at the lowest CPU priority, when its first
 * compile asks; until it is ready (or if it fails) compiles run without it, which only costs time.
 * Its files are the server's, read-only to everyone.
 */
export class PrebuiltDirs {
  private readonly states = new Map<string, State>();
  private root: Promise<PrebuiltRoot | null> | undefined;
  private readonly builds = new Set<Promise<void>>();
  private closed = false;
  private readonly stop = new AbortController();

  constructor(
    private readonly openRoot: () => Promise<PrebuiltRoot>,
    private readonly memoryKb: number,
    private readonly onFailure: (message: string) => void,
  ) {}

  /** The host directory of `toolchain`'s prebuilt files when they are ready; else null (and the build starts). */
  ready(toolchain: Toolchain): string | null {
    const recipe = toolchain.prebuilt;
    if (!recipe || this.closed) return null;
    const id = toolchain.info.id;
    const state = this.states.get(id);
    if (state) return state.status === 'ready' ? state.dir : null;
    const build = (async () => {
      await Promise.resolve();
      try {
        const root = await (this.root ??= this.openRoot().catch((error: Error) => {
          this.onFailure(`no directory for prebuilt compiler files: ${error.message}`);
          return null;
        }));
        if (!root || this.closed) throw new Error('no prebuilt root');
        const dir = join(root.path, id);
        await mkdir(dir, { mode: 0o755 });
        await recipe.build(dir, this.memoryKb, this.stop.signal);
        await readOnly(dir);
        if (!this.closed) this.states.set(id, { status: 'ready', dir });
      } catch (error) {
        this.states.set(id, { status: 'failed' });
        if ((error as Error).message !== 'no prebuilt root' && !this.closed) this.onFailure(`prebuilt ${id} compiler files failed: ${(error as Error).message}`);
      }
    })();
    this.states.set(id, { status: 'building', done: build });
    this.builds.add(build);
    void build.finally(() => this.builds.delete(build));
    return null;
  }

  /** Like `ready`, but waits for a build in progress (or started now) to end. */
  async whenReady(toolchain: Toolchain): Promise<string | null> {
    const dir = this.ready(toolchain);
    const state = this.states.get(toolchain.info.id);
    if (dir !== null || state?.status !== 'building') return dir;
    await state.done;
    return this.ready(toolchain);
  }

  /** Stops builds in progress, then removes every prebuilt file. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    while (this.builds.size > 0) await Promise.allSettled([...this.builds]);
    this.states.clear();
    const root = await this.root;
    await root?.release();
  }
}

/** Directories 0555 and files 0444, from `dir` down: nothing there is writable, even by its owner's uid. */
async function readOnly(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await readOnly(path);
    else await chmod(path, 0o444);
  }
  await chmod(dir, 0o555);
}

/** Removes a prebuilt root's contents (read-only directories included). */
export async function removePrebuilt(path: string): Promise<void> {
  const writable = async (dir: string): Promise<void> => {
    await chmod(dir, 0o755).catch(() => undefined);
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await writable(join(dir, entry.name));
    }
  };
  await writable(path);
  await rm(path, { recursive: true, force: true });
}
