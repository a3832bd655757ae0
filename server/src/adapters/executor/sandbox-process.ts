import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Duplex, Readable, Writable } from 'node:stream';
import { descendantsCpu, processStartTime, processState, ProcTreeSampler } from './proc-stats.js';
import type { Leftover } from './uid-pool.js';
import { HANDOVER_FD, sandboxCommand, STATUS_FD, type SandboxInput, type SandboxSpec, type SandboxTools } from './sandbox-command.js';
import type { OutputStream } from './types.js';

/** How often the process tree is sampled for CPU time and memory. */
const SAMPLE_INTERVAL_MS = 10;
/** After a kill, how long the pipes may stay open before they are cut. */
const KILL_GRACE_MS = 2_000;
/** How long to wait for the sandbox's init to finish tearing the sandbox down. */
const TEARDOWN_WAIT_MS = 2_000;

/** O_CLOEXEC as /proc/<pid>/fdinfo reports it (octal flags). */
const O_CLOEXEC = 0o2000000;

let inheritable: number[] | undefined;
let devNull: number | undefined;

/**
 * File descriptors this process holds without close-on-exec, beyond those a sandbox gets on purpose
 * (0-3). Node opens everything close-on-exec, so these came from whoever started the server (a
 * supervisor's pipe, socket activation); without care every child, and so every sandboxed
 * program, would inherit them. Scanned once.
 */
function inheritableFds(): number[] {
  if (inheritable) return inheritable;
  inheritable = [];
  for (const name of readdirSync('/proc/self/fd')) {
    const fd = Number(name);
    if (fd <= STATUS_FD) continue;
    try {
      const flags = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
      if (flags && (parseInt(flags[1]!, 8) & O_CLOEXEC) === 0) inheritable.push(fd);
    } catch {
      // The fd used for listing the directory is gone already.
    }
  }
  return inheritable;
}

const openDevNull = () => (devNull ??= openSync('/dev/null', 'r'));

/** Data that is the same at every run, each in an unlinked file of its own, by the data's identity. */
const unchangingFiles = new WeakMap<Buffer, number>();

/**
 * A fresh read-only descriptor, at offset 0, of a file holding `data`. The file is written once
 * (root's, 0600, then unlinked; the descriptor kept open) and reopened through /proc/self/fd for
 * each run: that costs one open, where a pipe costs a socket pair, a stream and its events.
 */
function openUnchanging(data: Buffer): number {
  let fd = unchangingFiles.get(data);
  if (fd === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'ik-sandbox-input-'));
    try {
      writeFileSync(join(dir, 'data'), data, { mode: 0o600 });
      fd = openSync(join(dir, 'data'), 'r');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    unchangingFiles.set(data, fd);
  }
  return openSync(`/proc/self/fd/${fd}`, 'r');
}

/**
 * The child's stdio: pipes for 0-3; for each input, /dev/null when it is empty, a fresh
 * descriptor of a file when it is the same every run (listed in `opened`, for the caller to close
 * once the child has it), else a pipe; and /dev/null over every other inheritable descriptor.
 */
function childStdio(inputs: readonly SandboxInput[]): { stdio: (number | 'pipe' | 'ignore')[]; opened: number[] } {
  const stdio: (number | 'pipe' | 'ignore')[] = ['pipe', 'pipe', 'pipe', 'pipe'];
  const opened: number[] = [];
  const set = (fd: number, value: number | 'pipe') => {
    while (stdio.length <= fd) stdio.push('ignore');
    stdio[fd] = value;
  };
  for (const fd of inheritableFds()) set(fd, openDevNull());
  try {
    for (const input of inputs) {
      if (input.data.length === 0) set(input.fd, openDevNull());
      else if (input.sameEveryRun) {
        const fd = openUnchanging(input.data);
        opened.push(fd);
        set(input.fd, fd);
      } else set(input.fd, 'pipe');
    }
  } catch (error) {
    for (const fd of opened) closeSync(fd);
    throw error;
  }
  return { stdio, opened };
}

export type KillReason = 'wall' | 'output' | 'abort' | 'idle';

/** What happened to one sandboxed command. */
export interface SandboxOutcome {
  /** Set when the sandbox could not start the command; the text says why. */
  setupError: string | null;
  /** Exit status as the sandbox reports it (128 + n when signal n ended the command). */
  status: number | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  /** Set when the host ended the run. */
  killedBy: KillReason | null;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  /** The sandbox's init, when it has ended but is not reaped yet. */
  leftover: Leftover | null;
}

