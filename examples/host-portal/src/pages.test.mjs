import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { chromiumPath } from '../../../scripts/lib/system-packages.mjs';
import { ensureElementsBundle } from './elements-bundle.js';
import { eventually, fizzBuzzForm, postJson, startStack, sumQuestion } from './testing/stack.mjs';

const CHROMIUM = chromiumPath();
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The titles of the server's built-in starter bank questions, as its files have them. */
async function starterBankTitles() {
  const dir = new URL('../../../server/src/questions/starter-bank/', import.meta.url);
  /** @type {string[]} */
  const titles = [];
  for (const folder of ['coding', 'structured']) {
    const names = await readdir(new URL(`${folder}/`, dir)).catch(() => /** @type {string[]} */ ([]));
    for (const name of names.filter((n) => n.endsWith('.json'))) titles.push(JSON.parse(await readFile(new URL(`${folder}/${name}`, dir), 'utf8')).title);
  }
  return titles;
}

/** The host of these tests: in New York, reading US English. */
const HOST = /** @type {const} */ ({ locale: 'en-US', timezoneId: 'America/New_York' });

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

  /**
   * Creates an interview through the portal's API, then, with the API key as the host's other
   * systems could, moves it to `status`.
   * @param {Record<string, unknown>} [fields]
   * @param {'scheduled' | 'live' | 'ended' | 'cancelled'} [status]
   */
  async function createInterview(fields = {}, status = 'scheduled') {
    const response = await postJson(`${stack.portalUrl}/api/sessions`, { ...fizzBuzzForm(), ...fields });
    assert.equal(response.status, 201, await response.clone().text());
    const { session } = await response.json();
    const steps = { scheduled: [], live: ['start'], ended: ['start', 'end'], cancelled: ['cancel'] }[status];
    for (const step of steps) {
      const answer = await fetch(`${stack.interviewKit.url}/v1/sessions/${session.id}/${step}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.interviewKit.apiKey}` },
      });
      assert.equal(answer.status, 200, await answer.clone().text());
    }
    return /** @type {{ id: string, title: string, participants: { id: string, name: string, role: string }[] }} */ (session);
  }

  /** The interview's state as the Interview Kit server has it. @param {string} id */
  async function serverView(id) {
    const response = await fetch(`${stack.interviewKit.url}/v1/sessions/${id}`, { headers: { authorization: `Bearer ${stack.interviewKit.apiKey}` } });
    return response.json();
  }

  /** Waits until the portal has heard that the interview's report is ready. @param {string} id */
  function waitForReport(id) {
    return eventually(() => stack.inbox.outcomeOf(id)?.reportReady, `the report of ${id}`, 60_000);
  }

  /** The portal's whole list, as its API has it. */
  async function allListed() {
    return /** @type {{ id: string, title: string }[]} */ ((await (await fetch(`${stack.portalUrl}/api/sessions?limit=100`)).json()).sessions);
  }

  /** Runs axe-core on the page and returns its violations, one line each. @param {import('playwright').Page} page */
  async function axeViolations(page) {
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => (await /** @type {any} */ (window).axe.run(document)).violations);
    return violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join(', ')}`);
  }

  /** Fills the schedule form with a small interview. @param {import('playwright').Page} page @param {string} title */
  async function fillForm(page, title) {
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Question').fill('Print **Fizz** for multiples of 3.');
    await page.getByRole('group', { name: 'Participant 1' }).getByLabel('Name').fill('Ivy Interviewer');
    await page.getByRole('group', { name: 'Participant 2' }).getByLabel('Name').fill('Cam Candidate');
  }

  /** The list entry of the interview called `title`. @param {import('playwright').Page} page @param {string} title */
  const entryOf = (page, title) => page.locator('#sessions > li').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

  test('a recruiter schedules an interview; each participant gets the room for their role', async () => {
    const context = await browser.newContext(HOST);
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
    // 9:30 in the morning, New York time, as the host picks it.
    await page.getByLabel('Date and time').fill('2030-03-14T09:30');
    await page.getByLabel('Duration').fill('45');
    await page.getByRole('button', { name: 'Create interview' }).click();

    await page.getByRole('status').filter({ hasText: 'Interview “Pairing: FizzBuzz” created' }).waitFor();
    // The form starts afresh for the next interview.
    assert.equal(await page.getByLabel('Title').inputValue(), '');
    assert.equal(await page.getByLabel('Date and time').inputValue(), '');
    assert.equal(await page.getByRole('group', { name: 'Participant 1' }).getByLabel('Name').inputValue(), '');
    assert.equal(await page.getByRole('group', { name: 'Test 2' }).count(), 0);

    // The new interview heads the list: scheduled, at 9:30 New York time (13:30 UTC), with its links.
    const entry = entryOf(page, 'Pairing: FizzBuzz');
    await entry.getByText('Scheduled', { exact: true }).waitFor();
    const when = entry.locator('time').first();
    assert.equal(await when.getAttribute('datetime'), '2030-03-14T13:30:00.000Z');
    assert.match((await when.textContent()) ?? '', /Mar 14, 2030.*9:30\sAM/);
    assert.match((await entry.textContent()) ?? '', /45 minutes/);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Pairing: FizzBuzz', 'focus moves to the new interview');
    const id = ((await entry.getAttribute('id')) ?? '').replace(/^interview-/, '');
    assert.equal((await serverView(id)).scheduledAt, '2030-03-14T13:30:00.000Z');
    assert.equal(await entry.getByRole('link', { name: 'Scorecard' }).getAttribute('href'), `/sessions/${id}/scorecard`);

    const href = (/** @type {string} */ name) => entry.getByRole('link', { name }).getAttribute('href');
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
    // Each message also stands next to its field, and is the field's description.
    const description = (/** @type {import('playwright').Locator} */ field) =>
      field.evaluate((element) => (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '));
    assert.equal(await description(page.getByLabel('Title')), 'Give the interview a title.');
    const name = page.getByRole('group', { name: 'Participant 1' }).getByLabel('Name');
    assert.equal(await description(name), 'Participant 1: enter a name.');
    assert.equal(await page.getByRole('group', { name: 'Participant 1' }).locator('.field-error').textContent(), 'Participant 1: enter a name.');

    // A date that has passed is refused by the portal's backend, next to the date field.
    await fillForm(page, 'Too late');
    await page.getByLabel('Date and time').fill('2021-06-01T10:00');
    await page.getByRole('button', { name: 'Create interview' }).click();
    await page.locator('.field-error').filter({ hasText: 'Date and time: choose a moment that has not passed yet.' }).waitFor();
    assert.equal(await page.getByLabel('Title').getAttribute('aria-invalid'), null, 'fixed fields are no longer marked');
    assert.equal(await page.getByLabel('Date and time').getAttribute('aria-invalid'), 'true');
    assert.equal((await allListed()).filter((s) => s.title === 'Too late').length, 0);
    await context.close();
  });

  test('a double click, or a retry after the answer was lost, creates one interview', async () => {
    const context = await browser.newContext(HOST);
    const { page } = await open(context, '/');
    /** @type {(string | null)[]} */
    const keys = [];
    let loseNextAnswer = true;
    // The first create reaches the server, but its answer is lost on the way back.
    await page.route('**/api/sessions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(await route.request().headerValue('idempotency-key'));
      if (!loseNextAnswer) return route.continue();
      loseNextAnswer = false;
      await route.fetch();
      return route.abort('connectionreset');
    });

    await fillForm(page, 'Retried interview');
    await page.getByRole('button', { name: 'Create interview' }).click();
    await page.getByRole('alert').getByText('The network request failed').waitFor();
    await page.getByRole('button', { name: 'Create interview' }).click();
    await page.getByRole('status').filter({ hasText: 'Interview “Retried interview” created' }).waitFor();

    assert.equal(keys.length, 2);
    assert.ok(keys[0], 'the create carries an Idempotency-Key');
    assert.equal(keys[1], keys[0], 'the retry of the same form reuses it');
    assert.equal((await allListed()).filter((s) => s.title === 'Retried interview').length, 1);
    assert.equal(await entryOf(page, 'Retried interview').count(), 1);

    // A double click on Create: one interview, and the next submission gets a key of its own.
    await fillForm(page, 'Double-clicked interview');
    await page.getByRole('button', { name: 'Create interview' }).dblclick();
    await page.getByRole('status').filter({ hasText: 'Interview “Double-clicked interview” created' }).waitFor();
    assert.equal((await allListed()).filter((s) => s.title === 'Double-clicked interview').length, 1);
    assert.notEqual(keys.at(-1), keys[0]);
    await context.close();
  });

  test('the list shows each interview\'s state, copies participant links, and pages on with "Load more"', async () => {
    const [scheduled, live, ended, cancelled] = [
      await createInterview({ title: 'State: scheduled' }),
      await createInterview({ title: 'State: live' }, 'live'),
      await createInterview({ title: 'State: ended' }, 'ended'),
      await createInterview({ title: 'State: cancelled' }, 'cancelled'),
    ];
    for (let i = 0; i < 9; i += 1) await createInterview({ title: `Filler ${i + 1}` });
    const total = (await allListed()).length;

    const context = await browser.newContext({ ...HOST, permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, errors } = await open(context, '/');
    await entryOf(page, 'Filler 9').waitFor();
    assert.equal(await page.locator('#sessions > li').count(), 10, 'one page of ten');

    await page.getByRole('button', { name: 'Load more interviews' }).click();
    await entryOf(page, 'State: scheduled').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'State: ended', 'focus moves to the first added interview');
    while (await page.getByRole('button', { name: 'Load more interviews' }).isVisible()) {
      const before = await page.locator('#sessions > li').count();
      await page.getByRole('button', { name: 'Load more interviews' }).click();
      await page.waitForFunction((count) => document.querySelectorAll('#sessions > li').length > count, before);
    }
    assert.equal(await page.locator('#sessions > li').count(), total, 'every interview once');

    for (const [session, label] of /** @type {const} */ ([[scheduled, 'Scheduled'], [live, 'Live'], [ended, 'Ended'], [cancelled, 'Cancelled']])) {
      const entry = entryOf(page, session.title);
      assert.equal(await entry.locator('.badge').textContent(), label);
      assert.equal(await entry.getByRole('link', { name: 'Cam Candidate' }).getAttribute('href'), `/room/${session.id}/${session.participants[1]?.id}`);
      assert.equal(await entry.getByRole('link', { name: 'Scorecard' }).count(), 1);
      const replay = entry.getByRole('link', { name: /^Replay/ });
      if (label === 'Ended') assert.equal(await replay.getAttribute('href'), `/room/${session.id}/${session.participants[0]?.id}?replay`);
      else assert.equal(await replay.count(), 0, `${label}: a replay only once ended`);
      assert.equal(await entry.getByRole('button', { name: /^Cancel interview/ }).count(), label === 'Scheduled' ? 1 : 0, `${label}: cancel only while scheduled`);
    }
    assert.equal(await entryOf(page, 'State: cancelled').getByRole('button', { name: /^Copy link/ }).count(), 0, 'no links to hand out for a cancelled interview');

    // Copy the candidate's link: the button confirms, the clipboard has the whole link.
    const copy = entryOf(page, 'State: scheduled').getByRole('button', { name: 'Copy link for Cam Candidate' });
    await copy.click();
    await entryOf(page, 'State: scheduled').getByRole('button', { name: 'Copied for Cam Candidate' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${stack.portalUrl}/room/${scheduled.id}/${scheduled.participants[1]?.id}`);
    await page.locator('#copy-status').getByText('Link for Cam Candidate copied.').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('when the browser refuses to copy, the link is shown selected for copying by hand', async () => {
    const session = await createInterview({ title: 'No clipboard here' });
    const context = await browser.newContext(HOST);
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined });
      document.execCommand = () => false;
    });
    const { page } = await open(context, '/');
    await entryOf(page, 'No clipboard here').getByRole('button', { name: 'Copy link for Ivy Interviewer' }).click();
    const manual = entryOf(page, 'No clipboard here').getByRole('textbox', { name: /Link for Ivy Interviewer/ });
    await manual.waitFor();
    const url = `${stack.portalUrl}/room/${session.id}/${session.participants[0]?.id}`;
    assert.equal(await manual.inputValue(), url);
    assert.deepEqual(
      await manual.evaluate((input) => [document.activeElement === input, /** @type {HTMLInputElement} */ (input).selectionStart, /** @type {HTMLInputElement} */ (input).selectionEnd]),
      [true, 0, url.length],
    );
    await context.close();
  });

  test('cancelling asks first; a cancelled interview\'s links say so instead of opening the room', async () => {
    const session = await createInterview({ title: 'To be cancelled' });
    const context = await browser.newContext(HOST);
    const { page } = await open(context, '/');
    const entry = entryOf(page, 'To be cancelled');
    const cancel = entry.getByRole('button', { name: 'Cancel interview “To be cancelled”' });

    // Escape keeps the interview.
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this interview?' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keep the interview');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Cancel interview “To be cancelled”', 'focus returns to the button');
    assert.equal((await serverView(session.id)).status, 'scheduled');

    await cancel.click();
    await dialog.getByRole('button', { name: 'Cancel interview' }).click();
    await entry.locator('.badge').getByText('Cancelled').waitFor();
    assert.equal((await serverView(session.id)).status, 'cancelled');
    assert.equal(await entry.getByRole('button', { name: /^Cancel interview/ }).count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'To be cancelled');

    // The candidate's and the interviewer's links now explain, and never ask for a token.
    for (const participant of session.participants) {
      const visitor = await open(context, `/room/${session.id}/${participant.id}`);
      /** @type {string[]} */
      const tokenRequests = [];
      visitor.page.on('request', (request) => request.url().endsWith('/token') && tokenRequests.push(request.url()));
      await visitor.page.getByRole('heading', { name: 'This interview was cancelled' }).waitFor();
      assert.equal(await visitor.page.locator('interview-room').isVisible(), false);
      assert.deepEqual(tokenRequests, []);
      assert.deepEqual(visitor.errors, []);
    }
    await context.close();
  });

  test('an ended interview thanks the candidate and still opens the room for the interviewer', async () => {
    const session = await createInterview({ title: 'Already over' }, 'ended');
    const [interviewer, candidate] = session.participants;
    const context = await browser.newContext(HOST);

    const candidatePage = await open(context, `/room/${session.id}/${candidate?.id}`);
    await candidatePage.page.getByRole('heading', { name: 'This interview has ended' }).waitFor();
    await candidatePage.page.getByText('Thank you for taking part.').waitFor();
    assert.equal(await candidatePage.page.locator('interview-room').isVisible(), false);

    const interviewerPage = await open(context, `/room/${session.id}/${interviewer?.id}`);
    const room = interviewerPage.page.locator('interview-room');
    await room.getByRole('heading', { name: 'Interview feedback' }).waitFor();
    assert.equal(await interviewerPage.page.getByRole('heading', { name: 'This interview has ended' }).count(), 0);
    assert.equal(await room.getAttribute('replay'), null, 'the room opens live, not in the replay');

    // The list's Replay link opens the room in its replay.
    const replayPage = await open(context, `/room/${session.id}/${interviewer?.id}?replay`);
    await replayPage.page.locator('interview-room').getByRole('heading', { name: 'Interview feedback' }).waitFor();
    assert.equal(await replayPage.page.locator('interview-room').getAttribute('replay'), '');
    // A candidate's link never opens a replay.
    const candidateReplay = await open(context, `/room/${session.id}/${candidate?.id}?replay`);
    await candidateReplay.page.getByRole('heading', { name: 'This interview has ended' }).waitFor();
    await context.close();
  });

  test('the scorecard page shows submitted feedback as text', async () => {
    const session = await createInterview({ title: 'Scored interview' }, 'ended');
    const interviewer = session.participants[0];
    const { token } = await (await fetch(`${stack.portalUrl}/api/sessions/${session.id}/participants/${interviewer?.id}/token`, { method: 'POST' })).json();
    const submitted = await postJson(
      `${stack.interviewKit.url}/v1/sessions/${session.id}/feedback`,
      {
        competencies: {
          'problem-solving': { rating: 3, evidence: 'Found the modulo trick quickly.' },
          'code-quality': { rating: 4, evidence: '' },
          verification: { rating: 2, evidence: '' },
          communication: { rating: 3, evidence: '' },
        },
        recommendation: 'yes',
        summary: 'Solid. <img src=x onerror="window.pwned = true">',
      },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(submitted.status, 201, await submitted.clone().text());

    const context = await browser.newContext(HOST);
    const { page, errors } = await open(context, `/sessions/${session.id}/scorecard`);
    await page.getByRole('heading', { name: 'Scorecard: Scored interview' }).waitFor();
    await page.getByText('Yes: 1').waitFor();
    const row = page.getByRole('row', { name: /Problem solving/ });
    assert.deepEqual(await row.getByRole('cell').allTextContents(), ['1', '3.0', '3']);
    await page.getByRole('heading', { name: 'Ivy Interviewer · Interviewer' }).waitFor();
    await page.getByText('Solid. <img src=x onerror="window.pwned = true">').waitFor();
    await page.getByText('Found the modulo trick quickly.').waitFor();
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).pwned), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('when an interview ends, its entry shows the score as it comes and a Report link that opens the report', async () => {
    // The starter code solves the visible test and not the hidden one.
    const session = await createInterview({ title: 'Scored by webhook', starterCode: "print('Fizz')\n" }, 'live');
    const context = await browser.newContext(HOST);
    const { page, errors } = await open(context, '/');
    const entry = entryOf(page, 'Scored by webhook');
    await entry.waitFor();
    assert.equal(await entry.getByRole('link', { name: /^Report/ }).count(), 0, 'no report before the end');

    const ended = await fetch(`${stack.interviewKit.url}/v1/sessions/${session.id}/end`, { method: 'POST', headers: { authorization: `Bearer ${stack.interviewKit.apiKey}` } });
    assert.equal(ended.status, 200);
    // No reload: the portal's backend passes each webhook on to the page.
    await entry.locator('.badge').getByText('Ended').waitFor();
    await page.waitForFunction((id) => / · ended /.test(document.querySelector(`#interview-${id} [data-part="when"]`)?.textContent ?? ''), session.id);
    await entry.getByText('1/2 tests passed').waitFor({ timeout: 60_000 });
    const report = entry.getByRole('link', { name: 'Report of Scored by webhook', exact: true });
    await report.waitFor({ timeout: 60_000 });
    await page.locator('#copy-status').getByText('The report of “Scored by webhook” is ready.').waitFor();
    assert.equal(await entry.getByRole('link', { name: 'PDF of the report of Scored by webhook' }).getAttribute('href'), `/sessions/${session.id}/report.pdf`);

    const [opened] = await Promise.all([context.waitForEvent('page'), report.click()]);
    await opened.waitForLoadState();
    assert.ok(opened.url().startsWith(`${stack.interviewKit.url}/v1/report-links/`), opened.url());
    await opened.getByText('Cam Candidate').first().waitFor();
    assert.ok(!(await opened.content()).includes(stack.interviewKit.apiKey));

    // A fresh load shows the same, from what the portal heard.
    await page.reload();
    await entryOf(page, 'Scored by webhook').getByText('1/2 tests passed').waitFor();
    await entryOf(page, 'Scored by webhook').getByRole('link', { name: 'Report of Scored by webhook', exact: true }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the pages pass axe-core, wide and narrow, with errors and the dialog showing, the question bank and kit pages included', async () => {
    const session = await createInterview({ title: 'Accessible interview', scheduledAt: '2030-03-14T09:30:00-04:00' });
    const cancelled = await createInterview({ title: 'Accessible cancelled' }, 'cancelled');
    const reported = await createInterview({ title: 'Accessible report' }, 'ended');
    await waitForReport(reported.id);
    for (const viewport of [{ width: 1400, height: 900 }, { width: 390, height: 800 }]) {
      const context = await browser.newContext({ ...HOST, viewport });
      const { page } = await open(context, '/');
      await entryOf(page, 'Accessible interview').waitFor();
      await entryOf(page, 'Accessible report').getByRole('link', { name: 'Report of Accessible report', exact: true }).waitFor();
      assert.deepEqual(await axeViolations(page), [], `home ${viewport.width}px`);

      await page.getByRole('button', { name: 'Create interview' }).click();
      await page.locator('.field-error').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], `form errors ${viewport.width}px`);

      await entryOf(page, 'Accessible interview').getByRole('button', { name: /^Cancel interview/ }).click();
      await page.getByRole('dialog').waitFor();
      assert.deepEqual(await axeViolations(page), [], `dialog ${viewport.width}px`);
      await page.keyboard.press('Escape');

      for (const path of [`/sessions/${session.id}/scorecard`, `/room/${cancelled.id}/${cancelled.participants[1]?.id}`]) {
        await page.goto(new URL(path, stack.portalUrl).href);
        await page.locator('main:not([aria-busy])').waitFor();
        assert.deepEqual(await axeViolations(page), [], `${path} ${viewport.width}px`);
      }

      // The question bank, the editor (with its errors showing) and the kits page.
      await page.goto(new URL('/questions', stack.portalUrl).href);
      await page.locator('#questions-status').filter({ hasText: /question/ }).waitFor();
      assert.deepEqual(await axeViolations(page), [], `/questions ${viewport.width}px`);
      await page.goto(new URL('/questions/new', stack.portalUrl).href);
      await page.locator('main:not([aria-busy])').waitFor();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.locator('.field-error').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], `/questions/new with errors ${viewport.width}px`);
      await page.getByRole('radio', { name: /^Structured/ }).check();
      assert.deepEqual(await axeViolations(page), [], `/questions/new structured ${viewport.width}px`);
      await page.goto(new URL('/kits', stack.portalUrl).href);
      await page.getByRole('group', { name: 'Section 1' }).waitFor();
      assert.deepEqual(await axeViolations(page), [], `/kits ${viewport.width}px`);
      await context.close();
    }
  });

  /** Calls the Interview Kit server with the API key, as the host's other systems could. @param {string} method @param {string} path @param {unknown} [body] */
  async function serverCall(method, path, body) {
    const response = await fetch(`${stack.interviewKit.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.interviewKit.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(response.ok, await response.clone().text());
    return response.json();
  }

  /** A question added to the bank and published, with the API key. @param {Record<string, unknown>} content */
  async function publishedQuestion(content) {
    const { id } = await serverCall('POST', '/v1/questions', content);
    return serverCall('POST', `/v1/questions/${id}/publish`);
  }

  test('question bank: write a coding question; publishing is refused for a failing solution, then published once it is right', async () => {
    const context = await browser.newContext(HOST);
    const { page, errors } = await open(context, '/questions/new');
    await page.locator('main:not([aria-busy])').waitFor();
    await page.getByLabel('Title').fill('Sum of two numbers');
    assert.equal(await page.getByLabel('Slug').inputValue(), 'sum-of-two-numbers', 'the slug follows the title');
    await page.getByLabel('Tags').fill('arithmetic, warm-up');
    await page.getByLabel('Prompt').fill('Read **two numbers** and print their sum.');
    await page.locator('#prompt-preview strong').getByText('two numbers').waitFor();
    await page.getByLabel('Interviewer guide').fill('Ask about overflow.');
    const python = page.getByRole('group', { name: 'Language 1' });
    await python.getByLabel('Starter code').fill('a, b = map(int, input().split())\n');
    await python.getByLabel('Reference solution').fill('print(42)\n');
    const first = page.getByRole('group', { name: 'Test 1' });
    await first.getByLabel('Input').fill('1 2\n');
    await first.getByLabel('Expected output').fill('3\n');
    await page.getByRole('button', { name: 'Add a test' }).click();
    await page.getByRole('group', { name: 'Test 2' }).getByLabel('Input').fill('40 2\n');
    await page.getByRole('group', { name: 'Test 2' }).getByLabel('Expected output').fill('42\n');
    await page.getByRole('group', { name: 'Test 2' }).getByLabel('Hidden from the candidate').check();
    // A removed row is gone from the question.
    await page.getByRole('button', { name: 'Add a test' }).click();
    await page.getByRole('button', { name: 'Remove test 3' }).click();

    // The server's answer to publishing is held back a moment: until it comes, the page says it is checking.
    /** @type {() => void} */
    let release = () => {};
    const held = new Promise((resolve) => (release = () => resolve(undefined)));
    await page.route('**/api/questions/*/publish', async (route) => {
      const answer = await route.fetch();
      await held;
      await route.fulfill({ response: answer });
    });
    await page.getByRole('button', { name: 'Publish' }).click();
    const status = page.locator('#question-status');
    await status.getByText('Checking reference solutions…').waitFor();
    assert.equal(await page.getByText(/Published/).count(), 0, 'nothing claims it is published before the server answers');
    release();

    // Refused, in the server's words, next to the failing test.
    const alert = page.getByRole('alert');
    await alert.getByText('the python reference solution fails test 0: expected "3\\n", got "42\\n"').waitFor();
    await status.getByText('Not published.').waitFor();
    await page.getByRole('group', { name: 'Test 1' }).locator('.field-error').getByText('python: expected "3\\n", got "42\\n"').waitFor();
    assert.equal(await page.locator('#question-state').textContent(), 'Draft');
    const id = /\/questions\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    assert.equal((await serverCall('GET', `/v1/questions/${id}`)).status, 'draft');

    // The right solution: published, as the server confirmed.
    await python.getByLabel('Reference solution').fill('a, b = map(int, input().split())\nprint(a + b)\n');
    await page.getByRole('button', { name: 'Publish' }).click();
    await status.getByText('Published version 1.').waitFor();
    assert.equal(await page.getByRole('alert').isVisible(), false);
    const stored = await serverCall('GET', `/v1/questions/${id}`);
    assert.equal(stored.status, 'published');
    assert.deepEqual(stored.question.tags, ['arithmetic', 'warm-up']);
    assert.deepEqual(stored.question.tests.map((/** @type {any} */ t) => [t.stdin, t.hidden]), [['1 2\n', false], ['40 2\n', true]]);

    // Opened again, the editor shows it; a change is checked again and makes version 2, version 1 stays.
    await page.goto(`${stack.portalUrl}/questions/${id}`);
    await page.getByRole('heading', { name: 'Sum of two numbers', level: 1 }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Test 2' }).getByLabel('Hidden from the candidate').isChecked(), true);
    await page.locator('#prompt-preview strong').getByText('two numbers').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Publish', exact: true }).isVisible(), false);
    await page.getByLabel('Prompt').fill('Read **two integers** and print their sum.');
    await page.getByRole('button', { name: 'Publish a new version' }).click();
    await status.getByText('Published version 2.').waitFor();
    assert.equal((await serverCall('GET', `/v1/questions/${id}`)).question.prompt, 'Read **two integers** and print their sum.');
    assert.equal((await serverCall('GET', `/v1/questions/${id}/versions/1`)).question.prompt, 'Read **two numbers** and print their sum.');
    // Archiving asks first; Escape keeps the question.
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive this question?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await serverCall('GET', `/v1/questions/${id}`)).status, 'published');
    await page.getByRole('button', { name: 'Archive' }).click();
    await dialog.getByRole('button', { name: 'Archive question' }).click();
    await status.getByText('Archived: no new interviews will use it.').waitFor();
    assert.equal(await page.locator('#question-state').textContent(), 'Archived');
    assert.equal((await serverCall('GET', `/v1/questions/${id}`)).status, 'archived');
    assert.deepEqual(errors.filter((error) => !/status of 422/.test(error)), [], 'no errors but the refusal itself');
    await context.close();
  });

  test('question bank: write a structured question with its competency, probes, indicators and anchors, and publish it', async () => {
    const context = await browser.newContext(HOST);
    const { page, errors } = await open(context, '/questions/new');
    await page.locator('main:not([aria-busy])').waitFor();
    await page.getByRole('radio', { name: /^Structured/ }).check();
    assert.equal(await page.getByRole('group', { name: 'Test cases' }).isVisible(), false, 'no tests for a structured question');
    await page.getByLabel('Title').fill('A time you changed your mind');
    await page.getByLabel('Prompt').fill('Tell me about a time a colleague **changed your mind**.');
    await page.getByLabel('Competency').selectOption('communication');
    await page.getByLabel('Follow-up probes').fill('What did they say?\n\nWhat would you do now?\n');
    await page.getByLabel('Positive indicators').fill('Credits the other view');
    await page.getByLabel('Negative indicators').fill('Never changed anything');
    const anchors = page.getByRole('group', { name: 'What each rating looks like' });
    for (const [index, text] of ['No example', 'Vague', 'Clear example', 'Clear example and a lesson'].entries()) {
      await anchors.getByRole('textbox').nth(index).fill(text);
    }
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('#question-status').getByText('Published version 1.').waitFor();
    const id = /\/questions\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    const { question, status } = await serverCall('GET', `/v1/questions/${id}`);
    assert.equal(status, 'published');
    assert.deepEqual(
      [question.type, question.slug, question.competency, question.probes, question.positiveIndicators, question.negativeIndicators, question.anchors],
      ['structured', 'a-time-you-changed-your-mind', 'communication', ['What did they say?', 'What would you do now?'], ['Credits the other view'], ['Never changed anything'], ['No example', 'Vague', 'Clear example', 'Clear example and a lesson']],
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('question bank: browse and search by words, tag, difficulty, language, type and status, with "Load more"', async () => {
    const tag = `browse-${Date.now()}`;
    for (let i = 0; i < 22; i += 1) {
      await serverCall('POST', '/v1/questions', sumQuestion(`${tag}-${i}`, { title: `Browse ${i}`, tags: [tag], difficulty: i === 7 ? 'hard' : 'easy' }));
    }
    await publishedQuestion(sumQuestion(`${tag}-published`, { title: 'Browse published', tags: [tag] }));
    const context = await browser.newContext(HOST);
    const { page, errors } = await open(context, '/questions');
    await page.getByLabel('Tag', { exact: true }).fill(tag);
    await page.getByRole('button', { name: 'Search' }).click();
    const entries = page.locator('#questions > li');
    await page.locator('#questions-status').getByText('20 questions shown so far.').waitFor();
    await page.getByRole('button', { name: 'Load more questions' }).click();
    await page.locator('#questions-status').getByText('23 questions shown.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Load more questions' }).isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Browse 2', 'focus moves to the first added question (newest first: the published one, then 21 to 3 on the first page)');

    const titles = () => entries.locator('h2').allTextContents();
    await page.getByLabel('Difficulty').selectOption('hard');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#questions-status').getByText('1 question shown.').waitFor();
    assert.deepEqual(await titles(), ['Browse 7']);
    assert.match((await entries.first().textContent()) ?? '', /Coding · Hard · Python · version 1/);

    await page.getByLabel('Difficulty').selectOption('');
    await page.getByLabel('Status').selectOption('published');
    await page.getByLabel('Language').selectOption('python');
    await page.getByLabel('Type').selectOption('coding');
    await page.getByRole('button', { name: 'Search' }).click();
    await entries.getByRole('heading', { name: 'Browse published' }).waitFor();
    await page.locator('#questions-status').getByText('1 question shown.').waitFor();
    assert.deepEqual(await titles(), ['Browse published']);
    assert.equal(await entries.first().locator('.badge').textContent(), 'Published');

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Words in the title or prompt').fill('browse 12');
    await page.getByRole('button', { name: 'Search' }).click();
    await entries.getByRole('heading', { name: 'Browse 12' }).waitFor();
    await page.locator('#questions-status').getByText('1 question shown.').waitFor();
    assert.deepEqual(await titles(), ['Browse 12']);
    await page.getByLabel('Type').selectOption('structured');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#questions-status').getByText('No questions match.').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("question bank: one button imports the server's starter bank", async () => {
    const starter = await starterBankTitles();
    const context = await browser.newContext(HOST);
    const { page, errors } = await open(context, '/questions');
    await page.locator('#questions-status').filter({ hasText: /question/ }).waitFor();
    await page.getByRole('button', { name: 'Import the starter bank' }).click();
    await page.locator('#import-status').getByText(`Imported ${starter.length} ${starter.length === 1 ? 'question' : 'questions'} from the starter bank.`).waitFor();
    // The list shows them at once, and the search finds each one.
    if (starter.length >= 20) await page.locator('#questions-status').getByText(/^20 questions shown/).waitFor();
    for (const title of starter.slice(0, 2)) {
      await page.getByLabel('Words in the title or prompt').fill(title);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('#questions').getByRole('heading', { name: title, exact: true }).waitFor();
    }
    // Again: nothing twice.
    await page.getByRole('button', { name: 'Import the starter bank' }).click();
    await page.locator('#import-status').getByText(`Imported 0 questions from the starter bank${starter.length ? `; ${starter.length} the bank had already.` : '.'}`).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('question bank: build a kit of published questions, then schedule an interview from it', async () => {
    const stamp = Date.now();
    const coding = await publishedQuestion(sumQuestion(`kit-coding-${stamp}`, { title: `Kit adder ${stamp}`, prompt: `Add **two numbers** (${stamp}).` }));
    const variant = await publishedQuestion(sumQuestion(`kit-variant-${stamp}`, { title: `Kit adder B ${stamp}` }));
    const warmUp = await publishedQuestion(sumQuestion(`kit-warm-up-${stamp}`, { title: `Kit warm-up ${stamp}`, prompt: `Warm up: add **two numbers** (${stamp}).` }));
    const context = await browser.newContext(HOST);
    const { page, errors } = await open(context, '/kits');
    const section = page.getByRole('group', { name: 'Section 1' });
    await section.getByLabel('Question').locator(`option[value="${coding.id}"]`).waitFor({ state: 'attached' });

    // Without a name or a question, the server's errors stand next to the fields.
    await page.getByRole('button', { name: 'Create kit' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');
    assert.equal(await section.getByLabel('Question').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Name').fill(`Adder loop ${stamp}`);
    await page.getByLabel('Duration').fill('50');
    await section.getByLabel('Title').fill('Coding');
    await section.getByLabel('Question').selectOption(coding.id);
    await section.getByLabel('Variant B').selectOption(variant.id);
    // A second section, moved up to open the interview.
    await page.getByRole('button', { name: 'Add a section' }).click();
    const second = page.getByRole('group', { name: 'Section 2' });
    await second.getByLabel('Title').fill('Warm-up');
    await second.getByLabel('Minutes').fill('10');
    await second.getByLabel('Question').selectOption(warmUp.id);
    await second.getByRole('button', { name: 'Move section 2 up' }).click();
    assert.equal(await page.getByRole('group', { name: 'Section 1' }).getByLabel('Title').inputValue(), 'Warm-up');
    assert.equal(await page.evaluate(() => /** @type {HTMLInputElement} */ (document.activeElement).value), 'Warm-up', 'focus stays in the moved section');
    await page.getByRole('button', { name: 'Create kit' }).click();
    await page.locator('#kit-status').getByText(`Kit “Adder loop ${stamp}” created.`).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), `Adder loop ${stamp}`);
    const { kits } = await serverCall('GET', '/v1/kits');
    const kit = await serverCall('GET', `/v1/kits/${kits[0].id}`);
    assert.deepEqual(kit.kit.sections, [
      { title: 'Warm-up', minutes: 10, questions: [{ id: warmUp.id }] },
      { title: 'Coding', minutes: 30, variants: [[{ id: coding.id }], [{ id: variant.id }]] },
    ]);
    assert.equal(kit.kit.durationMinutes, 50);

    // The kit's link opens the schedule form with the kit chosen and its duration.
    await page.getByRole('link', { name: `Schedule an interview from Adder loop ${stamp}` }).click();
    await page.waitForURL(/\/\?kit=/);
    assert.equal(await page.getByLabel('From a kit').isChecked(), true);
    assert.equal(await page.getByLabel('Interview kit').inputValue(), kit.id);
    await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.getElementById('durationMinutes')).value === '50');
    assert.equal(await page.getByLabel('Question', { exact: true }).isVisible(), false, 'no question to write');
    await page.getByLabel('Title').fill('Kit interview');
    await page.getByRole('group', { name: 'Participant 1' }).getByLabel('Name').fill('Ivy Interviewer');
    await page.getByRole('group', { name: 'Participant 2' }).getByLabel('Name').fill('Cam Candidate');
    await page.getByRole('button', { name: 'Create interview' }).click();
    await page.getByRole('status').filter({ hasText: 'Interview “Kit interview” created' }).waitFor();

    // The candidate's room shows the kit's first question: the warm-up.
    const entry = entryOf(page, 'Kit interview');
    const candidate = await open(context, (await entry.getByRole('link', { name: 'Cam Candidate' }).getAttribute('href')) ?? '');
    const room = candidate.page.locator('interview-room');
    await room.locator('[part~="question"]').getByText(`Warm up: add two numbers (${stamp}).`).waitFor();
    await room.locator('.cm-content').getByText('a, b = map(int, input().split())').waitFor();
    assert.deepEqual(errors.filter((error) => !/status of 400/.test(error)), [], 'no errors but the refused first try');
    assert.deepEqual(candidate.errors, []);
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
