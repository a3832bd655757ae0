import { DEFAULT_TOLERANCE, type OutputComparison } from '@interview-kit/core/protocol';

/**
 * Output comparison: whether a program's output matches a test's expected output under the
 * test's comparison mode. Framework-free; live runs and scoring use the same functions.
 *
 * @module
 */

/** The comparison of a test that names none: today's behaviour, trailing whitespace ignored. */
export const DEFAULT_COMPARISON: OutputComparison = Object.freeze({ mode: 'trimmed' });

/** Line ends as `\n`, trailing spaces of each line and trailing blank lines removed. */
export function normaliseOutput(text: string): string {
  return lines(text).join('\n');
}

/** Whether `actual` matches `expected` under `comparison` (`trimmed` when absent). */
export function compareOutputs(actual: string, expected: string, comparison: OutputComparison = DEFAULT_COMPARISON): boolean {
  switch (comparison.mode) {
    case 'exact':
      return actual === expected;
    case 'trimmed':
      return normaliseOutput(actual) === normaliseOutput(expected);
    case 'tokens':
      return sameSequence(tokens(actual), tokens(expected), (a, b) => a === b);
    case 'float': {
      const near = numbersWithin(comparison.absTolerance ?? DEFAULT_TOLERANCE, comparison.relTolerance ?? DEFAULT_TOLERANCE);
      return sameSequence(tokens(actual), tokens(expected), near);
    }
    case 'unordered-lines':
      return sameSequence(lines(actual).sort(), lines(expected).sort(), (a, b) => a === b);
  }
}

function lines(text: string): string[] {
  const all = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd());
  while (all.length && all[all.length - 1] === '') all.pop();
  return all;
}

function tokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function sameSequence(actual: string[], expected: string[], equal: (a: string, b: string) => boolean): boolean {
  return actual.length === expected.length && actual.every((token, i) => equal(token, expected[i]!));
}

/** A decimal number as programs print them: `-1`, `2.50`, `.5`, `1e-9`, `inf`, `nan`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i;

/**
 * Equal words, or two numbers whose difference is within `abs`, or within `rel` of the expected
 * value's magnitude. Infinities match only the same infinity; NaN matches NaN.
 */
function numbersWithin(abs: number, rel: number): (actual: string, expected: string) => boolean {
  return (actual, expected) => {
    if (actual === expected) return true;
    if (!NUMBER.test(actual) || !NUMBER.test(expected)) return false;
    const a = parseNumber(actual);
    const e = parseNumber(expected);
    if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e);
    if (!Number.isFinite(a) || !Number.isFinite(e)) return a === e;
    const difference = Math.abs(a - e);
    return difference <= abs || difference <= rel * Math.abs(e);
  };
}

function parseNumber(word: string): number {
  const lower = word.toLowerCase().replace(/^\+/, '');
  if (/^-?inf(inity)?$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (/nan$/.test(lower)) return Number.NaN;
  return Number(lower);
}
