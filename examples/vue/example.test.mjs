// `npm test` runs this (the "example host apps" step): the Vue example typechecks, builds and
// embeds a working room in Chromium.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as vite from 'vite';
import { describeFrameworkExample } from '../host-portal/src/testing/framework-examples.mjs';

const vueTsc = createRequire(import.meta.url).resolve('vue-tsc/bin/vue-tsc.js');

describeFrameworkExample({
  name: 'Vue',
  root: fileURLToPath(new URL('.', import.meta.url)),
  vite,
  typechecks: [[vueTsc, '-p', 'tsconfig.json']],
});
