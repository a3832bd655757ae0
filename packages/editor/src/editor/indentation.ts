/**
 * How code is indented in each language: the unit one level of indentation inserts (Tab, Enter
 * after a block opener, re-indenting). Framework-free.
 *
 * - Python: always 4 spaces (PEP 8), whatever the starter code does.
 * - Go: always a tab (`gofmt`).
 * - Java, C++, JavaScript, TypeScript and unknown languages: the style of the code already there
 *   when it has one (a tab, or the step between indented lines, 2–8 spaces), else the language's
 *   usual default: 4 spaces for Java and C++, 2 for JavaScript and TypeScript, 4 otherwise.
 */

/** Languages whose convention fixes the indentation, whatever the code does. */
const FIXED: Readonly<Record<string, string>> = { python: '    ', go: '\t' };

/** The unit when the code shows none. */
const DEFAULTS: Readonly<Record<string, string>> = { java: '    ', cpp: '    ', javascript: '  ', typescript: '  ' };
const FALLBACK = '    ';

/** The indentation unit to use for `language` in a document whose text is `code`. */
export function indentUnitFor(language: string | undefined, code: string): string {
  const fixed = language === undefined ? undefined : FIXED[language];
  if (fixed !== undefined) return fixed;
  return detectIndentUnit(code) ?? (language === undefined ? undefined : DEFAULTS[language]) ?? FALLBACK;
}

/**
 * The indentation unit the text uses: a tab when more lines start with a tab than with spaces,
 * else the most frequent step (2 to 8 spaces) by which a line is indented deeper than the line
 * before it (ties go to the smaller step); `undefined` when no line is indented.
 */
export function detectIndentUnit(code: string): string | undefined {
  let tabs = 0;
  let spaced = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of code.split('\n')) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) spaced++;
    const width = indent.startsWith('\t') ? previous : indent.length;
    const step = width - previous;
    if (!indent.startsWith('\t') && step >= 2 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = width;
  }
  if (tabs === 0 && spaced === 0) return undefined;
  if (tabs > spaced) return '\t';
  let best: [number, number] | undefined;
  for (const [step, count] of steps) {
    if (!best || count > best[1] || (count === best[1] && step < best[0])) best = [step, count];
  }
  return best ? ' '.repeat(best[0]) : undefined;
}
