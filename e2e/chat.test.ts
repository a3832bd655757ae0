/**
 * The chat seen by two people in two browsers (real Chromium, separate contexts) against the real
 * server: what the candidate writes reaches the interviewer's Chat tab, named by the server, and
 * counts as unread until it is opened. `node scripts/test-server.mjs e2e/chat.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sampleSession } from '@interview-kit/core/testing';
import { createSession } from '../server/src/testing/harness.js';
import { clickIn, startRoomStage, textIn, until, type RoomStage } from './support.js';

describe('the chat in two browsers', { timeout: 180_000 }, () => {
  let stage: RoomStage;

  before(async () => {
    stage = await startRoomStage();
  });

  after(() => stage?.stop());

  test("the candidate's message, sent with Enter, reaches the interviewer's Chat tab with the server's name; unread until opened", async () => {
    const session = await createSession(stage.reference, sampleSession());
    const candidate = await stage.open({ sessionId: session.id, token: session.tokenFor('candidate') });
    const interviewer = await stage.open({ sessionId: session.id, token: session.tokenFor('interviewer') });
    // The candidate's rail holds the chat alone, open at once.
    await until(candidate, () => (window as any).find('#panel-chat interview-chat', 'textarea'), "the candidate's chat");
    await until(interviewer, () => (window as any).find('#tool-tab-chat'), "the interviewer's Chat tab");
    assert.equal(await textIn(interviewer, '#tool-tab-chat'), 'Chat');

    await candidate.evaluate(() => ((window as any).find('#panel-chat interview-chat', 'textarea') as HTMLElement).focus());
    await candidate.keyboard.type('Can I assume the input fits in memory?');
    await candidate.keyboard.press('Enter');
    await until(candidate, () => (window as any).find('#panel-chat interview-chat', '[part="message own"]'), 'sent, once the server answered');

    await until(interviewer, () => (window as any).find('#tool-tab-chat')?.textContent.trim() === 'Chat (1)', 'the unread count on the tab');
    await clickIn(interviewer, '#tool-tab-chat');
    await until(interviewer, () => (window as any).find('#panel-chat interview-chat', '[part~="message"] .text'), 'the message');
    assert.equal(await textIn(interviewer, '#panel-chat interview-chat', '[part~="message"] .text'), 'Can I assume the input fits in memory?');
    assert.match((await textIn(interviewer, '#panel-chat interview-chat', '[part~="message"] .meta'))!, /Cam Candidate .*candidate/);
    await until(interviewer, () => (window as any).find('#tool-tab-chat')?.textContent.trim() === 'Chat', 'read once opened');
  });
});
