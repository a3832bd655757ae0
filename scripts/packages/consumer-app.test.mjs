// A front-end team's first hour: a fresh Vite app installs the packed tarballs (their other
// dependencies from the npm cache or registry), imports `@interview-kit/room/define` as the
// embedding guide says, and renders `<interview-room>` in Chromium — served by Vite's dev server
// and built for production. One install serves both modes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright';
import { build, createServer, preview } from 'vite';
import { freePort } from '../lib/free-port.mjs';
import { packedForTests } from '../lib/published-packages.mjs';
import { chromiumPath } from '../lib/system-packages.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'ik-consumer-'));
const app = join(scratch, 'app');
/** @type {import('playwright').Browser} */
let browser;

/** Writes the host app: one unconfigured room, one pointed at a server that is not there. */
function writeApp(/** @type {import('../lib/published-packages.mjs').PackedPackage[]} */ packages) {
  const tarballs = Object.fromEntries(packages.map((pkg) => [pkg.name, `file:${pkg.tarball}`]));
  const files = {
    'package.json': JSON.stringify(
      { name: 'host-app', private: true, type: 'module', dependencies: tarballs, overrides: tarballs },
      null,
      2,
    ),
    'index.html': `<!doctype html>
<html lang="en">
  <body>
    <interview-room id="unconfigured"></interview-room>
    <interview-room id="configured" session="9d41f577-0000-4000-8000-000000000000"></interview-room>
    <interview-feedback slot="feedback"></interview-feedback>
    <script type="module" src="/main.js"></script>
  </body>
</html>
`,
    'main.js': `import '@interview-kit/room/define';
import { InterviewRoom } from '@interview-kit/room';

const room = document.querySelector('#configured');
room.server = new URLSearchParams(location.search).get('server');
room.tokenProvider = async () => 'not-a-real-token';
window.hostApp = { roomClassIsExported: customElements.get('interview-room') === InterviewRoom };
`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(app, name), text);
}

/** What the page shows once loaded: whether the elements upgraded, and each room's status line. */
async function rendered(/** @type {string} */ url) {
  const page = await browser.newPage();
  const errors = /** @type {string[]} */ ([]);
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    // Nothing listens on this port: the configured room can only fail to load.
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    await page.goto(`${url}?server=${encodeURIComponent(unreachable)}`);
    await page.waitForFunction(() => /** @type {any} */ (window).hostApp, undefined, { timeout: 30_000 });
    const status = (/** @type {string} */ id) =>
      page.evaluate((id) => document.getElementById(id)?.shadowRoot?.querySelector('[part="message"]')?.textContent?.trim() ?? null, id);
    await page.waitForFunction(
      () =>
        /could not be loaded/.test(document.getElementById('configured')?.shadowRoot?.querySelector('[part="message"]')?.textContent ?? ''),
      undefined,
      { timeout: 15_000 },
    );
    return {
      errors,
      roomClassIsExported: await page.evaluate(() => /** @type {any} */ (window).hostApp.roomClassIsExported),
      // room/define registers it from a chunk of its own, loaded once the page is idle.
      feedbackDefined: await page.evaluate(() =>
        Promise.race([customElements.whenDefined('interview-feedback').then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]),
      ),
      unconfigured: await status('unconfigured'),
      configured: await status('configured'),
    };
  } finally {
    await page.close();
  }
}

/** @param {Awaited<ReturnType<typeof rendered>>} shown */
function assertRoomsShown(shown) {
  assert.deepEqual(shown.errors, []);
  assert.equal(shown.roomClassIsExported, true, '<interview-room> is the class @interview-kit/room exports');
  assert.equal(shown.feedbackDefined, true, 'room/define registers <interview-feedback>');
  assert.equal(shown.unconfigured, '', 'a room without server and session waits, its status line empty');
  assert.match(shown.configured ?? '', /^The interview could not be loaded: /);
}

describe('a fresh Vite app using the packed packages', () => {
  before(async () => {
    const packages = packedForTests(join(scratch, 'packed'));
    mkdirSync(app, { recursive: true });
    writeApp(packages);
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: app,
      encoding: 'utf8',
    });
    assert.equal(install.status, 0, `npm install failed:\n${install.stdout}${install.stderr}`);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('renders <interview-room> served by the Vite dev server', async () => {
    const server = await createServer({
      root: app,
      configFile: false,
      logLevel: 'error',
      server: { host: '127.0.0.1', port: await freePort(), strictPort: true },
    });
    await server.listen();
    try {
      assertRoomsShown(await rendered(/** @type {string} */ (server.resolvedUrls?.local[0])));
    } finally {
      await server.close();
    }
  });

  it('renders <interview-room> built for production (vite build, vite preview)', async () => {
    await build({ root: app, configFile: false, logLevel: 'error' });
    const server = await preview({
      root: app,
      configFile: false,
      logLevel: 'error',
      preview: { host: '127.0.0.1', port: await freePort(), strictPort: true },
    });
    try {
      assertRoomsShown(await rendered(/** @type {string} */ (server.resolvedUrls?.local[0])));
    } finally {
      await new Promise((resolve) => server.httpServer.close(resolve));
    }
  });
});
