import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SANDBOX_PREBUILT_DIR, SANDBOX_WORK_DIR, type SandboxLauncher } from './sandbox-command.js';
import { JAVAC_LAUNCHER_CLASS, JAVAC_LAUNCHER_SOURCE, JAVAC_WARM_LAUNCHER, NODE_WARM_LAUNCHER, PYTHON_WARM_LAUNCHER } from './warm-launchers.js';
import { bindsFor, executable, firstExecutable, realFile } from './toolchain-paths.js';
import type { LanguageInfo } from './types.js';
import { directoryOf, entryContent, sourcesOf, type Program, type ProjectFile } from './program.js';

/**
 * The languages the local sandbox can run: how to find each toolchain (never through PATH, so no
 * version-manager shims), how to compile and how to run a program, and what address-space limit
 * each runtime tolerates.
 *
 * A program is a project (`program.ts`): every file at its path, and an entry. Interpreters run the
 * entry file; TypeScript transpiles every `.ts` file and runs the entry's `.js`; Java compiles every
 * `.java` file and starts the entry's class; C and C++ compile every `.c` (`.cpp`, `.cc`) file into one
 * binary (headers are found by the compiler's `#include "…"` rules); Go builds the `.go` files of the
 * entry's directory.
 */

/** One command of a run (compile or execute), as it runs inside the sandbox. */
export interface Stage {
  argv: string[];
  env?: Record<string, string>;
  /** RLIMIT_AS in KiB; `null` for none. */
  addressSpaceKb: number | null;
}

/** A toolchain found on this machine. */
export interface Toolchain {
  info: LanguageInfo;
  /** Real absolute paths of the binaries the language uses, by role (`run`, `compile`). */
  paths: Record<string, string>;
  /** Host directories outside /usr the toolchain needs, mounted read-only. */
  binds: string[];
  /** File name a single-file program's source is written to. */
  sourceName(code: string): string;
  /**
   * In-process text transformation before the sandbox (TypeScript → JavaScript): the files to
   * write instead of the program's (the entry stays the source's path; `run` knows its output's).
   */
  transpile?(program: Program): Promise<{ files: ProjectFile[] } | { error: string }>;
  /**
   * The compile command. `prebuilt` is true when the recipe's output is ready at
   * `SANDBOX_PREBUILT_DIR`; it may only make the compile faster, never change what it produces.
   */
  compile?(memoryKb: number, program: Program, prebuilt?: boolean): Stage;
  /** What the server prepares once for the compiler, outside the sandbox (see `prebuilt.ts`). */
  prebuilt?: PrebuiltRecipe;
  run(memoryKb: number, program: Program): Stage;
  /**
   * The language's REPL reading stdin, for interactive runs: with `code`, the REPL runs it first
   * where the interpreter can (Python), from the source file the program would be written to.
   */
  repl?(memoryKb: number, code: string): Stage;
  /**
   * For interpreters whose run command depends only on the entry's path: the launcher that lets the
   * interpreter start in a warm sandbox before the program is known (see `warm-launchers.ts`).
   */
  launcher?: SandboxLauncher;
  /** For compilers that can start in a warm sandbox before the sources exist (javac). */
  warmCompiler?: WarmCompiler;
}

/**
 * A compiler started ahead of its sources (see `warm-launchers.ts`): its launcher is one of the
 * `prebuilt` files, so it is only used once they are ready.
 */
export interface WarmCompiler {
  /** The command of a warm compile sandbox, with the runtime flags of the cold compile. */
  stage(memoryKb: number): Stage;
  /** What the launcher is given at the hand-over for `program`: the cold compile's arguments after the runtime's own. */
  arguments(program: Program): string[];
  launcher: SandboxLauncher;
}

/** Files that make a compiler start faster, built once per server process from fixed input. */
export interface PrebuiltRecipe {
  /** Builds into `dir` (empty, the server's) with the trusted toolchain; `memoryKb` is the compile's; `signal` stops it. */
  build(dir: string, memoryKb: number, signal: AbortSignal): Promise<void>;
}

/**
 * Runs a trusted toolchain binary on the server's own fixed input, at the lowest CPU priority, in
 * a process group of its own that `signal` (or two minutes) kills whole (the compiler's children too).
 */
