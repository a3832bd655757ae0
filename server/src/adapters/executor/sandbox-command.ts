import { existsSync, lstatSync, readlinkSync } from 'node:fs';

/** Where the run's work directory appears inside the sandbox (and its working directory). */
export const SANDBOX_WORK_DIR = '/box';
/**
 * Where a compiler finds what the server prepared for it once (precompiled headers, a class-data
 * sharing archive): a server-owned directory, mounted read-only (see `prebuilt.ts`).
 */
export const SANDBOX_PREBUILT_DIR = '/prebuilt';
/** Open files per process. */
const OPEN_FILES = 256;
/** The fd on which bubblewrap reports the sandbox's pid and exit code as JSON lines. */
export const STATUS_FD = 3;
/**
 * The fd from which bubblewrap reads its options (`--args`), NUL-separated. Passing them there
 * instead of on its command line keeps host paths (the work directory, the scratch mount) out of
 * the sandbox's `/proc/1/cmdline`, which is bubblewrap's own argv.
 */
export const OPTIONS_FD = 4;
/** The fd from which bubblewrap reads the seccomp program (`--seccomp`). */
export const SECCOMP_FD = 5;
/** The fd from which bubblewrap reads what the sandbox sees as `/proc/cmdline` (nothing). */
export const CMDLINE_FD = 6;
/** The fd from which bubblewrap reads a warm sandbox's launcher file (see `warm-launchers.ts`). */
export const LAUNCHER_FD = 7;
/**
 * A warm sandbox's hand-over descriptor, passed through bubblewrap to the interpreter: its launcher
 * writes one byte there once it is waiting, and lets the program start when it reads end-of-file.
 */
export const HANDOVER_FD = 8;

/** Absolute real paths of the sandbox's own tools, resolved once. */
export interface SandboxTools {
  prlimit: string;
  bwrap: string;
  /** `nice`, for sandboxes created in the background; without it they start at normal priority. */
  nice?: string;
}

/**
 * What makes a sandbox warm: a launcher the command loads while it starts — a file the interpreter
 * loads through `env`, or (for a compiler) a class of the prebuilt directory its command names —
 * which waits on `HANDOVER_FD` for the program. See `warm-launchers.ts`.
 */
export interface SandboxLauncher {
  /** Where the launcher file appears in the sandbox (read-only, from bubblewrap's own copy); none for a prebuilt one. */
  path?: string;
  data?: Buffer;
  /** Variables that make the interpreter load it; the launcher removes them before the program runs. */
  env: Record<string, string>;
  /**
   * CPU time the launcher may spend warming up before the hand-over (a compiler compiling its
   * dummy source), on top of the limit: at the hand-over the limit of each process is lowered to
   * what it has used plus the step's own limit, so the step gets exactly a cold run's CPU time.
   */
  warmUpCpuMs?: number;
}

/** Limits of one sandboxed process tree, in the units the kernel takes them. */
export interface SandboxLimits {
  cpuMs: number;
  wallMs: number;
  /** RLIMIT_AS, or `null` for runtimes that reserve huge virtual ranges and cap their heap instead. */
  addressSpaceKb: number | null;
  processes: number;
  fileSizeKb: number;
  outputBytes: number;
  /** Size of the private /tmp (and, a quarter of it, /dev/shm, when bubblewrap mounts them). */
  tmpSizeKb: number;
}

/** One command to run in a fresh sandbox. */
export interface SandboxSpec {
  /** Unprivileged uid (and gid) to run as; `null` to keep the server's own non-root uid. */
  uid: number | null;
  /** Host directory mounted at `/box`. */
  workDir: string;
  /**
   * A host directory on a size- and inode-capped tmpfs whose `tmp` and `shm` subdirectories become
   * the sandbox's /tmp and /dev/shm (see `scratch-mounts.ts`); `null` when the server cannot mount:
   * then bubblewrap mounts them, capped in size only.
   */
  scratchDir: string | null;
  /** The seccomp program bubblewrap installs before it executes the command; `null` for none. */
  seccomp: Buffer | null;
  /** Compilers write their output there; programs get it read-only. */
  workDirWritable: boolean;
  /** Command and arguments; the command is an absolute path. */
  argv: string[];
  /** The whole environment of the command. */
  env: Record<string, string>;
  /** Host paths outside /usr the command needs, mounted read-only at the same place. */
  readOnlyBinds: string[];
  /** Host directory mounted read-only at `SANDBOX_PREBUILT_DIR`, for compilers. */
  prebuiltDir?: string;
  /** Makes the sandbox warm: the interpreter starts and waits for the hand-over (see `sandbox-process.ts`). */
  launcher?: SandboxLauncher;
  limits: SandboxLimits;
}

