import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { startStack } from './test-stack.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

describe('host portal pages in Chromium', () => {
  /** @type {Awaited<ReturnType<typeof startStack>>} */
  let stack;
  /** @type {import('playwright').Browser} */
  let browser;
  before(async () => {
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

  test('a recruiter schedules an interview; the candidate sees the question without hidden tests', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(stack.portalUrl);

    await page.getByLabel('Title').fill('Pairing: FizzBuzz');
    await page
      .getByLabel('Question')
      .fill('Print **Fizz** for multiples of 3.\n\n<img src="x" onerror="window.pwned = true">');
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
    const candidateLink = page.getByRole('link', { name: 'Cam Candidate' });
    const href = await candidateLink.getAttribute('href');
    assert.match(href ?? '', /^\/room\/[^/]+\/[^/]+$/);

    const room = await context.newPage();
    await room.goto(new URL(href ?? '', stack.portalUrl).href);
    await room.getByRole('heading', { level: 1, name: 'Pairing: FizzBuzz' }).waitFor();
    await room.getByText('You are Cam Candidate, joining as Candidate.').waitFor();
    assert.equal(await room.locator('#prompt strong').textContent(), 'Fizz');
    assert.equal(await room.evaluate(() => /** @type {any} */ (window).pwned), undefined);
    assert.equal(await room.locator('#tests tbody tr').count(), 1);
    await room.getByText('1 hidden test will also score the final code.').waitFor();
    assert.equal(await room.getByText('SecretFizzBuzz').count(), 0);
    assert.ok(!room.url().includes('eyJ'), 'the token never appears in the URL');

    const interviewer = await context.newPage();
    await interviewer.goto(new URL((await page.getByRole('link', { name: 'Ivy Interviewer' }).getAttribute('href')) ?? '', stack.portalUrl).href);
    await interviewer.getByText('You are Ivy Interviewer, joining as Interviewer.').waitFor();
    await interviewer.getByRole('cell', { name: 'SecretFizzBuzz' }).waitFor();
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
    const page = await context.newPage();
    await page.goto(`${stack.portalUrl}/room/no-such-session/nobody`);
    await page.getByRole('alert').getByText('This interview could not be opened.').waitFor();
    await context.close();
  });
});
