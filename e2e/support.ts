// Shared by the two-browser tests: the Chromium to launch, a dev server for the fixture pages,
// waiting on a page, and joining a fixture page to a session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { umdAsEsm } from '../rollup.config.mjs';
import { freePort } from '../scripts/lib/free-port.mjs';
import { spawnReferenceServer, type SpawnedReferenceServer } from '../scripts/lib/reference-server.mjs';
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
      nodeResolve: { exportConditions: ['interview-kit-source', 'development', 'browser'] },
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

/** Where a participant opens the room: whose session, which token, and how the browser looks. */
export interface RoomVisit {
  sessionId: string;
  token: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** The room gets `<interview-feedback>` in its feedback slot, as a host page gives interviewers. */
  feedback?: boolean;
}

/** The real server, the fixture pages and Chromium with a fake camera: participants open the room in contexts of their own. */
export interface RoomStage {
  reference: SpawnedReferenceServer;
  /** A participant's page with the room (`e2e/fixtures/room.html`), joined. */
  open(visit: RoomVisit): Promise<Page>;
  /** Closes every page opened so far, keeping the stage. */
  closePages(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a {@link RoomStage}: a fresh data directory, the server with `env`, a dev server, Chromium. */
export async function startRoomStage(env: Record<string, string> = {}): Promise<RoomStage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-room-stage-'));
  const devServer = await startFixtureServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: WEBRTC_ARGS });
  const reference = await spawnReferenceServer({ dataDir, database: 'env', env: { CORS_ORIGINS: devServer.origin, ...env } });
  const contexts: BrowserContext[] = [];
  const closePages = async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => {})));
  };
  return {
    reference,
    async open({ sessionId, token, viewport = { width: 1400, height: 900 }, colorScheme = 'light', feedback = false }) {
      const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport, colorScheme, deviceScaleFactor: 1 });
      contexts.push(context);
      return joinFixture(context, `${devServer.origin}/e2e/fixtures/room.html`, { server: reference.url, sessionId, token, feedback });
    },
    closePages,
    async stop() {
      await closePages();
      await browser.close();
      await reference.kill();
      await devServer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The trimmed text of an element inside the room page (selectors walk into the parts' shadow roots); `null` when absent. */
export const textIn = (page: Page, ...selectors: string[]): Promise<string | null> =>
  page.evaluate((path) => ((window as any).find(...path) as Element | null)?.textContent?.replace(/\s+/g, ' ').trim() ?? null, selectors);

/** Clicks an element inside the room page (selectors as for {@link textIn}). */
export const clickIn = (page: Page, ...selectors: string[]): Promise<void> =>
  page.evaluate((path) => ((window as any).find(...path) as HTMLElement).click(), selectors);
