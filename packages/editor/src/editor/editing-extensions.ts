import { closeBrackets } from '@codemirror/autocomplete';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { highlightSelectionMatches } from '@codemirror/search';
import type { Extension } from '@codemirror/state';
import { drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, lineNumbers } from '@codemirror/view';

/**
 * What the editor's code area does whatever the session: line numbers, the active line,
 * special characters shown, the selection drawn, indentation on input, matching and closing
 * brackets, the selection's other occurrences highlighted. (The room bench's baseline page,
 * CodeMirror alone, uses the same.)
 */
export function editingExtensions(): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
  ];
}
