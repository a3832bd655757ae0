import type * as Y from 'yjs';

/** Whether `index` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, index: number) =>
  index > 0 && index < text.length && /[\uD800-\uDBFF]/.test(text[index - 1]!) && /[\uDC00-\uDFFF]/.test(text[index]!);

/**
 * Binds a `<textarea>` to a Y.Text both ways: local typing becomes the smallest Yjs edit (one
 * delete and one insert around the changed span), and remote edits update the field while the
 * local caret and selection keep their place in the text. Returns the unbinding function.
 *
 * `y-textarea` (1.0.2) binds a field the same way and passes these tests, but skips its own echo
 * with a flag that an input event without a change leaves set (the next local write of the text
 * is then not shown), inlines a caret-overlay it would not use here, and ships no tests; the rich
 * text bindings (y-prosemirror, y-quill, Lexical's) would change what the notes document holds.
 */
export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): () => void {
  const origin = Symbol('textarea');
  textarea.value = text.toString();

  const onInput = () => {
    const before = text.toString();
    const after = textarea.value;
    if (before === after) return;
    let start = 0;
    const shortest = Math.min(before.length, after.length);
    while (start < shortest && before[start] === after[start]) start++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
      endBefore--;
      endAfter--;
    }
    // Never cut an emoji in half: widen the edited span to whole characters.
    if (splitsPair(before, start) || splitsPair(after, start)) start--;
    if (splitsPair(before, endBefore) || splitsPair(after, endAfter)) {
      endBefore++;
      endAfter++;
    }
    text.doc!.transact(() => {
      if (endBefore > start) text.delete(start, endBefore - start);
      if (endAfter > start) text.insert(start, after.slice(start, endAfter));
    }, origin);
  };

  const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    let { selectionStart: start, selectionEnd: end } = textarea;
    const direction = textarea.selectionDirection;
    let index = 0;
    for (const op of event.delta) {
      if (op.retain !== undefined) {
        index += op.retain;
      } else if (typeof op.insert === 'string') {
        const length = op.insert.length;
        if (index < start) start += length;
        if (index < end) end += length;
        index += length;
      } else if (op.delete !== undefined) {
        start -= Math.max(0, Math.min(op.delete, start - index));
        end -= Math.max(0, Math.min(op.delete, end - index));
      }
    }
    textarea.value = text.toString();
    // Setting the value puts the caret at the end; put it back where the user had it.
    textarea.setSelectionRange(start, end, direction);
  };

  textarea.addEventListener('input', onInput);
  text.observe(onRemote);
  return () => {
    textarea.removeEventListener('input', onInput);
    text.unobserve(onRemote);
  };
}
