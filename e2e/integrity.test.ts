/**
 * Integrity signals, disclosed, seen by two people in two browsers (real Chromium, separate
 * contexts) against the real server: the candidate is told and consents, then pastes and leaves
 * the window; the interviewer's Signals tool shows it with times, the candidate never sees it; a
 * session with `integrity: "off"` asks for nothing and records nothing.
 * `node scripts/test-server.mjs e2e/integrity.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright';
import { sampleSession } from '@interview-kit/core/testing';
import { call, createSession } from '../server/src/testing/harness.js';
import { clickIn, startRoomStage, textIn, until, type RoomStage } from './support.js';

describe('integrity signals in two browsers', { timeout: 180_000 }, () => {
  let stage: RoomStage;
  let reference: RoomStage['reference'];

  before(async () => {
    stage = await startRoomStage();
    reference = stage.reference;
  });

  after(() => stage?.stop());

  const text = textIn;
  const click = clickIn;
  /** A paste into the candidate's editor through the browser's clipboard event, as Ctrl+V delivers it. */
  const paste = (page: Page, pasted: string) =>
    page.evaluate((value) => {
      const content = (window as any).find('interview-editor', '.cm-content') as HTMLElement;
      content.focus();
      const data = new DataTransfer();
      data.setData('text/plain', value);
      content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
  /** The window loses focus for `ms` and gets it back. */
  const leave = (page: Page, ms: number) =>
    page.evaluate(async (away) => {
      window.dispatchEvent(new FocusEvent('blur'));
      await new Promise((resolve) => setTimeout(resolve, away));
      window.dispatchEvent(new FocusEvent('focus'));
    }, ms);
  const stored = async (sessionId: string) =>
    (await call(reference.url, 'GET', `/v1/sessions/${sessionId}/signals`, { auth: reference.apiKey })).body;

  test('the candidate consents, pastes and leaves the window: the interviewer sees both with times, the candidate never does', async () => {
    const session = await createSession(reference, sampleSession());
    const candidate = await stage.open({ sessionId: session.id, token: session.tokenFor('candidate') });
    await until(candidate, () => (window as any).find('[part="consent-button"]'), 'the consent request');
    assert.match((await text(candidate, '[part="integrity-disclosure"]'))!, /Pastes into the editor.*loses focus.*Nothing is recorded before/);
    await until(candidate, () => (window as any).find('interview-editor', '.cm-content'), 'the editor');

    // Before consent nothing is captured.
    await paste(candidate, 'print("before consent")\n');
    await leave(candidate, 200);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    assert.deepEqual((await stored(session.id)).signals, []);

    await click(candidate, '[part="consent-button"]');
    await until(candidate, () => !(window as any).find('[part="integrity-disclosure"]'), 'the disclosure to give way once agreed');
    await paste(candidate, 'import numpy as np\n');
    await leave(candidate, 1_300);

    const interviewer = await stage.open({ sessionId: session.id, token: session.tokenFor('interviewer') });
    await until(interviewer, () => (window as any).find('#tool-tab-signals'), 'the Signals tab');
    await click(interviewer, '#tool-tab-signals');
    await until(interviewer, () => (window as any).find('[part="signal-list"]')?.children.length === 2, 'both signals in the Signals tool', 15_000);
    const shown = (await text(interviewer, '[part="signal-list"]'))!;
    assert.match(shown, /Cam Candidate pasted 19 characters from outside the editor/);
    assert.match(shown, /Cam Candidate's window was not in focus for 1 s/);
    assert.match((await text(interviewer, '[part="signals-caution"]'))!, /not verdicts/);
    assert.equal(await interviewer.evaluate(() => (window as any).find('[part="signal-list"] time').getAttribute('datetime').length > 0), true);

    const signals = (await stored(session.id)).signals;
    assert.deepEqual(signals.map((s: any) => s.kind), ['paste', 'focus-lost']);
    assert.ok(signals[1].ms >= 1_300 && signals[1].ms < 3_000, `away for ${signals[1].ms} ms`);

    assert.equal(await candidate.evaluate(() => Boolean((window as any).find('#tool-tab-signals') || (window as any).find('[part="signal-list"]'))), false);
    const refused = await call(reference.url, 'GET', `/v1/sessions/${session.id}/signals`, { auth: session.tokenFor('candidate') });
    assert.equal(refused.status, 403);
    await stage.closePages();
  });

  test('the lobby tells the candidate what is recorded; consent given there holds once the interview starts', async () => {
    const session = await createSession(reference, sampleSession({ autoStart: 'manual' }), { start: false });
    const candidate = await stage.open({ sessionId: session.id, token: session.tokenFor('candidate') });
    await until(candidate, () => (window as any).find('[part="lobby"] [part="consent-button"]'), 'the consent request in the lobby');
    assert.match((await text(candidate, '[part="lobby"] [part="integrity-disclosure"]'))!, /Pastes into the editor.*second connection/);
    await click(candidate, '[part="consent-button"]');
    await until(candidate, () => (window as any).find('[part="integrity-consented"]'), 'the consent acknowledged');
    assert.equal((await stored(session.id)).consents.length, 1);
    await call(reference.url, 'POST', `/v1/sessions/${session.id}/start`, { auth: reference.apiKey });
    await until(candidate, () => (window as any).find('interview-editor', '.cm-content'), 'the live room');
    assert.equal(await candidate.evaluate(() => Boolean((window as any).find('[part="integrity-disclosure"]'))), false, 'no second request once agreed');
    await paste(candidate, 'x = 1\n');
    const deadline = Date.now() + 10_000;
    while ((await stored(session.id)).signals.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.deepEqual((await stored(session.id)).signals.map((s: any) => [s.kind, s.chars]), [['paste', 6]]);
    await stage.closePages();
  });

  test('with integrity off the candidate is asked nothing, and pastes and focus losses are not recorded', async () => {
    const session = await createSession(reference, sampleSession({ integrity: 'off' }));
    const candidate = await stage.open({ sessionId: session.id, token: session.tokenFor('candidate') });
    await until(candidate, () => (window as any).find('interview-editor', '.cm-content'), 'the editor');
    assert.equal(await candidate.evaluate(() => Boolean((window as any).find('[part="integrity-disclosure"]'))), false);
    await paste(candidate, 'import numpy as np\n');
    await leave(candidate, 300);
    const interviewer = await stage.open({ sessionId: session.id, token: session.tokenFor('interviewer') });
    await until(interviewer, () => (window as any).find('#tool-tab-notes'), 'the tool rail');
    assert.equal(await interviewer.evaluate(() => Boolean((window as any).find('#tool-tab-signals'))), false);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const read = await stored(session.id);
    assert.deepEqual([read.integrity, read.signals, read.consents], ['off', [], []]);
    await stage.closePages();
  });
});