function runTrusted(argv: string[], options: { cwd: string; env?: Record<string, string>; signal: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/nice', ['-n', '19', ...argv], {
      cwd: options.cwd,
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4096)));
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Gone already.
      }
    };
    const timer = setTimeout(kill, 120_000);
    options.signal.addEventListener('abort', kill, { once: true });
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', kill);
      if (code === 0) resolve();
      else reject(new Error(`${argv[0]} ${killedBy ? `killed (${killedBy})` : `exited with ${code}`}: ${stderr.trim()}`));
    });
  });
}

/** Runs `use` in a fresh private temporary directory, removed afterwards. */
async function inTempDir(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ik-prebuild-'));
  try {
    await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Room for the virtual ranges that V8 and the JVM reserve on start beyond their heap. Measured:
 * Node 20 with --disable-wasm-trap-handler and the JVM 17 flags below start with heap + 512 MiB.
 */
const RUNTIME_RESERVE_KB = 768 * 1024;

const mib = (kb: number) => Math.max(16, Math.floor(kb / 1024));

/** Output of a trusted toolchain binary asked for its version (both streams). */
function versionOutput(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(binary, args, { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' }, timeout: 10_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}\n${stderr}`),
    );
  });
}

function match(text: string, pattern: RegExp): string | null {
  return pattern.exec(text)?.[1] ?? null;
}

const nodeBinary = executable(process.execPath);
/** Node's own flags: heap cap instead of RLIMIT_AS-hostile reservations; ESM or CommonJS by content. */
function nodeStage(memoryKb: number, entry: string): Stage {
  const detect = process.allowedNodeEnvironmentFlags.has('--experimental-detect-module');
  return nodeWith(memoryKb, [...(detect ? ['--experimental-detect-module'] : []), entry]);
}

/** Node's REPL (`-i`: even though stdin is a pipe); code given to it is not run. */
const nodeReplStage = (memoryKb: number): Stage => nodeWith(memoryKb, ['-i']);

function nodeWith(memoryKb: number, args: string[]): Stage {
  return {
    argv: [nodeBinary!, '--disable-wasm-trap-handler', `--max-old-space-size=${mib(memoryKb)}`, ...args],
    addressSpaceKb: memoryKb + RUNTIME_RESERVE_KB,
  };
}

function jvmFlags(memoryKb: number, prefix = ''): string[] {
  return [
    `-Xmx${mib(memoryKb)}m`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:-UsePerfData',
    '-XX:MaxMetaspaceSize=128m',
    '-XX:ReservedCodeCacheSize=64m',
    '-XX:CompressedClassSpaceSize=64m',
    '-XX:MaxDirectMemorySize=64m',
  ].map((flag) => prefix + flag);
}

/**
 * glibc gives each thread that allocates its own malloc arena, reserving 64-128 MiB of address space
 * apiece; the JVM's many threads then exhaust RLIMIT_AS at random ("malloc failed to allocate 32
 * bytes", about one javac in four here). Two arenas serve an interview program's threads well.
 */
const JVM_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: '2' });

/** The class `java` must start: the public top-level type, else the first class, else `Main`. */
export function javaMainClass(code: string): string {
  return (
    match(code, /^\s*public\s+(?:(?:final|abstract|sealed|strictfp)\s+)*(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)/m) ??
    match(code, /^\s*(?:(?:final|abstract)\s+)*class\s+([A-Za-z_$][\w$]*)/m) ??
    'Main'
  );
}