export interface SandboxIo {
  stdin: string;
  onOutput?: (stream: OutputStream, chunk: string) => void;
  signal?: AbortSignal;
  /**
   * Keeps stdin open after `stdin` is written (an interactive run): called once the program has
   * been handed its input pipe, with the means to feed it, interrupt it and end it.
   */
  live?: (input: LiveInput) => void;
  /** What a warm sandbox's launcher reads on the hand-over descriptor before its end (a compiler's arguments). */
  handover?: Buffer;
}

/** A running sandbox's input and control, for interactive runs (see {@link SandboxIo.live}). */
export interface LiveInput {
  /** Writes to the program's stdin; ignored once it is closed. */
  write(data: string): void;
  /** Closes the program's stdin (end-of-file). */
  end(): void;
  /**
   * Sends SIGINT to the sandbox's process group: bubblewrap's `--new-session` makes the sandbox's
   * init its leader, and the program and its children are members. The init itself ignores it (a
   * pid namespace's init gets only signals it handles); false when the sandbox is not running.
   */
  interrupt(): boolean;
  /** Ends the run for `reason` (the whole sandbox is killed, as for any other limit). */
  kill(reason: KillReason): void;
}

/** Bytes kept of one output stream, up to a cap. */
class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly cap: number) {}

  /** Keeps what fits and returns it decoded; `overflow` tells whether anything did not fit. */
  add(data: Buffer): { text: string; overflow: boolean } {
    const room = this.cap - this.bytes;
    const kept = data.length <= room ? data : data.subarray(0, room);
    this.chunks.push(kept);
    this.bytes += kept.length;
    return { text: this.decoder.write(kept), overflow: kept.length < data.length };
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Runs one command in a fresh sandbox and collects what it did. The process is spawned directly
 * (no shell) with an empty environment, as `spec.uid`. Every way the run can end — exit, wall
 * limit, output flood, abort — ends with the whole sandbox gone: killing bubblewrap kills the
 * sandbox's init (`--die-with-parent`), and an init's death kills every process of its pid
 * namespace, including ones that left the session or double-forked.
 */
export function runSandboxed(tools: SandboxTools, spec: SandboxSpec, io: SandboxIo): Promise<SandboxOutcome> {
  return startSandbox(tools, spec).run(io);
}

/** A sandbox whose process is started; `run` hands it its input and collects what it did, once. */
export interface StartedSandbox {
  /**
   * With a launcher: true once the interpreter waits for the hand-over, false if the sandbox ended
   * (or failed) first. Without one: true once spawned.
   */
  readonly ready: Promise<boolean>;
  /** Whether the sandbox's process has ended (before or after the hand-over). */
  readonly exited: boolean;
  /**
   * Hands the program over (a warm sandbox's launcher lets it start), writes its stdin, and
   * resolves when every process of the sandbox is gone. The wall limit and the CPU time count from
   * here: a warm sandbox's interpreter start-up, sampled at the hand-over, is subtracted.
   */
  run(io: SandboxIo): Promise<SandboxOutcome>;
  /** Kills a sandbox that will not run (an idle warm one); resolves when it is gone, with its unreaped init. */
  discard(): Promise<Leftover | null>;
}

/** Host thread ids of a process tree (every thread of every process), for changing their priority. */
function treeThreads(rootPid: number): number[] {
  const threads: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0 && threads.length < 256) {
    const pid = queue.shift()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      threads.push(Number(task));
      try {
        for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'latin1').split(' ')) if (child) queue.push(Number(child));
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return threads;
}

/** Gives every thread of a warm sandbox the normal priority back (it was created under `nice -n 19`). */
function restorePriority(rootPid: number): void {
  for (const tid of treeThreads(rootPid)) {
    try {
      setPriority(tid, 0);
    } catch {
      // Ended meanwhile, or not ours to change (an unprivileged server never lowers it).
    }
  }
}

/**
 * Lowers the CPU-time limit of each process below a warm sandbox's init to what it has used so far
 * plus `cpuMs` (SIGXCPU at the soft limit, SIGKILL a second later, as `sandboxCommand` sets them),
 * so that from the hand-over on the step has a cold run's CPU time. `prlimit` runs as the sandbox's
 * uid (lowering a limit needs no privilege, only the same uid). False if any could not be set.
 */
