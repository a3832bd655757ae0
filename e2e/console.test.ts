/**
 * The interactive console between two participants in two separate browser contexts (real
 * Chromium), through the real server and its sandbox: the interviewer starts the shared Python
 * program, the candidate types its two inputs on their keyboard, and both terminals show the sum.
 * `node --conditions=interview-kit-source --import tsx --test e2e/console.test.ts`
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright';
import { createSession } from '../server/src/testing/harness.js';
import { sessionWithCode } from '../server/src/testing/collab.js';
import { startFixtureStage, until, type FixtureStage, type FixtureVisit } from './support.js';

describe('the interactive console between two browsers', { timeout: 120_000 }, () => {
  let stage: FixtureStage<FixtureVisit>;

  before(async () => {
    stage = await startFixtureStage('console');
  });

  after(() => stage?.stop());

  async function participant(sessionId: string, token: string): Promise<Page> {
    const page = await stage.open({ sessionId, token });
    await until(page, 'window.ready()', 'the console connected');
    return page;
  }

  test('an interactive Python program reads two lines typed in the other browser and prints their sum', async () => {
    const session = await createSession(stage.reference, sessionWithCode('a = int(input("a? "))\nb = int(input("b? "))\nprint("sum", a + b)\n'));
    const interviewer = await participant(session.id, session.tokenFor('interviewer'));
    const candidate = await participant(session.id, session.tokenFor('candidate'));

    await interviewer.evaluate(() => (window as any).press('start'));
    await until(candidate, 'window.screen().includes("a?")', 'the first prompt in the candidate’s browser');
    await candidate.evaluate(() => (window as any).consoleElement.terminal.focus());
    await candidate.keyboard.type('2');
    await candidate.keyboard.press('Enter');
    await until(candidate, 'window.screen().includes("b?")', 'the second prompt');
    await candidate.keyboard.type('40');
    await candidate.keyboard.press('Enter');
    await until(interviewer, 'window.screen().includes("sum 42")', 'the sum in the interviewer’s browser');
    assert.equal(await interviewer.evaluate(() => (window as any).screen()), 'a? 2\nb? 40\nsum 42');
    assert.equal(await candidate.evaluate(() => (window as any).screen()), 'a? 2\nb? 40\nsum 42');
  });
});
