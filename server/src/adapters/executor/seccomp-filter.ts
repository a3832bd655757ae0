/**
 * The sandbox's seccomp filter: a classic BPF program, generated at start-up from a denylist and
 * handed to bubblewrap (`--seccomp FD`), which installs it right before it executes the program.
 *
 * Why generated here: no npm package builds seccomp programs without a native add-on that needs
 * libseccomp's headers at install time, and the filter is small. The program is the textbook one
 * (see seccomp(2) and the kernel's samples/seccomp): check the architecture, load the system call
 * number, compare it with every denied number, and allow everything else.
 *
 * What it refuses, with EPERM (never a kill, so runtimes that probe for a feature fall back):
 * - kernel attack surface a program never needs: io_uring, keyrings, bpf, userfaultfd,
 *   perf_event_open;
 * - looking into or controlling other processes: ptrace, process_vm_readv/writev, pidfd_getfd,
 *   process_madvise, kcmp;
 * - system administration, refused by the dropped capabilities already (defence in depth): kernel
 *   modules, kexec, reboot, the mount family, swap, accounting, quotas, setting the clock, the
 *   kernel log, chroot, setns, open_by_handle_at, fanotify and x86's port and LDT calls;
 * - new namespaces: `clone` and `unshare` with a CLONE_NEW* flag, and `clone3` (whose flags sit in
 *   memory a filter cannot read) with ENOSYS, on which glibc retries with `clone`;
 * - `personality` except the values Docker's default profile allows (no turning ASLR off, no
 *   READ_IMPLIES_EXEC);
 * - every other system call ABI: i386 on x86_64 (`int 0x80`), x32 (numbers with bit 30 set), arm32
 *   on aarch64.
 *
 * @module
 */

/** Architectures the filter knows, named as `process.arch` names them. */
export type SeccompArch = 'x64' | 'arm64';

/** `AUDIT_ARCH_*` of each (`EM_*` | 64-bit | little-endian), as the kernel reports it in seccomp_data.arch. */
export const AUDIT_ARCH: Readonly<Record<SeccompArch, number>> = Object.freeze({
  x64: 0xc000003e,
  arm64: 0xc00000b7,
});

/** On x86_64, system call numbers of the x32 ABI carry this bit. */
export const X32_SYSCALL_BIT = 0x40000000;

export const SECCOMP_RET_ALLOW = 0x7fff0000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const EPERM = 1;
export const ENOSYS = 38;

/** Offsets in `struct seccomp_data { int nr; u32 arch; u64 instruction_pointer; u64 args[6]; }`. */
const DATA_NR = 0;
const DATA_ARCH = 4;
/** The low 32 bits of args[0] (little-endian on both architectures). */
const DATA_ARG0_LOW = 16;

/** System call numbers: x86_64 from asm/unistd_64.h, aarch64 from asm-generic/unistd.h; null where the call does not exist. */
type Numbers = readonly [x64: number | null, arm64: number | null];

/** Every system call refused outright with EPERM. */
export const DENIED_SYSCALLS: Readonly<Record<string, Numbers>> = Object.freeze({
  // Kernel attack surface.
  io_uring_setup: [425, 425],
  io_uring_enter: [426, 426],
  io_uring_register: [427, 427],
  keyctl: [250, 219],
  add_key: [248, 217],
  request_key: [249, 218],
  bpf: [321, 280],
  userfaultfd: [323, 282],
  perf_event_open: [298, 241],
  // Other processes.
  ptrace: [101, 117],
  process_vm_readv: [310, 270],
  process_vm_writev: [311, 271],
  pidfd_getfd: [438, 438],
  process_madvise: [440, 440],
  kcmp: [312, 272],
  // System administration.
  init_module: [175, 105],
  finit_module: [313, 273],
  delete_module: [176, 106],
  kexec_load: [246, 104],
  kexec_file_load: [320, 294],
  reboot: [169, 142],
  mount: [165, 40],
  umount2: [166, 39],
  pivot_root: [155, 41],
  open_tree: [428, 428],
  move_mount: [429, 429],
  fsopen: [430, 430],
  fsconfig: [431, 431],
  fsmount: [432, 432],
  fspick: [433, 433],
  mount_setattr: [442, 442],
  swapon: [167, 224],
  swapoff: [168, 225],
  acct: [163, 89],
  quotactl: [179, 60],
  quotactl_fd: [443, 443],
  settimeofday: [164, 170],
  clock_settime: [227, 112],
  syslog: [103, 116],
  vhangup: [153, 58],
  chroot: [161, 51],
  setns: [308, 268],
  open_by_handle_at: [304, 265],
  fanotify_init: [300, 262],
  lookup_dcookie: [212, 18],
  nfsservctl: [180, 42],
  iopl: [172, null],
  ioperm: [173, null],
  modify_ldt: [154, null],
  uselib: [134, null],
  _sysctl: [156, null],
});

