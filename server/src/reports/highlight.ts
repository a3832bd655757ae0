import type { Parser } from '@lezer/common';
import { parser as cppParser } from '@lezer/cpp';
import { parser as goParser } from '@lezer/go';
import { classHighlighter, highlightCode } from '@lezer/highlight';
import { parser as javaParser } from '@lezer/java';
import { parser as javascriptParser } from '@lezer/javascript';
import { parser as pythonParser } from '@lezer/python';
import { escapeHtml } from './html-escape.js';

/**
 * Server-side syntax highlighting of the final code with CodeMirror's own Lezer grammars (the ones
 * the editor uses), as HTML: text escaped, tokens wrapped in `<span class="tok-…">` by
 * `classHighlighter`. Languages without a grammar here come back escaped and plain.
 */
const PARSERS: Record<string, () => Parser> = {
  python: () => pythonParser,
  javascript: () => javascriptParser,
  typescript: () => javascriptParser.configure({ dialect: 'ts' }),
  java: () => javaParser,
  c: () => cppParser,
  cpp: () => cppParser,
  go: () => goParser,
};

/** The code as highlighted HTML (no surrounding element), one `\n` per line break. */
export function highlightedHtml(code: string, language: string): string {
  const parser = PARSERS[language]?.();
  if (!parser) return escapeHtml(code);
  let html = '';
  highlightCode(
    code,
    parser.parse(code),
    classHighlighter,
    (text, classes) => {
      html += classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text);
    },
    () => {
      html += '\n';
    },
  );
  return html;
}

/** Colours of the token classes, for the report's stylesheet (print-friendly on white). */
export const HIGHLIGHT_CSS = `
.tok-keyword,.tok-operatorKeyword,.tok-modifier{color:#7c2d92;font-weight:600}
.tok-string,.tok-string2{color:#0b6b2f}
.tok-number,.tok-bool,.tok-atom{color:#a34700}
.tok-comment{color:#6b7280;font-style:italic}
.tok-variableName.tok-definition,.tok-definition{color:#1d4ed8}
.tok-typeName,.tok-className,.tok-namespace{color:#9a3412}
.tok-propertyName{color:#155e75}
.tok-meta,.tok-macroName{color:#6d28d9}
.tok-invalid{color:#b91c1c}
`;
