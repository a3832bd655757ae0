import { expect } from '@esm-bundle/chai';
import { changeSession, createSession } from '../../../core/src/testing/reference-server.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { $, roomFixture, shownPanels } from '../testing/room-fixture.js';
import type { InterviewRoom } from './room.component.js';

const fixture = roomFixture();

/** The editor's replay state as the room set it: whether it replays, and the moment it was sent to. */
const editorOf = (room: InterviewRoom) => {
  const editor = $(room, 'interview-editor')! as HTMLElement & { replayAt?: number };
  return { replay: editor.hasAttribute('replay'), at: editor.replayAt };
};

/** A moment link chosen in the feedback form (the room's slotted child), as the form dispatches it. */
function selectMoment(room: InterviewRoom, at: number): void {
  room
    .querySelector('[slot="feedback"]')!
    .dispatchEvent(new CustomEvent('interview-moment-select', { bubbles: true, composed: true, detail: { at } }));
}

async function endedSession() {
  const session = await createSession(fixture.server);
  await changeSession(fixture.server, session.id, 'end');
  return session;
}

describe('<interview-room> replay', () => {
  it('opens the Replay at the moment a feedback link selects, once the interview ended', async () => {
    const session = await createSession(fixture.server);
    const room = await fixture.mount('interviewer', session);
    const at = Date.now() - 60_000;
    // While live there is no replay to open.
    selectMoment(room, at);
    await room.updateComplete;
    expect(editorOf(room)).to.deep.equal({ replay: false, at: undefined });

    await changeSession(fixture.server, session.id, 'end');
    const button = await until(() => $<HTMLButtonElement>(room, '[part="replay-button"]'), 'the Replay button');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    selectMoment(room, at);
    await room.updateComplete;
    expect(editorOf(room)).to.deep.equal({ replay: true, at });
    expect(room.hasAttribute('replay')).to.equal(true);
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(await axeViolations(room)).to.deep.equal([]);

    // Another moment moves the open Replay.
    selectMoment(room, at + 5_000);
    await room.updateComplete;
    expect(editorOf(room)).to.deep.equal({ replay: true, at: at + 5_000 });
    // The button closes it.
    button.click();
    await room.updateComplete;
    expect(editorOf(room).replay).to.equal(false);
    expect(room.replay).to.equal(false);
  });

  it('shows the code tab on a narrow screen when a moment is selected', async () => {
    const room = await fixture.mount('interviewer', await endedSession(), { width: 600 });
    await until(() => $(room, '[part="tabs"]'), 'the tabs');
    expect(shownPanels(room)).to.deep.equal(['panel-question']);
    selectMoment(room, Date.now());
    await room.updateComplete;
    expect(shownPanels(room)).to.deep.equal(['panel-code']);
    expect(editorOf(room).replay).to.equal(true);
  });

  it('opens straight into the Replay with the replay and replay-at attributes, for interviewers of an ended interview only', async () => {
    const at = Date.now() - 30_000;
    const attributes = { replay: '', 'replay-at': String(at) };
    const ended = await endedSession();
    const interviewer = await fixture.mount('interviewer', ended, { attributes });
    expect(editorOf(interviewer)).to.deep.equal({ replay: true, at });
    expect($(interviewer, '[part="replay-button"]')!.getAttribute('aria-pressed')).to.equal('true');

    const candidate = await fixture.mount('candidate', ended, { attributes });
    expect(editorOf(candidate).replay).to.equal(false);
    expect($(candidate, '[part="replay-button"]')).to.equal(null);
    selectMoment(candidate, at);
    await candidate.updateComplete;
    expect(editorOf(candidate).replay).to.equal(false);

    const live = await fixture.mount('interviewer', await createSession(fixture.server), { attributes });
    expect(editorOf(live).replay).to.equal(false);
  });

  it('shows the chat as it stood at the moment the Replay shows, and live again after it', async () => {
    const session = await createSession(fixture.server);
    // The candidate's room opens the shared document; then a message, then the end.
    await fixture.mount('candidate', session);
    const posted = await fetch(new URL(`/v1/sessions/${session.id}/chat`, fixture.server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${session.tokenFor('candidate')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Is the input sorted?' }),
    });
    const at = Date.parse(((await posted.json()) as { at: string }).at);
    await changeSession(fixture.server, session.id, 'end');

    const room = await fixture.mount('interviewer', session, { attributes: { replay: '', 'replay-at': String(at - 1) } });
    $(room, '#tool-tab-chat')!.click();
    const chat = () => $(room, '#panel-chat interview-chat')!.shadowRoot!;
    const messages = () => chat().querySelectorAll('[part~="message"]').length;
    await until(() => chat()?.querySelector('[part~="notice"]')?.textContent === 'The chat as it stood at this moment of the replay.', 'the chat of the replay');
    expect(messages(), 'before the message was sent').to.equal(0);
    selectMoment(room, at + 1);
    await until(() => messages() === 1, 'the message, once the Replay shows a moment after it');
    $<HTMLButtonElement>(room, '[part="replay-button"]')!.click();
    await until(() => chat().querySelector('[part~="notice"]')?.textContent === 'The interview is over: the chat is read-only.', 'the live chat, read-only');
    expect(messages()).to.equal(1);
  });
});
