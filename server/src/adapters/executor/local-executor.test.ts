import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLocalExecutor, type LocalExecutor } from './local-executor.js';
import { assertHealthy, createTestExecutor, describeResult, leftoverWorkDirs, python } from '../../testing/executor.js';
import {
  clampLimits,
  DEFAULT_LIMITS,
  ExecutorUnavailableError,
  MAX_LIMITS,
  UnknownLanguageError,
  type RunResult,
} from './types.js';

/** Per language: a greeting, an echo of stdin, and a program that prints and exits with status 3. */
const PROGRAMS: Record<string, { hello: string; echo: string; exit3: string }> = {
  python: {
    hello: 'print("hello, world")',
    echo: 'import sys\nsys.stdout.write(sys.stdin.read())',
    exit3: 'import sys\nprint("bye")\nsys.exit(3)',
  },
  javascript: {
    hello: 'console.log("hello, world");',
    echo: 'process.stdout.write(require("fs").readFileSync(0, "utf8"));',
    exit3: 'console.log("bye");\nprocess.exitCode = 3;',
  },
  typescript: {
    hello: 'const greeting: string = "hello, world";\nconsole.log(greeting);',
    echo: 'import { readFileSync } from "fs";\nconst input: string = readFileSync(0, "utf8");\nprocess.stdout.write(input);',
    exit3: 'console.log("bye");\nprocess.exitCode = 3 as number;',
  },
  c: {
    hello: '#include <stdio.h>\nint main(void) { puts("hello, world"); return 0; }',
    echo: '#include <stdio.h>\nint main(void) { int c; while ((c = getchar()) != EOF) putchar(c); return 0; }',
    exit3: '#include <stdio.h>\nint main(void) { puts("bye"); return 3; }',
  },
  cpp: {
    hello: '#include <iostream>\nint main() { std::cout << "hello, world" << std::endl; }',
    echo: '#include <iostream>\nint main() { std::cout << std::cin.rdbuf(); }',
    exit3: '#include <iostream>\nint main() { std::cout << "bye" << std::endl; return 3; }',
  },
  java: {
    hello: 'public class Main {\n  public static void main(String[] args) { System.out.println("hello, world"); }\n}',
    echo:
      'import java.io.IOException;\npublic class Main {\n  public static void main(String[] args) throws IOException {\n' +
      '    System.out.write(System.in.readAllBytes());\n    System.out.flush();\n  }\n}',
    exit3: 'public class Main {\n  public static void main(String[] args) { System.out.println("bye"); System.exit(3); }\n}',
  },
  go: {
    hello: 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello, world") }',
    echo: 'package main\nimport (\n  "io"\n  "os"\n)\nfunc main() { io.Copy(os.Stdout, os.Stdin) }',
    exit3: 'package main\nimport (\n  "fmt"\n  "os"\n)\nfunc main() { fmt.Println("bye"); os.Exit(3) }',
  },
  ruby: {
    hello: 'puts "hello, world"',
    echo: '$stdout.write($stdin.read)',
    exit3: 'puts "bye"\nexit 3',
  },
  bash: {
    hello: 'echo "hello, world"',
    echo: 'cat',
    exit3: 'echo bye\nexit 3',
  },
};

/** Programs that must not compile, for the compiled languages. */
const COMPILE_ERRORS: Record<string, { code: string; mentions: RegExp }> = {
  c: { code: 'int main(void) { return undefined_name; }', mentions: /undefined_name/ },
  cpp: { code: 'int main() { undefined_call(); }', mentions: /undefined_call/ },
  java: { code: 'public class Main {\n  public static void main(String[] a) { int x = "text"; }\n}', mentions: /incompatible types/ },
  typescript: { code: 'const total: number = ;\nconsole.log(total);', mentions: /main\.ts\(1,23\): error TS1109/ },
  go: { code: 'package main\nfunc main() { unused := 1 }', mentions: /declared (and|but) not used/ },
};

