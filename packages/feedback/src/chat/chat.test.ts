import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { ChatModel, InterviewSession, collabOf, type Role } from '@interview-kit/core';
import { changeSession, createSession, referenceServer, type CreatedSession, type ReferenceServer } from '../../../core/src/testing/reference-server.js';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import { backgroundOf, isDark, textContrast } from '../../../core/src/testing/contrast.js';
import type { InterviewChat } from './chat.component.js';
import './chat.js';

const mounted: Element[] = [];
const sessions: InterviewSession[] = [];
afterEach(() => {
  mounted.splice(0).forEach((element) => element.remove());
  sessions.splice(0).forEach((session) => session.dispose());
});

const $ = <T extends Element = HTMLElement>(element: InterviewChat, selector: string) => element.shadowRoot!.querySelector<T>(selector);
const $$ = (element: InterviewChat, selector: string) => [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const messages = (element: InterviewChat) => $$(element, '[part~="message"]');
const field = (element: InterviewChat) => $<HTMLTextAreaElement>(element, 'textarea');

describe('<interview-chat> in a session, through the real server', () => {
  let server: ReferenceServer;
  let created: CreatedSession;

  /**
   * A participant's chat: its own session, synced with the server only (one page holds no two mesh
   * peers); `synced: false` leaves the shared document unconnected, so that the page learns of a
   * change of the session's state only when it loads the session again.
   */
  async function chatAs(role: Role, session = created, { synced = true } = {}): Promise<InterviewChat> {
    const interview = new InterviewSession({ server: server.url, sessionId: session.id, tokenProvider: session.tokenFor(role) });
    sessions.push(interview);
    await interview.load();
    if (synced) collabOf(interview, { peerToPeer: false });
    const element = document.createElement('interview-chat');
    element.session = interview;
    element.style.cssText = 'display: flex; height: 24rem; width: 22rem;';
    document.body.append(element);
    mounted.push(element);
    await element.updateComplete;
    return element;
  }

  before(async () => {
    server = await referenceServer({ liveKit: false });
    created = await createSession(server);
  });

  it("sends with Enter, shows the message pending then sent, and it arrives in the interviewer's log with the server's name and role", async () => {
    const cam = await chatAs('candidate');
    const ivy = await chatAs('interviewer');
    const log = $(ivy, '[part~="log"]')!;
    expect([log.getAttribute('role'), log.getAttribute('aria-live')]).to.deep.equal(['log', 'polite']);

    field(cam)!.focus();
    await sendKeys({ type: 'Can I use a dict?' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'Or only lists?' });
    expect(field(cam)!.value, 'Shift+Enter starts a new line').to.equal('Can I use a dict?\nOr only lists?');
    await sendKeys({ press: 'Enter' });
    await cam.updateComplete;
    expect(field(cam)!.value, 'Enter sent it').to.equal('');
    expect(deepActiveElement(), 'the focus stays in the field').to.equal(field(cam));
    expect(messages(cam)[0]!.getAttribute('part')).to.match(/pending/);
    expect(messages(cam)[0]!.textContent).to.contain('Sending…');
    await until(() => messages(cam)[0]?.getAttribute('part') === 'message own', 'sent once the server answered');

    await until(() => messages(ivy).length === 1, "the message in the interviewer's log");
    const [message] = messages(ivy);
    expect(message!.querySelector('.text')!.textContent).to.equal('Can I use a dict?\nOr only lists?');
    expect(message!.querySelector('.visually-hidden')!.textContent, 'announced with its author').to.equal('Cam Candidate (candidate):');
    expect(message!.querySelector('time')).to.not.equal(null);
    expect(await axeViolations(ivy)).to.deep.equal([]);
  });

  it('counts messages of others as unread while the chat is not seen', async () => {
    const interview = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor('observer') });
    sessions.push(interview);
    await interview.load();
    const model = new ChatModel();
    const detach = model.attach(interview);
    const unfollow = model.follow((await collabOf(interview, { peerToPeer: false }).whenSynced(), collabOf(interview).doc));
    try {
      const before = model.state.value.unread;
      const ivy = await chatAs('interviewer');
      field(ivy)!.focus();
      await sendKeys({ type: 'Observers welcome' });
      await sendKeys({ press: 'Enter' });
      await until(() => model.state.value.unread === before + 1, 'one more unread');
      model.setSeen(true);
      expect(model.state.value.unread).to.equal(0);
    } finally {
      unfollow();
      detach();
    }
  });

  it('shows a refusal with its reason, and sends nothing after the end: the log only, read-only', async () => {
    const session = await createSession(server);
    const cam = await chatAs('candidate', session, { synced: false });
    // The candidate's messages of this minute used up, straight through the API: the server refuses the next.
    const post = () =>
      fetch(new URL(`/v1/sessions/${session.id}/chat`, server.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${session.tokenFor('candidate')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Hello' }),
      });
    let status = 201;
    for (let i = 0; i < 100 && status === 201; i++) status = (await post()).status;
    expect(status).to.equal(429);
    field(cam)!.focus();
    await sendKeys({ type: 'One more?' });
    await sendKeys({ press: 'Enter' });
    const refused = () => messages(cam).filter((message) => message.getAttribute('part') === 'message own refused');
    await until(() => refused().length === 1, 'refused');
    expect(refused()[0]!.textContent).to.match(/Not sent: .*too many chat messages/);
    const [retry, discard] = $$(cam, '.status button');
    expect([retry!.textContent, discard!.textContent]).to.deep.equal(['Send again', 'Discard']);
    discard!.click();
    await cam.updateComplete;
    expect(refused()).to.have.length(0);
    expect(deepActiveElement()).to.equal(field(cam));

    await changeSession(server, session.id, 'end');
    await cam.session!.load();
    await cam.updateComplete;
    expect(field(cam), 'no field after the end').to.equal(null);
    expect($(cam, '[part~="notice"]')!.textContent).to.equal('The interview is over: the chat is read-only.');
  });

  it('shows the log as it stood at a moment of a replay', async () => {
    const ivy = await chatAs('interviewer');
    await until(() => messages(ivy).length >= 2, 'the earlier messages');
    const times = $$(ivy, 'time').map((time) => Date.parse(time.getAttribute('datetime')!));
    ivy.replayAt = times[0];
    await ivy.updateComplete;
    expect(messages(ivy)).to.have.length(times.filter((t) => t <= times[0]!).length);
    expect(field(ivy)).to.equal(null);
    expect($(ivy, '[part~="notice"]')!.textContent).to.equal('The chat as it stood at this moment of the replay.');
    ivy.replayAt = undefined;
    await ivy.updateComplete;
    expect(messages(ivy)).to.have.length(times.length);
  });

  it('follows the dark colour scheme, with readable text', async () => {
    const ivy = await chatAs('interviewer');
    await until(() => messages(ivy).length >= 1, 'a message');
    ivy.setAttribute('theme', 'dark');
    expect(isDark(backgroundOf(field(ivy)!))).to.equal(true);
    for (const selector of ['.text', '.name', 'time', '.hint']) expect(textContrast($(ivy, selector)!), selector).to.be.at.least(4.5);
    expect(await axeViolations(ivy)).to.deep.equal([]);
  });
});
