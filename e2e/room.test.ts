/**
 * The whole room between two browsers: an interviewer and a candidate, each in a browser context
 * of its own (real Chromium, fake camera and microphone), each embedding `<interview-room>` in a
 * host page, against the real reference server without LiveKit (so video is peer-to-peer).
 *
 * WebRTC needs a loopback-only network namespace to find host candidates:
 * `unshare --net sh -c 'ip link set lo up; node --conditions=development --import tsx --test e2e/room.test.ts'`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { umdAsEsm } from '../rollup.config.mjs';
import { createSession, killServer, spawnServer } from '../server/src/collab/testing.js';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium';
const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** The host page: what a host's own page does to embed the room, with its token provider. */
const HOST_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Host page</title>
    <script type="module">
      import '/packages/room/src/define.ts';
      window.embed = ({ server, sessionId, token }) => {
        const room = document.createElement('interview-room');
        room.setAttribute('server', server);
        room.setAttribute('session', sessionId);
        // A host's provider would call its own backend; this one hands out the token it was given.
        room.tokenProvider = async () => token;
        room.style.setProperty('--interview-room-height', '900px');
        document.body.append(room);
        window.room = room;
      };
    </script>
  </head>
  <body></body>
</html>`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function until(page: Page, predicate: string, what: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction(predicate, undefined, { timeout, polling: 50 });
  } catch {
    throw new Error(`timed out waiting for ${what}`);
  }
}

// Page-side helpers, reaching into the room's parts through their shadow roots.
const PART = (element: string) => `window.room?.shadowRoot?.querySelector('${element}')`;
const editorText = `(${PART('interview-editor')}?.shadowRoot?.querySelector('.cm-content')?.textContent ?? '')`;
const runConsole = `(${PART('interview-run-panel')}?.shadowRoot?.querySelector('[part~="console"]')?.textContent ?? '').trim()`;
const remoteVideoWidth = `(${PART('interview-video')}?.shadowRoot?.querySelector('figure:not([part~="tile-local"]) video')?.videoWidth ?? 0)`;

describe('<interview-room> between two browsers', { timeout: 240_000 }, () => {
  let devServer: Awaited<ReturnType<typeof startDevServer>>;
  let origin: string;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof spawnServer>>;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    devServer = await startDevServer({
      config: {
        rootDir,
        hostname: '127.0.0.1',
        port,
        nodeResolve: { exportConditions: ['development', 'browser'] },
        middleware: [
          (ctx, next) => {
            if (ctx.path !== '/host.html') return next();
            ctx.type = 'html';
            ctx.body = HOST_PAGE;
            return undefined;
          },
        ],
        plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: join(rootDir, 'tsconfig.base.json') }), fromRollup(umdAsEsm)()],
      },
      readCliArgs: false,
      readFileConfig: false,
      logStartMessage: false,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'ik-room-e2e-'));
    server = await spawnServer(dataDir, { CORS_ORIGINS: origin });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    await browser?.close();
    if (server) await killServer(server.child);
    await devServer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function participant(sessionId: string, token: string): Promise<Page> {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1400, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page]', error.message));
    await page.goto(`${origin}/host.html`);
    await page.waitForFunction('typeof window.embed === "function"');
    await page.evaluate((options) => (window as any).embed(options), { server: server.url, sessionId, token });
    await until(page, `${editorText}.includes('print')`, 'the editor with the starter code');
    return page;
  }

  test('the candidate types and runs code, both see it, and both see each other on video', async () => {
    const session = await createSession(server.url, 'print("hello")\n');
    const interviewer = await participant(session.id, session.tokens.interviewer);
    const candidate = await participant(session.id, session.tokens.candidate);

    // The candidate types; the interviewer sees it.
    await candidate.evaluate(`(() => {
      const view = ${PART('interview-editor')}.shadowRoot.querySelector('.cm-content');
      view.focus();
    })()`);
    await candidate.keyboard.press('Control+End');
    await candidate.keyboard.type('\nprint(6 * 7)', { delay: 5 });
    await until(interviewer, `${editorText}.includes('print(6 * 7)')`, "the candidate's code at the interviewer");

    // The candidate runs it; both see the output.
    await candidate.evaluate(`${PART('interview-run-panel')}.shadowRoot.querySelector('[part~="run-button"]').click()`);
    await until(candidate, `${runConsole}.includes('42')`, 'the output at the candidate', 60_000);
    await until(interviewer, `${runConsole}.includes('42')`, 'the output at the interviewer', 60_000);
    assert.match(await interviewer.evaluate(runConsole), /hello\s*42/);

    // Both join the video call; each receives the other's camera frames.
    for (const page of [interviewer, candidate]) {
      await page.evaluate(`(() => {
        const video = ${PART('interview-video')};
        [...video.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Join video').click();
      })()`);
    }
    await until(interviewer, `${remoteVideoWidth} > 0`, "the candidate's video at the interviewer", 30_000);
    await until(candidate, `${remoteVideoWidth} > 0`, "the interviewer's video at the candidate", 30_000);
    const mode = await candidate.evaluate(`${PART('interview-video')}.state.mode`);
    assert.equal(mode, 'p2p');
  });
});