function assertVerdict(result: RunResult, verdict: RunResult['verdict']): void {
  assert.equal(result.verdict, verdict, describeResult(result));
}

describe('local sandbox executor: languages and verdicts', () => {
  let executor: LocalExecutor;
  let workRoot: string;
  let dispose: () => Promise<void>;
  let installed: string[];

  before(async () => {
    ({ executor, workRoot, dispose } = await createTestExecutor());
    installed = (await executor.languages()).map((language) => language.id);
  });
  after(() => dispose());

  it('detects the installed toolchains with their versions, always including Python, JavaScript, TypeScript and Bash', async () => {
    const languages = await executor.languages();
    for (const id of ['python', 'javascript', 'typescript', 'bash']) assert.ok(installed.includes(id), id);
    for (const language of languages) {
      assert.match(language.version, /^\d+\.\d+/, `${language.id} has a version`);
      assert.ok(PROGRAMS[language.id], `${language.id} has test programs`);
    }
    assert.equal(languages.find((l) => l.id === 'python')?.compiled, false);
    assert.equal(languages.find((l) => l.id === 'typescript')?.compiled, true);
    console.log('installed languages:', languages.map((l) => `${l.id} ${l.version}`).join(', '));
  });

  for (const [language, programs] of Object.entries(PROGRAMS)) {
    describe(language, () => {
      it('prints hello world (ok)', async (t) => {
        if (!installed.includes(language)) return t.skip(`${language} is not installed here`);
        const result = await executor.run({ language, code: programs.hello, stdin: '' });
        assertVerdict(result, 'ok');
        assert.equal(result.stdout, 'hello, world\n');
        assert.equal(result.exitCode, 0);
        assert.equal(result.truncated, false);
      });

      it('echoes its stdin', async (t) => {
        if (!installed.includes(language)) return t.skip(`${language} is not installed here`);
        const stdin = 'first line\nsecond line, ünïcødé ✓\n';
        const result = await executor.run({ language, code: programs.echo, stdin });
        assertVerdict(result, 'ok');
        assert.equal(result.stdout, stdin);
      });

      it('reports a non-zero exit as a runtime error with its exit code', async (t) => {
        if (!installed.includes(language)) return t.skip(`${language} is not installed here`);
        const result = await executor.run({ language, code: programs.exit3, stdin: '' });
        assertVerdict(result, 'runtime_error');
        assert.equal(result.exitCode, 3);
        assert.equal(result.signal, null);
        assert.equal(result.stdout, 'bye\n');
      });
    });
  }

  for (const [language, { code, mentions }] of Object.entries(COMPILE_ERRORS)) {
    it(`reports a ${language} compile error with the compiler's message`, async (t) => {
      if (!installed.includes(language)) return t.skip(`${language} is not installed here`);
      const result = await executor.run({ language, code, stdin: '' });
      assertVerdict(result, 'compile_error');
      assert.match(result.compileOutput ?? '', mentions);
      assert.equal(result.stdout, '');
    });
  }

  it('runs a Java program whose public class is not called Main', async (t) => {
    if (!installed.includes('java')) return t.skip('java is not installed here');
    const code = 'public class Solution {\n  public static void main(String[] a) { System.out.println(6 * 7); }\n}';
    const result = await executor.run({ language: 'java', code, stdin: '' });
    assertVerdict(result, 'ok');
    assert.equal(result.stdout, '42\n');
  });

  it('runs a Java program declared in a package', async (t) => {
    if (!installed.includes('java')) return t.skip('java is not installed here');
    const code = 'package interview.answers;\n\npublic class Answer {\n  public static void main(String[] a) { System.out.println("packaged"); }\n}';
    const result = await executor.run({ language: 'java', code, stdin: '' });
    assertVerdict(result, 'ok');
    assert.equal(result.stdout, 'packaged\n');
  });

  it('reports an uncaught exception as a runtime error with its traceback', async () => {
    const result = await executor.run(python('print("before")\nprint(1 / 0)'));
    assertVerdict(result, 'runtime_error');
    assert.equal(result.exitCode, 1);
    assert.equal(result.stdout, 'before\n');
    assert.match(result.stderr, /ZeroDivisionError/);
  });

  it('reports a crash by signal with the signal name', async (t) => {
    if (!installed.includes('c')) return t.skip('c is not installed here');
    const code = '#include <stdio.h>\nint main(void) { volatile int *p = 0; printf("%d", *p); return 0; }';
    const result = await executor.run({ language: 'c', code, stdin: '' });
    assertVerdict(result, 'runtime_error');
    assert.equal(result.signal, 'SIGSEGV');
    assert.equal(result.exitCode, null);
  });

  it('streams output while the program runs, and the streamed text equals the result', async () => {
    const events: string[] = [];
    const code = 'import sys\nprint("first")\nsys.stdout.flush()\nprint("oops", file=sys.stderr)\nprint("second")';
    const run = executor.run(python(code), {
      onOutput: (stream, chunk) => events.push(`${stream}:${chunk}`),
    });
    const result = await run;
    assertVerdict(result, 'ok');
    const streamed = (name: string) => events.filter((e) => e.startsWith(`${name}:`)).map((e) => e.slice(name.length + 1)).join('');
    assert.equal(streamed('stdout'), result.stdout);
    assert.equal(streamed('stderr'), result.stderr);
    assert.equal(result.stdout, 'first\nsecond\n');
    assert.equal(result.stderr, 'oops\n');
  });

  it('stops a run when its signal aborts, and rejects with the abort reason', async () => {
    const controller = new AbortController();
    const code = 'import time\nprint("started", flush=True)\ntime.sleep(60)';
    const run = executor.run(python(code, { wallMs: 20_000 }), {
      signal: controller.signal,
      onOutput: () => controller.abort(new Error('the candidate pressed stop')),
    });
    await assert.rejects(run, /the candidate pressed stop/);
    assert.deepEqual(await leftoverWorkDirs(workRoot), []);
    await assertHealthy(executor, workRoot);
  });

  it('reports peak memory and CPU time of a run', async () => {
    const code = 'import time\nblock = bytearray(100 * 1024 * 1024)\nfor i in range(0, len(block), 4096): block[i] = 1\n' +
      'end = time.process_time() + 0.3\nwhile time.process_time() < end: pass';
    const result = await executor.run(python(code));
    assertVerdict(result, 'ok');
    assert.ok(result.memoryKb >= 100 * 1024, `peak memory ${result.memoryKb} KiB covers the 100 MiB block`);
    assert.ok(result.cpuMs >= 200, `CPU time ${result.cpuMs} ms covers the busy loop`);
  });

  it('refuses an unknown language with a typed error', async () => {
    await assert.rejects(executor.run({ language: 'cobol', code: 'DISPLAY "HI"', stdin: '' }), (error: unknown) => {
      assert.ok(error instanceof UnknownLanguageError);
      assert.equal(error.language, 'cobol');
      assert.ok(error.supported.includes('python'));
      return true;
    });
  });
});

