import type { ChildProcess } from 'node:child_process';

export interface SpawnReferenceServerOptions {
  /** Variables for the server; they win over the defaults (HOST, PORT 0, LOG_LEVEL warn, DATA_DIR, BOOTSTRAP_API_KEY). */
  env?: Record<string, string>;
  /** DATA_DIR. Default: a fresh temporary folder, removed once the server is stopped or killed. A folder you pass stays. */
  dataDir?: string;
  /** The bootstrap API key. Default: a random one. */
  apiKey?: string;
  /** `env`: PostgreSQL from TEST_DATABASE_URL when it is set, else SQLite. Default `sqlite`. */
  database?: 'sqlite' | 'env';
  /** Keep the shell's DATABASE_URL, JWT_SECRET and LIVEKIT_* (as `npm start` does). Default false. */
  inheritSettings?: boolean;
  /** Flags for node before the entry point, e.g. `--expose-gc`. */
  nodeArgs?: string[];
  /** Open an IPC channel to the server (`child.send`, `child.on('message')`). */
  ipc?: boolean;
  /** The checkout to serve from. Default: this repository. */
  root?: string;
  /** Every line the server writes to stdout (its JSON log). Default: dropped. */
  onLine?: (line: string) => void;
  /** Every line the server writes to stderr. Default: written to this process's stderr. */
  onStderr?: (line: string) => void;
  /** Default 60 s. */
  startupTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 5 s. */
  stopGraceMs?: number;
}

export interface SpawnedReferenceServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `ws://127.0.0.1:<port>` */
  wsUrl: string;
  apiKey: string;
  dataDir: string;
  child: ChildProcess;
  /** SIGTERM (then SIGKILL after the grace period); resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Resolves with the URL of a child's `{"msg":"listening","url":…}` log line. */
export function listeningUrl(
  child: ChildProcess,
  options?: { name?: string; timeoutMs?: number; onLine?: (line: string) => void; stderrTail?: () => string },
): Promise<string>;

/** Starts `server/src/index.ts` in a child process and resolves once it listens. */
export function spawnReferenceServer(options?: SpawnReferenceServerOptions): Promise<SpawnedReferenceServer>;
