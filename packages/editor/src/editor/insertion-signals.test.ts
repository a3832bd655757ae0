import { expect } from '@esm-bundle/chai';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { ClientSignal } from '@interview-kit/core';
import { insertionSignals, LARGE_INSERT_CHARS } from './insertion-signals.js';

/** A real editor in the page; pastes go through CodeMirror's own clipboard handling. */
function editor(doc = '') {
  const signals: ClientSignal[] = [];
  const parent = document.createElement('div');
  document.body.append(parent);
  const view = new EditorView({ parent, state: EditorState.create({ doc, extensions: [insertionSignals((s) => signals.push(s))] }) });
  const clipboard = (type: 'paste' | 'copy', text = '') => {
    const data = new DataTransfer();
    if (text) data.setData('text/plain', text);
    view.contentDOM.dispatchEvent(new ClipboardEvent(type, { clipboardData: data, bubbles: true, cancelable: true }));
  };
  return { view, signals, clipboard, done: () => (view.destroy(), parent.remove()) };
}

describe('insertionSignals', () => {
  it("reports a paste's size, from outside unless it is the editor's own last copy, never its text", () => {
    const { view, signals, clipboard, done } = editor('def solve():\n    return 42\n');
    clipboard('paste', 'import numpy as np\n');
    view.dispatch({ selection: { anchor: 19, head: 31 } }); // 'def solve():', after the pasted line
    clipboard('copy');
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    clipboard('paste', 'def solve():');
    expect(signals).to.deep.equal([
      { kind: 'paste', chars: 19, fromOutside: true },
      { kind: 'paste', chars: 12, fromOutside: false },
    ]);
    done();
  });

  it('reports a large local insertion that is not a paste, and neither typing nor remote-like changes', () => {
    const { view, signals, done } = editor();
    view.dispatch({ changes: { from: 0, insert: 'x' }, userEvent: 'input.type' });
    view.dispatch({ changes: { from: 0, insert: 'y'.repeat(500) } });
    view.dispatch({ changes: { from: 0, insert: 'z'.repeat(LARGE_INSERT_CHARS - 1) }, userEvent: 'input.complete' });
    view.dispatch({ changes: { from: 0, insert: 'w'.repeat(LARGE_INSERT_CHARS + 20) }, userEvent: 'input.drop' });
    expect(signals).to.deep.equal([{ kind: 'large-insert', chars: LARGE_INSERT_CHARS + 20 }]);
    done();
  });
});
