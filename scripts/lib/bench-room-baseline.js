// The room bench's baseline: a page with CodeMirror alone, no room, no server. The editor has the
// room editor's own extensions and the session's language (Python), and shows the bench's
// program at once. Its navigation → editable time, measured in the same run, is the floor of the
// machine and browser for an editable code editor (`scripts/bench-room.mjs`).
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';

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
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, indentWithTab]),
        python(),
      ],
    }),
  });
  return host;
}
