import { existsSync, lstatSync, readlinkSync } from 'node:fs';

/** Where the run's work directory appears inside the sandbox (and its working directory). */
export const SANDBOX_WORK_DIR = '/box';
/** Open files per process. */
const OPEN_FILES = 256;
/** The fd on which bubblewrap reports the sandbox's pid and exit code as JSON lines. */
export const STATUS_FD = 3;

/** Absolute real paths of the sandbox's own tools, resolved once. */
export interface SandboxTools {
  prlimit: string;
  bwrap: string;
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
  /** Size of the private /tmp (and, a quarter of it, /dev/shm). */
  tmpSizeKb: number;
}

/** One command to run in a fresh sandbox. */
export interface SandboxSpec {
  /** Unprivileged uid (and gid) to run as; `null` to keep the server's own non-root uid. */
  uid: number | null;
  /** Host directory mounted at `/box`. */
  workDir: string;
  /** Compilers write their output there; programs get it read-only. */
  workDirWritable: boolean;
  /** Command and arguments; the command is an absolute path. */
  argv: string[];
  /** The whole environment of the command. */
  env: Record<string, string>;
  /** Host paths outside /usr the command needs, mounted read-only at the same place. */
  readOnlyBinds: string[];
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

/**
 * The full argv of a sandboxed run: prlimit sets the rlimits, then bubblewrap builds the sandbox
 * and executes the command. The caller spawns it directly (no shell) as the unprivileged uid.
 */
export function sandboxArgv(tools: SandboxTools, spec: SandboxSpec): string[] {
  const { limits } = spec;
  cachedLayout ??= rootLayout();
  const cpuSeconds = Math.max(1, Math.ceil(limits.cpuMs / 1000));
  const prlimit = [
    // SIGXCPU at the soft limit; the hard limit a second later SIGKILLs a program that ignores it.
    `--cpu=${cpuSeconds}:${cpuSeconds + 1}`,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.fileSizeKb * 1024}`,
    `--nofile=${OPEN_FILES}`,
    '--core=0',
    ...(limits.addressSpaceKb === null ? [] : [`--as=${limits.addressSpaceKb * 1024}`]),
  ];
  const env = Object.entries(spec.env).flatMap(([key, value]) => ['--setenv', key, value]);
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
    '--proc', '/proc',
    '--dev', '/dev',
    '--size', String(Math.max(1, Math.floor(limits.tmpSizeKb / 4)) * 1024), '--tmpfs', '/dev/shm',
    '--remount-ro', '/dev',
    '--size', String(limits.tmpSizeKb * 1024), '--tmpfs', '/tmp',
    spec.workDirWritable ? '--bind' : '--ro-bind', spec.workDir, SANDBOX_WORK_DIR,
    '--chdir', SANDBOX_WORK_DIR,
    '--remount-ro', '/',
    '--clearenv',
    ...env,
    '--json-status-fd', String(STATUS_FD),
    '--',
    ...spec.argv,
  ];
  return [tools.prlimit, ...prlimit, '--', tools.bwrap, ...bwrap];
}
