import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestExecutor, describeResult } from '../../testing/executor.js';
import type { LocalExecutor } from './local-executor.js';
import type { RunRequest } from './types.js';
import { WarmPool, type PooledSandbox } from './warm-pool.js';

/** Waits (polling) until `condition` holds, failing after 10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Host pids of live processes (zombies excluded: they have ended) whose pid namespace is `ns` (e.g. `pid:[4026532]`). */
function processesInNamespace(ns: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const state = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]![0];
      if (state !== 'Z' && readlinkSync(`/proc/${name}/ns/pid`) === ns) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Host pids of interpreters waiting in warm sandboxes (started at nice 19, running `main.py`). */
function waitingPythons(): { pid: number; uid: number }[] {
  const found: { pid: number; uid: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const nice = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
      if (cmdline.includes('main.py') && nice === 19) {
        const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))![1]);
        found.push({ pid: Number(name), uid });
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** What a Python program sees of itself: uid, pid namespace, work directory, processes, and a file it leaves in /tmp. */
const PYTHON_PROBE = [
  'import json, os, subprocess, sys',
  'left = sorted(os.listdir("/tmp"))',
  'open("/tmp/left-behind", "w").write("x")',
  'child = subprocess.Popen(["/usr/bin/sleep", "60"], start_new_session=True)',
  'box = os.stat("/box")',
  'print(json.dumps({"uid": os.getuid(), "ns": os.readlink("/proc/self/ns/pid"), "box": [box.st_dev, box.st_ino], "tmp": left,',
  '  "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()), "stdin": sys.stdin.read()}))',
].join('\n');

interface Probe {
  uid: number;
  ns: string;
  box: [number, number];
  tmp: string[];
  pids: number[];
  stdin: string;
}