async function limitCpuFromNow(prlimit: string, uid: number | null, initPid: number, cpuMs: number): Promise<boolean> {
  const set = descendantsCpu(initPid).map(
    ({ pid, cpuMs: used }) =>
      new Promise<boolean>((resolve) => {
        const soft = Math.max(1, Math.ceil((used + cpuMs) / 1000));
        execFile(prlimit, [`--pid=${pid}`, `--cpu=${soft}:${soft + 1}`], { env: {}, ...(uid === null ? {} : { uid, gid: uid }) }, (error) => resolve(!error));
      }),
  );
  return set.length > 0 && (await Promise.all(set)).every(Boolean);
}

/**
 * Spawns a sandbox (see `runSandboxed`). With `spec.launcher` the interpreter starts and waits on
 * HANDOVER_FD; everything about the sandbox — namespaces, mounts, rlimits, seccomp, uid — is the
 * same as for a cold run, and it serves exactly one `run`.
 */
export function startSandbox(tools: SandboxTools, spec: SandboxSpec): StartedSandbox {
  const { argv, inputs } = sandboxCommand(tools, spec);
  const [command, ...args] = argv;
  const warm = spec.launcher !== undefined;
  const spawnedAt = performance.now();
  const { stdio, opened } = childStdio(inputs);
  if (warm) {
    while (stdio.length <= HANDOVER_FD) stdio.push('ignore');
    stdio[HANDOVER_FD] = 'pipe';
  }
  let child;
  try {
    child = spawn(command!, args, {
      env: {},
      stdio,
      ...(spec.uid === null ? {} : { uid: spec.uid, gid: spec.uid }),
    });
  } finally {
    // The child has its own copies now (or never started).
    for (const fd of opened) closeSync(fd);
  }
  for (const { fd, data } of inputs) {
    // Null for inputs given as descriptors (see childStdio).
    const stream = child.stdio[fd] as Writable | null;
    // bubblewrap reads each to its end while it sets up; if it fails first, that shows in its status.
    stream?.on('error', () => undefined);
    stream?.end(data);
    // Duplex sockets: reading lets the end of the other side close them, so that 'close' can come.
    (stream as unknown as Readable | null)?.resume();
  }
  // The first four are pipes (see childStdio).
  const stdin = child.stdin!;
  const stdout = child.stdout!;
  const stderr = child.stderr!;
  const handover = warm ? (child.stdio as unknown as (Duplex | null)[])[HANDOVER_FD]! : null;

  let io: SandboxIo | null = null;
  let killedBy: KillReason | null = null;
  let spawnError: Error | null = null;
  let truncated = false;
  let initPid: number | null = null;
  let initStartTime: string | null = null;
  let reportedStatus: number | null = null;
  let sampler: ProcTreeSampler | null = null;
  let sampleTimer: NodeJS.Timeout | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let exited = false;

  const kill = (reason: KillReason) => {
    if (killedBy) return;
    killedBy = reason;
    child.kill('SIGKILL');
    graceTimer = setTimeout(() => child.stdio.forEach((stream) => stream?.destroy()), KILL_GRACE_MS);
  };
  const startSampling = () => {
    sampler!.sample();
    sampleTimer = setInterval(() => sampler!.sample(), SAMPLE_INTERVAL_MS);
  };

  const outputs = { stdout: new CappedOutput(spec.limits.outputBytes), stderr: new CappedOutput(spec.limits.outputBytes) };
  const capture = (name: OutputStream, stream: Readable) => {
    stream.on('data', (data: Buffer) => {
      if (killedBy === 'output') return;
      const { text, overflow } = outputs[name].add(data);
      if (text && io?.onOutput) {
        try {
          io.onOutput(name, text);
        } catch {
          // A failing listener must not break the run.
        }
      }
      if (overflow) {
        truncated = true;
        kill('output');
        // Stop reading at once: a flood must not keep the host busy until the kill lands.
        stdout.destroy();
        stderr.destroy();
      }
    });
  };
  capture('stdout', stdout);
  capture('stderr', stderr);

  let statusText = '';
  const statusStream = child.stdio[STATUS_FD] as Readable;
  statusStream.setEncoding('utf8');
  statusStream.on('data', (text: string) => {
    statusText += text;
    let newline: number;
    while ((newline = statusText.indexOf('\n')) >= 0) {
      const line = statusText.slice(0, newline);
      statusText = statusText.slice(newline + 1);
      let message: { 'child-pid'?: number; 'exit-code'?: number };
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof message['child-pid'] === 'number' && initPid === null) {
        initPid = message['child-pid'];
        initStartTime = processStartTime(initPid);
        sampler = new ProcTreeSampler(initPid);
        // A warm sandbox's start-up is not the program's: sampling starts at the hand-over.
        if (!warm || io) startSampling();
      }
      if (typeof message['exit-code'] === 'number') reportedStatus = message['exit-code'];
    }
  });

  stdin.on('error', () => {
    // The program may exit without reading its input (EPIPE); that is its business.
  });

  const exit = new Promise<{ code: number | null }>((resolve) => {
    child.once('error', (error) => {
      spawnError = error;
      child.stdio.forEach((stream) => stream?.destroy());
      resolve({ code: null });
    });
    child.once('close', (code) => resolve({ code }));
  }).finally(() => {
    exited = true;
  });

  const ready = warm
    ? new Promise<boolean>((resolve) => {
        handover!.on('error', () => resolve(false));
        handover!.once('data', () => resolve(true));
        handover!.once('end', () => resolve(false));
        void exit.then(() => resolve(false));
      })
    : Promise.resolve(true);

  /**
   * Waits for the sandbox's init to finish tearing the sandbox down (bubblewrap may be gone while
   * it still runs), so that no process of this sandbox outlives the call. The init ends as a
   * zombie that only the host's init reaps (bubblewrap does not wait for it); the caller keeps
   * track of it.
   */
  const teardown = async (): Promise<Leftover | null> => {
    if (initPid === null || initStartTime === null) return null;
    const deadline = performance.now() + TEARDOWN_WAIT_MS;
    let state = processState(initPid, initStartTime);
    while (state === 'running' && performance.now() < deadline) {
      await sleep(1);
      state = processState(initPid, initStartTime);
    }
    return state === 'gone' ? null : { pid: initPid, startTime: initStartTime };
  };

  let used = false;
  return {
    ready,
    get exited() {
      return exited;
    },
    async discard() {
      used = true;
      kill('abort');
      await exit;
      clearTimeout(graceTimer);
      return teardown();
    },
    async run(given) {
      if (used) throw new Error('a sandbox runs one program only');
      used = true;
      io = given;
      const started = warm ? performance.now() : spawnedAt;
      let baselineCpuMs = 0;
      let limitError: string | null = null;
      if (warm) {
        restorePriority(child.pid ?? -1);
        if (spec.launcher?.warmUpCpuMs && !(initPid !== null && (await limitCpuFromNow(tools.prlimit, spec.uid, initPid, spec.limits.cpuMs)))) {
          // Never run with the warm-up's extra CPU time.
          limitError = 'could not set the CPU-time limit of a warm sandbox';
          kill('abort');
        }
        if (sampler) {
          startSampling();
          baselineCpuMs = (sampler as ProcTreeSampler).cpuMs;
        }
        // The launcher reads what it is given, then end-of-file lets the program start.
        handover!.end(given.handover);
      }
      const wallTimer = setTimeout(() => kill('wall'), Math.max(0, spec.limits.wallMs - (performance.now() - started)));
      const onAbort = () => kill('abort');
      if (given.signal?.aborted) onAbort();
      given.signal?.addEventListener('abort', onAbort, { once: true });
      if (given.live) {
        if (given.stdin) stdin.write(given.stdin);
        given.live({
          write: (data) => {
            if (!stdin.writableEnded && !stdin.destroyed) stdin.write(data);
          },
          end: () => stdin.end(),
          interrupt: () => {
            if (initPid === null || killedBy || exited) return false;
            try {
              process.kill(-initPid, 'SIGINT');
              return true;
            } catch {
              return false;
            }
          },
          kill,
        });
      } else stdin.end(given.stdin);

      const { code } = await exit;
      const wallMs = Math.round(performance.now() - started);
      clearTimeout(wallTimer);
      clearTimeout(graceTimer);
      clearInterval(sampleTimer);
      given.signal?.removeEventListener('abort', onAbort);
      const leftover = await teardown();

      const stderrText = outputs.stderr.text();
      let setupError: string | null = null;
      if (spawnError) setupError = `could not start the sandbox: ${(spawnError as Error).message}`;
      else if (limitError) setupError = limitError;
      else if (initPid === null && !killedBy) setupError = stderrText.trim() || `the sandbox exited with status ${code}`;
      const measured = sampler as ProcTreeSampler | null;

      return {
        setupError,
        status: reportedStatus ?? (killedBy ? null : code),
        stdout: outputs.stdout.text(),
        stderr: stderrText,
        truncated,
        killedBy,
        cpuMs: Math.max(0, (measured?.cpuMs ?? 0) - baselineCpuMs),
        wallMs,
        memoryKb: measured?.memoryKb ?? 0,
        leftover,
      };
    },
  };
}
