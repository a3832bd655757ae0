/**
 * The whole flow through the example host portal (Acme Hiring), as a newcomer tries it: an
 * interview is scheduled with the portal's form, then the interviewer and the candidate open
 * their links, each in a browser context of its own (real Chromium, fake camera and microphone).
 * The pages embed `<interview-room>` from the product's browser bundle, get their tokens from the
 * portal's backend, and talk to the real reference server (a subprocess, SQLite, no LiveKit, so
 * video is peer-to-peer).
 *
 * WebRTC needs a loopback-only network namespace; `node scripts/test-server.mjs e2e/portal.test.ts`
 * provides one when run as root.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright';
import { ensureElementsBundle } from '../examples/host-portal/src/elements-bundle.js';
import { startStack } from '../examples/host-portal/src/testing/stack.mjs';
import { CHROMIUM, WEBRTC_ARGS } from './support.js';

// The portal's Content Security Policy forbids `eval`, so page-side checks are functions and
// locators (which reach into the elements' shadow roots), never strings of code.

interface Participant {
  page: Page;
  room: Locator;
  /** Uncaught exceptions and console errors the page reported. */
  errors: string[];
}

describe('an interview through the host portal, between two browsers', { timeout: 300_000 }, () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Every URL the pages requested or opened a WebSocket to. */
  const urls: string[] = [];

  before(async () => {
    await ensureElementsBundle({ log: (message) => console.log(message) });
    stack = await startStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: WEBRTC_ARGS });
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    await browser?.close();
    await stack?.stop();
  });

  /** A browser context of its own, as a separate person on a separate machine. */
  async function newPerson(): Promise<Page> {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1400, height: 900 } });
    contexts.push(context);
    context.on('request', (request) => urls.push(request.url()));
    const page = await context.newPage();
    page.on('websocket', (socket) => urls.push(socket.url()));
    return page;
  }

  async function join(page: Page, href: string): Promise<Participant> {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(new URL(href, stack.portalUrl).href);
    const room = page.locator('interview-room');
    await room.locator('.cm-content').getByText('print("hello")').waitFor({ timeout: 30_000 });
    return { page, room, errors };
  }

  test('the candidate writes and runs code, both see it, and both see each other on video', async () => {
    // The recruiter (here the interviewer) schedules the interview with the portal's form.
    const interviewerPage = await newPerson();
    await interviewerPage.goto(stack.portalUrl);
    await interviewerPage.getByLabel('Title').fill('Pair programming');
    await interviewerPage.getByLabel('Question').fill('Print **the answer**.');
    await interviewerPage.getByLabel('Language').selectOption('python');
    await interviewerPage.getByLabel('Starter code').fill('print("hello")\n');
    await interviewerPage.getByRole('group', { name: 'Participant 1' }).getByLabel('Name').fill('Ivy Interviewer');
    await interviewerPage.getByRole('group', { name: 'Participant 2' }).getByLabel('Name').fill('Cam Candidate');
    await interviewerPage.getByRole('button', { name: 'Create interview' }).click();
    await interviewerPage.getByRole('status').filter({ hasText: 'Interview “Pair programming” created' }).waitFor();
    const link = async (name: string) => (await interviewerPage.getByRole('link', { name }).getAttribute('href')) ?? '';
    const [interviewerHref, candidateHref] = [await link('Ivy Interviewer'), await link('Cam Candidate')];

    const interviewer = await join(interviewerPage, interviewerHref);
    const candidate = await join(await newPerson(), candidateHref);
    await candidate.page.locator('header').getByText('Cam Candidate · Candidate').waitFor();
    await interviewer.page.locator('header').getByText('Ivy Interviewer · Interviewer').waitFor();

    // Only the interviewer gets the feedback form.
    await interviewer.room.getByRole('heading', { name: 'Interview feedback' }).waitFor();
    assert.equal(await candidate.room.getByText('Interview feedback').count(), 0);
    assert.equal(await candidate.room.getByRole('button', { name: 'Submit feedback' }).count(), 0);

    // The candidate types; the interviewer sees it.
    await candidate.room.locator('.cm-content').click();
    await candidate.page.keyboard.press('Control+End');
    await candidate.page.keyboard.type('\nprint(6 * 7)', { delay: 5 });
    await interviewer.room.locator('.cm-content').getByText('print(6 * 7)').waitFor({ timeout: 20_000 });

    // The candidate runs it; both see the output.
    await candidate.room.getByRole('button', { name: 'Run', exact: true }).click();
    for (const { room } of [candidate, interviewer]) {
      await room.locator('[part~="console"]', { hasText: /hello\s*42/ }).waitFor({ timeout: 60_000 });
    }

    // Both join the video call; each receives the other's camera frames, peer to peer.
    for (const { room } of [interviewer, candidate]) await room.getByRole('button', { name: 'Join video' }).click();
    for (const { page, room } of [interviewer, candidate]) {
      const remoteVideo = room.locator('interview-video figure:not([part~="tile-local"]) video');
      await remoteVideo.waitFor({ state: 'attached', timeout: 30_000 });
      await page.waitForFunction((video) => (video as HTMLVideoElement).videoWidth > 0, await remoteVideo.elementHandle(), {
        timeout: 30_000,
      });
    }
    const mode = await candidate.page.evaluate(
      () => (document.querySelector('interview-room')?.shadowRoot?.querySelector('interview-video') as unknown as { state: { mode: string } }).state.mode,
    );
    assert.equal(mode, 'p2p');

    // Tokens travel in request headers and WebSocket messages only, never in a URL.
    assert.ok(urls.some((url) => url.startsWith('ws://')), 'the pages opened WebSockets');
    assert.deepEqual(
      urls.filter((url) => url.includes('eyJ')),
      [],
    );
    assert.deepEqual(candidate.errors, [], 'the candidate page reports no errors');
    assert.deepEqual(interviewer.errors, [], 'the interviewer page reports no errors');
  });
});