describe('clampLimits', () => {
  it('fills in the defaults', () => {
    assert.deepEqual(clampLimits(), { ...DEFAULT_LIMITS });
    assert.deepEqual(DEFAULT_LIMITS, {
      cpuMs: 5000,
      wallMs: 10000,
      memoryKb: 262144,
      processes: 64,
      fileSizeKb: 10240,
      outputBytes: 1048576,
    });
  });

  it('clamps huge and nonsensical requests into the policy', () => {
    const huge = { cpuMs: 1e12, wallMs: Infinity, memoryKb: 2 ** 40, processes: 1e6, fileSizeKb: 1e9, outputBytes: 1e15 };
    assert.deepEqual(clampLimits(huge), { ...MAX_LIMITS });
    assert.deepEqual(MAX_LIMITS, {
      cpuMs: 10000,
      wallMs: 20000,
      memoryKb: 524288,
      processes: 128,
      fileSizeKb: 16384,
      outputBytes: 4194304,
    });
    const odd = clampLimits({ cpuMs: -5, wallMs: NaN, memoryKb: '1' as unknown as number, processes: 0.5 });
    assert.equal(odd.cpuMs, 100);
    assert.equal(odd.wallMs, DEFAULT_LIMITS.wallMs);
    assert.equal(odd.memoryKb, DEFAULT_LIMITS.memoryKb);
    assert.equal(odd.processes, 1);
  });
});

