import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { collabOf, type Role } from '@interview-kit/core';
import {
  changeSession,
  createSession,
  sampleSession,
  type CreatedSession,
} from '../../../core/src/testing/reference-server.js';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import { $, $$, roomFixture, shownPanels, visible, withExtraTime } from '../testing/room-fixture.js';
import type { SessionEndEvent, SessionReadyEvent } from '../events.js';
import type { InterviewRoom } from './room.component.js';

const fixture = roomFixture();

/** A room for `role`, `width` pixels wide, with a stand-in feedback form in its slot; resolves once it shows the session. */
const tabLabelsOf = (room: InterviewRoom, list: string) => $$(room, `[part="${list}"] [role="tab"]`).map((tab) => tab.textContent!.trim());
const mount = (role: Role, width = 1280, session: CreatedSession = fixture.created, shows = 'interview-editor') =>
  fixture.mount(role, session, { width, shows });

describe('<interview-room>', () => {
  it('shares one session with every part and announces it', async () => {
    const room = document.createElement('interview-room');
    const ready = new Promise<SessionReadyEvent>((resolve) => room.addEventListener('interview-session-ready', resolve, { once: true }));
    room.server = fixture.server.url;
    room.session = fixture.created.id;
    room.tokenProvider = fixture.created.tokenFor('candidate');
    document.body.append(room);
    fixture.mounted.push(room);
    const event = await ready;
    expect(event.detail.view.viewer.role).to.equal('candidate');
    expect(event.detail.session === room.interviewSession).to.equal(true);
    await until(() => $(room, 'interview-video'), 'the parts');
    await customElements.whenDefined('interview-video');
    for (const tag of ['interview-editor', 'interview-run-panel', 'interview-video']) {
      // Compared by identity: chai would otherwise print whole sessions (documents included) on failure.
      expect(($(room, tag) as unknown as { session: unknown }).session === room.interviewSession, tag).to.equal(true);
    }
  });

  it('asks for the session view once, and for the code’s connection ticket first', async () => {
    const session = await createSession(fixture.server, sampleSession());
    performance.clearResourceTimings();
    const room = await fixture.mount('candidate', session);
    await until(() => $(room, '[part~="connection"][data-status="synced"]'), 'the code in sync');
    const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.includes(session.id));
    const path = (entry: PerformanceResourceTiming) => new URL(entry.name).pathname;
    const views = requests.filter((entry) => path(entry) === `/v1/sessions/${session.id}`);
    const ticket = requests.find((entry) => path(entry).endsWith('/collab-ticket'));
    expect(views.map(path)).to.deep.equal([`/v1/sessions/${session.id}`]);
    expect(ticket!.startTime).to.be.at.most(views[0]!.startTime);
  });

  it('renders the prompt as sanitized Markdown', async () => {
    const hostile = await createSession(
      fixture.server,
      sampleSession({
        question: {
          ...sampleSession().question,
          prompt: 'Print the **sum**.\n\n<img src="x" onerror="window.__pwned = true"><script>window.__pwned = true</script>',
        },
      }),
    );
    const room = await mount('candidate', 1280, hostile);
    const prompt = $(room, '.prompt')!;
    // The renderer loads beside the editor; until then the prompt shows as written.
    await until(() => prompt.querySelector('strong'), 'the prompt as Markdown');
    expect(prompt.querySelector('strong')?.textContent).to.equal('sum');
    expect(prompt.querySelector('script')).to.equal(null);
    expect(prompt.querySelector('img')?.hasAttribute('onerror')).to.equal(false);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });

  it('shows the feedback slot to interviewers and never to the candidate', async () => {
    const candidateRoom = await mount('candidate');
    const candidateForm = candidateRoom.querySelector('[slot="feedback"]')!;
    expect(candidateForm.assignedSlot).to.equal(null);
    expect(visible(candidateForm)).to.equal(false);
    expect($(candidateRoom, 'slot[name="feedback"]')).to.equal(null);

    // Another session: one page holds one peer-to-peer document per session.
    const interviewerRoom = await mount('interviewer', 1280, await createSession(fixture.server));
    const interviewerForm = interviewerRoom.querySelector('[slot="feedback"]')!;
    expect(interviewerForm.assignedSlot).to.not.equal(null);
    expect(visible(interviewerForm)).to.equal(true);
  });

  it('shows the timer with the time left', async () => {
    const room = await mount('candidate');
    expect($(room, '[role="timer"]')!.textContent).to.match(/^\d+:\d\d left of 45:00$/);
  });

  it('switches to tabs on a narrow screen, opening on the question, operable with the arrow keys', async () => {
    const room = await mount('candidate', 600);
    await until(() => $(room, '[part="tabs"]'), 'the tabs');
    await room.updateComplete;
    const tabs = $$(room, '[role="tab"]');
    expect(tabs.map((tab) => tab.textContent!.trim())).to.deep.equal(['Question', 'Code', 'Whiteboard', 'Run', 'Console', 'Video', 'Chat']);
    expect(shownPanels(room)).to.deep.equal(['panel-question']);
    expect($(room, '[role="separator"]'), 'no split panes in tabs').to.equal(null);

    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await room.updateComplete;
    expect(shownPanels(room)).to.deep.equal(['panel-code']);
    expect(deepActiveElement()?.id).to.equal('tab-code');
    await sendKeys({ press: 'ArrowLeft' });
    await room.updateComplete;
    expect(shownPanels(room)).to.deep.equal(['panel-question']);
    expect(deepActiveElement()?.id).to.equal('tab-question');
    await sendKeys({ press: 'End' });
    await room.updateComplete;
    expect(deepActiveElement()?.id).to.equal('tab-chat');
    expect(visible($(room, 'interview-chat'))).to.equal(true);
    await sendKeys({ press: 'ArrowLeft' });
    await room.updateComplete;
    expect(deepActiveElement()?.id).to.equal('tab-video');
    expect(visible($(room, 'interview-video'))).to.equal(true);

    // Back to wide: the panes again, with the same editor element (its state kept).
    const editor = $(room, 'interview-editor');
    room.style.width = '1280px';
    await until(() => !$(room, '[part="tabs"]'), 'the wide layout');
    expect($(room, 'interview-editor') === editor, 'the same editor').to.equal(true);
  });

  it('gives the candidate a Chat tab that counts unread messages until it is opened, and shows them there', async () => {
    const session = await createSession(fixture.server);
    const room = await mount('candidate', 600, session);
    await until(() => $(room, '#tab-chat'), 'the chat tab');
    const sent = await fetch(new URL(`/v1/sessions/${session.id}/chat`, fixture.server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${session.tokenFor('interviewer')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Take your time.' }),
    });
    expect(sent.status).to.equal(201);
    await until(() => $(room, '#tab-chat')!.textContent!.trim() === 'Chat (1)', 'the unread count on the tab');
    $(room, '#tab-chat')!.click();
    await room.updateComplete;
    const chat = $(room, '#panel-chat interview-chat')!;
    await until(() => chat.shadowRoot?.querySelector('[part~="message"] .text')?.textContent === 'Take your time.', 'the message in the chat');
    await until(() => $(room, '#tab-chat')!.textContent!.trim() === 'Chat', 'nothing unread once it is seen');
  });

  it("switches the run pane between Output and Console; the console connects when first opened, observers have none", async () => {
    const room = await mount('candidate');
    expect(tabLabelsOf(room, 'run-tabs')).to.deep.equal(['Run', 'Console']);
    expect(shownPanels(room)).to.include('panel-output');
    expect($(room, 'interview-console'), 'nothing connects before the console is opened').to.equal(null);
    $(room, '#run-tab-console')!.click();
    await room.updateComplete;
    expect(shownPanels(room)).to.include('panel-console');
    expect(shownPanels(room)).to.not.include('panel-output');
    const console = $(room, 'interview-console') as HTMLElementTagNameMap['interview-console'];
    await until(() => console.model?.state.value.connection === 'open' && console.terminal, 'the console connected, its terminal loaded');
    $(room, '#run-tab-output')!.click();
    await room.updateComplete;
    expect(shownPanels(room)).to.include('panel-output');
    expect($(room, 'interview-console') === console, 'the same console, kept connected').to.equal(true);

    const observer = await mount('observer', 1280, fixture.created);
    expect($(observer, '[part="run-tabs"]')).to.equal(null);
    expect($(observer, 'interview-console')).to.equal(null);
  });

  it('has no axe-core violations, wide or narrow', async () => {
    const room = await mount('interviewer');
    expect(await axeViolations(room)).to.deep.equal([]);
    room.style.width = '600px';
    await until(() => $(room, '[part="tabs"]'), 'the tabs');
    await room.updateComplete;
    expect(await axeViolations(room)).to.deep.equal([]);
  });

  it('lets the keyboard reach every control and resize the panes', async () => {
    const room = await mount('interviewer');
    const before = document.createElement('button');
    before.textContent = 'before';
    room.before(before);
    before.focus();
    const reached: Element[] = [];
    for (let i = 0; i < 80; i += 1) {
      // The code editor indents with Tab; Escape then Tab moves on (no keyboard trap).
      if (deepActiveElement()?.classList.contains('cm-content')) await sendKeys({ press: 'Escape' });
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      if (!active || !room.contains(active.getRootNode() instanceof ShadowRoot ? hostOf(active) : active)) break;
      reached.push(active);
    }
    before.remove();
    const separators = $$(room, '[role="separator"]');
    expect(separators).to.have.length(2);
    for (const separator of separators) expect(reached.includes(separator), separator.getAttribute('aria-label')!).to.equal(true);
    expect(reached.includes($(room, '[part="end-button"]')!), 'the End interview button').to.equal(true);
    expect(reached.includes($(room, '#tool-tab-feedback')!), 'the tool tabs').to.equal(true);
    const joinVideo = [...$(room, 'interview-video')!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Join'));
    expect(!!joinVideo && reached.includes(joinVideo), 'the video join button').to.equal(true);

    const [question] = separators;
    question!.focus();
    const start = Number(question!.getAttribute('aria-valuenow'));
    await sendKeys({ press: 'ArrowRight' });
    await room.updateComplete;
    expect(Number(question!.getAttribute('aria-valuenow'))).to.equal(start + 5);
    await sendKeys({ press: 'End' });
    await room.updateComplete;
    expect(question!.getAttribute('aria-valuenow')).to.equal(question!.getAttribute('aria-valuemax'));
    const width = $(room, '.question')!.getBoundingClientRect().width;
    await sendKeys({ press: 'Home' });
    await room.updateComplete;
    expect($(room, '.question')!.getBoundingClientRect().width).to.be.lessThan(width);
  });

  it('lets an interviewer end the session, and announces the end', async () => {
    const session = await createSession(fixture.server);
    const room = await mount('interviewer', 1280, session);
    const ended = new Promise<SessionEndEvent>((resolve) => room.addEventListener('interview-session-end', resolve, { once: true }));
    const endButton = $(room, '[part="end-button"]')!;
    const dialog = $<HTMLDialogElement>(room, 'dialog[part="end-dialog"]')!;
    // Asked first, in a modal dialog; cancelling changes nothing and gives the focus back.
    endButton.focus();
    endButton.click();
    expect(dialog.open).to.equal(true);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Cancel');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog to close');
    expect(deepActiveElement() === endButton).to.equal(true);
    expect(room.interviewSession!.view!.status).to.equal('live');

    endButton.click();
    [...dialog.querySelectorAll('button')].find((button) => button.value === 'end')!.click();
    const event = await ended;
    expect(event.detail.view.status).to.equal('ended');
    await room.updateComplete;
    expect($(room, '[role="timer"]')!.textContent).to.equal('Interview ended');
    expect($(room, '[part="end-button"]')).to.equal(null);

    // Interviewers keep the code, read-only, and can replay the session.
    const replay = $(room, '[part="replay-button"]')!;
    expect(replay.getAttribute('aria-pressed')).to.equal('false');
    replay.click();
    await room.updateComplete;
    expect(replay.getAttribute('aria-pressed')).to.equal('true');
    expect($(room, 'interview-editor')!.hasAttribute('replay')).to.equal(true);
  });

  it('runs the code on Ctrl+Enter typed in the editor, without editing the code', async () => {
    const session = await createSession(fixture.server);
    const room = await mount('candidate', 1280, session);
    const collab = collabOf(room.interviewSession!);
    await collab.whenSynced();
    const before = collab.code.toString();
    const editor = $(room, 'interview-editor')!;
    const content = await until(() => editor.shadowRoot!.querySelector<HTMLElement>('.cm-content'), 'the code area');
    await until(() => content.getAttribute('aria-readonly') === 'false', 'the editor to be writable');
    content.focus();
    const completed = new Promise<Event>((resolve) => document.body.addEventListener('interview-run-complete', resolve, { once: true }));
    await sendKeys({ press: 'Control+Enter' });
    await completed;
    expect(collab.code.toString()).to.equal(before);
  });

  it('reports a session it cannot load, with a way to retry', async () => {
    const room = document.createElement('interview-room');
    const failed = new Promise<Event>((resolve) => room.addEventListener('interview-error', resolve, { once: true }));
    room.server = fixture.server.url;
    room.session = fixture.created.id;
    room.tokenProvider = `${fixture.created.tokenFor('candidate').slice(0, -4)}AAAA`;
    document.body.append(room);
    fixture.mounted.push(room);
    await failed;
    await room.updateComplete;
    expect($(room, '[role="alert"]')!.textContent).to.contain('could not be loaded');
    expect($(room, '[role="alert"] button')!.textContent).to.equal('Try again');
  });
});

