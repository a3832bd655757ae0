import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALLOWED_PERSONAS,
  AUDIT_ARCH,
  CLONE3,
  DENIED_SYSCALLS,
  ENOSYS,
  EPERM,
  hostSeccompProgram,
  INSTRUCTION_BYTES,
  NAMESPACE_CALLS,
  PERSONALITY,
  SECCOMP_RET_ALLOW,
  SECCOMP_RET_ERRNO,
  seccompProgram,
  X32_SYSCALL_BIT,
  type SeccompArch,
} from './seccomp-filter.js';

/**
 * Runs a classic BPF program the way the kernel runs a seccomp filter, for the instructions a
 * filter may use (loads of seccomp_data words, conditional jumps on constants, returns).
 */
function evaluate(program: Buffer, data: { nr: number; arch: number; args?: number[] }): number {
  const words = new Map<number, number>([
    [0, data.nr >>> 0],
    [4, data.arch >>> 0],
  ]);
  (data.args ?? []).forEach((arg, i) => {
    words.set(16 + 8 * i, arg >>> 0);
    words.set(20 + 8 * i, Math.floor(arg / 2 ** 32) >>> 0);
  });
  let accumulator = 0;
  for (let pc = 0; pc * INSTRUCTION_BYTES < program.length; pc++) {
    const at = pc * INSTRUCTION_BYTES;
    const code = program.readUInt16LE(at);
    const jt = program.readUInt8(at + 2);
    const jf = program.readUInt8(at + 3);
    const k = program.readUInt32LE(at + 4);
    switch (code) {
      case 0x20: // ld [k]
        accumulator = words.get(k) ?? 0;
        break;
      case 0x15: // jeq #k
        pc += accumulator === k ? jt : jf;
        break;
      case 0x35: // jge #k
        pc += accumulator >= k ? jt : jf;
        break;
      case 0x45: // jset #k
        pc += (accumulator & k) !== 0 ? jt : jf;
        break;
      case 0x06: // ret #k
        return k;
      default:
        throw new Error(`unexpected opcode 0x${code.toString(16)} at ${pc}`);
    }
  }
  throw new Error('the program ran off its end');
}

const DENY = SECCOMP_RET_ERRNO | EPERM;
const CLONE_NEWUSER = 0x10000000;
const CLONE_NEWNET = 0x40000000;
const CLONE_NEWNS = 0x00020000;
const THREAD_FLAGS = 0x3d0f00; // what glibc's pthread_create passes to clone
const ADDR_NO_RANDOMIZE = 0x0040000;
const READ_IMPLIES_EXEC = 0x0400000;

for (const arch of ['x64', 'arm64'] as SeccompArch[]) {
  describe(`seccomp filter for ${arch}`, () => {
    const program = seccompProgram(arch);
    const column = arch === 'x64' ? 0 : 1;
    const native = AUDIT_ARCH[arch];
    const call = (nr: number, args: number[] = []) => evaluate(program, { nr, arch: native, args });
    const numberOf = (numbers: readonly (number | null)[]) => numbers[column]!;

    it('is a whole number of instructions, well under the kernel limit of 4096', () => {
      assert.equal(program.length % INSTRUCTION_BYTES, 0);
      assert.ok(program.length / INSTRUCTION_BYTES < 200, `${program.length / INSTRUCTION_BYTES} instructions`);
    });

    it('refuses every denied system call with EPERM', () => {
      const refused = Object.entries(DENIED_SYSCALLS).filter(([, numbers]) => numbers[column] !== null);
      assert.ok(refused.length >= 40);
      for (const [name, numbers] of refused) assert.equal(call(numberOf(numbers)), DENY, name);
    });

    it('allows the system calls programs use', () => {
      // read, write, openat, mmap, futex, exit_group, socket, connect, getrandom, rseq, membarrier
      const ordinary = arch === 'x64' ? [0, 1, 257, 9, 202, 231, 41, 42, 318, 334, 324] : [63, 64, 56, 222, 98, 94, 198, 203, 278, 293, 283];
      for (const nr of ordinary) assert.equal(call(nr), SECCOMP_RET_ALLOW, `syscall ${nr}`);
    });

    it('allows clone and unshare without namespace flags, refuses them with any CLONE_NEW* flag', () => {
      for (const [name, numbers] of Object.entries(NAMESPACE_CALLS)) {
        assert.equal(call(numberOf(numbers), [THREAD_FLAGS]), SECCOMP_RET_ALLOW, `${name} of a thread`);
        assert.equal(call(numberOf(numbers), [17 /* SIGCHLD: fork */]), SECCOMP_RET_ALLOW, `${name} as fork`);
        for (const flag of [CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWNS]) {
          assert.equal(call(numberOf(numbers), [17 | flag]), DENY, `${name} with 0x${flag.toString(16)}`);
        }
      }
    });

    it('answers clone3 with ENOSYS, so that the C library falls back to clone', () => {
      assert.equal(call(numberOf(CLONE3)), SECCOMP_RET_ERRNO | ENOSYS);
    });

    it('allows only the harmless personalities', () => {
      for (const persona of ALLOWED_PERSONAS) assert.equal(call(numberOf(PERSONALITY), [persona]), SECCOMP_RET_ALLOW);
      for (const persona of [ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE | 0x8]) {
        assert.equal(call(numberOf(PERSONALITY), [persona]), DENY, `0x${persona.toString(16)}`);
      }
    });

    it('refuses every system call of another ABI, even an allowed one', () => {
      const foreign = arch === 'x64' ? [0x40000003 /* i386 */, AUDIT_ARCH.arm64] : [0x40000028 /* arm */, AUDIT_ARCH.x64];
      for (const other of foreign) assert.equal(evaluate(program, { nr: 20, arch: other }), DENY);
    });

    if (arch === 'x64') {
      it('refuses x32 system calls (bit 30), which share the x86_64 audit arch', () => {
        assert.equal(call(X32_SYSCALL_BIT | 39 /* getpid */), DENY);
        assert.equal(call(X32_SYSCALL_BIT | 425 /* io_uring_setup */), DENY);
      });
    }
  });
}

describe('host seccomp filter', () => {
  it('exists for x86_64 and aarch64, not for architectures whose numbers it does not know', () => {
    assert.deepEqual(hostSeccompProgram('x64'), seccompProgram('x64'));
    assert.deepEqual(hostSeccompProgram('arm64'), seccompProgram('arm64'));
    assert.equal(hostSeccompProgram('riscv64'), null);
  });
});
