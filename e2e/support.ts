// Shared by the two-browser tests: the Chromium to launch, a dev server for the fixture pages,
// waiting on a page, and joining a fixture page to a session.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import type { BrowserContext, Page } from 'playwright';
import { umdAsEsm } from '../rollup.config.mjs';
import { freePort } from '../scripts/lib/free-port.mjs';
import { chromiumPath } from '../scripts/lib/system-packages.mjs';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

/** The machine's Chromium: the tests never download a browser of their own. */
export const CHROMIUM = chromiumPath();
export const HEADLESS_ARGS = ['--no-sandbox', '--headless', '--disable-gpu'];
/** Fake camera and microphone, and peer connections over loopback (inside a loopback-only namespace). */
export const WEBRTC_ARGS = [
  ...HEADLESS_ARGS,
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

/**
 * Waits until `predicate` (a page-side expression, or a function run in the page — the only kind
 * a page whose CSP forbids eval accepts) is truthy; fails naming `what`.
 */
export async function until(page: Page, predicate: string | (() => unknown), what: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction(predicate, undefined, { timeout, polling: 25 });
  } catch {
    throw new Error(`timed out waiting for ${what}`);
  }
}

/** A dev server for the repository's sources (TypeScript, workspace packages) on a free port. */
export async function startFixtureServer(): Promise<{ origin: string; stop(): Promise<void> }> {
  const port = await freePort();
  const devServer = await startDevServer({
    config: {
      rootDir,
      hostname: '127.0.0.1',
      port,
      nodeResolve: { exportConditions: ['development', 'browser'] },
      plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: join(rootDir, 'tsconfig.base.json') }), fromRollup(umdAsEsm)()],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      await devServer.stop();
    },
  };
}

/** Opens the fixture page at `url` in `context` and calls its `window.join(options)`. */
export async function joinFixture(context: BrowserContext, url: string, options: object): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page]', error.message));
  await page.goto(url);
  await page.waitForFunction('typeof window.join === "function"');
  await page.evaluate((joinOptions) => (window as any).join(joinOptions), options);
  return page;
}
