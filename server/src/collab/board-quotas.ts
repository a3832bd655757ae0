import { boardUsage } from '@interview-kit/core/collab/board';
import * as Y from 'yjs';

/** How much a session's whiteboard may hold (`BOARD_MAX_SHAPES`, `BOARD_MAX_POINTS`). */
export interface BoardLimits {
  /** Shapes on the board. */
  maxShapes: number;
  /** Points in one stroke (pen, line, arrow). */
  maxPoints: number;
}

/**
 * Why a client update touching the board would take it past `limits`, or `undefined` when it
 * stays within them. The update is tried on a copy of the document (its state and the update),
 * so only updates that touch the board should be asked about. A board already past a limit
 * (lowered since) may still shrink or change without growing.
 */
export function boardQuotaBreach(document: Y.Doc, update: Uint8Array, limits: BoardLimits): string | undefined {
  const before = boardUsage(document);
  const trial = new Y.Doc();
  try {
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(document));
    Y.applyUpdate(trial, update);
    const after = boardUsage(trial);
    if (after.shapes > limits.maxShapes && after.shapes > before.shapes) {
      return `whiteboard limit reached: ${limits.maxShapes} shapes (BOARD_MAX_SHAPES)`;
    }
    if (after.longestStroke > limits.maxPoints && after.longestStroke > before.longestStroke) {
      return `whiteboard limit reached: ${limits.maxPoints} points in one stroke (BOARD_MAX_POINTS)`;
    }
    return undefined;
  } finally {
    trial.destroy();
  }
}
