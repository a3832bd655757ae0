import { wholeNumber as whole, type Env } from './env.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What one client may store in, or relay through, the collaboration endpoints. */
export interface CollabQuotas {
  /**
   * Bytes of client updates one document's history may hold (`DOC_MAX_BYTES`, default 2 MiB).
   * Every accepted client update counts with its encoded size, deletions included: the history
   * keeps everything for replay, so this is what bounds a document on disk. What the server
   * writes itself (starter code, run records) does not count.
   */
  docMaxBytes: number;
  /**
   * Files a project in the shared document may hold, its entry included (`DOC_MAX_FILES`, default
   * 20): a client update that would add more to a question's files map is refused.
   */
  docMaxFiles: number;
  /** Sustained bytes a second one sync connection may send (`COLLAB_BYTES_PER_SECOND`, default 128 KiB). */
  bytesPerSecond: number;
  /** Bytes one sync connection may send in a burst (`COLLAB_BYTES_BURST`, default 2 MiB, at least one largest frame: 1 MiB). */
  burstBytes: number;
  /** Largest awareness state (cursor, name) one client may publish (`AWARENESS_MAX_BYTES`, default 4 KiB). */
  awarenessMaxBytes: number;
  /** Shapes one session's whiteboard may hold (`BOARD_MAX_SHAPES`, default 2000). */
  boardMaxShapes: number;
  /** Points one whiteboard stroke (pen, line, arrow) may hold (`BOARD_MAX_POINTS`, default 5000). */
  boardMaxPoints: number;
}

/**
 * Reads `DOC_MAX_BYTES`, `DOC_MAX_FILES`, `COLLAB_BYTES_PER_SECOND`, `COLLAB_BYTES_BURST`,
 * `AWARENESS_MAX_BYTES`, `BOARD_MAX_SHAPES` and `BOARD_MAX_POINTS`.
 * @throws {ConfigError} naming the first invalid variable.
 */
export function collabQuotasFromEnv(env: Env = process.env): CollabQuotas {
  return {
    docMaxBytes: whole(env, 'DOC_MAX_BYTES', 2 * MiB, 16 * KiB, 1024 * MiB),
    docMaxFiles: whole(env, 'DOC_MAX_FILES', 20, 1, 1000),
    bytesPerSecond: whole(env, 'COLLAB_BYTES_PER_SECOND', 128 * KiB, 1 * KiB, 1024 * MiB),
    burstBytes: whole(env, 'COLLAB_BYTES_BURST', 2 * MiB, 1 * MiB, 1024 * MiB),
    awarenessMaxBytes: whole(env, 'AWARENESS_MAX_BYTES', 4 * KiB, 256, 64 * KiB),
    boardMaxShapes: whole(env, 'BOARD_MAX_SHAPES', 2_000, 1, 1_000_000),
    boardMaxPoints: whole(env, 'BOARD_MAX_POINTS', 5_000, 2, 1_000_000),
  };
}
