import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Size and inode caps of one scratch tmpfs. */
export interface ScratchSize {
  sizeKb: number;
  inodes: number;
}

/** A tmpfs mounted for one user at a time; its root (0711, root's) is empty when handed out. */
export interface ScratchMount extends ScratchSize {
  readonly path: string;
}

export interface ScratchMountsOptions {
  /** Directory holding every instance's mount points; default /run/interview-kit (or the temp dir). */
  base?: string;
  /**
   * Clean mounts kept for reuse; beyond this a released mount is unmounted. Default four per CPU
   * (a run holds two, and runs at once default to the number of CPUs), at least 8.
   */
  maxIdle?: number;
  /** Paths of `mount` and `umount`. */
  mount?: string;
  umount?: string;
}

const COMMAND_TIMEOUT_MS = 10_000;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: { PATH: '/usr/bin:/bin', LANG: 'C' }, timeout: COMMAND_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${String(stderr).trim() || error.message}`));
      else resolve();
    });
  });
}

/** Mount points (unescaped) listed in /proc/self/mountinfo that lie under `dir`. */
function mountPointsUnder(dir: string): string[] {
  const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined)
    .map(unescape)
    .filter((point) => point.startsWith(`${dir}/`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every pool of this process, unmounted synchronously if the process exits without closing them. */
const open = new Set<ScratchMounts>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pool of open) pool.unmountAllSync();
  });
}

/**
 * Size- and inode-capped tmpfs mounts for sandboxes, kept in a pool. bubblewrap's own `--tmpfs`
 * takes a size but no inode cap (`nr_inodes`), and empty files cost kernel memory without using
 * any size: millions of them took gigabytes. The server (root) mounts such a tmpfs itself and
 * bubblewrap binds directories of it; mounting costs two process spawns (a few milliseconds), so
 * a released mount whose root is empty again is kept for the next run of the same size, and one
 * that a run left anything in is unmounted (which frees all of it at once) instead of emptied.
 *
 * Mount points live in `<base>/<pid>-<random>/`. They are unmounted by `close()`, or at exit;
 * a pool created later removes what a process that died without either left behind.
 */
export class ScratchMounts {
  private readonly idle = new Map<string, ScratchMount[]>();
  private readonly mounted = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private next = 0;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly maxIdle: number,
    private readonly mountTool: string,
    private readonly umountTool: string,
  ) {}

  /**
   * Creates a pool and proves that mounting works here by mounting (and keeping) one tmpfs of
   * `probe`'s size. Rejects with the reason when it does not (not root, no CAP_SYS_ADMIN).
   */
  static async create(probe: ScratchSize, options: ScratchMountsOptions = {}): Promise<ScratchMounts> {
    const base = options.base ?? (existsSync('/run') ? '/run/interview-kit' : join(tmpdir(), 'interview-kit'));
    // Sandbox uids must be able to pass through to their own mount (never list others).
    await mkdir(base, { recursive: true, mode: 0o711 });
    await chmod(base, 0o711);
    const umountTool = options.umount ?? '/usr/bin/umount';
    await removeAbandoned(base, umountTool);
    const dir = join(base, `${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { mode: 0o711 });
    const maxIdle = options.maxIdle ?? Math.max(8, 4 * availableParallelism());
    const pool = new ScratchMounts(dir, maxIdle, options.mount ?? '/usr/bin/mount', umountTool);
    try {
      await pool.release(await pool.acquire(probe));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    open.add(pool);
    installExitHook();
    return pool;
  }

  /** The directory holding this pool's mount points. */
  get directory(): string {
    return this.dir;
  }

  /** Mounts currently held by this pool, idle or in use. */
  get size(): number {
    return this.mounted.size;
  }

  /** A mount with exactly these caps: an idle one when there is one, else a fresh one. */
  async acquire(size: ScratchSize): Promise<ScratchMount> {
    if (this.closed) throw new Error('the scratch mounts are closed');
    const reused = this.idle.get(key(size))?.pop();
    if (reused) return reused;
    const path = join(this.dir, String(this.next++));
    await mkdir(path, { mode: 0o711 });
    try {
      await run(this.mountTool, ['-t', 'tmpfs', '-o', mountOptions(size), 'tmpfs', path]);
    } catch (error) {
      await rmdir(path).catch(() => undefined);
      throw error;
    }
    this.mounted.add(path);
    return { path, ...size };
  }

  /**
   * For background work: an idle mount with exactly these caps, else (with `mountNew`) a fresh one
   * mounted synchronously, so that no mount is ever in flight after this returns; else null.
   */
  takeNow(size: ScratchSize, mountNew: boolean): ScratchMount | null {
    if (this.closed) return null;
    const reused = this.idle.get(key(size))?.pop();
    if (reused) return reused;
    if (!mountNew) return null;
    const path = join(this.dir, String(this.next++));
    mkdirSync(path, { mode: 0o711 });
    const mounted = spawnSync(this.mountTool, ['-t', 'tmpfs', '-o', mountOptions(size), 'tmpfs', path], {
      env: { PATH: '/usr/bin:/bin', LANG: 'C' },
      timeout: COMMAND_TIMEOUT_MS,
      stdio: 'ignore',
    });
    if (mounted.status !== 0) {
      rmSync(path, { recursive: false, force: true });
      throw new Error(`mount -t tmpfs ${path} failed (${mounted.error?.message ?? `status ${mounted.status}`})`);
    }
    this.mounted.add(path);
    return { path, ...size };
  }

  /**
   * Takes a mount back once nothing uses it any more. Kept when its root is empty and there is
   * room among the idle mounts; otherwise unmounted.
   */
  release(mount: ScratchMount): Promise<void> {
    const task = (async () => {
      let empty = false;
      try {
        // Synchronous: one directory read in memory, cheaper than a trip through the thread pool.
        empty = readdirSync(mount.path).length === 0;
      } catch {
        // Treated as dirty.
      }
      if (empty && !this.closed && this.idleCount() < this.maxIdle) {
        const list = this.idle.get(key(mount)) ?? [];
        list.push(mount);
        this.idle.set(key(mount), list);
      } else {
        await this.unmount(mount.path);
      }
    })();
    this.pending.add(task);
    return task.finally(() => this.pending.delete(task));
  }

  /** Unmounts everything (waiting for releases in progress) and removes the pool's directory. */
  async close(): Promise<void> {
    this.closed = true;
    open.delete(this);
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    this.idle.clear();
    await Promise.allSettled([...this.mounted].map((path) => this.unmount(path)));
    await rm(this.dir, { recursive: true, force: true });
  }

  /** At process exit: detaches every mount (lazily: nothing can be waited for there). */
  unmountAllSync(): void {
    for (const path of this.mounted) spawnSync(this.umountTool, ['-l', path], { stdio: 'ignore', timeout: COMMAND_TIMEOUT_MS });
    this.mounted.clear();
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // A mount that would not detach: left for `removeAbandoned`.
    }
  }

  private idleCount(): number {
    let count = 0;
    for (const list of this.idle.values()) count += list.length;
    return count;
  }

  /** Lazy unmount: it cannot fail on a busy mount, and frees the tmpfs when its last user is gone. */
  private async unmount(path: string): Promise<void> {
    this.mounted.delete(path);
    try {
      await run(this.umountTool, ['-l', path]);
      await rmdir(path);
    } catch {
      // Left for `removeAbandoned` of a later pool; the mount holds no more than its caps.
    }
  }
}

const key = (size: ScratchSize) => `${size.sizeKb}k/${size.inodes}`;
const mountOptions = (size: ScratchSize) => `size=${size.sizeKb}k,nr_inodes=${size.inodes},mode=0711,nosuid,nodev`;

/** Unmounts and removes the directories of pools whose process died without closing them. */
async function removeAbandoned(base: string, umountTool: string): Promise<void> {
  for (const name of await readdir(base)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    const dir = join(base, name);
    for (const point of mountPointsUnder(dir)) await run(umountTool, ['-l', point]).catch(() => undefined);
    if (mountPointsUnder(dir).length === 0) await rm(dir, { recursive: true, force: true });
  }
}
