#!/usr/bin/env node
// The import rules a machine checks (see scripts/lib/boundaries.mjs): prints each broken rule's
// imports as `file:line: what is wrong`, then `N passed, N failed` with one check per rule.
// Exits non-zero when a rule is broken. `node scripts/check-boundaries.mjs [root]` checks another tree.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBoundaries } from './lib/boundaries.mjs';

const root = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('..', import.meta.url));
const results = checkBoundaries(root);
for (const { rule, violations } of results) {
  console.log(`${violations.length === 0 ? '✔' : '✖'} ${rule}`);
  for (const { file, line, message } of violations) console.log(`    ${file}:${line}: ${message}`);
}
const failed = results.filter((r) => r.violations.length > 0).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
