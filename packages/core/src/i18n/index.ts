/**
 * Languages, framework-free: which language an element is shown in, strings tables by language
 * (English built in, the others loaded on first need), host overrides merged in, and `Intl`
 * formatting of numbers, dates, durations and counts.
 *
 * @module
 */
export * from './locale.js';
export * from './strings.js';
export * from './catalog.js';
export * from './format.js';
