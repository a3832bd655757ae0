/**
 * Runs shared between two participants in two separate browser contexts (real Chromium): a run
 * started in one appears in the other with who ran it, through the real server's sandbox and the
 * shared document. `node --conditions=interview-kit-source --import tsx --test e2e/runs.test.ts`
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright';
import { createSession } from '../server/src/testing/harness.js';
import { sessionWithCode } from '../server/src/testing/collab.js';
import { startFixtureStage, until, type FixtureStage, type FixtureVisit } from './support.js';

describe('runs shared between two browsers', { timeout: 120_000 }, () => {
  let stage: FixtureStage<FixtureVisit>;

  before(async () => {
    stage = await startFixtureStage('runs');
  });

  after(() => stage?.stop());

  async function participant(sessionId: string, token: string): Promise<Page> {
    return stage.open({ sessionId, token });
  }

  test("a run started in one context appears in the other, with who ran it", async () => {
    const session = await createSession(stage.reference, sessionWithCode('print(6 * 7)\n'));
    const candidate = await participant(session.id, session.tokenFor('candidate'));
    const interviewer = await participant(session.id, session.tokenFor('interviewer'));

    // The candidate presses Ctrl+Enter in the editor: the page-wide shortcut runs the shared code.
    await candidate.evaluate(() => (window as any).editor.view.focus());
    await candidate.keyboard.press('Control+Enter');
    await until(candidate, 'window.part("verdict") === "Finished"', 'the result at the candidate');
    await until(interviewer, 'window.part("console") === "42"', 'the run at the interviewer');
    assert.match(await interviewer.evaluate(() => (window as any).part('status')), /Run by Cam Candidate/);

    // The interviewer changes the code and runs it; the candidate sees that run.
    await interviewer.evaluate(() => {
      const view = (window as any).editor.view;
      view.dispatch({ changes: { from: view.state.doc.length, insert: 'print("from ivy")\n' } });
    });
    await until(candidate, '(window.collab.code.toString()).includes("from ivy")', 'the edit at the candidate');
    await interviewer.evaluate(() => (window as any).panel.run());
    await until(candidate, 'window.part("console") === "42 from ivy"', 'the interviewer’s run at the candidate');
    assert.match(await candidate.evaluate(() => (window as any).part('status')), /Run by Ivy Interviewer/);
    assert.match(await candidate.evaluate(() => (window as any).part('history')), /Run history \(2\)/);
    await Promise.all([candidate.context().close(), interviewer.context().close()]);
  });
});