/** The outermost host of a node inside shadow roots. */
function hostOf(node: Node): Node {
  let current: Node = node;
  while (current.getRootNode() instanceof ShadowRoot) current = (current.getRootNode() as ShadowRoot).host;
  return current;
}

describe('<interview-room> through the lifecycle', () => {
  /** A session that waits for an interviewer to start it and keeps the question from the candidate until then. */
  const scheduled = (overrides: Parameters<typeof sampleSession>[0] = {}) =>
    createSession(fixture.server, sampleSession({ autoStart: 'manual', revealQuestion: 'on-start', ...overrides }), { start: false });
  const text = (room: InterviewRoom, selector: string) => $(room, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const toasts = (room: InterviewRoom) => $$(room, '[part="toast"]').map((toast) => toast.querySelector('span')!.textContent);

  it('waits in a lobby: who is here, the device check, what is kept; the question only for interviewers', async () => {
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const session = await scheduled({ scheduledAt });
    const candidate = await mount('candidate', 1280, session, '[part="lobby"]');
    expect(text(candidate, '[role="timer"]')).to.equal('Not started');
    expect(text(candidate, '[part="lobby"]')).to.contain('The interviewer starts it.');
    expect(text(candidate, '[part="lobby"]')).to.contain('What this interview keeps');
    expect(text(candidate, '[part="lobby"]')).to.contain('The question appears when the interview starts.');
    expect(text(candidate, '[part="lobby"]')).not.to.contain('sum');
    expect($(candidate, 'interview-device-check')).not.to.equal(null);
    expect($(candidate, '[part="start-button"]')).to.equal(null);
    expect($(candidate, 'interview-editor')).to.equal(null);
    // Nothing to end or extend before the start.
    expect($(candidate, '[part="end-button"]')).to.equal(null);

    const interviewer = await mount('interviewer', 1280, session, '[part="lobby"]');
    expect(text(interviewer, '[part="lobby"]')).to.contain('Read two integers');
    expect($(interviewer, '[part="end-button"]')).to.equal(null);
    expect($(interviewer, '[part="add-time-button"]')).to.equal(null);
    expect(text(interviewer, '[part="lobby"] .schedule')).to.contain(String(new Date(scheduledAt).getFullYear()));
    // Both are connected: each lobby lists the other as here.
    const here = (room: InterviewRoom) => $$(room, '[part="lobby-participants"] li[data-here="true"]').map((li) => li.textContent!);
    await until(() => here(interviewer).some((entry) => entry.includes('Cam Candidate')), 'Cam to show as here');
    await until(() => here(candidate).some((entry) => entry.includes('Ivy Interviewer')), 'Ivy to show as here');
    expect(here(candidate).some((entry) => entry.includes('Oli'))).to.equal(false);
    expect(await axeViolations(interviewer)).to.deep.equal([]);
    interviewer.remove();
    expect(await axeViolations(candidate)).to.deep.equal([]);
  });

  it('starts from the lobby: every room goes live within a second, and the timer counts from the start', async () => {
    const session = await scheduled({ durationMinutes: 30 });
    const candidate = await mount('candidate', 1280, session, '[part="lobby"]');
    const interviewer = await mount('interviewer', 1280, session, '[part="lobby"]');
    $(interviewer, '[part="start-button"]')!.click();
    await until(() => $(interviewer, 'interview-editor'), 'the interviewer to go live');
    const pushedAt = Date.now();
    await until(() => $(candidate, 'interview-editor'), 'the candidate to go live', 1_000);
    expect(Date.now() - pushedAt).to.be.below(1_000);
    await until(() => text(candidate, '.prompt').includes('Read two integers'), 'the question to appear');
    await until(() => /^(30:00|29:5\d) left of 30:00$/.test(text(candidate, '[role="timer"]')), 'the timer to count from the start');
    expect(toasts(candidate)).to.include('The interview has started');
    // The starter code's language, written at the start, is nobody's switch.
    expect(toasts(candidate).some((toast) => /language/i.test(toast ?? ''))).to.equal(false);
    expect($(candidate, '[part="end-button"]')).to.equal(null);
    expect($(interviewer, '[part="end-button"]')).not.to.equal(null);
  });

  it('shows the candidate a thank-you screen when the interviewer ends, and the host may replace it', async () => {
    const session = await createSession(fixture.server);
    const candidate = await mount('candidate', 1280, session);
    const replaced = await mount('candidate', 1280, session);
    const custom = document.createElement('p');
    custom.slot = 'ended';
    custom.textContent = 'Thanks from Acme';
    replaced.append(custom);
    const endEvent = new Promise<SessionEndEvent>((resolve) => candidate.addEventListener('interview-session-end', resolve, { once: true }));
    await changeSession(fixture.server, session.id, 'end');
    const endedAt = Date.now();
    await until(() => $(candidate, '[part="ended"]'), 'the thank-you screen', 1_000);
    expect(Date.now() - endedAt).to.be.below(1_000);
    expect((await endEvent).detail.view.status).to.equal('ended');
    expect(text(candidate, '[part="ended"]')).to.contain('Interview ended — thank you');
    expect(text(candidate, '[part="ended"]')).to.contain('organiser');
    // The code stays in view, read-only.
    expect($(candidate, 'interview-editor')).not.to.equal(null);
    await until(() => $(replaced, 'slot[name="ended"]'), 'the other room to end');
    const assigned = $<HTMLSlotElement>(replaced, 'slot[name="ended"]')!.assignedElements();
    expect(assigned.map((element) => element.textContent)).to.deep.equal(['Thanks from Acme']);
    expect(await axeViolations(candidate)).to.deep.equal([]);
  });

  it('tells everyone when a cancelled interview is cancelled', async () => {
    const session = await scheduled();
    const candidate = await mount('candidate', 1280, session, '[part="lobby"]');
    await collabOf(candidate.interviewSession!).whenSynced();
    await changeSession(fixture.server, session.id, 'cancel');
    await until(() => $(candidate, '[part="cancelled"]'), 'the cancelled notice', 2_000);
    expect(text(candidate, '[part="cancelled"]')).to.contain('This interview was cancelled');
  });

  it('warns everyone at 5 minutes left, and lets interviewers add time that every room sees', async () => {
    const session = await createSession(
      fixture.server,
      sampleSession({
        durationMinutes: 5,
        participants: [
          { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
          { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
        ],
      }),
    );
    const candidate = await mount('candidate', 1280, session);
    const interviewer = await mount('interviewer', 1280, session);
    await until(() => toasts(interviewer).includes('5 minutes left'), 'the warning');
    expect($(interviewer, '[role="alert"]')!.textContent).to.equal('5 minutes left');
    expect($(interviewer, '[part="toast"].warning')).not.to.equal(null);
    await until(() => toasts(candidate).includes('5 minutes left'), 'the candidate’s warning');
    expect($(candidate, '[part="add-time-button"]')).to.equal(null);
    $(interviewer, '[part="add-time-button"]')!.click();
    await until(() => toasts(interviewer).includes('5 minutes added'), 'the added time');
    expect(text(interviewer, '[role="timer"]')).to.match(/ left of 10:00$/);
    // The candidate's room hears of the new end from the server, without a reload.
    await until(() => / left of 10:00$/.test(text(candidate, '[role="timer"]')), 'the candidate to see the new end', 2_000);
  });

  it('shows interviewers a candidate’s extra time, and not the candidate', async () => {
    const session = await createSession(fixture.server, withExtraTime());
    const interviewer = await mount('interviewer', 1280, session);
    expect(text(interviewer, '[part="extra-time"]')).to.equal('Cam Candidate: 15 min extra time');
    const candidate = await mount('candidate', 1280, session);
    expect($(candidate, '[part="extra-time"]')).to.equal(null);
  });

  it('announces who joins and leaves, and a language switched by someone else', async () => {
    const session = await createSession(fixture.server);
    const interviewer = await mount('interviewer', 1280, session);
    const candidate = await mount('candidate', 1280, session);
    await until(() => toasts(interviewer).includes('Cam Candidate joined'), 'the join notice');
    expect($(interviewer, '[role="status"][aria-live="polite"]')!.textContent).to.contain('Cam Candidate joined');
    // A language switched by the candidate is announced to the interviewer, not to the candidate.
    const collab = collabOf(candidate.interviewSession!);
    await collab.whenSynced();
    collab.meta.set('language', 'javascript');
    await until(() => toasts(interviewer).includes('Cam Candidate switched the language to JavaScript'), 'the language notice');
    expect(toasts(candidate).some((toast) => toast?.includes('JavaScript'))).to.equal(false);
    candidate.remove();
    await until(() => toasts(interviewer).includes('Cam Candidate left'), 'the leave notice', 10_000);
  });
});
