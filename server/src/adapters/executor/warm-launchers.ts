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
