import assert from 'node:assert/strict';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestExecutor, describeResult } from '../../testing/executor.js';
import { HANDOVER_FD } from './sandbox-command.js';
import { startSandbox } from './sandbox-process.js';
import type { RunRequest, RunResult } from './types.js';

/** Java programs whose compile must look the same warm and cold: output, diagnostics, exit status. */
const CASES: Record<string, Pick<RunRequest, 'code' | 'files' | 'entry'>> = {
  success: { code: 'public class Main {\n  public static void main(String[] args) { System.out.println("hello " + args.length); }\n}\n' },
  'a syntax error': { code: 'public class Main {\n  public static void main(String[] args) { System.out.println("x") }\n}\n' },
  'a type error with several diagnostics': {
    code: 'import java.util.*;\npublic class Main {\n  public static void main(String[] args) {\n    int x = "one";\n    List<String> list = new ArrayList<Integer>();\n    missing(x);\n    String s = list.get(0).nope();\n  }\n}\n',
  },
  warnings: {
    code: 'import java.util.*;\npublic class Main {\n  @SuppressWarnings("deprecation")\n  static Integer boxed = null;\n  public static void main(String[] args) {\n    Integer old = new Integer(5);\n    List raw = new ArrayList();\n    raw.add("x");\n    System.out.println(old + " " + raw);\n  }\n}\n',
  },
  'a non-ASCII source': {
    code: 'public class Main {\n  public static void main(String[] args) {\n    String café = "héllo wörld ✓ 日本";\n    System.out.println(café);\n  }\n}\n',
  },
  'a non-ASCII source with an error': { code: 'public class Main {\n  public static void main(String[] args) {\n    int ü = "ß ✓";\n  }\n}\n' },
  'a wrong file name for the public class': { files: [{ path: 'Main.java', content: 'public class Other {\n  public static void main(String[] args) {}\n}\n' }], entry: 'Main.java', code: '' },
  'several files': {
    files: [
      { path: 'Main.java', content: 'import util.Helper;\npublic class Main {\n  public static void main(String[] args) { System.out.println(Helper.twice(21)); }\n}\n' },
      { path: 'util/Helper.java', content: 'package util;\npublic class Helper {\n  public static int twice(int n) { return n * 2; }\n}\n' },
    ],
    entry: 'Main.java',
    code: '',
  },
  'several files with errors in each': {
    files: [
      { path: 'Main.java', content: 'import util.Helper;\npublic class Main {\n  public static void main(String[] args) { Helper.twice("x"); }\n}\n' },
      { path: 'util/Helper.java', content: 'package util;\npublic class Helper {\n  public static int twice(int n) { return n * 2 }\n}\n' },
    ],
    entry: 'Main.java',
    code: '',
  },
};

