/**
 * The embedded executor: runs programs on this machine in a bubblewrap sandbox.
 *
 * Each run gets, spawned directly from Node (no shell) with an empty environment:
 * - its own unprivileged uid from a pool (RLIMIT_NPROC counts per uid, so runs cannot starve each
 *   other) — when the server itself is not root, the server's uid is used instead;
 * - rlimits set by `prlimit`: CPU seconds (SIGXCPU at the limit, SIGKILL a second later), address
 *   space (the JVM and V8 instead get a heap cap plus a fixed reserve, see `languages.ts`),
 *   processes, file size, open files, no core dumps;
 * - a bubblewrap sandbox: new user, pid, network (loopback only), IPC, UTS and cgroup
 *   namespaces, no nested user namespaces, all capabilities dropped, a new session (no terminal
 *   injection), hostname `sandbox`, a clean environment; read-only /usr (plus read-only
 *   toolchain directories outside /usr), its own /proc (with an empty /proc/cmdline) and a
 *   read-only /dev, a read-only root; private /tmp and /dev/shm on one tmpfs capped in size and
 *   inodes (`scratch-mounts.ts`; bubblewrap's own tmpfs, capped in size only, where the server
 *   cannot mount); the run's work directory (a fresh `mkdtemp`, 0700, owned by the run's uid, on
 *   a tmpfs of its own) at /box — writable for the compiler, read-only for the program;
 *   bubblewrap reads its options from a descriptor, so no host path shows in /proc/1/cmdline;
 * - a seccomp filter refusing system calls no program needs (`seccomp-filter.ts`);
 * - a wall-clock kill, and output caps per stream (a flood is cut, the prefix kept, the run killed).
 *
 * A program may be a project of several files (`program.ts`): each is written at its path in the
 * work directory (directories made by the server, links never followed), and the language's rules
 * (`languages.ts`) say what compiles and what runs.
 *
 * A compiled language compiles in a step of its own; what the compiler left in its work directory
 * is kept in memory (`artefact-cache.ts`) and written, by the server and read-only, into the work
 * directory of every execution of that program, so a request's tests and later runs of the same
 * code (every file's path and content) do not compile again. Compilers also get files prepared once per process (`prebuilt.ts`).
 *
 * Interpreted languages (Python, JavaScript, TypeScript) take a warm sandbox when one waits: the
 * same sandbox made ahead of time, with the interpreter started and waiting for its program
 * (`warm-launchers.ts`), used for one run and destroyed after it; replacements are made in the
 * background, as many as recent demand asks for (`warm-pool.ts`). A run never waits for one. A
 * project takes one too when its entry is the language's default (`main.py`, `main.js`, `main.ts`):
 * its whole tree is written into the warm sandbox's work directory before the hand-over; another
 * entry runs cold.
 *
 * Java's compiles take a warm compile sandbox the same way (`WarmCompiler` in `languages.ts`): the
 * compile step's sandbox and limits, with a JVM started ahead that has warmed javac up on dummy
 * sources and waits for the compile's arguments; the sources are written into its work directory,
 * the arguments handed over, and its CPU-time limit lowered to what it used plus a cold compile's.
 * Its launcher is a prebuilt file, so the first compiles of a process run cold.
 *
 * A run ends with all of its processes gone: killing bubblewrap kills the sandbox's init
 * (`--die-with-parent`), and the init's death kills its whole pid namespace, including processes
 * that called setsid() or double-forked. Only then is the work directory removed, without
 * following any link a program left there.
 *
 * CPU time and peak memory are sampled from /proc every 10 ms (see `proc-stats.ts`); wall time is
 * exact. cgroups would add exact accounting and whole-run memory caps; they are not required.
 *
 * If bubblewrap is missing or cannot create its namespaces here, the executor says so
 * (`available: false`) and refuses every run: it never runs code unsandboxed.
 *
 * @module
 */
import { chownSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ArtefactCache, artefactKey, DEFAULT_ARTEFACT_CACHE, readArtefact, type Artefact, type ArtefactCacheSettings } from './artefact-cache.js';
import { detectToolchains, type Stage, type Toolchain } from './languages.js';
import { singleFile, type Program, type ProjectFile } from './program.js';
import { PrebuiltDirs, removePrebuilt, type PrebuiltRoot } from './prebuilt.js';
import type { SandboxLauncher, SandboxSpec, SandboxTools } from './sandbox-command.js';
import { runSandboxed, startSandbox, type LiveInput, type SandboxIo, type SandboxOutcome } from './sandbox-process.js';
import { endReasonOf, IdleWatch } from './interactive-run.js';
import { ScratchMounts, type ScratchMount, type ScratchSize } from './scratch-mounts.js';
import { hostSeccompProgram } from './seccomp-filter.js';
import { executable } from './toolchain-paths.js';
import {
  clampLimits,
  ExecutorUnavailableError,
  UnknownLanguageError,
  type Executor,
  type InteractiveEndReason,
  type InteractiveIo,
  type InteractiveRequest,
  type InteractiveResult,
  type LanguageInfo,
  type RunLimits,
  type RunOptions,
  type RunRequest,
  type RunResult,
} from './types.js';
import { processState } from './proc-stats.js';
import { UidPool, UidPoolExhaustedError, type Leftover } from './uid-pool.js';
import { verdictOf } from './verdict.js';
import { WarmPool, type PooledSandbox } from './warm-pool.js';
import { createWorkDir, type WorkDir } from './work-dir.js';

