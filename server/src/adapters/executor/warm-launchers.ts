import { HANDOVER_FD, type SandboxLauncher } from './sandbox-command.js';

/**
 * What lets an interpreter start in a warm sandbox before its program exists: a file the
 * interpreter loads by its own start-up mechanism (Python's `sitecustomize`, Node's `--require`
 * preload), named by an environment variable. The launcher writes one byte to HANDOVER_FD (the
 * sandbox is ready), blocks reading it until end-of-file (the server wrote the program into /box
 * and handed it over), closes it, removes every trace it can (the variable from the environment,
 * its own directory from Python's path, its module from Node's cache) and returns: the interpreter
 * then runs `main.py` or `main.js` exactly as in a cold run — same argv, `__file__`, `sys.path`,
 * module loader, tracebacks and stack traces, ESM detection, stdin. What remains visible is the
 * launcher's read-only mount (`/warm`) in the sandbox's mount table and the variable in the
 * interpreter's initial environment block (`/proc/self/environ`).
 */

/** Where the launcher files are mounted in a warm sandbox. */
const LAUNCHER_DIR = '/warm';

/**
 * Python imports `sitecustomize` from its path at start-up, after `site` and before the script
 * (whose file it has not opened yet). Raising ImportError for `sitecustomize` itself is what Python
 * does when there is none: `site` ignores it and the module is not kept in `sys.modules`.
 */
const PYTHON_LAUNCHER = `import os, sys
try:
    os.write(${HANDOVER_FD}, b"R")
    while os.read(${HANDOVER_FD}, 4096):
        pass
except OSError:
    pass
try:
    os.close(${HANDOVER_FD})
except OSError:
    pass
try:
    sys.path.remove(${JSON.stringify(LAUNCHER_DIR)})
except ValueError:
    pass
sys.path_importer_cache.pop(${JSON.stringify(LAUNCHER_DIR)}, None)
os.environ.pop("PYTHONPATH", None)
raise ImportError(name="sitecustomize")
`;

/** Node loads `--require` preloads (from NODE_OPTIONS) after its bootstrap and before it reads the main entry. */
const NODE_LAUNCHER = `'use strict';
const fs = require('fs');
try {
  fs.writeSync(${HANDOVER_FD}, 'R');
  const buffer = Buffer.alloc(4096);
  while (fs.readSync(${HANDOVER_FD}, buffer) > 0);
} catch {}
try {
  fs.closeSync(${HANDOVER_FD});
} catch {}
delete process.env.NODE_OPTIONS;
delete require.cache[__filename];
`;

export const PYTHON_WARM_LAUNCHER: Readonly<SandboxLauncher> = Object.freeze({
  path: `${LAUNCHER_DIR}/sitecustomize.py`,
  data: Buffer.from(PYTHON_LAUNCHER),
  env: { PYTHONPATH: LAUNCHER_DIR },
});

export const NODE_WARM_LAUNCHER: Readonly<SandboxLauncher> = Object.freeze({
  path: `${LAUNCHER_DIR}/launch.js`,
  data: Buffer.from(NODE_LAUNCHER),
  env: { NODE_OPTIONS: `--require ${LAUNCHER_DIR}/launch.js` },
});

/**
 * javac in a warm sandbox: the server compiles this class once per process into javac's prebuilt
 * directory (`languages.ts`), and a warm compile sandbox starts it with the JVM flags of a cold
 * `javac`. It compiles fixed dummy sources in a private directory of /tmp (one correct, one with
 * errors: javac's classes, diagnostics included, are then loaded and initialised and its hot
 * paths run; a second round cost 0.1 s more CPU and bought no measurable time), removes that
 * directory, writes one byte to HANDOVER_FD and reads from it, until end-of-file, the arguments
 * the cold `javac` would get after its `-J` flags (NUL-separated, UTF-8). It then calls javac's
 * own entry point, `com.sun.tools.javac.Main.main` — what the `javac` launcher calls — which
 * writes the same diagnostics to the same streams and exits with the same status.
 * `-Dapplication.home` (set by the `javac` launcher too) keeps the default class path `.` instead
 * of the launcher's directory; reading the descriptor needs `--add-opens java.base/java.io`.
 */
export const JAVAC_LAUNCHER_CLASS = 'WarmJavac';

const javaString = (text: string) => JSON.stringify(text);

const JAVAC_WARM_UP_SOURCES = [
  [
    'import java.util.*;',
    'import java.util.stream.*;',
    'public class Main {',
    '  record Pair(String name, int count) {}',
    '  interface Shape { double area(); }',
    '  public static void main(String[] args) throws Exception {',
    '    Scanner in = new Scanner(System.in);',
    '    Map<String, Integer> counts = new HashMap<>();',
    '    List<Pair> pairs = new ArrayList<>();',
    '    for (String arg : args) counts.merge(arg, 1, Integer::sum);',
    '    counts.forEach((k, v) -> pairs.add(new Pair(k, v)));',
    '    Shape unit = () -> 1.0;',
    '    int[] values = new int[10];',
    '    for (int i = 0; i < values.length; i++) values[i] = i * i;',
    '    System.out.println(pairs.stream().map(Pair::name).collect(Collectors.joining(", ")) + String.format("%d %f", Arrays.stream(values).sum(), unit.area()));',
    '  }',
    '}',
  ].join('\n'),
  'public class Main {\n  public static void main(String[] args) {\n    int x = "no";\n    undefined(x)\n  }\n}\n',
];

export const JAVAC_LAUNCHER_SOURCE = `import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

public final class ${JAVAC_LAUNCHER_CLASS} {
  private static final String[] WARM_UP = { ${JAVAC_WARM_UP_SOURCES.map(javaString).join(', ')} };

  public static void main(String[] ignored) throws Exception {
    warmUp();
    FileDescriptor handover = new FileDescriptor();
    Field fd = FileDescriptor.class.getDeclaredField("fd");
    fd.setAccessible(true);
    fd.setInt(handover, ${HANDOVER_FD});
    ByteArrayOutputStream given = new ByteArrayOutputStream();
    try (FileInputStream in = new FileInputStream(handover)) {
      new FileOutputStream(handover).write('R');
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) > 0; ) given.write(buffer, 0, n);
    } catch (IOException closed) {
      // The server ended the sandbox.
      System.exit(1);
    }
    List<String> args = new ArrayList<>();
    for (String arg : given.toString(StandardCharsets.UTF_8).split("\\0")) if (!arg.isEmpty()) args.add(arg);
    com.sun.tools.javac.Main.main(args.toArray(new String[0]));
  }

  private static void warmUp() throws IOException {
    Path dir = Files.createTempDirectory("javac");
    try {
      for (String source : WARM_UP) {
        Path file = dir.resolve("Main.java");
        Files.writeString(file, source);
        com.sun.tools.javac.Main.compile(new String[] {"-encoding", "UTF-8", "-d", dir.toString(), file.toString()}, new PrintWriter(Writer.nullWriter()));
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
      }
    }
  }
}
`;

/** javac's launcher: a class of the prebuilt directory; its warm-up may take up to this much CPU time beyond the compile's. */
export const JAVAC_WARM_LAUNCHER: Readonly<SandboxLauncher> = Object.freeze({ env: {}, warmUpCpuMs: 20_000 });
