// The tests of the framework examples (examples/react, examples/vue): each is a host page built
// with Vite that embeds <interview-room> and uses this portal as its backend. Both must behave
// alike, so one scenario serves both.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { freePort } from '../../../../scripts/lib/free-port.mjs';
import { ensurePackageBuilds } from '../../../../scripts/lib/builds.mjs';
import { chromiumPath } from '../../../../scripts/lib/system-packages.mjs';
import { fizzBuzzForm, postJson, startStack } from './stack.mjs';

/**
 * Runs `node <script> ...args` in `cwd`; resolves with its exit code and output.
 * @param {string} script
 * @param {string[]} args
 * @param {string} cwd
 */
function runNode(script, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Declares the tests of one framework example:
 * - it typechecks with each of `typechecks` (a type checker's script and its arguments, run in the
 *   example's folder): its files with `@ts-expect-error` lines pass only while the packages'
 *   declarations accept the right attributes and event details and refuse wrong ones;
 * - `vite build` builds it, and, served by `vite preview` with `/api` proxied to the portal, a
 *   participant link opened in Chromium shows the room upgraded (the lobby of a scheduled
 *   interview) and the page's log of the room's events: ready, then ended when the host ends it.
 *
 * @param {object} example
 * @param {string} example.name e.g. `React`
 * @param {string} example.root the example's folder
 * @param {typeof import('vite')} example.vite the example's own Vite
 * @param {[script: string, ...args: string[]][]} example.typechecks
 */
export function describeFrameworkExample({ name, root, vite, typechecks }) {
  // The typecheck runs beside the build and the browser.
  describe(`the ${name} example`, { concurrency: true }, () => {
    before(() => ensurePackageBuilds({ log: (message) => console.log(message) }));

    test('typechecks: typed attributes and events, wrong ones refused', async () => {
      for (const [script, ...args] of typechecks) {
        const { code, output } = await runNode(script, args, root);
        assert.equal(code, 0, `${args.join(' ')}:\n${output}`);
      }
    });

    describe('built, in Chromium', () => {
      /** @type {Awaited<ReturnType<typeof startStack>>} */
      let stack;
      /** @type {import('vite').PreviewServer} */
      let preview;
      /** @type {import('playwright').Browser} */
      let browser;
      let origin = '';

      before(async () => {
        const port = await freePort();
        origin = `http://127.0.0.1:${port}`;
        [stack] = await Promise.all([startStack({ allowOrigins: [origin] }), vite.build({ root, logLevel: 'warn' })]);
        preview = await vite.preview({ root, logLevel: 'warn', preview: { port, strictPort: true, proxy: { '/api': stack.portalUrl } } });
        browser = await chromium.launch({
          executablePath: chromiumPath(),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
      });
      after(async () => {
        await browser?.close();
        await preview?.close();
        await stack?.stop();
      });

      test('a participant link shows the lobby, and the page logs the events the room fires', async () => {
        const created = await postJson(`${stack.portalUrl}/api/sessions`, { ...fizzBuzzForm(), autoStart: 'manual' });
        assert.equal(created.status, 201, await created.clone().text());
        const { session } = await created.json();
        const candidate = session.participants.find((/** @type {{ role: string }} */ p) => p.role === 'candidate');

        const page = await browser.newPage();
        /** @type {string[]} */
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${origin}/room/${encodeURIComponent(session.id)}/${encodeURIComponent(candidate.id)}`);

        const room = page.locator('interview-room');
        await room.locator('[part~="lobby"]').waitFor();
        assert.equal(await room.locator('[part~="title"]').textContent(), 'FizzBuzz warm-up');
        const events = page.getByTestId('events');
        await events.getByText('Session ready: FizzBuzz warm-up (scheduled)').waitFor();

        for (const step of ['start', 'end']) {
          const answer = await fetch(`${stack.interviewKit.url}/v1/sessions/${session.id}/${step}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${stack.interviewKit.apiKey}` },
          });
          assert.equal(answer.status, 200, await answer.clone().text());
        }
        await events.getByText('Session ended (host)').waitFor();
        assert.deepEqual(errors, []);
        await page.close();
      });
    });
  });
}