/** The usual top-level links into /usr (merged /usr) or, on older layouts, the directories. */
function rootLayout(): string[] {
  const args: string[] = [];
  for (const name of ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    const path = `/${name}`;
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
    else if (stat.isDirectory()) args.push('--ro-bind', path, path);
  }
  for (const path of ['/etc/alternatives', '/etc/ld.so.cache']) {
    if (existsSync(path)) args.push('--ro-bind', path, path);
  }
  return args;
}

let cachedLayout: string[] | undefined;

/** The private /tmp and /dev/shm: binds of a capped scratch mount, or bubblewrap's own tmpfs. */
function scratchArgs(spec: SandboxSpec): string[] {
  const { tmpSizeKb } = spec.limits;
  if (spec.scratchDir === null) {
    return [
      '--size', String(Math.max(1, Math.floor(tmpSizeKb / 4)) * 1024), '--tmpfs', '/dev/shm',
      '--remount-ro', '/dev',
      '--size', String(tmpSizeKb * 1024), '--tmpfs', '/tmp',
    ];
  }
  return ['--bind', `${spec.scratchDir}/shm`, '/dev/shm', '--remount-ro', '/dev', '--bind', `${spec.scratchDir}/tmp`, '/tmp'];
}

/**
 * Data bubblewrap reads whole from one of its descriptors above STATUS_FD. `sameEveryRun` marks
 * data that does not change between runs (the seccomp program), so that it need not go through a
 * fresh pipe each time (see `sandbox-process.ts`).
 */
export interface SandboxInput {
  fd: number;
  data: Buffer;
  sameEveryRun?: boolean;
}

/** What to spawn for one sandboxed run, and what to give it on which of its descriptors. */
export interface SandboxCommand {
  argv: string[];
  inputs: SandboxInput[];
}

/**
 * The full command of a sandboxed run: prlimit sets the rlimits, then bubblewrap reads its options
 * from OPTIONS_FD, builds the sandbox and executes the command. The caller spawns it directly (no
 * shell) as the unprivileged uid.
 */
export function sandboxCommand(tools: SandboxTools, spec: SandboxSpec): SandboxCommand {
  const { limits } = spec;
  cachedLayout ??= rootLayout();
  const cpuSeconds = Math.max(1, Math.ceil((limits.cpuMs + (spec.launcher?.warmUpCpuMs ?? 0)) / 1000));
  const prlimit = [
    // SIGXCPU at the soft limit; the hard limit a second later SIGKILLs a program that ignores it.
    `--cpu=${cpuSeconds}:${cpuSeconds + 1}`,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.fileSizeKb * 1024}`,
    `--nofile=${OPEN_FILES}`,
    '--core=0',
    ...(limits.addressSpaceKb === null ? [] : [`--as=${limits.addressSpaceKb * 1024}`]),
  ];
  const env = Object.entries({ ...spec.env, ...spec.launcher?.env }).flatMap(([key, value]) => ['--setenv', key, value]);
  const bwrap = [
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--cap-drop', 'ALL',
    '--hostname', 'sandbox',
    '--ro-bind', '/usr', '/usr',
    ...cachedLayout,
    ...spec.readOnlyBinds.flatMap((path) => ['--ro-bind', path, path]),
    ...(spec.prebuiltDir ? ['--ro-bind', spec.prebuiltDir, SANDBOX_PREBUILT_DIR] : []),
    ...(spec.launcher?.path ? ['--ro-bind-data', String(LAUNCHER_FD), spec.launcher.path] : []),
    '--proc', '/proc',
    // The kernel command line names the host's disks and boot image; the sandbox sees an empty one.
    '--ro-bind-data', String(CMDLINE_FD), '/proc/cmdline',
    '--dev', '/dev',
    ...scratchArgs(spec),
    spec.workDirWritable ? '--bind' : '--ro-bind', spec.workDir, SANDBOX_WORK_DIR,
    '--chdir', SANDBOX_WORK_DIR,
    '--remount-ro', '/',
    '--clearenv',
    ...env,
    '--json-status-fd', String(STATUS_FD),
    ...(spec.seccomp ? ['--seccomp', String(SECCOMP_FD)] : []),
  ];
  const inputs: SandboxCommand['inputs'] = [
    { fd: OPTIONS_FD, data: Buffer.from(bwrap.map((arg) => `${arg}\0`).join('')) },
    { fd: CMDLINE_FD, data: Buffer.alloc(0) },
  ];
  if (spec.seccomp) inputs.push({ fd: SECCOMP_FD, data: spec.seccomp, sameEveryRun: true });
  if (spec.launcher?.path && spec.launcher.data) inputs.push({ fd: LAUNCHER_FD, data: spec.launcher.data, sameEveryRun: true });
  // A warm sandbox is made in the background: at the lowest priority until its program is handed over.
  const nice = spec.launcher && tools.nice ? [tools.nice, '-n', '19'] : [];
  return {
    argv: [...nice, tools.prlimit, ...prlimit, '--', tools.bwrap, '--args', String(OPTIONS_FD), '--', ...spec.argv],
    inputs,
  };
}
