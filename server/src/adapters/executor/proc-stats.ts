import { readFileSync, readdirSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every supported architecture. */
const MS_PER_TICK = 10;
/** Bounds the work of one sample, even under a fork bomb. */
const MAX_PROCESSES_PER_SAMPLE = 64;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The process's start time (clock ticks since boot): with the pid, it names one process for good. */
export function processStartTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/** What became of the process that had `pid` and `startTime`: a zombie has ended but is not reaped. */
export function processState(pid: number, startTime: string): 'running' | 'zombie' | 'gone' {
  const fields = statFields(pid);
  if (!fields || fields[19] !== startTime) return 'gone';
  return fields[0] === 'Z' ? 'zombie' : 'running';
}

function statusKb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

function children(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const task of tasks) {
    const list = read(`/proc/${pid}/task/${task}/children`);
    if (list) for (const child of list.split(' ')) if (child) found.push(Number(child));
  }
  return found;
}

/**
 * The processes of the tree under `rootPid`, itself first, breadth first, each with its stat
 * fields (see {@link statFields}); at most {@link MAX_PROCESSES_PER_SAMPLE} looked at, and the ones
 * already gone skipped.
 */
function* processTree(rootPid: number): Generator<{ pid: number; fields: string[] }> {
  const queue = [rootPid];
  for (let visited = 0; queue.length > 0 && visited < MAX_PROCESSES_PER_SAMPLE; visited++) {
    const pid = queue.shift()!;
    const fields = statFields(pid);
    if (!fields) continue;
    yield { pid, fields };
    queue.push(...children(pid));
  }
}

/** The processes below `rootPid` (not itself), each with the CPU time it has used (user + system). */
export function descendantsCpu(rootPid: number): { pid: number; cpuMs: number }[] {
  const found: { pid: number; cpuMs: number }[] = [];
  for (const { pid, fields } of processTree(rootPid)) {
    if (pid !== rootPid) found.push({ pid, cpuMs: ((Number(fields[11]) || 0) + (Number(fields[12]) || 0)) * MS_PER_TICK });
  }
  return found;
}

/**
 * Samples CPU time and peak memory of a process tree from /proc while it runs.
 *
 * CPU is the tree's user+system time including children already reaped (cutime/cstime), memory
 * the larger of the biggest per-process high-water mark (VmHWM) and the summed resident sets; the
 * root itself (the sandbox's init) counts for CPU only. Both are the maxima seen over all samples:
 * activity after the last sample is missed, so very short runs report lower bounds.
 */
export class ProcTreeSampler {
  cpuMs = 0;
  memoryKb = 0;

  constructor(readonly rootPid: number) {}

  sample(): void {
    let ticks = 0;
    let rssSum = 0;
    let hwmMax = 0;
    for (const { pid, fields } of processTree(this.rootPid)) {
      // utime, stime, cutime, cstime are fields 14-17 of stat, i.e. 11-14 after the name.
      for (let i = 11; i <= 14; i++) ticks += Number(fields[i]) || 0;
      if (pid !== this.rootPid) {
        const status = read(`/proc/${pid}/status`);
        if (status) {
          rssSum += statusKb(status, 'VmRSS');
          hwmMax = Math.max(hwmMax, statusKb(status, 'VmHWM'));
        }
      }
    }
    this.cpuMs = Math.max(this.cpuMs, ticks * MS_PER_TICK);
    this.memoryKb = Math.max(this.memoryKb, hwmMax, rssSum);
  }
}
