// `npm test` runs this (the "example host apps" step): the React example typechecks, builds and
// embeds a working room in Chromium.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as vite from 'vite';
import { describeFrameworkExample } from '../host-portal/src/testing/framework-examples.mjs';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describeFrameworkExample({
  name: 'React',
  root: fileURLToPath(new URL('.', import.meta.url)),
  vite,
  typechecks: [
    [tsc, '-p', 'tsconfig.json'],
    [tsc, '-p', 'tsconfig.define-only.json'],
  ],
});