/** Calls allowed unless their first argument asks for a new namespace. */
export const NAMESPACE_CALLS: Readonly<Record<string, Numbers>> = Object.freeze({
  clone: [56, 220],
  unshare: [272, 97],
});
/** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET | NEWTIME. */
export const CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x00000080;

/** Answered ENOSYS, so that glibc falls back to `clone`, whose flags the filter can check. */
export const CLONE3: Numbers = [435, 435];

export const PERSONALITY: Numbers = [135, 92];
/** PER_LINUX, PER_LINUX32, UNAME26, UNAME26 | PER_LINUX32, and 0xffffffff (a query). */
export const ALLOWED_PERSONAS: readonly number[] = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];

// Classic BPF opcodes (linux/filter.h, linux/bpf_common.h).
const LD_W_ABS = 0x20;
const JMP_JEQ_K = 0x15;
const JMP_JGE_K = 0x35;
const JMP_JSET_K = 0x45;
const RET_K = 0x06;

type Target = 'next' | 'allow' | 'deny' | 'enosys' | 'namespaces' | 'personality';

interface Instruction {
  code: number;
  k: number;
  jt?: Target;
  jf?: Target;
}

const load = (offset: number): Instruction => ({ code: LD_W_ABS, k: offset });
const jump = (code: number, k: number, jt: Target, jf: Target = 'next'): Instruction => ({ code, k, jt, jf });
const ret = (k: number): Instruction => ({ code: RET_K, k });

const numberFor = (numbers: Numbers, arch: SeccompArch) => numbers[arch === 'x64' ? 0 : 1];

/** The program as labelled blocks, before the jumps are resolved to offsets. */
function blocks(arch: SeccompArch): [Target | 'start', Instruction[]][] {
  const nr = (numbers: Numbers) => numberFor(numbers, arch);
  const main: Instruction[] = [
    load(DATA_ARCH),
    jump(JMP_JEQ_K, AUDIT_ARCH[arch], 'next', 'deny'),
    load(DATA_NR),
    ...(arch === 'x64' ? [jump(JMP_JGE_K, X32_SYSCALL_BIT, 'deny')] : []),
    ...Object.values(DENIED_SYSCALLS)
      .map(nr)
      .filter((n): n is number => n !== null)
      .map((n) => jump(JMP_JEQ_K, n, 'deny')),
    ...Object.values(NAMESPACE_CALLS).map((numbers) => jump(JMP_JEQ_K, nr(numbers)!, 'namespaces')),
    jump(JMP_JEQ_K, nr(PERSONALITY)!, 'personality'),
    jump(JMP_JEQ_K, nr(CLONE3)!, 'enosys'),
    ret(SECCOMP_RET_ALLOW),
  ];
  return [
    ['start', main],
    ['namespaces', [load(DATA_ARG0_LOW), jump(JMP_JSET_K, CLONE_NAMESPACE_FLAGS, 'deny', 'allow')]],
    ['personality', [load(DATA_ARG0_LOW), ...ALLOWED_PERSONAS.map((persona) => jump(JMP_JEQ_K, persona, 'allow')), ret(SECCOMP_RET_ERRNO | EPERM)]],
    ['allow', [ret(SECCOMP_RET_ALLOW)]],
    ['deny', [ret(SECCOMP_RET_ERRNO | EPERM)]],
    ['enosys', [ret(SECCOMP_RET_ERRNO | ENOSYS)]],
  ];
}

/** Size of one `struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }`. */
export const INSTRUCTION_BYTES = 8;

/**
 * The filter for `arch` as bubblewrap reads it from `--seccomp FD`: an array of `struct
 * sock_filter` in the host's (little-endian) byte order.
 */
export function seccompProgram(arch: SeccompArch): Buffer {
  const labelled = blocks(arch);
  const start = new Map<string, number>();
  let count = 0;
  for (const [label, instructions] of labelled) {
    start.set(label, count);
    count += instructions.length;
  }
  const program = Buffer.alloc(count * INSTRUCTION_BYTES);
  let index = 0;
  const offset = (target: Target | undefined): number => {
    if (target === undefined || target === 'next') return 0;
    const distance = start.get(target)! - (index + 1);
    // Conditional jumps only go forward, at most 255 instructions.
    if (distance < 0 || distance > 255) throw new Error(`seccomp jump to ${target} out of range (${distance})`);
    return distance;
  };
  for (const [, instructions] of labelled) {
    for (const instruction of instructions) {
      const at = index * INSTRUCTION_BYTES;
      program.writeUInt16LE(instruction.code, at);
      program.writeUInt8(offset(instruction.jt), at + 2);
      program.writeUInt8(offset(instruction.jf), at + 3);
      program.writeUInt32LE(instruction.k >>> 0, at + 4);
      index++;
    }
  }
  return program;
}

/** The filter for this machine, or null where the architecture is not one the filter knows. */
export function hostSeccompProgram(arch: string = process.arch): Buffer | null {
  return arch === 'x64' || arch === 'arm64' ? seccompProgram(arch) : null;
}
