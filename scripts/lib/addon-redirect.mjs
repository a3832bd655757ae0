// Preloaded (`--import`) into the processes of another Node release than the one node_modules was
// installed with (see other-node.mjs): wherever better-sqlite3 loads its addon from node_modules
// (built for the machine's Node), it gets the build for this Node's ABI named by
// IK_BETTER_SQLITE3_ADDON instead. `module.registerHooks` (Node 22.15+) covers `require`, which is
// how better-sqlite3 loads it.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const addon = process.env.IK_BETTER_SQLITE3_ADDON;
const installed = /\/better-sqlite3\/build\/Release\/better_sqlite3\.node$/;

if (addon) {
  const target = pathToFileURL(addon).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      return installed.test(resolved.url) ? { ...resolved, url: target } : resolved;
    },
  });
}
