import type { Extension, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { ClientSignal } from '@interview-kit/core';

/** One local change inserting at least this many characters at once, not by pasting, is a `large-insert`. */
export const LARGE_INSERT_CHARS = 100;

/** Line breaks as one form, so a copy and its paste compare alike whatever the clipboard did to them. */
const normalized = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * Reports the local user's pastes and large insertions to `report`, sizes only: a paste's
 * character count and whether it came from outside (its text is not what was last copied or cut
 * in this editor), and a single change inserting {@link LARGE_INSERT_CHARS} or more characters
 * that was not a paste (a drop, a completion). Remote changes and undo never count. The text is
 * never reported.
 */
export function insertionSignals(report: (signal: Extract<ClientSignal, { kind: 'paste' | 'large-insert' }>) => void): Extension {
  let ownCopy: string | undefined;
  const remember = (view: EditorView) => {
    const { state } = view;
    ownCopy = normalized(state.selection.ranges.filter((r) => !r.empty).map((r) => state.sliceDoc(r.from, r.to)).join(state.lineBreak));
    return false;
  };
  return [
    EditorView.domEventHandlers({ copy: (_event, view) => remember(view), cut: (_event, view) => remember(view) }),
    EditorView.updateListener.of((update) => {
      for (const tr of update.transactions) signalOf(tr, ownCopy, report);
    }),
  ];
}

function signalOf(tr: Transaction, ownCopy: string | undefined, report: Parameters<typeof insertionSignals>[0]): void {
  if (!tr.docChanged || !tr.isUserEvent('input')) return;
  const inserted: string[] = [];
  tr.changes.iterChanges((_fromA, _toA, _fromB, _toB, text) => inserted.push(text.toString()));
  const text = inserted.join('');
  if (text.length === 0) return;
  if (tr.isUserEvent('input.paste')) report({ kind: 'paste', chars: text.length, fromOutside: normalized(text) !== ownCopy });
  else if (text.length >= LARGE_INSERT_CHARS) report({ kind: 'large-insert', chars: text.length });
}