/** The main class with its package, as `java` needs it (`javac -d .` puts it under the package's path). */
function javaQualifiedMainClass(code: string): string {
  const pkg = match(code, /^\s*package\s+([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*;/m);
  return pkg ? `${pkg.replace(/\s+/g, '')}.${javaMainClass(code)}` : javaMainClass(code);
}

/** The class-data sharing archive of javac, in the prebuilt directory. */
const JAVAC_ARCHIVE = 'javac.jsa';

const requireHere = createRequire(import.meta.url);

interface Detector {
  id: string;
  detect(): Promise<Toolchain | null>;
}

function info(id: string, name: string, version: string, compiled: boolean): LanguageInfo {
  return { id, name, version, compiled };
}

const DETECTORS: Detector[] = [
  {
    id: 'python',
    async detect() {
      const python = firstExecutable(['/usr/bin/python3', '/usr/local/bin/python3']);
      if (!python) return null;
      const version = match(await versionOutput(python, ['--version']), /Python (\S+)/);
      if (!version) return null;
      return {
        info: info('python', 'Python 3', version, false),
        paths: { run: python },
        binds: bindsFor(python),
        sourceName: () => 'main.py',
        run: (memoryKb, program) => ({ argv: [python, '-u', program.entry], addressSpaceKb: memoryKb }),
        // -i: prompts and the REPL even though stdin is a pipe; -q: no banner.
        repl: (memoryKb, code) => ({ argv: [python, '-u', '-q', '-i', ...(code ? ['main.py'] : [])], addressSpaceKb: memoryKb }),
        launcher: PYTHON_WARM_LAUNCHER,
      };
    },
  },
  {
    id: 'javascript',
    async detect() {
      if (!nodeBinary) return null;
      return {
        info: info('javascript', 'JavaScript (Node.js)', process.versions.node, false),
        paths: { run: nodeBinary },
        binds: bindsFor(nodeBinary),
        sourceName: () => 'main.js',
        run: (memoryKb, program) => nodeStage(memoryKb, program.entry),
        repl: nodeReplStage,
        launcher: NODE_WARM_LAUNCHER,
      };
    },
  },
  {
    id: 'typescript',
    async detect() {
      if (!nodeBinary) return null;
      let version: string;
      try {
        version = (requireHere('typescript/package.json') as { version: string }).version;
      } catch {
        return null;
      }
      return {
        info: info('typescript', 'TypeScript', version, true),
        paths: { run: nodeBinary },
        binds: bindsFor(nodeBinary),
        sourceName: () => 'main.ts',
        transpile: transpileTypeScript,
        run: (memoryKb, program) => nodeStage(memoryKb, javaScriptPathOf(program.entry)),
        launcher: NODE_WARM_LAUNCHER,
      };
    },
  },
  gccDetector('c', 'C', '/usr/bin/gcc', 'main.c', ['.c'], ['-std=gnu17'], []),
  // Headers a C++ program most often includes first: precompiled, they take a hello world's compile
  // from ~0.3 s to ~0.1 s of CPU, and one starting with <bits/stdc++.h> from ~1.5 s to ~0.4 s.
  gccDetector('cpp', 'C++', '/usr/bin/g++', 'main.cpp', ['.cpp', '.cc', '.cxx'], ['-std=gnu++20'], ['iostream', 'bits/stdc++.h']),
  {
    id: 'java',
    async detect() {
      const java = executable('/usr/bin/java');
      const javac = executable('/usr/bin/javac');
      if (!java || !javac) return null;
      const version = match(await versionOutput(java, ['-version']), /version "([^"]+)"/);
      if (!version) return null;
      const home = dirname(dirname(java));
      const binds = [...bindsFor(java), ...bindsFor(javac)];
      // Debian's JDK links its configuration into /etc/java-<n>-openjdk.
      const security = realFile(`${home}/conf/security/java.security`);
      if (security && !security.startsWith('/usr/')) binds.push(dirname(dirname(security)));
      const javacArguments = (program: Program) => ['-encoding', 'UTF-8', '-d', '.', ...sourcesOf(program, ['.java'])];
      return {
        info: info('java', 'Java', version, true),
        paths: { run: java, compile: javac },
        binds: [...new Set(binds)],
        sourceName: (code) => `${javaMainClass(code)}.java`,
        compile: (memoryKb, program, prebuilt) => ({
          argv: [
            javac,
            ...jvmFlags(memoryKb, '-J'),
            ...(prebuilt ? [`-J-XX:SharedArchiveFile=${SANDBOX_PREBUILT_DIR}/${JAVAC_ARCHIVE}`, '-J-Xshare:auto'] : []),
            ...javacArguments(program),
          ],
          env: JVM_ENV,
          addressSpaceKb: memoryKb + RUNTIME_RESERVE_KB,
        }),
        warmCompiler: {
          // What the javac launcher adds (-Xms8m, --add-modules ALL-DEFAULT, application.home), the
          // cold compile's flags with javac's archive (the launcher is a prebuilt file: they are
          // ready), and what the launcher class needs to read its descriptor.
          stage: (memoryKb) => ({
            argv: [
              java, '-Xms8m', ...jvmFlags(memoryKb), `-XX:SharedArchiveFile=${SANDBOX_PREBUILT_DIR}/${JAVAC_ARCHIVE}`, '-Xshare:auto',
              '--add-modules', 'ALL-DEFAULT', '--add-opens', 'java.base/java.io=ALL-UNNAMED',
              `-Dapplication.home=${home}`, '-cp', SANDBOX_PREBUILT_DIR, JAVAC_LAUNCHER_CLASS,
            ],
            env: JVM_ENV,
            addressSpaceKb: memoryKb + RUNTIME_RESERVE_KB,
          }),
          arguments: javacArguments,
          launcher: JAVAC_WARM_LAUNCHER,
        },
        prebuilt: {
          // javac's own classes (jdk.compiler) are not in the JDK's default archive: a dynamic
          // archive of a javac run saves about 40% of a small compile's CPU time. Beside it, the
          // class that starts javac in warm sandboxes.
          build: (dir, memoryKb, signal) =>
            inTempDir(async (work) => {
              await writeFile(join(work, 'Main.java'), 'public class Main { public static void main(String[] args) { System.out.println(args.length); } }\n');
              await runTrusted(
                [javac, ...jvmFlags(memoryKb, '-J'), `-J-XX:ArchiveClassesAtExit=${join(dir, JAVAC_ARCHIVE)}`, '-encoding', 'UTF-8', '-d', '.', 'Main.java'],
                { cwd: work, env: JVM_ENV, signal },
              );
              await writeFile(join(work, `${JAVAC_LAUNCHER_CLASS}.java`), JAVAC_LAUNCHER_SOURCE);
              await runTrusted([javac, ...jvmFlags(memoryKb, '-J'), '-encoding', 'UTF-8', '-d', dir, `${JAVAC_LAUNCHER_CLASS}.java`], { cwd: work, env: JVM_ENV, signal });
            }),
        },
        run: (memoryKb, program) => ({
          argv: [java, ...jvmFlags(memoryKb), '-cp', '.', javaQualifiedMainClass(entryContent(program))],
          env: JVM_ENV,
          addressSpaceKb: memoryKb + RUNTIME_RESERVE_KB,
        }),
      };
    },
  },
  {
    id: 'go',
    async detect() {
      const go = firstExecutable(['/usr/bin/go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']);
      if (!go) return null;
      const version = match(await versionOutput(go, ['version']), /go version go(\S+)/);
      if (!version) return null;
      const goroot = dirname(dirname(go));
      const env = {
        GOROOT: goroot,
        GOCACHE: '/tmp/go-cache',
        GOPATH: '/tmp/go',
        GO111MODULE: 'off',
        GOTOOLCHAIN: 'local',
        CGO_ENABLED: '0',
      };
      return {
        info: info('go', 'Go', version, true),
        paths: { compile: go },
        binds: goroot.startsWith('/usr/') ? [] : [goroot],
        sourceName: () => 'main.go',
        compile: (memoryKb, program) => ({
          argv: [go, 'build', '-o', 'main', ...goPackageOf(program)],
          env,
          addressSpaceKb: memoryKb + RUNTIME_RESERVE_KB,
        }),
        run: (memoryKb) => ({
          argv: [`${SANDBOX_WORK_DIR}/main`],
          env: { GOMEMLIMIT: `${mib(memoryKb)}MiB` },
          addressSpaceKb: memoryKb + RUNTIME_RESERVE_KB,
        }),
      };
    },
  },
  {
    id: 'ruby',
    async detect() {
      const ruby = firstExecutable(['/usr/bin/ruby', '/usr/local/bin/ruby']);
      if (!ruby) return null;
      const version = match(await versionOutput(ruby, ['--version']), /ruby (\d[^\s]*)/);
      if (!version) return null;
      return {
        info: info('ruby', 'Ruby', version, false),
        paths: { run: ruby },
        binds: bindsFor(ruby),
        sourceName: () => 'main.rb',
        run: (memoryKb, program) => ({ argv: [ruby, program.entry], addressSpaceKb: memoryKb }),
      };
    },
  },
  {
    id: 'bash',
    async detect() {
      const bash = firstExecutable(['/usr/bin/bash', '/bin/bash']);
      if (!bash) return null;
      const version = match(await versionOutput(bash, ['--version']), /version (\S+)/);
      if (!version) return null;
      return {
        info: info('bash', 'Bash', version, false),
        paths: { run: bash },
        binds: bindsFor(bash),
        sourceName: () => 'main.sh',
        run: (memoryKb, program) => ({ argv: [bash, program.entry], addressSpaceKb: memoryKb }),
      };
    },
  },
];

/**
 * gcc or g++. `precompiled` headers are built once with exactly the compile's language flags;
 * `-I` puts them first on the include path, and GCC takes `<name>.gch` for `#include <name>` when it
 * is the program's first include and the flags match, and otherwise reads the header as before (the
 * prebuilt directory holds no headers), so a program compiles to the same thing either way.
 */
function gccDetector(id: string, name: string, driver: string, source: string, extensions: string[], standard: string[], precompiled: string[]): Detector {
  return {
    id,
    async detect() {
      const compiler = executable(driver);
      // The driver is useless without the assembler and linker.
      if (!compiler || !executable('/usr/bin/as') || !executable('/usr/bin/ld')) return null;
      const version = match(await versionOutput(compiler, ['-dumpfullversion']), /^(\d[\w.]*)/m);
      if (!version) return null;
      return {
        info: info(id, name, version, true),
        paths: { compile: compiler },
        binds: bindsFor(compiler),
        sourceName: () => source,
        compile: (memoryKb, program, prebuilt) => ({
          argv: [compiler, ...standard, '-O2', '-pipe', ...(prebuilt ? ['-I', SANDBOX_PREBUILT_DIR] : []), '-o', 'main', ...sourcesOf(program, extensions), '-lm'],
          addressSpaceKb: memoryKb,
        }),
        ...(precompiled.length === 0
          ? {}
          : {
              prebuilt: {
                build: (dir: string, _memoryKb: number, signal: AbortSignal) =>
                  inTempDir(async (work) => {
                    for (const header of precompiled) {
                      const wrapper = join(work, header);
                      await mkdir(dirname(wrapper), { recursive: true });
                      await mkdir(dirname(join(dir, header)), { recursive: true, mode: 0o755 });
                      await writeFile(wrapper, `#include <${header}>\n`);
                      await runTrusted([compiler, ...standard, '-O2', '-x', `${source.endsWith('.c') ? 'c' : 'c++'}-header`, '-o', join(dir, `${header}.gch`), wrapper], { cwd: work, signal });
                    }
                  }),
              },
            }),
        run: (memoryKb) => ({ argv: [`${SANDBOX_WORK_DIR}/main`], addressSpaceKb: memoryKb }),
      };
    },
  };
}

type TypeScriptModule = typeof import('typescript');
let typescript: Promise<TypeScriptModule> | undefined;

/**
 * TypeScript → JavaScript in the server process: `transpileModule` is a pure text transformation
 * (no type checking, no file or module access), loaded on first use to keep start-up cheap. Every
 * `.ts` file becomes the `.js` file beside it (CommonJS, so `import './helper'` finds `helper.js`);
 * other files are kept. Syntax errors come back as compiler messages.
 */
async function transpileTypeScript(program: Program): Promise<{ files: ProjectFile[] } | { error: string }> {
  typescript ??= import('typescript').then((module) => ((module as { default?: TypeScriptModule }).default ?? module) as TypeScriptModule);
  const ts = await typescript;
  const files: ProjectFile[] = [];
  const errors: import('typescript').Diagnostic[] = [];
  for (const file of program.files) {
    if (!file.path.endsWith('.ts')) {
      files.push(file);
      continue;
    }
    const output = ts.transpileModule(file.content, {
      fileName: file.path,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    errors.push(...(output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error));
    files.push({ path: javaScriptPathOf(file.path), content: output.outputText });
  }
  if (errors.length > 0) {
    return {
      error: ts.formatDiagnostics(errors, {
        getCanonicalFileName: (file) => file,
        getCurrentDirectory: () => '',
        getNewLine: () => '\n',
      }),
    };
  }
  return { files };
}

/** Where the transpiled JavaScript of a TypeScript file goes: `lib/a.ts` → `lib/a.js`. */
function javaScriptPathOf(path: string): string {
  return path.endsWith('.ts') ? `${path.slice(0, -3)}.js` : path;
}

/** The `.go` files `go build` takes: those in the entry's directory (one package). */
function goPackageOf(program: Program): string[] {
  const directory = directoryOf(program.entry);
  return sourcesOf(program, ['.go']).filter((path) => directoryOf(path) === directory);
}

/** Finds every toolchain installed here, with its version. */
export async function detectToolchains(only?: readonly string[]): Promise<Map<string, Toolchain>> {
  const detectors = only ? DETECTORS.filter((d) => only.includes(d.id)) : DETECTORS;
  const found = await Promise.all(detectors.map((d) => d.detect().catch(() => null)));
  const toolchains = new Map<string, Toolchain>();
  for (const toolchain of found) if (toolchain) toolchains.set(toolchain.info.id, toolchain);
  return toolchains;
}

/** Every language id the local sandbox knows, installed or not. */
export const KNOWN_LANGUAGES: readonly string[] = DETECTORS.map((d) => d.id);
