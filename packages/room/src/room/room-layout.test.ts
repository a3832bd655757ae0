import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { collabOf } from '@interview-kit/core';
import { createSession, sampleSession } from '../../../core/src/testing/reference-server.js';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import { $, $$, roomFixture, shownPanels, visible, withExtraTime } from '../testing/room-fixture.js';
import { contrastRatio, luminance, parseColour, type Rgb } from '@interview-kit/core';
import type { InterviewRoom } from './room.component.js';

const fixture = roomFixture();

const rgb = (colour: string): Rgb => {
  const parsed = parseColour(colour);
  if (!parsed) throw new Error(`not a colour: ${colour}`);
  return parsed;
};
/** The contrast of `element`'s text on `background` (an element whose background colour it sits on). */
const contrastOf = (element: Element, background: Element) =>
  contrastRatio(rgb(getComputedStyle(element).color), rgb(getComputedStyle(background).backgroundColor));
/** The tool rail's shown panels (the run pane's Output and Console are tab panels of their own). */
/** The shown panels of the tool rail: not the centre's (code, whiteboard) nor the run pane's (output, console). */
const shownToolPanels = (room: InterviewRoom) => shownPanels(room).filter((id) => !['panel-code', 'panel-whiteboard', 'panel-output', 'panel-console'].includes(id));
const tabLabels = (room: InterviewRoom, list: string) => $$(room, `[part="${list}"] [role="tab"]`).map((tab) => tab.textContent!.trim());

/**
 * Adds `guide` to interviewers' session views, as the server does for questions that carry one
 * (the question bank fills it; sessions created over the API here have none).
 */
function withGuide(guide: string): () => void {
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if ((init?.method ?? 'GET').toUpperCase() !== 'GET' || !/^\/v1\/sessions\/[^/]+$/.test(url.pathname) || !response.ok) return response;
    const view = await response.clone().json();
    if (view.viewer?.role !== 'interviewer') return response;
    view.question.guide = guide;
    return new Response(JSON.stringify(view), { status: response.status, headers: response.headers });
  };
  return () => {
    window.fetch = original;
  };
}

describe('<interview-room> header', () => {
  it('is one compact bar: a plain title, the timer, the status, presence dots in each participant’s colour, the interviewer’s buttons', async () => {
    const session = await createSession(fixture.server, withExtraTime());
    const interviewer = await fixture.mount('interviewer', session);
    const candidate = await fixture.mount('candidate', session);
    await until(() => $$(interviewer, '[part="presence-avatar"]').length === 2, 'both to show as present');

    const header = $(interviewer, '[part="header"]')!;
    expect(header.getBoundingClientRect().height).to.be.at.most(48);
    for (const part of ['title', 'timer', 'connection', 'presence', 'extra-time', 'add-time-button', 'end-button']) {
      expect(visible($(interviewer, `[part="${part}"]`)), part).to.equal(true);
    }
    // The title is heading text, not a link: the text colour (not the accent), never underlined.
    const title = getComputedStyle($(interviewer, '[part="title"]')!);
    const accent = getComputedStyle($(interviewer, '[part="tool-tabs"] [aria-selected="true"]')!).borderBottomColor;
    expect(title.textDecorationLine).to.equal('none');
    expect(title.color).to.equal(getComputedStyle(interviewer).color);
    expect(title.color).not.to.equal(accent);

    // Presence: initials on each participant's colour, the name in the tooltip and for screen readers.
    const users = collabOf(interviewer.interviewSession!).users;
    expect(users.map((user) => user.name).sort()).to.deep.equal(['Cam Candidate', 'Ivy Interviewer']);
    for (const user of users) {
      const avatar = $$(interviewer, '[part="presence-avatar"]').find((element) => element.title.startsWith(user.name))!;
      expect(avatar, user.name).to.not.equal(undefined);
      expect(avatar.querySelector('[aria-hidden="true"]')!.textContent).to.equal(user.name === 'Cam Candidate' ? 'CC' : 'II');
      expect(avatar.textContent).to.contain(`${user.name} (${user.role})`);
      expect(rgb(getComputedStyle(avatar).backgroundColor)).to.deep.equal(rgb(user.color));
      expect(contrastOf(avatar, avatar)).to.be.at.least(4.5);
    }
    expect($(interviewer, '[part="presence-avatar"][title*="(you)"]')!.title).to.contain('Ivy Interviewer');
    // The candidate's bar has no interviewer buttons.
    expect($(candidate, '[part="end-button"]')).to.equal(null);
    expect($(candidate, '[part="extra-time"]')).to.equal(null);
    expect($(candidate, '[part="header"]')!.getBoundingClientRect().height).to.be.at.most(48);
  });
});

