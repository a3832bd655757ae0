import type * as Y from 'yjs';

/** One edit that turns a text into another: at `from`, `removed` characters replaced by `inserted`. */
export interface TextChange {
  from: number;
  removed: number;
  inserted: string;
}

/** The smallest single edit from `before` to `after` (their common start and end kept). */
export function textChange(before: string, after: string): TextChange {
  let from = 0;
  const shorter = Math.min(before.length, after.length);
  while (from < shorter && before[from] === after[from]) from++;
  let tail = 0;
  while (tail < shorter - from && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { from, removed: before.length - from - tail, inserted: after.slice(from, after.length - tail) };
}

/**
 * Makes a shared text read `next` with the smallest edit, so that what others type meanwhile
 * elsewhere in it is kept. Returns whether it changed.
 */
export function setSharedText(text: Y.Text, next: string, origin?: unknown): boolean {
  const change = textChange(text.toString(), next);
  if (!change.removed && !change.inserted) return false;
  text.doc!.transact(() => {
    if (change.removed) text.delete(change.from, change.removed);
    if (change.inserted) text.insert(change.from, change.inserted);
  }, origin);
  return true;
}

/**
 * Where a caret at `caret` in `before` belongs in `after` (someone else changed the text): before
 * the change it stays, after it moves with the text, inside a replaced part it goes to its end.
 */
export function caretAfter(before: string, after: string, caret: number): number {
  const { from, removed, inserted } = textChange(before, after);
  if (caret <= from) return caret;
  if (caret >= from + removed) return caret + inserted.length - removed;
  return from + inserted.length;
}
