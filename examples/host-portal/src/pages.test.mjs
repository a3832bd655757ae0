import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { chromiumPath } from '../../../scripts/lib/system-packages.mjs';
import { ensureElementsBundle } from './elements-bundle.js';
import { eventually, fizzBuzzForm, postJson, startStack } from './testing/stack.mjs';

const CHROMIUM = chromiumPath();
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

  test('the pages pass axe-core, wide and narrow, with errors and the dialog showing', async () => {
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
      await context.close();
    }
  });

  test('a link to an unknown participant explains that the interview cannot be opened', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, '/room/no-such-session/nobody');
    await page.getByRole('alert').getByText('This interview could not be opened. This portal has no such interview participant.').waitFor();
    assert.equal(await page.locator('interview-room').isVisible(), false);
    await context.close();
  });
});
