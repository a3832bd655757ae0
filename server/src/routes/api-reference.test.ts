import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_CHROMIUM_PATH } from '../adapters/pdf/pdf-renderer.js';
import { call, startTestServer, type TestServer } from '../testing/harness.js';

let server: TestServer;
let browser: Browser;
before(async () => {
  [server, browser] = await Promise.all([
    startTestServer({ database: 'sqlite' }),
    chromium.launch({ executablePath: process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH, args: ['--no-sandbox', '--headless', '--disable-gpu'] }),
  ]);
});
after(async () => {
  await browser?.close();
  await server?.dispose();
});

test('GET /docs renders the operations of the OpenAPI document in Chromium, with nothing loaded from elsewhere', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text())) violations.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  const response = await page.goto(`${server.url}/docs`);
  assert.equal(response?.status(), 200);

  const create = page.locator('[data-section-id="tag/sessions/operation/postV1Sessions"]');
  await create.getByText('/v1/sessions', { exact: true }).first().waitFor({ timeout: 30_000 });
  assert.match(await create.innerText(), /POST\s+\/v1\/sessions/);
  assert.match(await page.locator('body').innerText(), /Interview Kit reference server/);

  // Redoc's own branding links an image on its CDN: the policy blocks it, and blocks nothing else.
  const blocked = violations.filter((text) => !/Loading the image 'https:\/\/cdn\.redoc\.ly\//.test(text));
  assert.deepEqual(blocked, []);
  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:') && !url.startsWith('https://cdn.redoc.ly/')), []);
  await page.close();
});

test('the relaxed policy is for the reference page only', async () => {
  const docs = await call(server.url, 'GET', '/docs');
  assert.match(docs.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  const document = await call(server.url, 'GET', '/v1/openapi.json');
  assert.equal(document.headers.get('content-security-policy')?.split(';')[0], "default-src 'none'");
});
