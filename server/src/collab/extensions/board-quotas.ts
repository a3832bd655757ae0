import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { SHARED_STRUCTURE } from '@interview-kit/core/collab/structure';
import { serverOwnedTypeTouched } from '@interview-kit/core/collab/owned';
import { boardQuotaBreach, type BoardLimits } from '../board-quotas.js';
import { frameOf } from '../sync-frames.js';
import { dropMessage, refuseMessage, socketRefused } from './refusal.js';

/** The board's top-level name, as the type-touch check takes it. */
const BOARD: ReadonlySet<string> = new Set([SHARED_STRUCTURE.board]);

/**
 * The whiteboard's quotas: a client update that would put more than `maxShapes` shapes on the
 * board, or more than `maxPoints` points in one stroke, is refused before it is applied,
 * acknowledged, stored or relayed, and the client's socket is closed with the reason, like the
 * document size cap's refusals. Only updates that touch the board are tried (on a copy of the
 * document); its bytes are bounded by `DOC_MAX_BYTES` like everything else.
 */
export class BoardQuotas implements Extension {
  /** After `ServerOwnedStructures`, before `Persistence`, which stores what passes. */
  priority = 150;

  constructor(private readonly limits: BoardLimits) {}

  async beforeHandleMessage({ connection, update: data, document }: beforeHandleMessagePayload): Promise<void> {
    const { decoded, update } = frameOf(data);
    if (!decoded || !update || connection.readOnly) return;
    if (socketRefused(connection)) return dropMessage();
    if (serverOwnedTypeTouched(document, decoded, BOARD) === undefined) return;
    const breach = boardQuotaBreach(document, update, this.limits);
    if (breach !== undefined) return refuseMessage(connection, breach);
  }
}
