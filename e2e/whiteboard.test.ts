/**
 * The whiteboard seen by two people in two browsers (real Chromium, separate contexts) against the
 * real server: both draw with the mouse at the same moment, and both boards end up holding the
 * same two strokes. `node scripts/test-server.mjs e2e/whiteboard.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright';
import { sampleSession } from '@interview-kit/core/testing';
import { createSession } from '../server/src/testing/harness.js';
import { clickIn, startRoomStage, until, type RoomStage } from './support.js';

describe('the whiteboard in two browsers', { timeout: 180_000 }, () => {
  let stage: RoomStage;

  before(async () => {
    stage = await startRoomStage();
  });

  after(() => stage?.stop());

  /** Opens the Whiteboard tab and waits for a board that can be drawn on. */
  async function openBoard(page: Page): Promise<void> {
    await until(page, () => (window as any).find('#centre-tab-whiteboard'), 'the Whiteboard tab');
    await clickIn(page, '#centre-tab-whiteboard');
    await until(page, () => (window as any).find('interview-whiteboard', '[part="tool"][data-tool="pen"]'), 'the drawing tools');
    await clickIn(page, 'interview-whiteboard', '[part="tool"][data-tool="pen"]');
  }

  /** Drags the real mouse across the board through `points` (pixels from the board's top-left corner). */
  async function draw(page: Page, points: [number, number][]): Promise<void> {
    const box = await page.evaluate(() => {
      const rect = ((window as any).find('interview-whiteboard', '[part="board"]') as Element).getBoundingClientRect();
      return { x: rect.left, y: rect.top };
    });
    const [first, ...rest] = points;
    await page.mouse.move(box.x + first![0], box.y + first![1]);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.mouse.up();
  }

  /** The ids and kinds of the shapes a page's board shows, sorted. */
  const shapesOn = (page: Page): Promise<string[]> =>
    page.evaluate(() => [...((window as any).find('interview-whiteboard').shapes as { id: string; kind: string }[])].map((s) => `${s.kind}:${s.id}`).sort());

  test('both draw at the same moment: each board shows both strokes, the same on both sides', async () => {
    const session = await createSession(stage.reference, sampleSession());
    const candidate = await stage.open({ sessionId: session.id, token: session.tokenFor('candidate') });
    const interviewer = await stage.open({ sessionId: session.id, token: session.tokenFor('interviewer') });
    await Promise.all([openBoard(candidate), openBoard(interviewer)]);

    await Promise.all([
      draw(candidate, [[40, 40], [120, 90], [200, 60], [260, 120]]),
      draw(interviewer, [[60, 200], [140, 240], [220, 210], [300, 260]]),
    ]);

    for (const page of [candidate, interviewer]) {
      await until(page, () => (window as any).find('interview-whiteboard').shapes.length === 2, 'both strokes on the board');
    }
    const [onCandidate, onInterviewer] = await Promise.all([shapesOn(candidate), shapesOn(interviewer)]);
    assert.deepEqual(onCandidate, onInterviewer);
    assert.deepEqual(
      onCandidate.map((shape) => shape.split(':')[0]),
      ['pen', 'pen'],
    );
  });
});