describe('<interview-room> tool rail', () => {
  it('gives interviewers Feedback, Notes, Tests, (the session records integrity signals by default) Signals and Chat tabs under the video, operable with the arrow keys; candidates video and Chat', async () => {
    const session = await createSession(fixture.server);
    const room = await fixture.mount('interviewer', session);
    const list = $(room, '[part="tool-tabs"]')!;
    expect(list.getAttribute('role')).to.equal('tablist');
    expect(tabLabels(room, 'tool-tabs')).to.deep.equal(['Feedback', 'Notes', 'Tests', 'Signals', 'Chat']);
    // The rail is right of the code, video above the tabs.
    expect(list.getBoundingClientRect().left).to.be.at.least($(room, '[part="editor-pane"]')!.getBoundingClientRect().right);
    expect($(room, '[part="video-rail"]')!.getBoundingClientRect().bottom).to.be.at.most(list.getBoundingClientRect().top);
    expect(shownToolPanels(room)).to.deep.equal(['panel-feedback']);
    expect(visible(room.querySelector('[slot="feedback"]'))).to.equal(true);

    $(room, '#tool-tab-feedback')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await room.updateComplete;
    expect(shownToolPanels(room)).to.deep.equal(['panel-notes']);
    expect(deepActiveElement()?.id).to.equal('tool-tab-notes');
    expect(visible(room.querySelector('[slot="feedback"]'))).to.equal(false);
    // The interviewers' private notes, bound to the session's private document.
    const notes = $(room, '#panel-notes interview-notes')!;
    await until(() => notes.shadowRoot?.querySelector('textarea'), 'the notes to open the private document');

    await sendKeys({ press: 'ArrowRight' });
    await room.updateComplete;
    expect(shownToolPanels(room)).to.deep.equal(['panel-tests']);
    expect($(room, '#panel-tests interview-tests')).to.not.equal(null);
    await sendKeys({ press: 'Home' });
    await room.updateComplete;
    expect(shownToolPanels(room)).to.deep.equal(['panel-feedback']);

    const candidate = await fixture.mount('candidate', session);
    expect(tabLabels(candidate, 'tool-tabs')).to.deep.equal(['Chat']);
    expect(shownToolPanels(candidate)).to.deep.equal(['panel-chat']);
    expect($(candidate, 'interview-notes, interview-tests, slot[name="feedback"]')).to.equal(null);
    expect(visible($(candidate, 'interview-video'))).to.equal(true);
  });

  it('shows the question’s guide to interviewers in a Guide tab, as sanitized Markdown', async () => {
    const restore = withGuide('Ask about **overflow**.\n\n<img src="x" onerror="window.__guidePwned = true">');
    try {
      const session = await createSession(fixture.server);
      const room = await fixture.mount('interviewer', session);
      expect(tabLabels(room, 'tool-tabs')).to.deep.equal(['Feedback', 'Notes', 'Tests', 'Guide', 'Signals', 'Chat']);
      $(room, '#tool-tab-guide')!.click();
      await room.updateComplete;
      expect(shownToolPanels(room)).to.deep.equal(['panel-guide']);
      const guide = $(room, '#panel-guide .guide')!;
      await until(() => guide.querySelector('strong'), 'the guide as Markdown');
      expect(guide.querySelector('strong')?.textContent).to.equal('overflow');
      expect(guide.querySelector('img')?.hasAttribute('onerror')).to.equal(false);
      expect((window as { __guidePwned?: boolean }).__guidePwned).to.equal(undefined);

      const candidate = await fixture.mount('candidate', session);
      expect($(candidate, '#panel-guide')).to.equal(null);
    } finally {
      restore();
    }
  });
});

