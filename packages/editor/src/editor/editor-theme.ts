import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * The editor's look in light and dark at once: every colour is a theme token of core (`--_text`,
 * `--_surface`, …) or a CSS `light-dark()` pair, so the inherited `color-scheme` (the `theme`
 * attribute, the room's, or the reader's `prefers-color-scheme`) picks the scheme without
 * reconfiguring CodeMirror. The syntax colours are GitHub's (Primer) light and dark ones, each
 * readable on its surface (contrast ≥ 4.5:1).
 */
const chrome = EditorView.theme({
  '&': { color: 'var(--_text)', backgroundColor: 'var(--_surface)' },
  '.cm-content': { caretColor: 'var(--_text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--_text)' },
  '.cm-gutters': { backgroundColor: 'var(--_surface-raised)', color: 'var(--_muted)', borderRight: '1px solid var(--_border)' },
  '.cm-activeLine': { backgroundColor: 'light-dark(#eaeef280, #6e76811a)' },
  '.cm-activeLineGutter': { backgroundColor: 'light-dark(#eaeef2, #262c36)', color: 'var(--_text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'light-dark(#b6d7ff, #264f78)',
  },
  '.cm-selectionMatch': { backgroundColor: 'light-dark(#fff8c5, #bb800926)' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'light-dark(#dafbe1, #2ea04326)', outline: '1px solid var(--_success)' },
  '&.cm-focused .cm-nonmatchingBracket': { outline: '1px solid var(--_danger)' },
  '.cm-searchMatch': { backgroundColor: 'light-dark(#fff8c5, #bb800926)', outline: '1px solid var(--_warning)' },
  '.cm-panels': { backgroundColor: 'var(--_surface-raised)', color: 'var(--_text)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--_border)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--_border)' },
  '.cm-tooltip': { backgroundColor: 'var(--_surface-raised)', color: 'var(--_text)', border: '1px solid var(--_border)' },
});

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.modifier, tags.controlKeyword, tags.operatorKeyword, tags.definitionKeyword], color: 'light-dark(#cf222e, #ff7b72)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'light-dark(#0a3069, #a5d6ff)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--_muted)', fontStyle: 'italic' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom, tags.constant(tags.name), tags.propertyName, tags.operator], color: 'light-dark(#0550ae, #79c0ff)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.function(tags.variableName))], color: 'light-dark(#6639ba, #d2a8ff)' },
  { tag: [tags.typeName, tags.className, tags.namespace, tags.standard(tags.name)], color: 'light-dark(#953800, #ffa657)' },
  { tag: [tags.meta, tags.annotation, tags.processingInstruction], color: 'light-dark(#8250df, #d2a8ff)' },
  { tag: tags.invalid, color: 'var(--_danger)' },
  { tag: tags.strong, fontWeight: 'bold' },
  { tag: tags.emphasis, fontStyle: 'italic' },
]);

/** The editor's colours and syntax highlighting, following the inherited colour scheme. */
export const editorTheme: Extension = [chrome, syntaxHighlighting(highlight)];