describe('warm sandboxes (real sandbox)', () => {
  let warm: Awaited<ReturnType<typeof createTestExecutor>>;
  let cold: Awaited<ReturnType<typeof createTestExecutor>>;

  before(async () => {
    warm = await createTestExecutor({ warmPool: { maxPerKind: 2, idleMs: 1_500 } });
    cold = await createTestExecutor({ warmPool: false });
  });
  after(async () => {
    await warm?.dispose();
    await cold?.dispose();
  });

  /** Runs `request` in a warm sandbox: a run of the same language and limits first makes one wait. */
  async function runWarm(executor: LocalExecutor, request: RunRequest) {
    const pool = executor.warmPool!;
    await executor.run({ ...request, code: '', stdin: '' });
    await pool.settled();
    const served = pool.served;
    const result = await executor.run(request);
    assert.equal(pool.served, served + 1, 'the run took a warm sandbox');
    return result;
  }

  it('gives each run a sandbox of its own: new uid, work directory and pid namespace, nothing left by the previous run', async () => {
    const request = { language: 'python', code: PYTHON_PROBE, stdin: 'first' };
    const first = await runWarm(warm.executor, request);
    assert.equal(first.verdict, 'ok', describeResult(first));
    const one = JSON.parse(first.stdout) as Probe;
    assert.equal(one.stdin, 'first');
    assert.deepEqual(processesInNamespace(one.ns), [], "run 1's background process is gone with its sandbox");

    await warm.executor.warmPool!.settled();
    const second = await runWarm(warm.executor, { ...request, stdin: 'second' });
    assert.equal(second.verdict, 'ok', describeResult(second));
    const two = JSON.parse(second.stdout) as Probe;
    assert.equal(two.stdin, 'second');
    assert.notEqual(two.ns, one.ns, 'another pid namespace');
    assert.notEqual(two.uid, one.uid, 'another uid');
    assert.notDeepEqual(two.box, one.box, 'another work directory');
    assert.deepEqual(two.tmp, [], "run 1's file is not in run 2's /tmp");
    assert.ok(two.pids.length <= 3, `only its own processes: ${two.pids.join(' ')}`);
  });

  it('keeps waiting sandboxes out of reach of a running one (other uid, other pid namespace)', async () => {
    await warm.executor.run({ language: 'python', code: 'pass', stdin: '' });
    await warm.executor.warmPool!.settled();
    const waiting = waitingPythons();
    assert.ok(waiting.length >= 1, 'a Python sandbox is waiting');
    const code = [
      'import json, os',
      `targets = ${JSON.stringify(waiting.map((w) => w.pid))}`,
      'reached = []',
      'for pid in targets:',
      '    try:',
      '        os.kill(pid, 0)',
      '        reached.append(pid)',
      '    except OSError:',
      '        pass',
      'print(json.dumps({"uid": os.getuid(), "reached": reached, "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit())}))',
    ].join('\n');
    const result = await runWarm(warm.executor, { language: 'python', code, stdin: '' });
    assert.equal(result.verdict, 'ok', describeResult(result));
    const seen = JSON.parse(result.stdout) as { uid: number; reached: number[]; pids: number[] };
    assert.deepEqual(seen.reached, [], 'no waiting sandbox can be signalled');
    assert.ok(seen.pids.length <= 2, `only its own processes: ${seen.pids.join(' ')}`);
    for (const other of waitingPythons()) assert.notEqual(other.uid, seen.uid, 'a waiting sandbox has another uid');
  });

  it('runs programs exactly as a cold sandbox does: argv, file names, module paths, tracebacks, stdin, exit codes', async () => {
    const programs: RunRequest[] = [
      {
        language: 'python',
        code: 'import os, sys\nprint(sys.argv, __file__, sys.path, sys.orig_argv, sorted(os.environ), "sitecustomize" in sys.modules)\nprint(repr(sys.stdin.read()))\nraise SystemExit(3)',
        stdin: 'line 1\nline 2',
      },
      { language: 'python', code: 'def f():\n    return 1 / 0\nf()', stdin: '' },
      { language: 'python', code: 'print("unclosed"', stdin: '' },
      {
        language: 'javascript',
        code: 'console.log(process.argv, process.execArgv, Object.keys(require.cache), require.main === module, Object.keys(process.env).sort(), require("fs").readFileSync(0, "utf8"));\nprocess.exitCode = 3;',
        stdin: 'input',
      },
      { language: 'javascript', code: 'function f() { throw new Error("boom"); }\nf();', stdin: '' },
      { language: 'javascript', code: 'import { readFileSync } from "node:fs";\nconsole.log(typeof readFileSync, import.meta.url);', stdin: '' },
      { language: 'typescript', code: 'const n: number = 41;\nconsole.log(n + 1, process.argv[1]);', stdin: '' },
    ];
    for (const program of programs) {
      const expected = await cold.executor.run(program);
      const actual = await runWarm(warm.executor, program);
      for (const field of ['verdict', 'exitCode', 'signal', 'stdout', 'stderr', 'compileOutput'] as const) {
        assert.deepEqual(actual[field], expected[field], `${field} of ${program.code}\nwarm: ${describeResult(actual)}\ncold: ${describeResult(expected)}`);
      }
      await warm.executor.warmPool!.settled();
    }
  });

  it('takes multi-file projects whose entry is the default: the whole tree is written before the hand-over; another entry runs cold', async () => {
    const projects: RunRequest[] = [
      {
        language: 'python',
        code: '',
        files: [
          { path: 'main.py', content: 'from lib.helper import add\nprint(add(2, 3), open("data/n.txt").read().strip())\n' },
          { path: 'lib/helper.py', content: 'def add(a, b):\n    return a + b\n' },
          { path: 'data/n.txt', content: '7\n' },
        ],
        stdin: '',
      },
      {
        language: 'javascript',
        code: '',
        files: [
          { path: 'main.js', content: 'const { add } = require("./lib/util");\nconsole.log(add(2, 3));\n' },
          { path: 'lib/util.js', content: 'exports.add = (a, b) => a + b;\n' },
        ],
        stdin: '',
      },
      {
        language: 'typescript',
        code: '',
        files: [
          { path: 'main.ts', content: 'import { add } from "./helper";\nconst n: number = add(2, 3);\nconsole.log(n);\n' },
          { path: 'helper.ts', content: 'export function add(a: number, b: number): number {\n  return a + b;\n}\n' },
        ],
        stdin: '',
      },
    ];
    for (const [project, stdout] of projects.map((project, i) => [project, ['5 7\n', '5\n', '5\n'][i]!] as const)) {
      const actual = await runWarm(warm.executor, project);
      assert.equal(actual.verdict, 'ok', describeResult(actual));
      assert.equal(actual.stdout, stdout, `the ${project.language} project: ${describeResult(actual)}`);
      await warm.executor.warmPool!.settled();
    }
    const pool = warm.executor.warmPool!;
    const served = pool.served;
    const other = await warm.executor.run({ language: 'python', code: '', files: [{ path: 'app.py', content: 'print("app")' }], entry: 'app.py', stdin: '' });
    assert.equal(other.stdout, 'app\n', describeResult(other));
    assert.equal(pool.served, served, 'a project with another entry ran cold');
  });

  it('counts the CPU and wall limits from the hand-over, as strict as in a cold run', async () => {
    const loop = await runWarm(warm.executor, { language: 'python', code: 'while True: pass', stdin: '', limits: { cpuMs: 1_000 } });
    assert.equal(loop.verdict, 'time_limit', describeResult(loop));
    assert.equal(loop.signal, 'SIGXCPU');
    // Sampled every 10 ms: the last stretch before the kill may be missed on a busy machine.
    assert.ok(loop.cpuMs >= 500 && loop.cpuMs <= 2_100, `CPU ${loop.cpuMs} ms`);
    const sleeper = await runWarm(warm.executor, { language: 'python', code: 'import time\ntime.sleep(30)', stdin: '', limits: { wallMs: 400 } });
    assert.equal(sleeper.verdict, 'time_limit', describeResult(sleeper));
    assert.ok(sleeper.wallMs >= 400 && sleeper.wallMs < 5_000, `wall ${sleeper.wallMs} ms`);
    const hello = await runWarm(warm.executor, { language: 'python', code: 'print(1)', stdin: '' });
    assert.ok(hello.cpuMs <= 10, `the interpreter's start-up is not the program's CPU time: ${hello.cpuMs} ms`);
  });

  it('refills after each run, keeps one more than ran at once (at most its maximum), and shrinks to none when idle', async () => {
    const { executor } = warm;
    const pool = executor.warmPool!;
    await until(() => pool.waiting === 0, 'the idle pool to shrink');
    const request = { language: 'javascript', code: 'console.log(1)', stdin: '' };
    await Promise.all([1, 2, 3].map(() => executor.run(request)));
    await pool.settled();
    assert.equal(pool.waiting, 3, 'three ran at once; the maximum is two, plus a spare');
    const served = pool.served;
    await executor.run(request);
    assert.equal(pool.served, served + 1);
    await pool.settled();
    assert.equal(pool.waiting, 3, 'the one taken was replaced');
    await until(() => pool.waiting === 0, 'the idle pool to shrink');
  });
});