describe('<interview-room> question pane', () => {
  it('lists the visible tests under the prompt as examples, never the hidden ones, and styles the Markdown', async () => {
    const session = await createSession(
      fixture.server,
      sampleSession({
        question: {
          prompt: 'Print the `sum`.\n\n> One line only.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nprint(3)\n```',
          tests: [
            { stdin: '1 2\n', expected: '3\n', hidden: false },
            { stdin: '', expected: 'hi\n', hidden: false },
            { stdin: '40 2\n', expected: '42\n', hidden: true },
          ],
        },
      }),
    );
    const examples = (room: InterviewRoom) =>
      $$(room, '[part="question"] [part="example"]').map((example) => [...example.querySelectorAll('dd')].map((dd) => dd.textContent!.trim()));
    for (const role of ['interviewer', 'candidate'] as const) {
      const room = await fixture.mount(role, session);
      expect(examples(room), role).to.deep.equal([
        ['1 2', '3'],
        ['No input', 'hi'],
      ]);
      expect($(room, '[part="question"]')!.textContent).not.to.contain('40 2');
      expect($(room, '[part="examples"]')!.getBoundingClientRect().top).to.be.at.least($(room, '.prompt')!.getBoundingClientRect().bottom);
    }
    const room = fixture.mounted[0]!;
    const pane = getComputedStyle($(room, '[part="question"]')!).backgroundColor;
    const inlineCode = getComputedStyle($(room, '.prompt p code')!).backgroundColor;
    const codeBlock = getComputedStyle($(room, '.prompt pre')!).backgroundColor;
    expect(inlineCode).to.equal(codeBlock);
    expect(codeBlock).not.to.equal(pane);
    const cell = getComputedStyle($(room, '.prompt td')!);
    expect([cell.borderTopStyle, cell.borderTopWidth]).to.deep.equal(['solid', '1px']);
    expect(getComputedStyle($(room, '.prompt blockquote')!).borderInlineStartWidth).to.equal('4px');
  });
});

describe('<interview-room> dark theme', () => {
  after(() => emulateMedia({ colorScheme: 'light' }));

  it('turns dark with theme="dark" and with the reader’s prefers-color-scheme, every surface readable', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const room = await fixture.mount('interviewer', await createSession(fixture.server));
    const question = $(room, '[part="question"]')!;
    const paneBackground = () => rgb(getComputedStyle(question).backgroundColor);
    const light = paneBackground();
    expect(luminance(light)).to.be.above(0.8);

    room.setAttribute('theme', 'dark');
    await room.updateComplete;
    expect(luminance(paneBackground())).to.be.below(0.05);
    expect(luminance(rgb(getComputedStyle(room).backgroundColor))).to.be.below(0.05);
    const readable: [string, Element, Element][] = [
      ['title', $(room, '[part="title"]')!, room],
      ['timer', $(room, '[part="timer"]')!, room],
      ['prompt', $(room, '.prompt p')!, question],
      ['example label', $(room, '.example dt')!, question],
      ['tool tab', $(room, '[part="tool-tabs"] [aria-selected="false"]')!, $(room, '[part="tool-rail"]')!],
      ['end button', $(room, '[part="end-button"]')!, $(room, '[part="end-button"]')!],
    ];
    for (const [what, element, background] of readable) expect(contrastOf(element, background), what).to.be.at.least(4.5);
    // The parts inside follow the room's scheme.
    const runPanel = $(room, 'interview-run-panel')!;
    expect(getComputedStyle(runPanel).colorScheme).to.equal('dark');
    expect(await axeViolations(room)).to.deep.equal([]);

    // Without the attribute the room follows the reader's preference…
    room.removeAttribute('theme');
    await room.updateComplete;
    expect(paneBackground()).to.deep.equal(light);
    await emulateMedia({ colorScheme: 'dark' });
    expect(luminance(paneBackground())).to.be.below(0.05);
    // …unless the attribute picks one.
    room.setAttribute('theme', 'light');
    expect(paneBackground()).to.deep.equal(light);
  });
});

describe('<interview-room> on a phone', () => {
  it('opens on the question with compact chrome, and the code tab’s editor fills it', async () => {
    // Without integrity signals: their disclosure stands above the tabs until the candidate consents.
    const session = await createSession(fixture.server, { ...withExtraTime(), integrity: 'off' });
    for (const role of ['candidate', 'interviewer'] as const) {
      const room = await fixture.mount(role, session, { width: 390, height: 844 });
      await until(() => $(room, '[part="tabs"]'), 'the tabs');
      await room.updateComplete;
      expect(shownPanels(room), role).to.deep.equal(['panel-question']);
      const chrome = $(room, '[part="tabs"]')!.getBoundingClientRect().bottom - room.getBoundingClientRect().top;
      expect(chrome, `${role}: header and tabs`).to.be.below(0.2 * 844);

      $(room, '#tab-code')!.click();
      await room.updateComplete;
      const pane = $(room, '#panel-code')!.getBoundingClientRect();
      const editor = $(room, 'interview-editor')!.getBoundingClientRect();
      expect(editor.height, `${role}: the editor fills its tab`).to.be.at.least(pane.height - 2);
      expect(pane.bottom, `${role}: the tab reaches the bottom`).to.be.at.least(room.getBoundingClientRect().bottom - 16);
      expect(await axeViolations(room), role).to.deep.equal([]);
    }
  });
});
