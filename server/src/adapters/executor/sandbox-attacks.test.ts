import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { createLocalExecutor, DEFAULT_TMP_INODES, type LocalExecutor } from './local-executor.js';
import { DENIED_SYSCALLS } from './seccomp-filter.js';
import { assertHealthy, createTestExecutor, describeResult, python } from '../../testing/executor.js';
import { ExecutorUnavailableError, type RunResult } from './types.js';
import { createWorkDir } from './work-dir.js';

/**
 * The named attack suite against the real sandbox. Every attack is followed (afterEach) by a normal
 * run that must succeed, with no work directory left behind.
 */

function assertVerdict(result: RunResult, verdict: RunResult['verdict']): void {
  assert.equal(result.verdict, verdict, describeResult(result));
}

/** Host processes whose command line contains `marker`. */
async function processesWith(marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (cmdline.includes(marker)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Scratch tmpfs mounts that executors of process `pid` hold (see scratch-mounts.ts). */
function scratchMountsOf(pid: number): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point.startsWith(`/run/interview-kit/${pid}-`));
}

/** Python that starts `sleep` under the name `marker`, escaped: new session, double fork, parent gone. */
function escapee(marker: string): string {
  return [
    'import os',
    'if os.fork() == 0:',
    '    os.setsid()',
    '    if os.fork() == 0:',
    `        os.execv("/usr/bin/sleep", ["${marker}", "300"])`,
    '    os._exit(0)',
    'os.wait()',
  ].join('\n');
}