/** Limits of the compile step, separate from (and larger than) a program's. */
export const COMPILE_LIMITS: Readonly<RunLimits> = Object.freeze({
  cpuMs: 10_000,
  wallMs: 20_000,
  memoryKb: 1024 * 1024,
  processes: 64,
  fileSizeKb: 64 * 1024,
  outputBytes: 64 * 1024,
});
const COMPILE_TMP_KB = 256 * 1024;

/** Private /tmp of a program: a few times its largest file, and never less than 16 MiB. */
const tmpSizeFor = (limits: RunLimits) => Math.max(16 * 1024, limits.fileSizeKb * 4);

/** Files and directories a run's /tmp and /dev/shm may hold together, unless configured. */
export const DEFAULT_TMP_INODES = 16_384;
/** The work directory's tmpfs: room for what a compiler writes (its largest file, twice), and 4 096 entries. */
const WORK_MOUNT: Readonly<ScratchSize> = Object.freeze({ sizeKb: 2 * COMPILE_LIMITS.fileSizeKb, inodes: 4_096 });
/** The tmpfs of prebuilt compiler files: its caps only bound it, it holds what is written (~170 MB for C++ and Java). */
const PREBUILT_MOUNT: Readonly<ScratchSize> = Object.freeze({ sizeKb: 512 * 1024, inodes: 256 });

/** The whole environment a sandboxed program sees (plus its language's own variables). */
const SANDBOX_ENV: Readonly<Record<string, string>> = Object.freeze({
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: '/tmp',
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
});

const INSTALL_HINT = 'install bubblewrap (apt-get install -y bubblewrap)';
const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];

export interface LocalExecutorOptions {
  /** Where per-run work directories are created when the server cannot mount tmpfs; default the OS temp directory. */
  workRoot?: string;
  /**
   * First uid of the sandbox uid pool (default 60001) and its size (default 1000). Several server
   * processes on one host should get disjoint ranges.
   */
  uidBase?: number;
  uidCount?: number;
  /** Paths of the sandbox's tools, when not in the system directories. */
  tools?: Partial<SandboxTools>;
  /** Offer only these languages (default: every installed one). */
  languages?: readonly string[];
  /** Told about conditions that degrade the sandbox; default `process.emitWarning`. */
  onWarning?: (message: string) => void;
  /**
   * Inode cap of a run's /tmp and /dev/shm, which share one tmpfs (default 16 384). Needs the
   * server to be root: otherwise bubblewrap mounts them, capped in size only.
   */
  tmpInodes?: number;
  /**
   * Where the capped tmpfs mounts of runs are made (default /run/interview-kit), or `false` never
   * to mount them (as when the server is not root).
   */
  scratchMounts?: string | false;
  /** How long and how many bytes of compiled programs are kept for reuse (default 10 minutes, 64 MiB). */
  artefactCache?: ArtefactCacheSettings;
  /** Whether compilers get files prepared once per process (precompiled headers, javac's CDS archive); default true. */
  prebuilt?: boolean;
  /**
   * Warm sandboxes for interpreted languages and for javac (see `warm-pool.ts`), or `false` for none. Default on:
   * `maxPerKind` is the runs that execute at once (pass `RUN_CONCURRENCY`; default the number of
   * CPUs), and a language not run for `idleMs` (default a minute) keeps none waiting.
   */
  warmPool?: false | { maxPerKind?: number; idleMs?: number };
}

/** The default idle time after which a language's warm sandboxes are discarded. */
export const DEFAULT_WARM_IDLE_MS = 60_000;

export interface LocalExecutor extends Executor {
  /** Runs in progress. */
  readonly activeRuns: number;
  /** Finished sandboxes whose init the host has not reaped yet (should stay near zero). */
  readonly unreapedSandboxes: number;
  /** Compiler runs started so far: one per program that was not in the artefact cache. */
  readonly compiles: number;
  /** Compiled programs held for reuse (entries, bytes) and the runs that reused one (hits). */
  readonly artefactCache: { entries: number; bytes: number; hits: number };
  /**
   * The warm sandboxes, or null when they are off: how many wait now, how many runs one served,
   * and a promise of the moment none is being made.
   */
  readonly warmPool: { readonly waiting: number; readonly served: number; settled(): Promise<void> } | null;
}

function findTool(name: string, override: string | undefined): string | null {
  if (override) return executable(override);
  for (const dir of SYSTEM_DIRS) {
    const found = executable(`${dir}/${name}`);
    if (found) return found;
  }
  return null;
}

/** One sandboxed step of a run. */
interface Step {
  stage: Stage;
  limits: RunLimits;
  tmpSizeKb: number;
  /** Only compilers may write to the work directory. */
  writable: boolean;
  /** Host directory of the language's prebuilt compiler files, for compilers. */
  prebuiltDir?: string;
  stdin: string;
  options: RunOptions;
  /** Keeps stdin open for an interactive run (see `SandboxIo.live`). */
  live?: SandboxIo['live'];
}

/** A program ready for its sandbox: the compiler's output and files, or its source. */
interface PreparedProgram {
  artefact?: Artefact;
  /** Files to write, at their paths. */
  files: readonly ProjectFile[];
  /** The compiler's (or transpiler's) messages; absent for interpreted languages. */
  compileOutput?: string;
}

