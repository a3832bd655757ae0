import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/** Keys that would change the text of an editable document. */
function isEditingKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete';
}

/**
 * Tells `report` whenever someone tries to change the text while `blocked()` says it cannot be
 * changed (typing, deleting, pasting, cutting, dropping): CodeMirror silently ignores input in
 * its read-only state, so without this nobody would learn that the keystrokes went nowhere.
 */
export function blockedEdits(blocked: () => boolean, report: () => void): Extension {
  const attempt = () => {
    if (blocked()) report();
    return false;
  };
  return EditorView.domEventHandlers({
    keydown: (event) => (isEditingKey(event) ? attempt() : false),
    beforeinput: attempt,
    paste: attempt,
    cut: attempt,
    drop: attempt,
  });
}
