import { boardToSvg } from '@interview-kit/core/collab/board';
import * as Y from 'yjs';
import type { LoggedUpdate } from './code-evolution.js';

/**
 * The whiteboard at the end of the interview as a standalone SVG picture (on white, cropped to
 * the shapes), from the whole log of the shared document; `''` when nothing was drawn. Every
 * field is sanitised and escaped by `boardToSvg`: shapes come from clients.
 */
export function finalBoardOf(updates: LoggedUpdate[]): string {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => updates.forEach(({ update }) => Y.applyUpdate(doc, update)));
    return boardToSvg(doc, { label: 'The whiteboard at the end of the interview' });
  } finally {
    doc.destroy();
  }
}