/** A run's private resources: its uid and its work directory. */
interface RunSlot {
  uid: number | null;
  workDir: WorkDir;
  /** Sandbox inits the host has not reaped yet; they count against the uid's process limit. */
  leftovers: Leftover[];
}

/** A warm sandbox of the local executor: its slot, for the program's files, and its one run. */
interface WarmSandbox extends PooledSandbox {
  slot: RunSlot;
  /** Runs it once; `whileHeld` reads its work directory (a compiler's output) before its slot is freed. */
  run(io: SandboxIo, whileHeld?: (outcome: SandboxOutcome) => Promise<void>): Promise<SandboxOutcome>;
}

/**
 * Creates the local sandbox executor. It resolves its tools and starts one empty sandbox to prove
 * that the whole line-up works here (a few tens of milliseconds); toolchain detection runs in the
 * background and is awaited by the first `languages()` or `run()`.
 */
export async function createLocalExecutor(options: LocalExecutorOptions = {}): Promise<LocalExecutor> {
  const workRoot = options.workRoot ?? tmpdir();
  // Only root can switch to pool uids; an unprivileged server already runs code as itself.
  const pool = process.getuid?.() === 0 ? new UidPool(options.uidBase ?? 60001, options.uidCount ?? 1000) : null;
  const toolchains = detectToolchains(options.languages);
  toolchains.catch(() => undefined);
  let active = 0;

  const bwrap = findTool('bwrap', options.tools?.bwrap);
  const prlimit = findTool('prlimit', options.tools?.prlimit);
  // Only root can give a warm sandbox its normal priority back, so only root makes them at a low one.
  const nice = pool ? findTool('nice', options.tools?.nice) : null;
  const tools: SandboxTools | null = bwrap && prlimit ? { bwrap, prlimit, ...(nice ? { nice } : {}) } : null;
  const warn = (message: string, code: string) => {
    if (options.onWarning) options.onWarning(message);
    else process.emitWarning(message, { code });
  };

  const seccomp = hostSeccompProgram();
  if (!seccomp) warn(`no seccomp filter for the ${process.arch} architecture: sandboxed programs may use every system call`, 'INTERVIEW_KIT_SANDBOX_NO_SECCOMP');
  const tmpInodes = options.tmpInodes ?? DEFAULT_TMP_INODES;
  const scratch = tools && pool && options.scratchMounts !== false ? await openScratchMounts(options.scratchMounts, tmpInodes, warn) : null;

  /** A scratch mount; failing to mount (out of memory, mount limits) makes the executor unavailable for this run. */
  const acquireScratch = async (size: ScratchSize): Promise<ScratchMount> => {
    try {
      return await scratch!.acquire(size);
    } catch (error) {
      throw new ExecutorUnavailableError(`cannot mount a sandbox tmpfs: ${(error as Error).message}`);
    }
  };

  /**
   * A scratch mount. In the `background` (a warm sandbox), only an idle one, or a new one mounted
   * at once while no run is in progress: a run never sees a mount appear beside it, and never waits
   * for one (else `NotNow`).
   */
  const scratchMount = async (size: ScratchSize, background: boolean): Promise<ScratchMount> => {
    if (!background) return acquireScratch(size);
    const mount = scratch!.takeNow(size, active === 0);
    if (!mount) throw new NotNow();
    return mount;
  };

  /** A step's private /tmp and /dev/shm on a capped tmpfs, or null where bubblewrap mounts its own. */
  const stepTmp = async (slot: RunSlot, tmpSizeKb: number, background = false) =>
    scratch ? privateTmp(scratch, await scratchMount({ sizeKb: tmpSizeKb, inodes: tmpInodes }, background), slot.uid!) : null;

  /** What the sandbox of a step is made of. */
  const specOf = (slot: RunSlot, binds: string[], step: Omit<Step, 'stdin' | 'options'>, scratchDir: string | null): SandboxSpec => ({
    uid: slot.uid,
    workDir: slot.workDir.path,
    workDirWritable: step.writable,
    scratchDir,
    seccomp,
    argv: step.stage.argv,
    env: { ...SANDBOX_ENV, ...step.stage.env },
    readOnlyBinds: binds,
    ...(step.prebuiltDir ? { prebuiltDir: step.prebuiltDir } : {}),
    limits: { ...step.limits, addressSpaceKb: step.stage.addressSpaceKb, tmpSizeKb: step.tmpSizeKb },
  });

  const runStep = async (slot: RunSlot, binds: string[], step: Step): Promise<SandboxOutcome> => {
    const scratchDir = await stepTmp(slot, step.tmpSizeKb);
    try {
      const io: SandboxIo = { stdin: step.stdin, ...step.options, ...(step.live ? { live: step.live } : {}) };
      const outcome = await runSandboxed(tools!, specOf(slot, binds, step, scratchDir?.mount.path ?? null), io);
      if (outcome.leftover) slot.leftovers.push(outcome.leftover);
      return outcome;
    } finally {
      await scratchDir?.release();
    }
  };

  /**
   * A uid for a run. When none is free, a waiting warm sandbox gives its uid back first: warm
   * sandboxes never make a run wait.
   */
  async function runUid(): Promise<number> {
    const free = pool!.tryAcquire();
    if (free !== null) return free;
    while (await warmPool?.discardOldest()) {
      const freed = pool!.tryAcquire();
      if (freed !== null) return freed;
    }
    try {
      return await pool!.acquire();
    } catch (error) {
      throw error instanceof UidPoolExhaustedError ? new ExecutorUnavailableError(error.message) : error;
    }
  }

  /**
   * A fresh uid and work directory; `close` takes both back (after the sandbox is gone). For a warm
   * sandbox (`background`), null when no uid is free at once: it never waits for one.
   */
  async function openSlot(background: true): Promise<{ slot: RunSlot; close(): Promise<void> } | null>;
  async function openSlot(background?: false): Promise<{ slot: RunSlot; close(): Promise<void> }>;
  async function openSlot(background = false): Promise<{ slot: RunSlot; close(): Promise<void> } | null> {
    let uid: number | null = null;
    if (pool) {
      uid = background ? pool.tryAcquire() : await runUid();
      if (uid === null) return null;
    }
    const leftovers: Leftover[] = [];
    let workMount: ScratchMount | null = null;
    let workDir: WorkDir | undefined;
    const close = async () => {
      await workDir?.remove();
      if (workMount) await scratch!.release(workMount);
      if (uid !== null) pool!.release(uid, leftovers);
    };
    try {
      // On a tmpfs of its own, the work directory shows no host path in the sandbox's mountinfo.
      if (scratch) workMount = await scratchMount(WORK_MOUNT, background);
      workDir = await createWorkDir(workMount?.path ?? workRoot, uid === null ? null : { uid, gid: uid });
    } catch (error) {
      await close();
      throw error;
    }
    return { slot: { uid, workDir, leftovers }, close };
  }

  /** Gives `use` a fresh uid and work directory, and takes both back afterwards. */
  async function withSlot<T>(use: (slot: RunSlot) => Promise<T>): Promise<T> {
    const opened = await openSlot();
    try {
      return await use(opened.slot);
    } finally {
      await opened.close();
    }
  }

  /**
   * A warm sandbox: a slot, a private /tmp and a sandbox built exactly as for a cold run of the
   * step (`specOf`), whose command started and waits for the hand-over (`warm-launchers.ts`).
   * Its resources are freed once it has run, or when it is discarded unused.
   */
  async function makeWarm(binds: string[], step: Omit<Step, 'stdin' | 'options'>, launcher: SandboxLauncher): Promise<WarmSandbox | null> {
    const opened = await openSlot(true).catch((error: unknown) => {
      if (error instanceof NotNow) return null;
      throw error;
    });
    if (!opened) return null;
    const { slot } = opened;
    let scratchDir: Awaited<ReturnType<typeof stepTmp>> = null;
    try {
      scratchDir = await stepTmp(slot, step.tmpSizeKb, true);
      const sandbox = startSandbox(tools!, { ...specOf(slot, binds, step, scratchDir?.mount.path ?? null), launcher });
      let freed: Promise<void> | null = null;
      const free = (leftover: Leftover | null) =>
        (freed ??= (async () => {
          if (leftover) slot.leftovers.push(leftover);
          await scratchDir?.release();
          await opened.close();
        })());
      return {
        slot,
        ready: sandbox.ready,
        get exited() {
          return sandbox.exited;
        },
        discard: async () => free(await sandbox.discard()),
        async run(io, whileHeld) {
          let outcome: SandboxOutcome | null = null;
          try {
            outcome = await sandbox.run(io);
            await whileHeld?.(outcome);
            return outcome;
          } finally {
            await free(outcome?.leftover ?? null);
          }
        },
      };
    } catch (error) {
      await scratchDir?.release();
      await opened.close();
      if (error instanceof NotNow) return null;
      throw error;
    }
  }

  /** The command a warm sandbox of `toolchain` runs: the language's default entry's. */
  const warmStage = (toolchain: Toolchain, limits: RunLimits): Stage => toolchain.run(limits.memoryKb, singleFile(toolchain.sourceName(''), ''));

  /**
   * A warm sandbox's kind: a language and the limits its sandboxes are made with, or a language's
   * compiler (`makeWarmOfKind` reads it back).
   */
  const warmKind = (toolchain: Toolchain, limits: RunLimits): string => `${toolchain.info.id} ${JSON.stringify(limits)}`;
  const warmCompileKind = (toolchain: Toolchain): string => `${toolchain.info.id} compile`;
  const makeWarmOfKind = async (kind: string): Promise<WarmSandbox | null> => {
    const space = kind.indexOf(' ');
    const id = kind.slice(0, space);
    const toolchain = (await toolchains).get(id);
    if (kind.slice(space + 1) === 'compile') {
      if (!toolchain?.warmCompiler || !prebuilt) throw new Error(`no warm compiler for ${id}`);
      // Its launcher is a prebuilt file: made once they are ready (the first compiles run cold meanwhile).
      const prebuiltDir = await prebuilt.whenReady(toolchain);
      if (!prebuiltDir) return null;
      const stage = toolchain.warmCompiler.stage(COMPILE_LIMITS.memoryKb);
      return makeWarm(toolchain.binds, { stage, limits: COMPILE_LIMITS, tmpSizeKb: COMPILE_TMP_KB, writable: true, prebuiltDir }, toolchain.warmCompiler.launcher);
    }
    if (!toolchain?.launcher) throw new Error(`no warm sandbox for ${id}`);
    const limits = JSON.parse(kind.slice(space + 1)) as RunLimits;
    const step = { stage: warmStage(toolchain, limits), limits, tmpSizeKb: tmpSizeFor(limits), writable: false };
    return makeWarm(toolchain.binds, step, toolchain.launcher);
  };
  let warmServed = 0;
  let warmPool: WarmPool<WarmSandbox> | null = null;

  /**
   * The program compiled: from the artefact cache when the same files were compiled with the same
   * toolchain and flags recently, else by the sandboxed compiler (one compile for concurrent
   * requests of the same program). A successful compile is cached; a failed one is returned as
   * the run's result and never cached.
   */
  async function compiled(toolchain: Toolchain, program: Program, signal: AbortSignal | undefined): Promise<Artefact | RunResult> {
    const stage = toolchain.compile!(COMPILE_LIMITS.memoryKb, program);
    const key = artefactKey(toolchain.info.id, toolchain.info.version, { argv: stage.argv, ...(stage.env ? { env: stage.env } : {}), files: program.files });
    for (;;) {
      const cached = artefacts.get(key);
      if (cached) return cached;
      signal?.throwIfAborted();
      const { shared, outcome } = artefacts.once(key, () => compileInSandbox(toolchain, program, key, signal));
      try {
        return await (shared && signal ? abortable(outcome, signal) : outcome);
      } catch (error) {
        // Another request's compile that was stopped: compile for this one.
        if (!shared || signal?.aborted) throw error;
      }
    }
  }

  /**
   * Compiles in a warm compile sandbox when one waits (the compiler started ahead and waits for its
   * arguments), else in a cold sandbox; either way with the same limits, files and arguments.
   */
  async function compileInSandbox(toolchain: Toolchain, program: Program, key: string, signal: AbortSignal | undefined): Promise<Artefact | RunResult> {
    const kind = warmPool && toolchain.warmCompiler ? warmCompileKind(toolchain) : null;
    const warm = kind ? warmPool!.take(kind) : null;
    try {
      let artefact: Artefact | null = null;
      const compile = async (slot: RunSlot, run: (read: (outcome: SandboxOutcome) => Promise<void>) => Promise<SandboxOutcome>) => {
        for (const file of program.files) await slot.workDir.write(file.path, file.content);
        compiles++;
        const outcome = await run(async (done) => {
          if (!done.setupError && !done.killedBy && done.status === 0) artefact = await readArtefact(slot.workDir.path, compilerOutput(done));
        });
        throwIfAborted(outcome, signal);
        return compileResult(outcome, artefact);
      };
      const io: SandboxIo = { stdin: '', ...(signal ? { signal } : {}) };
      const result = warm
        ? await compile(warm.slot, (read) => {
            warmServed++;
            return warm.run({ ...io, handover: Buffer.from(toolchain.warmCompiler!.arguments(program).map((arg) => `${arg}\0`).join('')) }, read);
          }).catch(async (error: unknown) => {
            await warm.discard();
            throw error;
          })
        : await withSlot((slot) =>
            compile(slot, async (read) => {
              const prebuiltDir = prebuilt?.ready(toolchain) ?? null;
              const outcome = await runStep(slot, toolchain.binds, {
                stage: toolchain.compile!(COMPILE_LIMITS.memoryKb, program, prebuiltDir !== null),
                limits: COMPILE_LIMITS,
                tmpSizeKb: COMPILE_TMP_KB,
                writable: true,
                ...(prebuiltDir ? { prebuiltDir } : {}),
                stdin: '',
                options: signal ? { signal } : {},
              });
              await read(outcome);
              return outcome;
            }),
          );
      if (!('verdict' in result)) artefacts.put(key, result);
      return result;
    } finally {
      if (kind) warmPool!.finished(kind);
    }
  }

  /**
   * The program made ready to run: compiled (from the artefact cache or by the sandboxed
   * compiler), transpiled, or its source as it is; a compile error or failure as the run's result.
   */
  async function prepareProgram(toolchain: Toolchain, program: Program, signal: AbortSignal | undefined): Promise<PreparedProgram | RunResult> {
    let artefact: Artefact | undefined;
    if (toolchain.compile) {
      const outcome = await compiled(toolchain, program, signal);
      if ('verdict' in outcome) return outcome;
      artefact = outcome;
    }
    if (toolchain.transpile) {
      const transpiled = await toolchain.transpile(program).catch((error: Error) => ({ failure: error.message }));
      if ('failure' in transpiled) return internalError(`could not transpile: ${transpiled.failure}`);
      if ('error' in transpiled) return compileError(transpiled.error);
      return { files: transpiled.files, compileOutput: '' };
    }
    if (artefact) return { artefact, files: [], compileOutput: artefact.output };
    return { files: program.files };
  }

  /** Writes a prepared program into a run's work directory: the server's files, read-only to the program. */
  const writeProgram = async (slot: RunSlot, program: PreparedProgram) => {
    if (program.artefact) await slot.workDir.writeArtefact(program.artefact);
    for (const file of program.files) await slot.workDir.write(file.path, file.content);
  };

  async function execute(toolchain: Toolchain, request: RunRequest, limits: RunLimits, options: RunOptions): Promise<RunResult> {
    const entered = performance.now();
    /** Reports the time spent getting the sandbox ready (a cold one's own creation counts in its wall time). */
    const sandboxReady = (warm: boolean) => options.onSandbox?.(performance.now() - entered, warm);
    const program = programOf(toolchain, request);
    const prepared = await prepareProgram(toolchain, program, options.signal);
    if ('verdict' in prepared) return prepared;
    const { compileOutput } = prepared;
    const stage = toolchain.run(limits.memoryKb, program);
    const step: Step = { stage, limits, tmpSizeKb: tmpSizeFor(limits), writable: false, stdin: request.stdin, options };

    // A warm sandbox's interpreter runs the default entry: another entry runs cold.
    const warmable = warmPool !== null && toolchain.launcher !== undefined && sameStage(stage, warmStage(toolchain, limits));
    const kind = warmable ? warmKind(toolchain, limits) : null;
    const warm = kind ? warmPool!.take(kind) : null;
    let outcome: SandboxOutcome;
    try {
      if (warm) {
        warmServed++;
        try {
          await writeProgram(warm.slot, prepared);
        } catch (error) {
          await warm.discard();
          throw error;
        }
        sandboxReady(true);
        outcome = await warm.run({ stdin: request.stdin, ...options });
      } else {
        outcome = await withSlot(async (slot) => {
          await writeProgram(slot, prepared);
          sandboxReady(false);
          return runStep(slot, toolchain.binds, step);
        });
      }
    } finally {
      if (kind) warmPool!.finished(kind);
    }
    throwIfAborted(outcome, options.signal);
    return {
      ...verdictOf(outcome, limits),
      stdout: outcome.stdout,
      stderr: outcome.setupError ?? outcome.stderr,
      cpuMs: outcome.cpuMs,
      wallMs: outcome.wallMs,
      memoryKb: outcome.memoryKb,
      truncated: outcome.truncated,
      ...(compileOutput === undefined ? {} : { compileOutput }),
    };
  }

  /**
   * An interactive run: the same sandbox, uid, rlimits and seccomp filter as `execute` (always a
   * cold sandbox), with stdin a pipe fed while the program runs. The wall limit is the run's total
   * budget; an idle watch (no input and no output for `idleMs`) ends an abandoned one. Compiled
   * languages compile first and their compiler's output comes first, on stderr.
   */
  async function interactive(toolchain: Toolchain, request: InteractiveRequest, io: InteractiveIo): Promise<InteractiveResult> {
    const limits: RunLimits = { ...clampLimits(), wallMs: Math.max(1, Math.floor(request.maxMs)) };
    const repl = request.mode === 'repl';
    const replStage = repl ? toolchain.repl : undefined;
    if (repl && !replStage) throw new UnknownLanguageError(`${toolchain.info.id} (REPL)`, (await replLanguages()).map((id) => `${id} (REPL)`));
    const ended = (reason: InteractiveEndReason, result: RunResult): InteractiveResult => ({
      reason,
      limits,
      verdict: result.verdict,
      exitCode: result.exitCode,
      signal: result.signal,
      cpuMs: result.cpuMs,
      wallMs: result.wallMs,
      memoryKb: result.memoryKb,
      truncated: result.truncated,
    });

    let program: PreparedProgram;
    const source = singleFile(toolchain.sourceName(request.code), request.code);
    if (replStage) program = { files: request.code ? source.files : [] };
    else {
      const prepared = await prepareProgram(toolchain, source, io.signal);
      if ('verdict' in prepared) {
        const text = prepared.compileOutput || prepared.stderr;
        if (text) io.onOutput('stderr', `${text}\n`);
        return ended(prepared.verdict === 'compile_error' ? 'compile_error' : 'internal_error', prepared);
      }
      program = prepared;
    }
    if (program.compileOutput) io.onOutput('stderr', `${program.compileOutput}\n`);

    const stage = replStage ? replStage(limits.memoryKb, request.code) : toolchain.run(limits.memoryKb, source);
    const size: Record<string, string> = request.size ? { COLUMNS: String(request.size.cols), LINES: String(request.size.rows) } : {};
    let live: LiveInput | null = null;
    const idle = new IdleWatch(request.idleMs, () => live?.kill('idle'));
    const step: Step = {
      stage: { ...stage, env: { ...stage.env, ...size } },
      limits,
      tmpSizeKb: tmpSizeFor(limits),
      writable: false,
      stdin: '',
      options: {
        ...(io.signal ? { signal: io.signal } : {}),
        onOutput: (stream, chunk) => {
          idle.touch();
          io.onOutput(stream, chunk);
        },
      },
      live: (input) => {
        live = input;
        idle.touch();
        io.onStart({
          write: (data) => {
            idle.touch();
            input.write(data);
          },
          closeInput: () => {
            idle.touch();
            input.end();
          },
          interrupt: () => {
            idle.touch();
            return input.interrupt();
          },
        });
      },
    };
    let outcome: SandboxOutcome;
    try {
      outcome = await withSlot(async (slot) => {
        await writeProgram(slot, program);
        return runStep(slot, toolchain.binds, step);
      });
    } finally {
      idle.stop();
    }
    const verdict = verdictOf(outcome, limits);
    return ended(endReasonOf(outcome, verdict.verdict), {
      ...verdict,
      stdout: '',
      stderr: '',
      cpuMs: outcome.cpuMs,
      wallMs: outcome.wallMs,
      memoryKb: outcome.memoryKb,
      truncated: outcome.truncated,
    });
  }

  /** Languages with a REPL here. */
  const replLanguages = async () => [...(await toolchains).values()].filter((t) => t.repl).map((t) => t.info.id);

  /**
   * Runs `/usr/bin/true` in a full sandbox; returns what went wrong, or null when it works. Also
   * checks, a little later and in the background, that the host reaps finished sandboxes.
   */
  async function probe(): Promise<string | null> {
    try {
      const outcome = await withSlot((slot) =>
        runStep(slot, [], {
          stage: { argv: ['/usr/bin/true'], addressSpaceKb: null },
          limits: clampLimits(),
          tmpSizeKb: 1024,
          writable: false,
          stdin: '',
          options: {},
        }),
      );
      if (outcome.setupError) return outcome.setupError;
      if (outcome.status !== 0) return `a test sandbox exited with status ${outcome.status}: ${outcome.stderr.trim()}`;
      if (outcome.leftover) warnIfNeverReaped(outcome.leftover, options.onWarning);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  let unavailableReason: string | undefined;
  const closed = pool ? closedAncestor(workRoot) : null;
  if (!bwrap) unavailableReason = `bubblewrap (bwrap) was not found; ${INSTALL_HINT}`;
  else if (closed) unavailableReason = `the sandbox users cannot reach the work directory root: ${closed} is not searchable by others (chmod o+x ${closed}, or choose another work root)`;
  else if (!prlimit) unavailableReason = 'prlimit was not found; install util-linux (apt-get install -y util-linux)';
  else {
    const problem = await probe();
    if (problem) {
      unavailableReason =
        `the sandbox does not work here: ${problem}. Check that you ${INSTALL_HINT} and that unprivileged ` +
        'user namespaces are allowed (sysctl user.max_user_namespaces > 0, kernel.unprivileged_userns_clone = 1)';
    }
  }
  if (unavailableReason) await scratch?.close();

  const artefacts = new ArtefactCache(options.artefactCache ?? DEFAULT_ARTEFACT_CACHE);
  let compiles = 0;
  /** A tmpfs of its own for the prebuilt files when the server can mount one, else a private temp directory. */
  const openPrebuiltRoot = async (): Promise<PrebuiltRoot> => {
    if (scratch) {
      const mount = await acquireScratch(PREBUILT_MOUNT);
      return { path: mount.path, release: () => scratch.release(mount) };
    }
    const path = await mkdtemp(join(tmpdir(), 'ik-prebuilt-'));
    await chmod(path, 0o711);
    return { path, release: () => removePrebuilt(path) };
  };
  const prebuilt =
    options.prebuilt === false || unavailableReason
      ? null
      : new PrebuiltDirs(openPrebuiltRoot, COMPILE_LIMITS.memoryKb, (message) => warn(message, 'INTERVIEW_KIT_SANDBOX_PREBUILT'));
  if (options.warmPool !== false && !unavailableReason) {
    let warned = false;
    warmPool = new WarmPool<WarmSandbox>({
      maxPerKind: options.warmPool?.maxPerKind ?? availableParallelism(),
      idleMs: options.warmPool?.idleMs ?? DEFAULT_WARM_IDLE_MS,
      create: makeWarmOfKind,
      onError: (error) => {
        if (warned) return;
        warned = true;
        warn(`could not make a warm sandbox (runs start cold meanwhile): ${error.message}`, 'INTERVIEW_KIT_SANDBOX_WARM_POOL');
      },
    });
  }

  return {
    available: unavailableReason === undefined,
    ...(unavailableReason === undefined ? {} : { unavailableReason }),
    get activeRuns() {
      return active;
    },
    get unreapedSandboxes() {
      return pool?.unreapedCount() ?? 0;
    },
    get compiles() {
      return compiles;
    },
    get artefactCache() {
      return { ...artefacts.size, hits: artefacts.hits };
    },
    warmPool: warmPool && {
      get waiting() {
        return warmPool!.waiting();
      },
      get served() {
        return warmServed;
      },
      settled: () => warmPool!.settled(),
    },
    async languages(): Promise<LanguageInfo[]> {
      if (unavailableReason) return [];
      return [...(await toolchains).values()].map((t) => t.info);
    },
    async run(request, runOptions = {}) {
      if (unavailableReason) throw new ExecutorUnavailableError(unavailableReason);
      const found = await toolchains;
      const toolchain = found.get(request.language);
      if (!toolchain) throw new UnknownLanguageError(request.language, [...found.keys()]);
      runOptions.signal?.throwIfAborted();
      active++;
      try {
        return await execute(toolchain, request, clampLimits(request.limits), runOptions);
      } finally {
        active--;
      }
    },
    async interactive(request, io) {
      if (unavailableReason) throw new ExecutorUnavailableError(unavailableReason);
      const found = await toolchains;
      const toolchain = found.get(request.language);
      if (!toolchain) throw new UnknownLanguageError(request.language, [...found.keys()]);
      io.signal?.throwIfAborted();
      active++;
      try {
        return await interactive(toolchain, request, io);
      } finally {
        active--;
      }
    },
    async close() {
      await toolchains.catch(() => undefined);
      artefacts.clear();
      await warmPool?.close();
      await prebuilt?.close();
      await scratch?.close();
    },
  };
}

/**
 * The pool of capped tmpfs mounts, or null (with a warning saying what is lost) where the server
 * cannot mount them.
 */
async function openScratchMounts(
  base: string | undefined,
  tmpInodes: number,
  warn: (message: string, code: string) => void,
): Promise<ScratchMounts | null> {
  let problem: string;
  try {
    const mount = findTool('mount', undefined);
    const umount = findTool('umount', undefined);
    if (!mount || !umount) throw new Error('mount and umount were not found; install util-linux (apt-get install -y util-linux)');
    const scratch = await ScratchMounts.create({ sizeKb: tmpSizeFor(clampLimits()), inodes: tmpInodes }, { mount, umount, ...(base ? { base } : {}) });
    const closed = closedAncestor(scratch.directory);
    if (!closed) return scratch;
    await scratch.close();
    problem = `the sandbox users cannot reach ${closed} (chmod o+x ${closed})`;
  } catch (error) {
    problem = (error as Error).message;
  }
  warn(
    `cannot mount the sandbox's capped tmpfs (${problem}): /tmp and /dev/shm of runs have no inode ` +
      "cap, and the work directory's host path shows in the sandbox's /proc/self/mountinfo",
    'INTERVIEW_KIT_SANDBOX_NO_SCRATCH_MOUNTS',
  );
  return null;
}

/**
 * A step's /tmp and /dev/shm: fresh `tmp` and `shm` directories, owned by the run's uid, on a
 * capped tmpfs taken from `scratch`. `release` removes them (only empty ones: a step that left files there makes the
 * pool unmount the whole tmpfs instead) and gives the mount back.
 */
async function privateTmp(scratch: ScratchMounts, mount: ScratchMount, uid: number): Promise<{ mount: ScratchMount; release(): Promise<void> }> {
  const dirs = ['tmp', 'shm'].map((name) => join(mount.path, name));
  // Synchronous calls: on a tmpfs they take microseconds, less than a trip through the thread pool.
  try {
    for (const dir of dirs) {
      mkdirSync(dir, { mode: 0o700 });
      chownSync(dir, uid, uid);
    }
  } catch (error) {
    await scratch.release(mount);
    throw error;
  }
  return {
    mount,
    async release() {
      for (const dir of dirs) {
        try {
          rmdirSync(dir);
        } catch {
          // Not empty: the pool unmounts the whole tmpfs instead.
        }
      }
      await scratch.release(mount);
    },
  };
}

/** How long after start-up the host must have reaped the probe's sandbox. */
const REAP_CHECK_MS = 15_000;

/**
 * Warns once if the probe's sandbox init is still a zombie a while later: then nothing on this
 * host reaps orphaned processes, and every run will leave one behind.
 */
function warnIfNeverReaped(leftover: Leftover, onWarning: ((message: string) => void) | undefined): void {
  setTimeout(() => {
    if (processState(leftover.pid, leftover.startTime) !== 'zombie') return;
    const message =
      'finished sandboxes are not being reaped (bubblewrap leaves its init to the host init); they pile up as ' +
      'zombies and exhaust the sandbox uids. Run the server under an init that reaps: docker run --init, tini, systemd.';
    if (onWarning) onWarning(message);
    else process.emitWarning(message, { code: 'INTERVIEW_KIT_SANDBOX_ZOMBIES' });
  }, REAP_CHECK_MS).unref();
}

/** The first directory from `/` down to `path` that other users cannot enter, if any. */
function closedAncestor(path: string): string | null {
  let current = resolve(path);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of chain) {
    try {
      if ((statSync(dir).mode & 0o001) === 0) return dir;
    } catch {
      return dir;
    }
  }
  return null;
}

/**
 * The program of a request: its project (`entry` default the language's entry path, the source
 * name of an empty program: `main.py`, `Main.java`, … as `entryPathOf` in core says), or its code
 * alone in the language's source file.
 */
function programOf(toolchain: Toolchain, request: RunRequest): Program {
  if (!request.files) return singleFile(toolchain.sourceName(request.code), request.code);
  return { files: request.files, entry: request.entry ?? toolchain.sourceName('') };
}

/** Whether two commands are the same (argv, environment and address-space limit). */
function sameStage(a: Stage, b: Stage): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A warm sandbox cannot be made now without making a run wait or changing what a run sees; tried again later. */
class NotNow extends Error {}

/** A run killed on request rejects with the abort reason instead of returning a result. */
function throwIfAborted(outcome: SandboxOutcome, signal: AbortSignal | undefined): void {
  if (outcome.killedBy === 'abort') signal?.throwIfAborted();
}

function emptyResult(): Omit<RunResult, 'verdict'> {
  return { stdout: '', stderr: '', exitCode: null, signal: null, cpuMs: 0, wallMs: 0, memoryKb: 0, truncated: false };
}

/** What a compiler said, on both streams. */
const compilerOutput = (outcome: SandboxOutcome) => (outcome.stdout + outcome.stderr).trimEnd();

/** A compile step's result: its artefact (read from its work directory when it succeeded), or why there is none. */
function compileResult(outcome: SandboxOutcome, artefact: Artefact | null): Artefact | RunResult {
  if (outcome.setupError) return internalError(outcome.setupError);
  const output = compilerOutput(outcome);
  if (outcome.killedBy || outcome.status !== 0) {
    const timedOut = outcome.killedBy === 'wall' || verdictOf(outcome, COMPILE_LIMITS).verdict === 'time_limit';
    return compileError(timedOut ? `${output}\n(compilation exceeded its time limit)`.trimStart() : output);
  }
  return artefact ?? internalError('the compiler left no output');
}

function compileError(compileOutput: string): RunResult {
  return { ...emptyResult(), verdict: 'compile_error', compileOutput };
}

/** `promise`, or a rejection with `signal`'s reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function internalError(message: string): RunResult {
  return { ...emptyResult(), verdict: 'internal_error', stderr: message };
}
