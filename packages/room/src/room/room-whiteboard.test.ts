import { expect } from '@esm-bundle/chai';
import { CollabSession, InterviewSession, type Role } from '@interview-kit/core';
import { BoardModel, type InterviewWhiteboard } from '@interview-kit/whiteboard';
import { changeSession, createSession, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { $, roomFixture, shownPanels, visible } from '../testing/room-fixture.js';
import type { InterviewRoom } from './room.component.js';

const fixture = roomFixture();

/** Another participant drawing through the real server, with their own document. */
async function drawer(created: CreatedSession, role: Role = 'interviewer') {
  const session = new InterviewSession({ server: fixture.server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
  const collab = new CollabSession(session, { peerToPeer: false });
  await collab.whenSynced();
  const model = new BoardModel(collab.doc, () => {});
  const saved = () => until(() => collab.saveState.kind === 'saved', 'the drawing saved');
  return {
    collab,
    model,
    saved,
    close: () => {
      model.destroy();
      collab.destroy();
      session.dispose();
    },
  };
}

const boardOf = (room: InterviewRoom) => $(room, 'interview-whiteboard') as InterviewWhiteboard;

describe('<interview-room> whiteboard', () => {
  it('switches the centre between Code and the Whiteboard (loaded on first choice) wide, and has a Whiteboard tab narrow', async () => {
    const created = await createSession(fixture.server);
    const room = await fixture.mount('candidate', created);
    const tabs = [...room.shadowRoot!.querySelectorAll('[part="centre-tabs"] [role="tab"]')].map((tab) => tab.textContent!.trim());
    expect(tabs).to.deep.equal(['Code', 'Whiteboard']);
    expect($(room, '[part="centre-tabs"]')!.getAttribute('aria-label')).to.equal('Code or whiteboard');
    expect(visible($(room, 'interview-editor'))).to.equal(true);
    expect(visible(boardOf(room))).to.equal(false);

    const other = await drawer(created);
    try {
      other.model.add({ kind: 'rect', x: 20, y: 20, w: 80, h: 40, points: [], colour: '#2563eb', text: '' });
      $(room, '#centre-tab-whiteboard')!.click();
      await room.updateComplete;
      await until(() => customElements.get('interview-whiteboard'), 'the whiteboard loaded');
      expect(visible(boardOf(room))).to.equal(true);
      expect(visible($(room, 'interview-editor'))).to.equal(false);
      expect($(room, '#centre-tab-whiteboard')!.getAttribute('aria-selected')).to.equal('true');
      // The candidate draws with the other participant: the room's session, the same document.
      const board = boardOf(room);
      await until(() => board.shapes.length === 1 && !board.readOnly, 'the other participant’s shape, and the tools');
      board.model!.add({ kind: 'ellipse', x: 200, y: 20, w: 80, h: 40, points: [], colour: 'ink', text: '' });
      await until(() => other.model.shapes.length === 2, 'the candidate’s shape at the other participant');
      expect(await axeViolations($(room, '.centre')!)).to.deep.equal([]);

      const narrow = await fixture.mount('candidate', created, { width: 600 });
      $(narrow, '#tab-whiteboard')!.click();
      await narrow.updateComplete;
      expect(shownPanels(narrow)).to.deep.equal(['panel-whiteboard']);
      await until(() => boardOf(narrow).shapes.length === 2, 'the board in its tab');
    } finally {
      other.close();
    }
  });

  it('replays the drawing in step with the code: the board shows the moment the editor’s replay shows', async () => {
    const created = await createSession(fixture.server);
    const candidate = await drawer(created, 'candidate');
    let between: number;
    try {
      candidate.model.add({ kind: 'rect', x: 0, y: 0, w: 100, h: 60, points: [], colour: 'ink', text: '' });
      await candidate.saved();
      await new Promise((resolve) => setTimeout(resolve, 150));
      between = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 150));
      candidate.collab.code.insert(0, '# later\n');
      candidate.model.add({ kind: 'note', x: 150, y: 0, w: 200, h: 120, points: [], colour: 'ink', text: 'later' });
      await candidate.saved();
    } finally {
      candidate.close();
    }
    await changeSession(fixture.server, created.id, 'end');

    const room = await fixture.mount('interviewer', created, { attributes: { replay: '', 'replay-at': String(between) } });
    $(room, '#centre-tab-whiteboard')!.click();
    await until(() => customElements.get('interview-whiteboard'), 'the whiteboard loaded');
    const board = boardOf(room);
    await until(() => board.replay && board.shapes.length === 1, 'the board at the moment chosen');
    expect(board.shapes[0]!.kind).to.equal('rect');
    expect(board.readOnly).to.equal(true);
    expect(board.shadowRoot!.querySelectorAll('[part="tool"]').length, 'no tools in the replay').to.equal(0);

    // The replay moves on (as the editor's player does): the board follows.
    room.replayAt = Date.now();
    await until(() => board.shapes.length === 2, 'the board at the end');
  });
});
