#!/usr/bin/env node
// `npm run bench`: runs every scripts/bench-*.mjs in turn (or the ones named: `npm run bench -- api`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const dir = new URL('.', import.meta.url).pathname;
const wanted = process.argv.slice(2);
const suites = readdirSync(dir)
  .filter((f) => /^bench-[\w-]+\.mjs$/.test(f))
  .filter((f) => wanted.length === 0 || wanted.includes(f.slice(6, -4)))
  .sort();
let failed = 0;
for (const file of suites) {
  console.log(`\n=== ${file}`);
  const { status } = spawnSync(process.execPath, [`${dir}${file}`], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