describe('sandbox attack suite', () => {
  let executor: LocalExecutor;
  let workRoot: string;
  let dispose: () => Promise<void>;
  let installed: string[];

  before(async () => {
    ({ executor, workRoot, dispose } = await createTestExecutor());
    installed = (await executor.languages()).map((language) => language.id);
  });
  after(() => dispose());
  afterEach(() => assertHealthy(executor, workRoot));

  it('fork bomb: contained by the process limit and the wall clock, and other runs are not starved', async () => {
    const bomb = 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass';
    const attack = executor.run(python(bomb, { wallMs: 3_000, processes: 32 }));
    // A normal run at the same time has its own uid, hence its own process budget.
    const neighbour = await executor.run(python('print("still here")'));
    assertVerdict(neighbour, 'ok');
    assert.equal(neighbour.stdout, 'still here\n');
    const result = await attack;
    assertVerdict(result, 'time_limit');
  });

  it('memory bomb (Python): ends with memory_limit', async () => {
    const result = await executor.run(python('blocks = []\nwhile True:\n    blocks.append(bytearray(10 * 1024 * 1024))', { memoryKb: 128 * 1024 }));
    assertVerdict(result, 'memory_limit');
    assert.match(result.stderr, /MemoryError/);
  });

  it('memory bomb (Node heap and buffers): ends with memory_limit', async () => {
    const heap = await executor.run({
      language: 'javascript',
      code: 'const keep = [];\nwhile (true) keep.push(new Array(1e6).fill(1.5));',
      stdin: '',
      limits: { memoryKb: 128 * 1024 },
    });
    assertVerdict(heap, 'memory_limit');
    const buffers = await executor.run({
      language: 'javascript',
      code: 'const keep = [];\nwhile (true) keep.push(Buffer.alloc(64 * 1024 * 1024, 1));',
      stdin: '',
      limits: { memoryKb: 128 * 1024 },
    });
    assertVerdict(buffers, 'memory_limit');
  });

  it('memory bomb (C++): ends with memory_limit', async (t) => {
    if (!installed.includes('cpp')) return t.skip('g++ is not installed here');
    const code = '#include <vector>\n#include <cstring>\nint main() {\n  std::vector<char*> keep;\n' +
      '  for (;;) { char* block = new char[16 << 20]; std::memset(block, 1, 16 << 20); keep.push_back(block); }\n}';
    const result = await executor.run({ language: 'cpp', code, stdin: '', limits: { memoryKb: 128 * 1024 } });
    assertVerdict(result, 'memory_limit');
    assert.match(result.stderr, /bad_alloc/);
  });

  it('CPU loop: killed at the CPU limit (SIGXCPU) with time_limit', async () => {
    const result = await executor.run(python('while True:\n    pass', { cpuMs: 1_000, wallMs: 10_000 }));
    assertVerdict(result, 'time_limit');
    assert.equal(result.signal, 'SIGXCPU');
  });

  it('CPU loop that ignores SIGXCPU: killed at the hard limit with time_limit', async () => {
    const code = 'import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True:\n    pass';
    const result = await executor.run(python(code, { cpuMs: 1_000, wallMs: 10_000 }));
    assertVerdict(result, 'time_limit');
    assert.equal(result.signal, 'SIGKILL');
  });

  it('sleeping past the wall limit: killed with time_limit, output before the kill kept', async () => {
    const result = await executor.run(python('import time\nprint("going to sleep", flush=True)\ntime.sleep(60)', { wallMs: 1_000 }));
    assertVerdict(result, 'time_limit');
    assert.equal(result.stdout, 'going to sleep\n');
  });

  it('100 MB output flood: cut at the cap, prefix kept, output_limit', async () => {
    const code = 'import sys\nsys.stdout.write("BEGIN\\n")\nchunk = "x" * (1024 * 1024)\nfor _ in range(100):\n    sys.stdout.write(chunk)';
    const result = await executor.run(python(code));
    assertVerdict(result, 'output_limit');
    assert.equal(result.truncated, true);
    assert.equal(Buffer.byteLength(result.stdout), 1024 * 1024);
    assert.ok(result.stdout.startsWith('BEGIN\nxxxx'));
  });

  it('huge requested limits are clamped to the policy maximum', async () => {
    const huge = { outputBytes: 1e12, memoryKb: 1e12, wallMs: 1e12, cpuMs: 1e12, processes: 1e9, fileSizeKb: 1e12 };
    const flood = await executor.run(python('import sys\nsys.stdout.write("y" * (6 * 1024 * 1024))', huge));
    assertVerdict(flood, 'output_limit');
    assert.equal(Buffer.byteLength(flood.stdout), 4 * 1024 * 1024, 'output capped at 4 MiB');
    const allocation = await executor.run(python('block = bytearray(700 * 1024 * 1024)\nprint(len(block))', huge));
    assertVerdict(allocation, 'memory_limit');
    const files = await executor.run(
      python(
        'for size in (12, 20):\n    try:\n        open(f"/tmp/f{size}", "wb").write(b"z" * (size * 1024 * 1024))\n' +
          '        print(size, "written")\n    except OSError as e:\n        print(size, "refused", e.errno)',
        huge,
      ),
    );
    assertVerdict(files, 'ok');
    assert.equal(files.stdout, '12 written\n20 refused 27\n', 'files up to 16 MiB, not beyond (EFBIG)');
  });

  it('disk fill in /tmp and /dev/shm: bounded private space, gone with the run', async () => {
    const code = [
      'import os',
      'def fill(directory):',
      '    written = 0',
      '    for n in range(10000):',
      '        try:',
      '            with open(f"{directory}/fill-{n}", "wb") as f:',
      '                for _ in range(8):',
      '                    f.write(b"d" * (1024 * 1024))',
      '                    written += 1024 * 1024',
      '        except OSError:',
      '            return written',
      '    return written',
      'print(fill("/tmp"), fill("/dev/shm"))',
      'for target in ("/box/fill", "/fill", "/usr/fill", "/dev/fill"):',
      '    try:',
      '        open(target, "wb").write(b"x")',
      '        print("wrote", target)',
      '    except OSError as e:',
      '        print("refused", target)',
    ].join('\n');
    const result = await executor.run(python(code));
    assertVerdict(result, 'ok');
    const [first, ...rest] = result.stdout.trim().split('\n');
    const [tmpBytes, shmBytes] = first!.split(' ').map(Number);
    assert.ok(tmpBytes! <= 40 * 1024 * 1024, `/tmp took ${tmpBytes} bytes`);
    assert.ok(shmBytes! <= 10 * 1024 * 1024, `/dev/shm took ${shmBytes} bytes`);
    assert.deepEqual(rest, ['refused /box/fill', 'refused /fill', 'refused /usr/fill', 'refused /dev/fill']);
    const next = await executor.run(python('import os\nprint(os.listdir("/tmp"), os.listdir("/dev/shm"))'));
    assert.equal(next.stdout, '[] []\n', 'the next run starts with an empty /tmp');
  });

  it('2 million empty files: stopped at the inode cap of /tmp and /dev/shm (ENOSPC), nothing left behind', async () => {
    const code = [
      'import os, time',
      'started = time.monotonic()',
      'def flood(directory):',
      '    for n in range(2_000_000):',
      '        try:',
      '            os.close(os.open(f"{directory}/{n}", os.O_CREAT | os.O_WRONLY, 0o600))',
      '        except OSError as error:',
      '            return n, error.errno',
      '    return n + 1, 0',
      'print(*flood("/tmp"), *flood("/dev/shm"), round(time.monotonic() - started, 1))',
    ].join('\n');
    const mountsBefore = scratchMountsOf(process.pid).length;
    const result = await executor.run(python(code));
    assertVerdict(result, 'ok');
    const [tmpFiles, tmpErrno, shmFiles, shmErrno] = result.stdout.trim().split(' ').map(Number);
    assert.equal(tmpErrno, 28, `/tmp stopped with ENOSPC: ${result.stdout}`);
    assert.ok(tmpFiles! <= DEFAULT_TMP_INODES, `${tmpFiles} files in /tmp`);
    assert.equal(shmErrno, 28, `/dev/shm shares the cap: ${result.stdout}`);
    assert.ok(tmpFiles! + shmFiles! <= DEFAULT_TMP_INODES, `${tmpFiles} + ${shmFiles} files`);
    // The run's tmpfs is gone with it: unmounted, not reused.
    assert.ok(scratchMountsOf(process.pid).length < mountsBefore, 'the filled tmpfs is unmounted');
    const next = await executor.run(python('import os\nprint(os.listdir("/tmp"), os.listdir("/dev/shm"))'));
    assert.equal(next.stdout, '[] []\n', 'the next run starts with an empty /tmp');
  });

  describe('seccomp filter', () => {
    const deniedNames = Object.entries(DENIED_SYSCALLS)
      .filter(([, numbers]) => numbers[process.arch === 'arm64' ? 1 : 0] !== null)
      .map(([name]) => name);

    it('refuses every denied system call with EPERM (C, raw syscalls)', async (t) => {
      if (!installed.includes('c')) return t.skip('gcc is not installed here');
      const column = process.arch === 'arm64' ? 1 : 0;
      const calls = deniedNames.map((name) => `  attempt("${name}", ${DENIED_SYSCALLS[name]![column]});`);
      // ptrace(PTRACE_TRACEME) would succeed without the filter: it goes last.
      const code = [
        '#define _GNU_SOURCE',
        '#include <errno.h>',
        '#include <sched.h>',
        '#include <signal.h>',
        '#include <stdio.h>',
        '#include <sys/syscall.h>',
        '#include <unistd.h>',
        'static void attempt(const char *name, long nr) {',
        '  errno = 0;',
        '  long r = syscall(nr, 0, 0, 0, 0, 0, 0);',
        '  printf("%s %ld %d\\n", name, r, r == -1 ? errno : 0);',
        '}',
        'int main(void) {',
        ...calls.filter((line) => !line.includes('"ptrace"')),
        `  attempt("ptrace", ${DENIED_SYSCALLS.ptrace![column]});`,
        '  return 0;',
        '}',
      ].join('\n');
      const result = await executor.run({ language: 'c', code, stdin: '' });
      assertVerdict(result, 'ok');
      const lines = result.stdout.trim().split('\n');
      assert.equal(lines.length, deniedNames.length, result.stdout);
      for (const line of lines) assert.match(line, / -1 1$/, `refused with EPERM: ${line}`);
    });

    it('refuses new namespaces, clone3 (ENOSYS), risky personalities and other ABIs; threads and fork work (C)', async (t) => {
      if (!installed.includes('c')) return t.skip('gcc is not installed here');
      const code = [
        '#define _GNU_SOURCE',
        '#include <errno.h>',
        '#include <pthread.h>',
        '#include <sched.h>',
        '#include <signal.h>',
        '#include <stdio.h>',
        '#include <sys/personality.h>',
        '#include <sys/syscall.h>',
        '#include <sys/wait.h>',
        '#include <unistd.h>',
        'static void *worker(void *arg) { return arg; }',
        'static void show(const char *name, long r) { printf("%s %d\\n", name, r == -1 ? errno : 0); }',
        'int main(void) {',
        '  errno = 0; show("unshare-user", syscall(SYS_unshare, CLONE_NEWUSER));',
        '  errno = 0; show("unshare-net", syscall(SYS_unshare, CLONE_NEWNET));',
        '  errno = 0; long child = syscall(SYS_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0);',
        '  if (child == 0) _exit(0);',
        '  show("clone-newns", child);',
        '  errno = 0; show("clone3", syscall(SYS_clone3, 0, 0));',
        '  errno = 0; show("personality", syscall(SYS_personality, ADDR_NO_RANDOMIZE));',
        '#if defined(__x86_64__)',
        '  errno = 0; show("x32", syscall(0x40000000 | SYS_getpid));',
        '  long i386;',
        '  __asm__ volatile ("int $0x80" : "=a"(i386) : "a"(20) : "memory");', // i386 getpid
        '  printf("i386 %d\\n", i386 < 0 ? (int)-i386 : 0);',
        '#else',
        '  puts("x32 1");',
        '  puts("i386 1");',
        '#endif',
        '  pthread_t thread;',
        '  printf("thread %d\\n", pthread_create(&thread, NULL, worker, NULL) == 0 && pthread_join(thread, NULL) == 0);',
        '  pid_t pid = fork();',
        '  if (pid == 0) _exit(7);',
        '  int status = 0;',
        '  waitpid(pid, &status, 0);',
        '  printf("fork %d\\n", WEXITSTATUS(status));',
        '  return 0;',
        '}',
      ].join('\n');
      const result = await executor.run({ language: 'c', code, stdin: '' });
      assertVerdict(result, 'ok');
      assert.equal(
        result.stdout,
        'unshare-user 1\nunshare-net 1\nclone-newns 1\nclone3 38\npersonality 1\nx32 1\ni386 1\nthread 1\nfork 7\n',
      );
    });

    it('refuses io_uring, keyrings, bpf, userfaultfd, perf_event_open and ptrace with EPERM (Python, ctypes)', async () => {
      const column = process.arch === 'arm64' ? 1 : 0;
      const names = ['io_uring_setup', 'keyctl', 'add_key', 'request_key', 'bpf', 'userfaultfd', 'perf_event_open', 'ptrace'];
      const code = [
        'import ctypes, os',
        'libc = ctypes.CDLL(None, use_errno=True)',
        'libc.syscall.restype = ctypes.c_long',
        `for name, nr in ${JSON.stringify(names.map((name) => [name, DENIED_SYSCALLS[name]![column]]))}:`,
        '    ctypes.set_errno(0)',
        '    r = libc.syscall(nr, 0, 0, 0, 0, 0, 0)',
        '    print(name, r, ctypes.get_errno() if r == -1 else 0)',
      ].join('\n');
      const result = await executor.run(python(code));
      assertVerdict(result, 'ok');
      assert.equal(result.stdout, names.map((name) => `${name} -1 1\n`).join(''));
    });

    it('every run gets the whole filter and an empty kernel command line, one after another and side by side', async () => {
      const code = [
        'import ctypes, re',
        'libc = ctypes.CDLL(None, use_errno=True)',
        'status = open("/proc/self/status").read()',
        'print(re.search(r"^Seccomp:\\s+(\\d+)", status, re.M).group(1), repr(open("/proc/cmdline").read()),',
        `      libc.syscall(${DENIED_SYSCALLS.keyctl![process.arch === 'arm64' ? 1 : 0]}, 0, 0, 0, 0, 0), ctypes.get_errno())`,
      ].join('\n');
      for (let round = 0; round < 3; round++) {
        const results = await Promise.all([1, 2, 3].map(() => executor.run(python(code))));
        for (const result of results) {
          assertVerdict(result, 'ok');
          // Mode 2: a filter is installed; keyctl refused with EPERM.
          assert.equal(result.stdout, "2 '' -1 1\n");
        }
      }
    });

    // Each language starts a thread and talks to itself over TCP on the sandbox's own loopback.
    const THREADS_AND_SOCKETS: Record<string, string> = {
      python: [
        'import socket, threading',
        'server = socket.create_server(("127.0.0.1", 0))',
        'def serve():',
        '    connection, _ = server.accept()',
        '    connection.sendall(connection.recv(100).upper())',
        '    connection.close()',
        'thread = threading.Thread(target=serve)',
        'thread.start()',
        'client = socket.create_connection(server.getsockname())',
        'client.sendall(b"ok")',
        'print(client.recv(100).decode())',
        'thread.join()',
      ].join('\n'),
      // libuv's thread pool (worker_threads need more address space than RLIMIT_AS leaves Node).
      javascript: [
        "const net = require('net');",
        "require('crypto').pbkdf2('ok', 'salt', 1000, 8, 'sha256', async (error) => {",
        '  if (error) throw error;',
        "  await require('fs').promises.readFile('main.js');",
        "  const server = net.createServer((socket) => socket.on('data', (data) => socket.end(String(data).toUpperCase())));",
        "  server.listen(0, '127.0.0.1', () => {",
        "    const client = net.connect(server.address().port, '127.0.0.1', () => client.write('ok'));",
        "    client.on('data', (data) => { console.log(String(data)); server.close(); });",
        '  });',
        '});',
      ].join('\n'),
      java: [
        'import java.io.*;',
        'import java.net.*;',
        'public class Main {',
        '  public static void main(String[] args) throws Exception {',
        '    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());',
        '    Thread thread = new Thread(() -> {',
        '      try (Socket s = server.accept()) { s.getOutputStream().write(s.getInputStream().read() == 1 ? "OK".getBytes() : "no".getBytes()); }',
        '      catch (IOException e) { throw new UncheckedIOException(e); }',
        '    });',
        '    thread.start();',
        '    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {',
        '      client.getOutputStream().write(1);',
        '      System.out.println(new String(client.getInputStream().readAllBytes()));',
        '    }',
        '    thread.join();',
        '  }',
        '}',
      ].join('\n'),
      go: [
        'package main',
        'import (',
        '  "fmt"',
        '  "net"',
        ')',
        'func main() {',
        '  listener, err := net.Listen("tcp", "127.0.0.1:0")',
        '  if err != nil { panic(err) }',
        '  go func() {',
        '    conn, _ := listener.Accept()',
        '    conn.Write([]byte("OK"))',
        '    conn.Close()',
        '  }()',
        '  conn, err := net.Dial("tcp", listener.Addr().String())',
        '  if err != nil { panic(err) }',
        '  buffer := make([]byte, 2)',
        '  conn.Read(buffer)',
        '  fmt.Println(string(buffer))',
        '}',
      ].join('\n'),
      ruby: [
        "require 'socket'",
        "server = TCPServer.new('127.0.0.1', 0)",
        'thread = Thread.new { client = server.accept; client.write(client.read(2).upcase); client.close }',
        "client = TCPSocket.new('127.0.0.1', server.addr[1])",
        "client.write('ok')",
        'puts client.read',
        'thread.join',
      ].join('\n'),
      cpp: [
        '#include <arpa/inet.h>',
        '#include <iostream>',
        '#include <netinet/in.h>',
        '#include <sys/socket.h>',
        '#include <thread>',
        '#include <unistd.h>',
        'int main() {',
        '  int server = socket(AF_INET, SOCK_STREAM, 0);',
        '  sockaddr_in address{};',
        '  address.sin_family = AF_INET;',
        '  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);',
        '  socklen_t length = sizeof address;',
        '  if (bind(server, (sockaddr*)&address, length) || listen(server, 1) || getsockname(server, (sockaddr*)&address, &length)) return 2;',
        '  std::thread peer([&] { int c = accept(server, nullptr, nullptr); write(c, "OK", 2); close(c); });',
        '  int client = socket(AF_INET, SOCK_STREAM, 0);',
        '  if (connect(client, (sockaddr*)&address, length)) return 3;',
        '  char buffer[3] = {};',
        '  read(client, buffer, 2);',
        '  peer.join();',
        '  std::cout << buffer << std::endl;',
        '}',
      ].join('\n'),
    };

    for (const [language, code] of Object.entries(THREADS_AND_SOCKETS)) {
      it(`${language}: threads and a loopback socket in the empty network namespace still work`, async (t) => {
        if (!installed.includes(language)) return t.skip(`${language} is not installed here`);
        const result = await executor.run({ language, code, stdin: '' });
        assertVerdict(result, 'ok');
        assert.equal(result.stdout, 'OK\n');
      });
    }
  });

  describe('what the sandbox reveals of the host', () => {
    const hostCommandLine = readFileSync('/proc/cmdline', 'utf8').trim();
    const reader = [
      'import sys',
      'for path in ("/proc/cmdline", "/proc/1/cmdline", "/proc/self/mountinfo", "/proc/self/mounts"):',
      '    with open(path, "rb") as f:',
      '        print(f"== {path}", f.read().replace(b"\\0", b" ").decode())',
    ].join('\n');

    /** Host paths a run must not see: its work root, the scratch mounts' base, the temp dir. */
    function assertNoHostPath(text: string): void {
      for (const path of [workRoot, '/run/interview-kit', `${tmpdir()}/ik-`, 'ik-executor-test']) {
        assert.ok(!text.includes(path), `"${path}" is visible:\n${text}`);
      }
    }

    it('an empty kernel command line, no host path in pid 1\'s command line or in the mount table', async () => {
      const result = await executor.run(python(reader));
      assertVerdict(result, 'ok');
      const sections = Object.fromEntries(
        result.stdout.split(/^== /m).filter(Boolean).map((section) => {
          const newline = section.indexOf(' ');
          return [section.slice(0, newline), section.slice(newline + 1).trim()];
        }),
      );
      assert.equal(sections['/proc/cmdline'], '', 'the kernel command line is masked');
      if (hostCommandLine) assert.ok(!result.stdout.includes(hostCommandLine));
      assert.match(sections['/proc/1/cmdline']!, /^\S*bwrap --args \d+ -- \S*python\S* -u main\.py$/);
      assert.match(sections['/proc/self/mountinfo']!, / \/box /, 'the work directory is mounted');
      assertNoHostPath(result.stdout);
    });

    it('a compiled program (writable work directory while compiling) sees no host path either', async (t) => {
      if (!installed.includes('c')) return t.skip('gcc is not installed here');
      const code = [
        '#include <stdio.h>',
        'int main(void) {',
        '  const char *paths[] = {"/proc/cmdline", "/proc/1/cmdline", "/proc/self/mountinfo"};',
        '  for (int i = 0; i < 3; i++) {',
        '    FILE *f = fopen(paths[i], "r");',
        '    int c;',
        '    while ((c = fgetc(f)) != EOF) putchar(c ? c : 32);',
        '    fclose(f);',
        '  }',
        '  return 0;',
        '}',
      ].join('\n');
      const result = await executor.run({ language: 'c', code, stdin: '' });
      assertVerdict(result, 'ok');
      assert.match(result.stdout, /bwrap --args \d+ -- \/box\/main/);
      assertNoHostPath(result.stdout);
    });
  });

  describe('compiled programs and their reused artefacts', () => {
    /** Each attempt prints 0 when it succeeded, else -1; then the program prints its own marker. */
    const tamperingCpp = [
      '#include <cstdio>',
      '#include <fcntl.h>',
      '#include <sys/stat.h>',
      '#include <unistd.h>',
      'int main() {',
      '  int fd = open("/box/main", O_WRONLY | O_TRUNC);',
      '  int self = open("/proc/self/exe", O_WRONLY);',
      '  printf("%d %d %d %d %d %d\\n", fd < 0 ? -1 : 0, self < 0 ? -1 : 0, chmod("/box/main", 0777), unlink("/box/main"),',
      '         rename("/box/main", "/box/other"), access("/prebuilt", F_OK));',
      '  puts("original");',
      '  return 0;',
      '}',
    ].join('\n');

    it('a C++ program cannot change, replace or remove its binary, and the next run of the same code reuses it intact', async (t) => {
      if (!installed.includes('cpp')) return t.skip('g++ is not installed here');
      const first = await executor.run({ language: 'cpp', code: tamperingCpp, stdin: '' });
      assertVerdict(first, 'ok');
      assert.equal(first.stdout, '-1 -1 -1 -1 -1 -1\noriginal\n', 'every change refused; the prebuilt files are not in a run');
      const compiles = executor.compiles;
      const second = await executor.run({ language: 'cpp', code: tamperingCpp, stdin: '' });
      assertVerdict(second, 'ok');
      assert.equal(second.stdout, first.stdout);
      assert.equal(executor.compiles, compiles, 'the second run reused the compiled binary');
    });

    it('a Java program cannot overwrite or delete its class files, and the next run of the same code reuses them intact', async (t) => {
      if (!installed.includes('java')) return t.skip('the JDK is not installed here');
      const code = [
        'import java.io.*;',
        'import java.nio.file.*;',
        'public class Main {',
        '  static String attempt(Runnable action) {',
        '    try { action.run(); return "done"; } catch (RuntimeException e) { return "refused"; }',
        '  }',
        '  public static void main(String[] args) {',
        '    System.out.println(attempt(() -> { try (var out = new FileOutputStream("Main.class")) { out.write(0); } catch (IOException e) { throw new UncheckedIOException(e); } }));',
        '    System.out.println(attempt(() -> { try { Files.delete(Path.of("/box/Main.class")); } catch (IOException e) { throw new UncheckedIOException(e); } }));',
        '    System.out.println(new File("/box/Main.class").setWritable(true) ? "done" : "refused");',
        '    System.out.println("original");',
        '  }',
        '}',
      ].join('\n');
      const first = await executor.run({ language: 'java', code, stdin: '' });
      assertVerdict(first, 'ok');
      assert.equal(first.stdout, 'refused\nrefused\nrefused\noriginal\n');
      const compiles = executor.compiles;
      const second = await executor.run({ language: 'java', code, stdin: '' });
      assertVerdict(second, 'ok');
      assert.equal(second.stdout, first.stdout);
      assert.equal(executor.compiles, compiles, 'the second run reused the compiled classes');
    });
  });

  describe('network', () => {
    let server: Server;
    let port: number;
    let connections = 0;

    before(async () => {
      server = createServer((socket) => {
        connections++;
        socket.end('secret from the host\n');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** A Python program that tries the host's loopback port, name resolution and the metadata address, and lists its interfaces. */
    const networkProbe = () =>
      [
        'import socket',
        'def attempt(action):',
        '    try:',
        '        action()',
        '        return "open"',
        '    except Exception as error:',
        '        return "blocked"',
        'def connect(host, port):',
        '    socket.create_connection((host, port), timeout=2).recv(100)',
        `print("loopback", attempt(lambda: connect("127.0.0.1", ${port})))`,
        'print("dns", attempt(lambda: socket.getaddrinfo("example.com", 80)))',
        'print("metadata", attempt(lambda: connect("169.254.169.254", 80)))',
        'print("interfaces", sorted(name for _, name in socket.if_nameindex()))',
      ].join('\n');
    const ALL_BLOCKED = "loopback blocked\ndns blocked\nmetadata blocked\ninterfaces ['lo']\n";

    it('cannot reach a host loopback port, resolve names, or reach the metadata address', async () => {
      const result = await executor.run(python(networkProbe()));
      assertVerdict(result, 'ok');
      assert.equal(result.stdout, ALL_BLOCKED);
      assert.equal(connections, 0, 'the host port never saw a connection');
    });

    it('an interactive run is as closed: no network, and no sight of another run in progress', async () => {
      const marker = `other-run-${randomBytes(6).toString('hex')}`;
      const other = executor.run(python(`import os\nos.execv("/usr/bin/sleep", ["${marker}", "1.5"])`));
      while ((await processesWith(marker)).length === 0) await new Promise((resolve) => setImmediate(resolve));
      let stdout = '';
      const result = await executor.interactive!(
        { language: 'python', mode: 'repl', code: '', idleMs: 10_000, maxMs: 20_000 },
        {
          onOutput: (stream, chunk) => {
            if (stream === 'stdout') stdout += chunk;
          },
          onStart: (control) => {
            control.write(`exec(${JSON.stringify(networkProbe())})\n`);
            control.write(`import os\nprint("seen", [p for p in os.listdir("/proc") if p.isdigit() and b"${marker}" in open(f"/proc/{p}/cmdline", "rb").read()])\n`);
            control.closeInput();
          },
        },
      );
      assert.equal(result.reason, 'exit');
      assert.equal(stdout, `${ALL_BLOCKED}seen []\n`);
      assert.equal(connections, 0, 'the host port never saw a connection');
      assertVerdict(await other, 'ok');
    });
  });

  describe('host secrets', () => {
    let dataDir: string;
    let secretFile: string;
    const secret = `top-secret-${randomBytes(8).toString('hex')}`;
    const jwtSecret = `fake-jwt-secret-${randomBytes(8).toString('hex')}`;
    let previousJwtSecret: string | undefined;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'ik-data-dir-'));
      secretFile = join(dataDir, 'secret.txt');
      await writeFile(secretFile, secret, { mode: 0o644 });
      previousJwtSecret = process.env.JWT_SECRET;
      process.env.JWT_SECRET = jwtSecret;
    });
    after(async () => {
      if (previousJwtSecret === undefined) delete process.env.JWT_SECRET;
      else process.env.JWT_SECRET = previousJwtSecret;
      await rm(dataDir, { recursive: true, force: true });
    });

    it('cannot read host files: a data-dir secret, /etc/shadow, the server', async () => {
      const code = [
        `for path in ("${secretFile}", "/etc/shadow", "/etc/passwd", "/root", "${process.cwd()}/package.json"):`,
        '    try:',
        '        print(path, "READ", open(path).read()[:50])',
        '    except OSError as error:',
        '        print(path, "refused")',
      ].join('\n');
      const result = await executor.run(python(code));
      assertVerdict(result, 'ok');
      assert.ok(!result.stdout.includes(secret), result.stdout);
      assert.ok(!result.stdout.includes('READ'), result.stdout);
    });

    it("sees only its own environment and processes, never the server's secrets", async () => {
      const code = [
        'import os',
        'print(sorted(os.environ))',
        'pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())',
        'print("pids", len(pids))',
        'for pid in pids:',
        '    try:',
        '        print(pid, open(f"/proc/{pid}/environ", "rb").read())',
        '    except OSError:',
        '        print(pid, "environ refused")',
      ].join('\n');
      const result = await executor.run(python(code));
      assertVerdict(result, 'ok');
      assert.ok(!result.stdout.includes(jwtSecret), 'JWT_SECRET is nowhere in the sandbox');
      assert.ok(!result.stdout.includes('JWT_SECRET'), result.stdout);
      const [variables, pidLine, initLine] = result.stdout.split('\n');
      assert.equal(variables, "['HOME', 'LANG', 'LC_ALL', 'PATH', 'PWD', 'TMPDIR']");
      assert.ok(Number(pidLine!.split(' ')[1]) <= 3, `only the sandbox's processes are visible: ${pidLine}`);
      assert.equal(initLine, "1 b''", 'the sandbox init has an empty environment');
    });
  });

  it("cannot use descriptors the server inherited from whoever started it", async () => {
    // A server process started with an extra descriptor (not close-on-exec) whose other end the
    // test holds, as a supervisor's pipe or a socket-activation socket would be. Node itself marks
    // fds 0-15 close-on-exec at start-up, so the descriptor sits above them.
    const inheritedFd = 40;
    const program = [
      'import os',
      `for attempt in (lambda: os.write(${inheritedFd}, b"LEAKED"), lambda: open("/proc/self/fd/${inheritedFd}", "w").write("LEAKED")):`,
      '    try:',
      '        attempt()',
      '    except OSError as error:',
      '        pass',
      `print(os.readlink("/proc/self/fd/${inheritedFd}") if os.path.exists("/proc/self/fd/${inheritedFd}") else "closed")`,
    ].join('\n');
    const server = [
      `import { createLocalExecutor } from ${JSON.stringify(new URL('./local-executor.ts', import.meta.url).pathname)};`,
      `const executor = await createLocalExecutor({ languages: ['python'], workRoot: ${JSON.stringify(workRoot)} });`,
      `const result = await executor.run({ language: 'python', code: ${JSON.stringify(program)}, stdin: '' });`,
      'process.stdout.write(JSON.stringify(result));',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', server], {
      stdio: ['ignore', 'pipe', 'inherit', ...Array<'ignore'>(inheritedFd - 3).fill('ignore'), 'pipe'],
    });
    let received = '';
    (child.stdio as unknown as Readable[])[inheritedFd]!.on('data', (chunk: Buffer) => (received += chunk));
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const result = JSON.parse(output) as RunResult;
    assertVerdict(result, 'ok');
    assert.match(result.stdout, /^(closed|\/dev\/null)\n$/);
    assert.equal(received, '', 'nothing reached the inherited descriptor');
  });

  describe('symbolic links planted where the host reads or writes', () => {
    let hostDir: string;
    let hostFile: string;

    before(async () => {
      hostDir = await mkdtemp(join(tmpdir(), 'ik-host-files-'));
      hostFile = join(hostDir, 'precious.txt');
      await writeFile(hostFile, 'precious host data\n', { mode: 0o644 });
    });
    after(() => rm(hostDir, { recursive: true, force: true }));

    const assertHostIntact = async () => {
      assert.equal(await readFile(hostFile, 'utf8'), 'precious host data\n');
      assert.equal((await stat(hostFile)).mode & 0o777, 0o644);
      assert.deepEqual(await readdir(hostDir), ['precious.txt']);
    };

    it('a program cannot replace its source or work dir entries with links to host files', async () => {
      const code = [
        'import os',
        `target = "${hostFile}"`,
        'for action, args in ((os.remove, ("main.py",)), (os.symlink, (target, "main.py")), (os.symlink, (target, "link")),',
        '                     (os.symlink, ("/", "/box/root")), (os.rename, ("main.py", "moved.py"))):',
        '    try:',
        '        action(*args)',
        '        print(action.__name__, "done")',
        '    except OSError:',
        '        print(action.__name__, "refused")',
        'os.symlink(target, "/tmp/link-to-host")',
        'os.symlink("/tmp", "/tmp/loop")',
        'print(open("/tmp/link-to-host").read() if os.path.exists("/tmp/link-to-host") else "dangling")',
      ].join('\n');
      const result = await executor.run(python(code));
      assertVerdict(result, 'ok');
      assert.equal(result.stdout, 'remove refused\nsymlink refused\nsymlink refused\nsymlink refused\nrename refused\ndangling\n');
      await assertHostIntact();
    });

    it('a compiled program (writable work dir while compiling) cannot make cleanup follow links', async (t) => {
      if (!installed.includes('c')) return t.skip('gcc is not installed here');
      const code = '#include <stdio.h>\n#include <unistd.h>\nint main(void) {\n' +
        `  printf("%d %d\\n", symlink("${hostFile}", "/box/evil"), unlink("/box/main.c"));\n  return 0;\n}`;
      const result = await executor.run({ language: 'c', code, stdin: '' });
      assertVerdict(result, 'ok');
      assert.equal(result.stdout, '-1 -1\n', 'the program sees its work dir read-only');
      await assertHostIntact();
    });

    it('cleanup removes links themselves and never what they point to', async () => {
      const workDir = await createWorkDir(workRoot, null);
      await workDir.write('main.py', 'print(1)');
      await symlink(hostFile, join(workDir.path, 'file-link'));
      await symlink(hostDir, join(workDir.path, 'dir-link'));
      await mkdir(join(workDir.path, 'nested'));
      await symlink(hostDir, join(workDir.path, 'nested', 'deeper-link'));
      await assert.rejects(workDir.write('file-link', 'overwritten?'), /EEXIST/, 'writes never go through a planted link');
      await workDir.remove();
      await assert.rejects(stat(workDir.path), /ENOENT/);
      await assertHostIntact();
    });
  });

  it('50 concurrent runs without a queue, every fifth aborted mid-run: own output each, all cleaned up', async () => {
    const runs = Array.from({ length: 50 }, async (_, i) => {
      if (i % 5 !== 0) return executor.run(python(`print(${i})`));
      const controller = new AbortController();
      return executor.run(python('import time\nprint("started", flush=True)\ntime.sleep(30)'), {
        signal: controller.signal,
        onOutput: () => controller.abort(new Error(`stop ${i}`)),
      });
    });
    const settled = await Promise.allSettled(runs);
    settled.forEach((outcome, i) => {
      if (i % 5 === 0) {
        assert.equal(outcome.status, 'rejected');
        assert.match(String((outcome as PromiseRejectedResult).reason), new RegExp(`stop ${i}$`));
      } else {
        assert.equal(outcome.status, 'fulfilled', String((outcome as PromiseRejectedResult).reason));
        const result = (outcome as PromiseFulfilledResult<RunResult>).value;
        assertVerdict(result, 'ok');
        assert.equal(result.stdout, `${i}\n`);
      }
    });
  });

  it('sandboxes the host has not reaped yet do not exhaust a uid\'s process limit', async () => {
    // bubblewrap leaves each sandbox's init for the host's init to reap. One uid, a small process
    // limit and runs in quick succession: without bookkeeping, unreaped inits would fill the limit
    // and bubblewrap could no longer fork.
    const single = await createLocalExecutor({ workRoot, uidBase: 62000, uidCount: 1, languages: ['python'] });
    for (let i = 0; i < 12; i++) {
      try {
        const result = await single.run(python(`print(${i})`, { processes: 8 }));
        assertVerdict(result, 'ok');
        assert.equal(result.stdout, `${i}\n`);
      } catch (error) {
        // A host that never reaps gets the remedy instead of mysterious fork failures.
        assert.ok(error instanceof ExecutorUnavailableError, String(error));
        assert.match(error.message, /docker run --init/);
        return;
      }
    }
  });

  it('escaped background processes (setsid + double fork) die with the run', async () => {
    const marker = `ik-escapee-${randomBytes(6).toString('hex')}`;
    const result = await executor.run(python(escapee(marker)));
    assertVerdict(result, 'ok');
    assert.deepEqual(await processesWith(marker), []);
  });

  it('escaped background processes die with a run killed at the wall limit', async () => {
    const marker = `ik-escapee-${randomBytes(6).toString('hex')}`;
    const result = await executor.run(python(`${escapee(marker)}\nimport time\ntime.sleep(60)`, { wallMs: 1_500 }));
    assertVerdict(result, 'time_limit');
    assert.deepEqual(await processesWith(marker), []);
  });
});