describe('local sandbox executor that cannot mount capped tmpfs', () => {
  it('says so once, and runs with /tmp capped in size only', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('only a root server mounts');
    const warnings: string[] = [];
    const executor = await createLocalExecutor({
      languages: ['python'],
      scratchMounts: '/dev/null/cannot-mount-here',
      onWarning: (message) => warnings.push(message),
    });
    try {
      assert.equal(executor.available, true, executor.unavailableReason);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0]!, /cannot mount the sandbox's capped tmpfs .*ENOTDIR.*no inode cap/);
      const code = 'import os\nfor n in range(20000):\n    open(f"/tmp/{n}", "w").close()\nprint(len(os.listdir("/tmp")))';
      const result = await executor.run(python(code));
      assertVerdict(result, 'ok');
      assert.equal(result.stdout, '20000\n', 'more files than the cap would allow');
    } finally {
      await executor.close?.();
    }
  });

  it('does not mount where the sandbox users could not reach the mounts', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('only a root server mounts');
    const closedParent = await mkdtemp(join(tmpdir(), 'ik-closed-scratch-'));
    const warnings: string[] = [];
    try {
      const executor = await createLocalExecutor({
        languages: ['python'],
        scratchMounts: join(closedParent, 'mounts'),
        onWarning: (message) => warnings.push(message),
      });
      assert.equal(executor.available, true, executor.unavailableReason);
      assert.match(warnings.join('\n'), new RegExp(`cannot reach ${closedParent} \\(chmod o\\+x`));
      assertVerdict(await executor.run(python('print(1)')), 'ok');
      await executor.close?.();
      assert.deepEqual(await readdir(join(closedParent, 'mounts')), [], 'nothing stays mounted');
    } finally {
      await rm(closedParent, { recursive: true, force: true });
    }
  });
});

describe('local sandbox executor that cannot sandbox here', () => {
  it('says it is unavailable, names the fix, and never runs code', async () => {
    const executor = await createLocalExecutor({ tools: { bwrap: '/nonexistent/bwrap' } });
    assert.equal(executor.available, false);
    assert.match(executor.unavailableReason ?? '', /apt-get install -y bubblewrap/);
    assert.deepEqual(await executor.languages(), []);
    await assert.rejects(executor.run(python('print(1)')), ExecutorUnavailableError);
  });

  it('refuses when the sandbox users could not reach their work directories', async (t) => {
    if (process.getuid?.() !== 0) return t.skip('only a root server switches to sandbox uids');
    const closedRoot = await mkdtemp(join(tmpdir(), 'ik-closed-root-'));
    try {
      const executor = await createLocalExecutor({ workRoot: closedRoot });
      assert.equal(executor.available, false);
      assert.match(executor.unavailableReason ?? '', /chmod o\+x/);
    } finally {
      await rm(closedRoot, { recursive: true, force: true });
    }
  });

  it('refuses when bubblewrap exists but cannot build the sandbox', async () => {
    // /usr/bin/false stands in for a bubblewrap that fails on this host.
    const executor = await createLocalExecutor({ tools: { bwrap: '/usr/bin/false' } });
    assert.equal(executor.available, false);
    assert.match(executor.unavailableReason ?? '', /sandbox does not work here/);
    await assert.rejects(executor.run(python('print(1)')), ExecutorUnavailableError);
  });
});
