import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { Role } from '@interview-kit/core';
import {
  createSession,
  referenceServer,
  sampleSession,
  type ReferenceServer,
  type CreatedSession,
} from '../../../core/src/testing/reference-server.js';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import type { SessionEndEvent, SessionReadyEvent } from '../events.js';
import type { InterviewRoom } from './room.component.js';
import './room.js';

let server: ReferenceServer;
let created: CreatedSession;
const mounted: InterviewRoom[] = [];

before(async () => {
  server = await referenceServer({ liveKit: false });
  created = await createSession(server);
});

afterEach(() => {
  for (const room of mounted.splice(0)) room.remove();
});

/** A room for `role`, `width` pixels wide, with a stand-in feedback form in its slot; resolves once it shows the session. */
async function mount(role: Role, width = 1280, session: CreatedSession = created): Promise<InterviewRoom> {
  const room = document.createElement('interview-room');
  room.style.width = `${width}px`;
  room.style.setProperty('--interview-room-height', '800px');
  room.server = server.url;
  room.session = session.id;
  room.tokenProvider = session.tokenFor(role);
  const feedback = document.createElement('div');
  feedback.slot = 'feedback';
  feedback.textContent = 'Private feedback form';
  room.append(feedback);
  document.body.append(room);
  mounted.push(room);
  await until(() => room.shadowRoot?.querySelector('interview-editor'), 'the room to show the session');
  await room.updateComplete;
  return room;
}

const $ = <E extends Element = HTMLElement>(room: InterviewRoom, selector: string) => room.shadowRoot!.querySelector<E>(selector);
const $$ = (room: InterviewRoom, selector: string) => [...room.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const visible = (element: Element | null | undefined) => !!element && (element as HTMLElement).checkVisibility();

describe('<interview-room>', () => {
  it('shares one session with every part and announces it', async () => {
    const room = document.createElement('interview-room');
    const ready = new Promise<SessionReadyEvent>((resolve) => room.addEventListener('interview-session-ready', resolve, { once: true }));
    room.server = server.url;
    room.session = created.id;
    room.tokenProvider = created.tokenFor('candidate');
    document.body.append(room);
    mounted.push(room);
    const event = await ready;
    expect(event.detail.view.viewer.role).to.equal('candidate');
    expect(event.detail.session === room.interviewSession).to.equal(true);
    await until(() => $(room, 'interview-video'), 'the parts');
    for (const tag of ['interview-editor', 'interview-run-panel', 'interview-video']) {
      // Compared by identity: chai would otherwise print whole sessions (documents included) on failure.
      expect(($(room, tag) as unknown as { session: unknown }).session === room.interviewSession, tag).to.equal(true);
    }
  });

  it('renders the prompt as sanitized Markdown', async () => {
    const hostile = await createSession(
      server,
      sampleSession({
        question: {
          ...sampleSession().question,
          prompt: 'Print the **sum**.\n\n<img src="x" onerror="window.__pwned = true"><script>window.__pwned = true</script>',
        },
      }),
    );
    const room = await mount('candidate', 1280, hostile);
    const prompt = $(room, '.prompt')!;
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
    const interviewerRoom = await mount('interviewer', 1280, await createSession(server));
    const interviewerForm = interviewerRoom.querySelector('[slot="feedback"]')!;
    expect(interviewerForm.assignedSlot).to.not.equal(null);
    expect(visible(interviewerForm)).to.equal(true);
  });

  it('shows the timer with the time left', async () => {
    const room = await mount('candidate');
    expect($(room, '[role="timer"]')!.textContent).to.match(/^\d+:\d\d left of 45:00$/);
  });

  it('switches to tabs on a narrow screen, operable with the arrow keys', async () => {
    const room = await mount('candidate', 600);
    await until(() => $(room, '[role="tablist"]'), 'the tabs');
    await room.updateComplete;
    const tabs = $$(room, '[role="tab"]');
    expect(tabs.map((tab) => tab.textContent!.trim())).to.deep.equal(['Question', 'Code', 'Run', 'Video']);
    expect($$(room, '[role="tabpanel"]').filter(visible).map((panel) => panel.id)).to.deep.equal(['panel-code']);
    expect($(room, '[role="separator"]'), 'no split panes in tabs').to.equal(null);

    tabs[1]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await room.updateComplete;
    expect($$(room, '[role="tabpanel"]').filter(visible).map((panel) => panel.id)).to.deep.equal(['panel-question']);
    expect(deepActiveElement()?.id).to.equal('tab-question');
    await sendKeys({ press: 'End' });
    await room.updateComplete;
    expect(deepActiveElement()?.id).to.equal('tab-video');
    expect(visible($(room, 'interview-video'))).to.equal(true);

    // Back to wide: the panes again, with the same editor element (its state kept).
    const editor = $(room, 'interview-editor');
    room.style.width = '1280px';
    await until(() => !$(room, '[role="tablist"]'), 'the wide layout');
    expect($(room, 'interview-editor') === editor, 'the same editor').to.equal(true);
  });

  it('has no axe-core violations, wide or narrow', async () => {
    const room = await mount('interviewer');
    expect(await axeViolations(room)).to.deep.equal([]);
    room.style.width = '600px';
    await until(() => $(room, '[role="tablist"]'), 'the tabs');
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
    const session = await createSession(server);
    const room = await mount('interviewer', 1280, session);
    const ended = new Promise<SessionEndEvent>((resolve) => room.addEventListener('interview-session-end', resolve, { once: true }));
    $(room, '[part="end-button"]')!.click();
    await room.updateComplete;
    $(room, '[part="end-button"]')!.click();
    const event = await ended;
    expect(event.detail.view.status).to.equal('ended');
    await room.updateComplete;
    expect($(room, '[role="timer"]')!.textContent).to.equal('Interview ended');
  });

  it('reports a session it cannot load, with a way to retry', async () => {
    const room = document.createElement('interview-room');
    const failed = new Promise<Event>((resolve) => room.addEventListener('interview-error', resolve, { once: true }));
    room.server = server.url;
    room.session = created.id;
    room.tokenProvider = `${created.tokenFor('candidate').slice(0, -4)}AAAA`;
    document.body.append(room);
    mounted.push(room);
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