/** A sandbox stand-in for the pool's own bookkeeping: ready at once, discarded on request. */
class FakeSandbox implements PooledSandbox {
  exited = false;
  discarded = false;
  readonly ready = Promise.resolve(true);
  async discard(): Promise<void> {
    this.discarded = true;
  }
}

describe('WarmPool sizing', () => {
  it('follows recent demand, capped by the concurrency, and forgets it after the idle time', async () => {
    let now = 0;
    const made: FakeSandbox[] = [];
    const pool = new WarmPool<FakeSandbox>({
      maxPerKind: 3,
      idleMs: 1_000,
      now: () => now,
      create: async () => {
        const sandbox = new FakeSandbox();
        made.push(sandbox);
        return sandbox;
      },
    });
    try {
      assert.equal(pool.take('py'), null, 'nothing waits before the first run');
      await pool.settled();
      assert.equal(pool.waiting('py'), 0, 'replacements wait for the run to end');
      pool.finished('py');
      await pool.settled();
      assert.equal(pool.waiting('py'), 2, 'one run at a time: one waits for the next, and a spare');
      for (let i = 0; i < 5; i++) pool.take('py');
      assert.equal(pool.target('py'), 4, 'five at once, capped at three, plus a spare');
      for (let i = 0; i < 5; i++) pool.finished('py');
      await pool.settled();
      assert.equal(pool.waiting('py'), 4);
      now += 1_001;
      pool.shrink();
      assert.equal(pool.target('py'), 0);
      assert.equal(pool.waiting(), 0, 'an idle kind keeps nothing');
      assert.equal(made.filter((s) => !s.discarded).length, 2, 'every waiting one was discarded (two of them ran)');
      pool.take('js');
      pool.finished('js');
      await pool.settled();
      const ended = made.slice(-2);
      assert.equal(pool.waiting('js'), 2);
      for (const sandbox of ended) sandbox.exited = true;
      assert.equal(pool.take('js'), null, 'a sandbox that ended while waiting is never handed out');
      assert.ok(ended.every((sandbox) => sandbox.discarded));
    } finally {
      await pool.close();
    }
  });
});
