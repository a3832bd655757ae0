import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import * as Y from 'yjs';
import { InterviewSession, collabOf, type Role, type Scorecard } from '@interview-kit/core';
import {
  createSession,
  referenceServer,
  sampleSession,
  type ReferenceServer,
  type CreatedSession,
} from '../../../core/src/testing/reference-server.js';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import { backgroundOf, isDark, textContrast } from '../../../core/src/testing/contrast.js';
import type { InterviewNotes } from './notes.component.js';
import './notes.js';

const mounted: Element[] = [];
afterEach(() => mounted.splice(0).forEach((element) => element.remove()));

async function mount(props: Partial<Pick<InterviewNotes, 'doc' | 'session'>>): Promise<InterviewNotes> {
  const element = document.createElement('interview-notes');
  Object.assign(element, props);
  document.body.append(element);
  mounted.push(element);
  await element.updateComplete;
  return element;
}

const field = (element: InterviewNotes) => element.shadowRoot!.querySelector('textarea');

/** Two documents that exchange every update at once, like two interviewers' private documents. */
function linkedDocs(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
  return [a, b];
}

describe('<interview-notes> with a given document', () => {
  it('shares what one interviewer types with the other, live', async () => {
    const [docA, docB] = linkedDocs();
    const ivy = await mount({ doc: docA });
    const ian = await mount({ doc: docB });
    field(ivy)!.focus();
    await sendKeys({ type: '## Ivy\n- asked for constraints first' });
    expect(field(ian)!.value).to.equal('## Ivy\n- asked for constraints first');
    expect(docB.getText('notes').toString()).to.equal('## Ivy\n- asked for constraints first');

    field(ian)!.focus();
    field(ian)!.setSelectionRange(0, 0);
    await sendKeys({ type: '# Notes\n' });
    expect(field(ivy)!.value).to.equal('# Notes\n## Ivy\n- asked for constraints first');
  });

  it('is a labelled Markdown field with no axe-core violations', async () => {
    const element = await mount({ doc: new Y.Doc() });
    expect(field(element)!.labels![0]!.textContent).to.equal('Private notes');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('fills the height a 22rem tool rail gives it, as a flex item or with height: 100%', async () => {
    for (const [railStyle, notesStyle] of [
      ['display: flex; flex-direction: column;', 'flex: 1;'],
      ['display: block;', 'height: 100%;'],
    ] as const) {
      const rail = document.createElement('div');
      rail.style.cssText = `width: 22rem; height: 30rem; ${railStyle}`;
      document.body.append(rail);
      mounted.push(rail);
      const element = document.createElement('interview-notes');
      element.doc = new Y.Doc();
      element.style.cssText = notesStyle;
      rail.append(element);
      await element.updateComplete;
      const railBox = rail.getBoundingClientRect();
      const fieldBox = field(element)!.getBoundingClientRect();
      expect(Math.abs(fieldBox.bottom - railBox.bottom), `${railStyle} the field reaches the rail's bottom`).to.be.below(2);
      expect(fieldBox.height, 'most of the rail is the field').to.be.above(railBox.height * 0.7);
      expect(fieldBox.right).to.be.at.most(railBox.right + 0.5);
      expect(element.scrollWidth).to.be.at.most(element.clientWidth);
    }
  });

  it('follows the dark colour scheme through the theme tokens, with readable text', async () => {
    const element = await mount({ doc: new Y.Doc(), session: undefined });
    const textarea = field(element)!;
    textarea.focus();
    const lightRing = getComputedStyle(textarea).outlineColor;
    expect(isDark(backgroundOf(textarea))).to.equal(false);

    element.setAttribute('theme', 'dark');
    expect(isDark(backgroundOf(textarea))).to.equal(true);
    expect(getComputedStyle(textarea).outlineColor, 'the focus ring has its dark value').to.not.equal(lightRing);
    const label = element.shadowRoot!.querySelector('label')!;
    const hint = element.shadowRoot!.querySelector('[part~="hint"]')!;
    await sendKeys({ type: 'Dark notes' });
    for (const [name, text] of Object.entries({ label, hint, textarea })) expect(textContrast(text), name).to.be.at.least(4.5);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('renders nothing without a document or session', async () => {
    const element = await mount({});
    expect(field(element)).to.equal(null);
  });
});

describe('<interview-notes> in a session', () => {
  let server: ReferenceServer;
  let created: CreatedSession;
  const sessionAs = (role: Role, participantId?: string) =>
    new InterviewSession({
      server: server.url,
      sessionId: created.id,
      tokenProvider: participantId ? created.participants.find((p) => p.id === participantId)!.token : created.tokenFor(role),
    });

  before(async () => {
    server = await referenceServer({ liveKit: false });
    created = await createSession(
      server,
      sampleSession({
        participants: [
          { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
          { id: 'ian', name: 'Ian Interviewer', role: 'interviewer' },
          { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
        ],
      }),
    );
  });

  it("marks moments, syncs between interviewers through the server, and the host's scorecard carries the notes", async () => {
    const ivySession = sessionAs('interviewer', 'ivy');
    const ianSession = sessionAs('interviewer', 'ian');
    // y-webrtc allows one document per room in a page; Ian's page syncs through the server only.
    collabOf(ianSession, { peerToPeer: false });
    const ivy = await mount({ session: ivySession });
    const ian = await mount({ session: ianSession });
    await until(() => field(ivy) && field(ian), 'both notes fields');

    field(ivy)!.focus();
    await sendKeys({ type: 'Good question at' });
    await sendKeys({ press: 'Alt+KeyM' });
    expect(field(ivy)!.value).to.match(/^Good question at \[0:\d\d\]\(#t=\d+\) $/);
    expect(deepActiveElement()).to.equal(field(ivy));
    await until(() => field(ian)!.value === field(ivy)!.value, "Ivy's notes in Ian's field");

    const button = ian.shadowRoot!.querySelector<HTMLButtonElement>('[part~="mark-moment"]')!;
    field(ian)!.setSelectionRange(0, 0);
    button.click();
    await until(() => /^\[0:\d\d\]\(#t=\d+\) Good question/.test(field(ivy)!.value), "Ian's moment in Ivy's field");

    const expected = field(ivy)!.value;
    await until(async () => {
      const response = await fetch(new URL(`/v1/sessions/${created.id}/scorecard`, server.url), {
        headers: { authorization: `Bearer ${server.apiKey}` },
      });
      return ((await response.json()) as Scorecard).notes === expected;
    }, 'the notes in the scorecard');
    ivySession.dispose();
    ianSession.dispose();
  });

  it('shows nothing to the candidate, whom the server refuses the notes', async () => {
    const session = sessionAs('candidate');
    const element = await mount({ session });
    await until(() => session.view, 'the session view');
    await element.updateComplete;
    expect(field(element)).to.equal(null);
    const response = await fetch(new URL(`/v1/sessions/${created.id}/scorecard`, server.url), {
      headers: { authorization: `Bearer ${created.tokenFor('candidate')}` },
    });
    expect(response.status).to.equal(403);
    session.dispose();
  });
});
