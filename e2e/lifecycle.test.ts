/**
 * The interview's lifecycle seen by two people in two browsers (real Chromium, separate contexts,
 * fake camera and microphone) against the real server: start from the lobby, end for everyone.
 * `node scripts/test-server.mjs e2e/lifecycle.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright';
import { sampleSession } from '@interview-kit/core/testing';
import { createSession } from '../server/src/testing/harness.js';
import { clickIn, startRoomStage, textIn, until, type RoomStage } from './support.js';

describe('the lifecycle in two browsers', { timeout: 180_000 }, () => {
  let stage: RoomStage;
  let reference: RoomStage['reference'];

  before(async () => {
    stage = await startRoomStage();
    reference = stage.reference;
  });

  after(() => stage?.stop());

  const participant = (sessionId: string, token: string): Promise<Page> => stage.open({ sessionId, token });

  const text = textIn;
  const click = clickIn;

  test('an interviewer starts from the lobby; the candidate goes live within a second, the question appears, the timer counts from the start', async (t) => {
    const session = await createSession(reference, sampleSession({ autoStart: 'manual', revealQuestion: 'on-start', durationMinutes: 30 }), { start: false });
    const candidate = await participant(session.id, session.tokenFor('candidate'));
    const interviewer = await participant(session.id, session.tokenFor('interviewer'));
    await until(candidate, () => (window as any).find('[part="lobby"]'), 'the candidate’s lobby');
    assert.match((await text(candidate, '[part="lobby"]'))!, /The question appears when the interview starts/);
    await until(interviewer, () => (window as any).find('[part="start-button"]'), 'the Start button');
    await click(interviewer, '[part="start-button"]');
    const started = Date.now();
    await until(candidate, () => (window as any).find('interview-editor'), 'the candidate’s room to go live', 5_000);
    const seenAfter = Date.now() - started;
    t.diagnostic(`start → candidate live: ${seenAfter} ms`);
    assert.ok(seenAfter < 1_000, `the candidate saw the start after ${seenAfter} ms`);
    await until(candidate, () => (window as any).find('.prompt')?.textContent.includes('Read two integers'), 'the question');
    assert.match((await text(candidate, '[role="timer"]'))!, /^(30:00|29:5\d) left of 30:00$/);
  });

  test('the interviewer ends: within a second the candidate’s code is read-only, the timer stopped, the camera released, and typing is not saved', async (t) => {
    const session = await createSession(reference, sampleSession());
    const candidate = await participant(session.id, session.tokenFor('candidate'));
    const interviewer = await participant(session.id, session.tokenFor('interviewer'));
    // The candidate is in the call, camera and microphone on.
    await until(candidate, () => (window as any).find('interview-video', 'button'), 'the video controls');
    await candidate.evaluate(() => ((window as any).find('interview-video') as any).join());
    await until(candidate, () => (window as any).tracks.some((track: MediaStreamTrack) => track.kind === 'video' && track.readyState === 'live'), 'a live camera');
    await until(candidate, () => (window as any).find('interview-editor', '.cm-content'), 'the editor');

    await until(interviewer, () => (window as any).find('[part="end-button"]'), 'the End button');
    await click(interviewer, '[part="end-button"]');
    await interviewer.evaluate(() => ((window as any).find('dialog[part="end-dialog"] button[value="end"]') as HTMLElement).click());
    const ended = Date.now();
    await until(candidate, () => (window as any).ended && (window as any).find('[part="ended"]'), 'the candidate’s room to end', 5_000);
    await until(
      candidate,
      () => (window as any).tracks.length > 0 && (window as any).tracks.every((track: MediaStreamTrack) => track.readyState === 'ended'),
      'the camera and microphone to be released',
      5_000,
    );
    const seenAfter = Date.now() - ended;
    t.diagnostic(`end → candidate ended, camera and microphone released: ${seenAfter} ms`);
    assert.ok(seenAfter < 1_000, `the candidate’s room ended after ${seenAfter} ms`);

    assert.equal(await text(candidate, '[role="timer"]'), 'Interview ended');
    const timerBefore = await text(candidate, '[role="timer"]');
    assert.match((await text(candidate, 'interview-editor', '[part="ended-banner"]'))!, /ended/i);
    assert.equal(await candidate.evaluate(() => (window as any).find('interview-editor', '.cm-content').getAttribute('aria-readonly')), 'true');
    assert.equal(await candidate.evaluate(() => (window as any).find('interview-run-panel', '[part="run-button"]')?.disabled ?? true), true);

    // Typing into the ended interview says it is not saved, and the shared code is unchanged.
    await candidate.evaluate(() => ((window as any).find('interview-editor', '.cm-content') as HTMLElement).focus());
    await candidate.keyboard.type('late edit');
    await until(candidate, () => /not saved/i.test((window as any).find('interview-editor', '[part="status"]')?.textContent ?? ''), '“not saved”');
    assert.doesNotMatch((await text(candidate, 'interview-editor', '.cm-content'))!, /late edit/);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal(await text(candidate, '[role="timer"]'), timerBefore);
  });
});
