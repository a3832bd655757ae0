import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { chromiumPath } from '../../../scripts/lib/system-packages.mjs';
import { ensureElementsBundle } from './elements-bundle.js';
import { fizzBuzzForm, postJson, startStack } from './testing/stack.mjs';

const CHROMIUM = chromiumPath();

describe('host portal pages in Chromium', () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  /** @type {import('playwright').Browser} */
  let browser;
  before(async () => {
    // The participant pages load the elements from the product's browser bundle.
    await ensureElementsBundle({ log: (message) => console.log(message) });
    stack = await startStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /**
   * Opens `path` of the portal in `context`, collecting what the browser reports as an error: an
   * uncaught exception, a failed request's console message, a Content Security Policy violation.
   * @param {import('playwright').BrowserContext} context
   * @param {string} path
   */
  async function open(context, path) {
    const page = await context.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(new URL(path, stack.portalUrl).href);
    return { page, errors };
  }

  test('a recruiter schedules an interview; each participant gets the room for their role', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, '/');

    await page.getByLabel('Title').fill('Pairing: FizzBuzz');
    await page
      .getByLabel('Question')
      .fill('Print **Fizz** for multiples of 3.');
    await page.getByLabel('Language').selectOption('python');
    await page.getByLabel('Starter code').fill('n = int(input())\n');

    const firstTest = page.getByRole('group', { name: 'Test 1' });
    await firstTest.getByLabel('Input').fill('3');
    await firstTest.getByLabel('Expected output').fill('Fizz');
    await page.getByRole('button', { name: 'Add a test' }).click();
    const secondTest = page.getByRole('group', { name: 'Test 2' });
    await secondTest.getByLabel('Input').fill('15');
    await secondTest.getByLabel('Expected output').fill('SecretFizzBuzz');
    await secondTest.getByLabel('Hidden from the candidate').check();

    await page.getByRole('group', { name: 'Participant 1' }).getByLabel('Name').fill('Ivy Interviewer');
    await page.getByRole('group', { name: 'Participant 2' }).getByLabel('Name').fill('Cam Candidate');
    await page.getByRole('button', { name: 'Create interview' }).click();

    await page.getByRole('status').filter({ hasText: 'Interview “Pairing: FizzBuzz” created' }).waitFor();
    const href = (/** @type {string} */ name) => page.getByRole('link', { name }).getAttribute('href');
    const candidateHref = (await href('Cam Candidate')) ?? '';
    assert.match(candidateHref, /^\/room\/[^/]+\/[^/]+$/);

    // The candidate's page: the portal's header, and the room with the question and the code.
    const candidate = await open(context, candidateHref);
    const room = candidate.page.locator('interview-room');
    await candidate.page.locator('header').getByText('Cam Candidate · Candidate').waitFor();
    await room.getByRole('heading', { name: 'Pairing: FizzBuzz' }).waitFor();
    await room.locator('[part~="question"] strong').getByText('Fizz').waitFor();
    await room.locator('.cm-content').getByText('n = int(input())').waitFor();
    await room.getByRole('button', { name: 'Run', exact: true }).waitFor();
    assert.equal(await candidate.page.title(), 'Pairing: FizzBuzz · Acme Hiring');
    assert.equal(await room.getByText('Interview feedback').count(), 0, 'no feedback form for the candidate');
    assert.equal(await candidate.page.getByText('SecretFizzBuzz').count(), 0);
    assert.ok(!candidate.page.url().includes('eyJ'), 'the token never appears in the URL');

    // The interviewer's page: the same room, plus the feedback form and the End button.
    const interviewer = await open(context, (await href('Ivy Interviewer')) ?? '');
    const interviewerRoom = interviewer.page.locator('interview-room');
    await interviewer.page.locator('header').getByText('Ivy Interviewer · Interviewer').waitFor();
    await interviewerRoom.getByRole('heading', { name: 'Interview feedback' }).waitFor();
    await interviewerRoom.getByRole('button', { name: 'Submit feedback' }).waitFor();
    await interviewerRoom.getByRole('button', { name: 'End interview' }).waitFor();
    await interviewerRoom.locator('.cm-content').getByText('n = int(input())').waitFor();

    assert.deepEqual(candidate.errors, [], 'the candidate page reports no errors');
    assert.deepEqual(interviewer.errors, [], 'the interviewer page reports no errors');
    await context.close();
  });

  test("markup in the question cannot run script in a participant's page", async () => {
    const created = await postJson(`${stack.portalUrl}/api/sessions`, {
      ...fizzBuzzForm(),
      prompt: 'Print **Fizz**.\n\n<img src="x" onerror="window.pwned = true"><script>window.pwned = true</script>',
    });
    const { session } = await created.json();
    const context = await browser.newContext();
    const { page } = await open(context, `/room/${session.id}/${session.participants[1].id}`);
    const question = page.locator('interview-room [part~="question"]');
    await question.locator('strong').getByText('Fizz').waitFor();
    assert.equal(await question.locator('img[onerror], script').count(), 0);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).pwned), undefined);
    await context.close();
  });

  test('incomplete forms get a readable message next to the field', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.portalUrl);
    await page.getByLabel('Question').fill('Anything');
    await page.getByRole('button', { name: 'Create interview' }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('Give the interview a title.').waitFor();
    await alert.getByText('Participant 1: enter a name.').waitFor();
    assert.equal(await page.getByLabel('Title').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'form-errors');
    await context.close();
  });

  test('a link to an unknown participant explains that the interview cannot be opened', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, '/room/no-such-session/nobody');
    await page.getByRole('alert').getByText('This interview could not be opened. This portal has no such interview participant.').waitFor();
    assert.equal(await page.locator('interview-room').isVisible(), false);
    await context.close();
  });
});
