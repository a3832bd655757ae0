/**
 * A session of several questions seen by two people in two browsers (real Chromium, separate
 * contexts) against the real server with the local sandbox: the interviewer moves to question 2,
 * the candidate's room follows within a second with that question's own starter code, and typing
 * in question 2 (and running it) leaves question 1's code as it was.
 * `node scripts/test-server.mjs e2e/questions.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright';
import { call } from '../server/src/testing/harness.js';
import { startRoomStage, textIn, until, type RoomStage } from './support.js';

/** A published coding question that echoes its input, with its own prompt and starter code. */
const echo = (slug: string, prompt: string, starter: string) => ({
  slug,
  type: 'coding',
  title: `Echo ${slug}`,
  prompt,
  difficulty: 'easy',
  tags: [],
  estimatedMinutes: 5,
  guide: 'Ask about empty input.',
  starterCode: { python: starter },
  tests: [{ stdin: 'x\n', expected: 'x\n' }],
  solutions: { python: 'print(input())\n' },
});

describe('several questions in two browsers', { timeout: 180_000 }, () => {
  let stage: RoomStage;
  let reference: RoomStage['reference'];

  before(async () => {
    stage = await startRoomStage({ EXECUTOR: 'local' });
    reference = stage.reference;
  });

  after(() => stage?.stop());

  const participant = (sessionId: string, token: string): Promise<Page> => stage.open({ sessionId, token });

  async function published(question: Record<string, unknown>): Promise<string> {
    const created = await call(reference.url, 'POST', '/v1/questions', { auth: reference.apiKey, body: question });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const done = await call(reference.url, 'POST', `/v1/questions/${created.body.id}/publish`, { auth: reference.apiKey });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    return created.body.id;
  }

  const text = textIn;
  const code = (page: Page) => text(page, 'interview-editor', '.cm-content');

  test('the interviewer moves to question 2: the candidate sees it within a second with its own starter code; question 1 keeps its code', async (t) => {
    const first = await published(echo('first', 'FIRST-PROMPT: echo a line.', '# first starter\n'));
    const second = await published(echo('second', 'SECOND-PROMPT: echo it again.', '# second starter\n'));
    const created = await call(reference.url, 'POST', '/v1/sessions', {
      auth: reference.apiKey,
      body: {
        title: 'Two questions',
        questions: [{ id: first }, { id: second }],
        participants: [
          { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
          { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
        ],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const token = (id: string) => created.body.participants.find((p: { id: string }) => p.id === id).token as string;
    const candidate = await participant(created.body.id, token('cam'));
    const interviewer = await participant(created.body.id, token('ivy'));

    await until(candidate, () => (window as any).find('interview-editor', '.cm-content')?.textContent.includes('# first starter'), 'question 1’s starter code');
    await until(interviewer, () => (window as any).find('[part="question-next"]'), 'the question switcher');
    assert.match((await text(interviewer, '[part="question-select"]'))!, /Question 1 of 2: Echo first/);
    assert.equal(await candidate.evaluate(() => (window as any).find('[part="question-switcher"]')), null, 'candidates get no switcher');
    assert.doesNotMatch((await text(candidate, '.prompt'))!, /SECOND-PROMPT/);

    // The candidate writes question 1's answer.
    await candidate.evaluate(() => ((window as any).find('interview-editor', '.cm-content') as HTMLElement).focus());
    await candidate.keyboard.press('Control+End');
    await candidate.keyboard.type('print(input())');
    await until(interviewer, () => (window as any).find('interview-editor', '.cm-content')?.textContent.includes('print(input())'), 'question 1’s answer at the interviewer');

    await interviewer.evaluate(() => ((window as any).find('[part="question-next"]') as HTMLElement).click());
    const moved = Date.now();
    await until(
      candidate,
      () =>
        (window as any).find('.prompt')?.textContent.includes('SECOND-PROMPT') &&
        (window as any).find('interview-editor', '.cm-content')?.textContent.includes('# second starter'),
      'question 2 in the candidate’s room',
      5_000,
    );
    const seenAfter = Date.now() - moved;
    t.diagnostic(`move → candidate shows question 2 and its starter code: ${seenAfter} ms`);
    assert.ok(seenAfter < 1_000, `the candidate saw question 2 after ${seenAfter} ms`);
    assert.doesNotMatch((await code(candidate))!, /print\(input\(\)\)/, 'question 2 starts from its own starter code');

    // Typing in question 2 reaches the interviewer, and question 1's code stays as it was.
    await candidate.evaluate(() => ((window as any).find('interview-editor', '.cm-content') as HTMLElement).focus());
    await candidate.keyboard.press('Control+End');
    await candidate.keyboard.type('print("SECOND_ANSWER")');
    await until(interviewer, () => (window as any).find('interview-editor', '.cm-content')?.textContent.includes('SECOND_ANSWER'), 'question 2’s typing at the interviewer');
    // A run runs question 2's code, and its record reaches the interviewer.
    await until(candidate, () => (window as any).find('interview-run-panel', '[part="run-button"]')?.disabled === false, 'the Run button');
    await candidate.evaluate(() => ((window as any).find('interview-run-panel', '[part="run-button"]') as HTMLElement).click());
    await until(interviewer, () => (window as any).find('interview-run-panel', '[part="console"]')?.textContent.includes('SECOND_ANSWER'), 'the run of question 2’s code', 20_000);
    await interviewer.evaluate(() => ((window as any).find('[part="question-previous"]') as HTMLElement).click());
    await until(candidate, () => (window as any).find('.prompt')?.textContent.includes('FIRST-PROMPT'), 'question 1 again');
    await until(candidate, () => (window as any).find('interview-editor', '.cm-content')?.textContent.includes('# first starter'), 'question 1’s code');
    const firstCode = (await code(candidate))!;
    assert.match(firstCode, /print\(input\(\)\)/, 'question 1 keeps its answer');
    assert.doesNotMatch(firstCode, /SECOND_ANSWER|second starter/, 'question 2’s typing never reaches question 1');
  });
});
