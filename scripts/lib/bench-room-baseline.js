// The room bench's baseline: a page with CodeMirror alone, no room, no server. The editor has the
// room editor's own editing extensions and keys, the session's language (Python), and shows the
// bench's program at once. Its navigation → editable time, measured in the same run, is the floor
// of the machine and browser for an editable code editor (`scripts/bench-room.mjs`).
import { closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { editingExtensions } from '../../packages/editor/src/editor/editing-extensions.ts';

/** What the host page embeds: a shadow root holding the editor, as the room's editor is held. */
export function embedBaseline() {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  root.append(parent);
  document.body.append(host);
  new EditorView({
    parent,
    root,
    state: EditorState.create({
      doc: 'print("hello")\n',
      extensions: [...editingExtensions(), keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, indentWithTab]), python()],
    }),
  });
  return host;
}
