// Shared by the two-browser tests: the Chromium to launch, a dev server for the fixture pages,
// waiting on a page, and joining a fixture page to a session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright';
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
export interface RoomVisit extends FixtureVisit {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** The room gets `<interview-feedback>` in its feedback slot, as a host page gives interviewers. */
  feedback?: boolean;
}

/** The real server, a fixture page and Chromium: participants open the page in browser contexts of their own. */
export interface FixtureStage<Visit> {
  reference: SpawnedReferenceServer;
  /** A participant's fixture page, joined (`window.join` called with the server's URL and the visit). */
  open(visit: Visit): Promise<Page>;
  /** Closes every page opened so far, keeping the stage. */
  closePages(): Promise<void>;
  stop(): Promise<void>;
}

/** Where a participant opens a fixture page: whose session and which token. */
export interface FixtureVisit {
  sessionId: string;
  token: string;
}

/**
 * Starts a {@link FixtureStage} for `e2e/fixtures/<fixture>.html`: a fresh data directory, the
 * server with `env`, a dev server, and Chromium launched with `args`; `contextOf` turns a visit
 * into its browser context's options and `join` into what the page's `join` gets besides the
 * server's URL.
 */
export async function startFixtureStage<Visit extends FixtureVisit>(
  fixture: string,
  {
    env = {},
    args = HEADLESS_ARGS,
    contextOf = () => ({}),
    joinOf = ({ sessionId, token }) => ({ sessionId, token }),
  }: {
    env?: Record<string, string>;
    args?: string[];
    contextOf?: (visit: Visit) => BrowserContextOptions;
    joinOf?: (visit: Visit) => object;
  } = {},
): Promise<FixtureStage<Visit>> {
  const dataDir = mkdtempSync(join(tmpdir(), `ik-${fixture}-stage-`));
  const devServer = await startFixtureServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  const reference = await spawnReferenceServer({ dataDir, database: 'env', env: { CORS_ORIGINS: devServer.origin, ...env } });
  const contexts: BrowserContext[] = [];
  const closePages = async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => {})));
  };
  return {
    reference,
    async open(visit) {
      const context = await browser.newContext(contextOf(visit));
      contexts.push(context);
      return joinFixture(context, `${devServer.origin}/e2e/fixtures/${fixture}.html`, { server: reference.url, ...joinOf(visit) });
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

/** The room's stage: the real server, the room page (`e2e/fixtures/room.html`) and Chromium with a fake camera. */
export type RoomStage = FixtureStage<RoomVisit>;

/** Starts a {@link RoomStage}, the server with `env`. */
export function startRoomStage(env: Record<string, string> = {}): Promise<RoomStage> {
  return startFixtureStage<RoomVisit>('room', {
    env,
    args: WEBRTC_ARGS,
    contextOf: ({ viewport = { width: 1400, height: 900 }, colorScheme = 'light' }) => ({ permissions: ['camera', 'microphone'], viewport, colorScheme, deviceScaleFactor: 1 }),
    joinOf: ({ sessionId, token, feedback = false }) => ({ sessionId, token, feedback }),
  });
}

/** The trimmed text of an element inside the room page (selectors walk into the parts' shadow roots); `null` when absent. */
export const textIn = (page: Page, ...selectors: string[]): Promise<string | null> =>
  page.evaluate((path) => ((window as any).find(...path) as Element | null)?.textContent?.replace(/\s+/g, ' ').trim() ?? null, selectors);

/** Clicks an element inside the room page (selectors as for {@link textIn}). */
export const clickIn = (page: Page, ...selectors: string[]): Promise<void> =>
  page.evaluate((path) => ((window as any).find(...path) as HTMLElement).click(), selectors);
