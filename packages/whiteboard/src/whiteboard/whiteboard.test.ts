import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { boardShapes } from '@interview-kit/core';
import { until } from '../../../core/src/testing/helpers.js';
import { syncedParticipant } from '../../../core/src/testing/reference-server.js';
import { sessionPerTest } from '../../../core/src/testing/session-per-test.js';
import { BoardModel } from './board-model.js';
import './whiteboard.js';
import type { InterviewWhiteboard } from './whiteboard.component.js';

type Role = 'interviewer' | 'candidate' | 'observer';

describe('<interview-whiteboard>', () => {
  const stage = sessionPerTest();
  const { cleanups } = stage;

  const sessionFor = stage.sessionFor;

  /** A second participant with their own document, synced through the real server only. */
  const remote = async (role: Role) => {
    const { collab } = await syncedParticipant(stage.server, stage.created, role, cleanups);
    const model = new BoardModel(collab.doc, () => {});
    cleanups.push(() => model.destroy());
    return { collab, model };
  };

  const mount = async (role: Role) => {
    document.body.insertAdjacentHTML('beforeend', '<interview-whiteboard style="display:block;width:800px;height:500px"></interview-whiteboard>');
    const board = document.querySelector('interview-whiteboard') as InterviewWhiteboard;
    board.session = sessionFor(role);
    await board.updateComplete;
    return board;
  };

  const $ = (board: InterviewWhiteboard, selector: string) => board.shadowRoot!.querySelector(selector) as HTMLElement | null;
  const toolButton = (board: InterviewWhiteboard, tool: string) => $(board, `[part="tool"][data-tool="${tool}"]`)!;

  /** Drags the real mouse over the board through `points` (pixels from the board's top-left corner). */
  const drag = async (board: InterviewWhiteboard, points: [number, number][]) => {
    const rect = $(board, '[part="board"]')!.getBoundingClientRect();
    const at = ([x, y]: [number, number]) => [Math.round(rect.left + x), Math.round(rect.top + y)] as [number, number];
    await sendMouse({ type: 'move', position: at(points[0]!) });
    await sendMouse({ type: 'down' });
    for (const point of points.slice(1)) await sendMouse({ type: 'move', position: at(point) });
    await sendMouse({ type: 'up' });
  };

  it('draws with the mouse while another participant draws: both see the same board', async () => {
    const board = await mount('candidate');
    const other = await remote('interviewer');
    await until(() => !board.readOnly, 'the board editable');
    expect(toolButton(board, 'pen').getAttribute('aria-pressed')).to.equal('true');

    // Both draw at once: a stroke here, a rectangle and a note there.
    other.model.add({ kind: 'rect', x: 300, y: 40, w: 120, h: 80, points: [], colour: '#2563eb', text: '' });
    const drawing = drag(board, [
      [40, 60],
      [80, 90],
      [120, 70],
      [160, 120],
    ]);
    other.model.add({ kind: 'note', x: 300, y: 200, w: 200, h: 140, points: [], colour: 'ink', text: 'cache here?' });
    await drawing;
    toolButton(board, 'rect').click();
    await board.updateComplete;
    expect(toolButton(board, 'rect').getAttribute('aria-pressed')).to.equal('true');
    await drag(board, [
      [40, 250],
      [200, 380],
    ]);

    await until(() => boardShapes(other.collab.doc).length === 4 && board.shapes.length === 4, 'four shapes on both boards');
    const kinds = (shapes: { kind: string; id: string }[]) => shapes.map((s) => `${s.kind}:${s.id}`).sort();
    expect(kinds(boardShapes(other.collab.doc))).to.deep.equal(kinds([...board.shapes]));
    // What is drawn on screen: the four shapes, the note's text included.
    expect(board.shadowRoot!.querySelectorAll('[part="board"] g[data-id]').length).to.equal(4);
    expect($(board, '[part="board"]')!.textContent).to.include('cache here?');
    const pen = board.shapes.find((s) => s.kind === 'pen')!;
    expect(pen.points.length, 'the stroke’s points').to.be.at.least(8);
  });

  it('undoes only your own stroke, never the other participant’s', async () => {
    const board = await mount('candidate');
    const other = await remote('interviewer');
    await until(() => !board.readOnly, 'the board editable');
    await drag(board, [
      [50, 50],
      [150, 150],
    ]);
    await until(() => boardShapes(other.collab.doc).length === 1, 'my stroke at the other participant');
    other.model.addStroke('pen', [400, 100, 450, 160, 500, 120], '#dc2626');
    await until(() => board.shapes.length === 2, 'their stroke here');

    $(board, '[part="board"]')!.focus();
    await sendKeys({ press: 'Control+z' });
    await until(() => boardShapes(other.collab.doc).length === 1, 'the undo at the other participant');
    expect(boardShapes(other.collab.doc)[0]!.colour, 'their red stroke stays').to.equal('#dc2626');
    expect(board.shapes.map((s) => s.colour)).to.deep.equal(['#dc2626']);
    // A second undo has nothing of mine left to undo.
    await sendKeys({ press: 'Control+z' });
    await board.updateComplete;
    expect(board.shapes.length).to.equal(1);
    await sendKeys({ press: 'Control+Shift+z' });
    await until(() => boardShapes(other.collab.doc).length === 2, 'the redo at the other participant');
  });

  it('selects, moves with the keyboard and deletes with the Delete key', async () => {
    const board = await mount('interviewer');
    await until(() => !board.readOnly, 'the board editable');
    board.model!.add({ kind: 'ellipse', x: 100, y: 100, w: 100, h: 60, points: [], colour: 'ink', text: '' });
    await board.updateComplete;
    $(board, '[part="board"]')!.focus();
    await sendKeys({ press: 'v' });
    await board.updateComplete;
    expect(toolButton(board, 'select').getAttribute('aria-pressed')).to.equal('true');
    await drag(board, [
      [150, 100],
      [180, 130],
    ]);
    await until(() => board.shapes[0]!.x === 130, 'moved by the drag');
    expect(board.selected).to.equal(board.shapes[0]!.id);
    await sendKeys({ press: 'ArrowRight' });
    await until(() => board.shapes[0]!.x === 140, 'moved by the arrow key');
    await sendKeys({ press: 'Delete' });
    await until(() => board.shapes.length === 0, 'deleted');
  });

  it('writes a sticky note where the note tool clicks, and a text', async () => {
    const board = await mount('candidate');
    await until(() => !board.readOnly, 'the board editable');
    $(board, '[part="board"]')!.focus();
    await sendKeys({ press: 'n' });
    await board.updateComplete;
    expect(toolButton(board, 'note').getAttribute('aria-pressed')).to.equal('true');
    await drag(board, [[100, 80]]);
    const input = await until(() => $(board, '[part="text-input"]') as HTMLTextAreaElement | null, 'the text box');
    expect(input.getAttribute('aria-label')).to.equal('Text');
    await until(() => board.shadowRoot!.activeElement === input, 'the text box focused');
    await sendKeys({ type: 'Shard by user id' });
    await sendKeys({ press: 'Escape' });
    await until(() => board.shapes.length === 1, 'the note');
    expect(board.shapes[0]).to.deep.include({ kind: 'note', text: 'Shard by user id' });
    expect(board.shapes[0]!.x).to.be.closeTo(100, 1);
    expect(board.shapes[0]!.y).to.be.closeTo(80, 1);
    expect($(board, '[part="board"]')!.textContent).to.include('Shard by user id');
  });

  it('exports the shapes as SVG (and PNG)', async () => {
    const board = await mount('interviewer');
    await until(() => !board.readOnly, 'the board editable');
    board.model!.add({ kind: 'rect', x: 10, y: 20, w: 100, h: 50, points: [], colour: '#16a34a', text: '' });
    board.model!.addStroke('arrow', [0, 0, 200, 100], 'ink');
    board.model!.add({ kind: 'text', x: 0, y: 150, w: 0, h: 0, points: [], colour: 'ink', text: 'load <balancer>' });
    await board.updateComplete;
    const svg = board.exportSvg();
    const picture = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(picture.querySelector('parsererror')).to.equal(null);
    expect(picture.querySelectorAll('g[data-id]').length).to.equal(3);
    expect(picture.querySelector('g[data-kind="rect"] rect')!.getAttribute('stroke')).to.equal('#16a34a');
    expect(picture.querySelector('g[data-kind="arrow"] line')).to.not.equal(null);
    expect(picture.querySelector('g[data-kind="text"]')!.textContent).to.equal('load <balancer>');
    const png = await board.exportPng();
    expect(png.type).to.equal('image/png');
    expect(png.size).to.be.greaterThan(500);
  });

  it('shows no tools to an observer, who cannot draw', async () => {
    const other = await remote('interviewer');
    other.model.add({ kind: 'rect', x: 10, y: 10, w: 50, h: 50, points: [], colour: 'ink', text: '' });
    const board = await mount('observer');
    await until(() => board.shapes.length === 1, 'the board as it is');
    expect(board.readOnly).to.equal(true);
    expect(board.shadowRoot!.querySelectorAll('[part="tool"], [part="colour"]').length).to.equal(0);
    expect($(board, '[part="board"]')!.getAttribute('aria-label')).to.equal('Whiteboard (read-only)');
    expect($(board, '[part="status"]')!.textContent).to.equal('The whiteboard is read-only.');
    await drag(board, [
      [100, 100],
      [200, 200],
    ]);
    $(board, '[part="board"]')!.focus();
    await sendKeys({ press: 'Delete' });
    await board.updateComplete;
    expect(board.shapes.length).to.equal(1);
    expect(boardShapes(other.collab.doc).length).to.equal(1);
  });
});