/** JVMs of warm compile sandboxes (host pid and start time). */
function waitingCompilers(): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (argv[0]!.endsWith('/java') && argv.includes('WarmJavac')) found.push(`${name} ${readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

const comparable = (result: RunResult) => ({
  verdict: result.verdict,
  exitCode: result.exitCode,
  compileOutput: result.compileOutput,
  stdout: result.stdout,
  stderr: result.stderr,
});

describe('warm compile sandboxes for javac (real sandbox)', () => {
  let warm: Awaited<ReturnType<typeof createTestExecutor>>;
  let cold: Awaited<ReturnType<typeof createTestExecutor>>;

  before(async () => {
    [warm, cold] = await Promise.all([createTestExecutor({ warmPool: { maxPerKind: 2 } }), createTestExecutor({ warmPool: false })]);
  });
  after(async () => {
    await warm?.dispose();
    await cold?.dispose();
  });

  /** Compiles `request` in a warm compile sandbox (a Java compile first makes one wait). */
  async function compileWarm(request: RunRequest): Promise<RunResult> {
    const { executor } = warm;
    const pool = executor.warmPool!;
    if (pool.waiting === 0) await pool.settled();
    if (pool.waiting === 0) {
      await executor.run({ language: 'java', code: `public class Main { public static void main(String[] a) {} } // ${Math.random()}`, stdin: '' });
      await pool.settled();
    }
    const served = pool.served;
    const result = await executor.run(request);
    assert.equal(pool.served, served + 1, `the compile took a warm sandbox: ${describeResult(result)}`);
    return result;
  }

  it('compiles exactly as the javac command does: class files, diagnostics, warnings, exit status', async () => {
    const requests = Object.values(CASES).map((program): RunRequest => ({ language: 'java', stdin: '', ...program }));
    const colds = Promise.all(requests.map((request) => cold.executor.run(request)));
    const warms: RunResult[] = [];
    for (const request of requests) warms.push(await compileWarm(request));
    const expecteds = await colds;
    for (const [index, name] of Object.keys(CASES).entries()) {
      const [actual, expected] = [warms[index]!, expecteds[index]!];
      assert.deepEqual(comparable(actual), comparable(expected), `${name}\nwarm: ${describeResult(actual)}\ncold: ${describeResult(expected)}`);
      if (['success', 'several files', 'warnings', 'a non-ASCII source'].includes(name)) assert.equal(actual.verdict, 'ok', `${name}: ${describeResult(actual)}`);
      else assert.equal(actual.verdict, 'compile_error', `${name}: ${describeResult(actual)}`);
    }
    assert.match(expecteds[3]!.compileOutput!, /warning: \[removal\]/);
    assert.match(expecteds[4]!.stdout, /héllo wörld ✓ 日本/);
  });

  it('uses each warm compiler once: the one that compiled is gone, the others keep waiting', async () => {
    const { executor } = warm;
    await compileWarm({ language: 'java', code: 'public class Main { public static void main(String[] a) {} } // first', stdin: '' });
    await executor.warmPool!.settled();
    const before = waitingCompilers();
    assert.ok(before.length >= 1, 'compilers wait');
    const served = executor.warmPool!.served;
    const result = await executor.run({ language: 'java', code: 'public class Main { public static void main(String[] a) {} } // second', stdin: '' });
    assert.equal(result.verdict, 'ok', describeResult(result));
    assert.equal(executor.warmPool!.served, served + 1);
    const after = waitingCompilers();
    const used = before.filter((process) => !after.includes(process));
    assert.equal(used.length, 1, `exactly one waiting compiler ended: before ${before}, after ${after}`);
    await executor.warmPool!.settled();
    assert.ok(!waitingCompilers().includes(used[0]!), 'the one used never waits again');
  });
});

describe('warm sandbox CPU limit', () => {
  it('allows the warm-up its own CPU time, then gives the step exactly its limit from the hand-over', async () => {
    const uid = 64_999;
    const workDir = await mkdtemp(join(tmpdir(), 'ik-warm-cpu-'));
    await chown(workDir, uid, uid);
    try {
      // Burns 1.5 s before the hand-over (more than the step's 1 s limit), then loops forever.
      const code = [
        'import os, time',
        'end = time.process_time() + 1.5',
        'while time.process_time() < end: pass',
        `os.write(${HANDOVER_FD}, b"R")`,
        `while os.read(${HANDOVER_FD}, 4096): pass`,
        'while True: pass',
      ].join('\n');
      const sandbox = startSandbox(
        { bwrap: '/usr/bin/bwrap', prlimit: '/usr/bin/prlimit' },
        {
          uid,
          workDir,
          workDirWritable: false,
          scratchDir: null,
          seccomp: null,
          argv: ['/usr/bin/python3', '-c', code],
          env: { PATH: '/usr/bin' },
          readOnlyBinds: [],
          launcher: { env: {}, warmUpCpuMs: 5_000 },
          limits: { cpuMs: 1_000, wallMs: 10_000, addressSpaceKb: null, processes: 16, fileSizeKb: 1024, outputBytes: 4096, tmpSizeKb: 1024 },
        },
      );
      assert.equal(await sandbox.ready, true, 'the warm-up outlived the step limit');
      const outcome = await sandbox.run({ stdin: '' });
      assert.equal(outcome.status, 128 + 24, `SIGXCPU: ${JSON.stringify(outcome)}`);
      // The soft limit is whole seconds: used at the hand-over plus 1 s, rounded up.
      assert.ok(outcome.cpuMs >= 900 && outcome.cpuMs <= 2_100, `CPU after the hand-over ${outcome.cpuMs} ms, not the warm-up's 5 s more`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
