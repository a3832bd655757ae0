import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { LocaleCatalog, SessionView } from '@interview-kit/core';
import { EDITOR_LOCALES, LANGUAGES } from '@interview-kit/editor';
import { CHAT_LOCALES, FEEDBACK_LOCALES, NOTES_LOCALES } from '@interview-kit/feedback';
import '@interview-kit/feedback/define';
import { CONSOLE_LOCALES, RUN_PANEL_LOCALES, TESTS_LOCALES } from '@interview-kit/run-panel';
import { DEVICE_CHECK_LOCALES, VIDEO_LOCALES } from '@interview-kit/video';
import { WHITEBOARD_LOCALES } from '@interview-kit/whiteboard';
import { changeSession, createSession, sampleSession } from '../../../core/src/testing/reference-server.js';
import { until } from '../../../core/src/testing/helpers.js';
import { $, roomFixture } from '../testing/room-fixture.js';
import { initialsOf } from './header.js';
import type { InterviewRoom } from './room.component.js';
import { ROOM_LOCALES } from './room.strings.js';
import { ROOM_STRINGS_AR } from './locales/ar.js';

const fixture = roomFixture();

/** The pseudo-locale: every string of every table wrapped in ⟦…⟧, so that text from anywhere else stands out. */
const PSEUDO = 'en-XA';
const CATALOGS: LocaleCatalog<object>[] = [
  ROOM_LOCALES,
  EDITOR_LOCALES,
  RUN_PANEL_LOCALES,
  TESTS_LOCALES,
  CONSOLE_LOCALES,
  VIDEO_LOCALES,
  DEVICE_CHECK_LOCALES,
  NOTES_LOCALES,
  FEEDBACK_LOCALES,
  WHITEBOARD_LOCALES,
  CHAT_LOCALES,
] as unknown as LocaleCatalog<object>[];

function pseudo<T>(value: T): T {
  if (typeof value === 'string') return `⟦${value}⟧` as T;
  if (typeof value === 'function') return ((...args: unknown[]) => `⟦${(value as (...a: unknown[]) => string)(...args)}⟧`) as T;
  if (Array.isArray(value)) return value.map(pseudo) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pseudo(item)])) as T;
  return value;
}

/** Attributes people read or hear. */
const READ_ATTRIBUTES = ['aria-label', 'aria-valuetext', 'aria-roledescription', 'title', 'placeholder', 'alt'];
/** Where user data is shown: code and program text, the server's question text, what is marked not to be translated. */
const DATA = 'pre, code, textarea, .cm-content, .cm-gutters, .prompt, [translate="no"]';

/**
 * Every text people can see or hear in `root` (shadow roots within included) that did not come
 * from a strings table: text nodes and read attributes, once the markers and `data` (names,
 * titles) are taken out, must hold no letter.
 */
function untranslated(root: ShadowRoot, data: readonly string[]): string[] {
  const known = [...new Set(data.filter(Boolean))].sort((a, b) => b.length - a.length);
  const leftover = (text: string) => {
    let rest = text;
    while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    for (const item of known) rest = rest.split(item).join(' ');
    return /\p{L}/u.test(rest) ? text.trim() : '';
  };
  const found: string[] = [];
  const visit = (node: Node, inData: boolean) => {
    if (node instanceof Element) {
      if (['style', 'script', 'template'].includes(node.localName)) return;
      for (const name of READ_ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value && leftover(value)) found.push(`${node.localName}[${name}="${value}"]`);
      }
      inData ||= node.matches(DATA);
      if (node.shadowRoot) visit(node.shadowRoot, false);
    } else if (node instanceof Text && !inData && leftover(node.data)) {
      found.push(`${(node.parentNode as Element | null)?.localName ?? '#root'}: "${node.data.trim()}"`);
    }
    for (const child of node.childNodes) visit(child, inData);
  };
  visit(root, false);
  return found;
}

/** What the room shows that is the session's own data: its title, names and their initials, the question, the rubric, the language names. */
async function userData(room: InterviewRoom): Promise<string[]> {
  const session = room.interviewSession!;
  const view: SessionView = session.view!;
  const names = view.participants.map((p) => p.name);
  const data = [view.title, ...names, ...names.map(initialsOf), ...LANGUAGES.map((l) => l.label)];
  const languages = await session.client.languages().catch(() => undefined);
  for (const language of languages?.languages ?? []) data.push(language.name, language.version, language.id);
  if (view.viewer.role === 'interviewer') {
    const { rubric } = await session.client.ownFeedback(session.sessionId);
    data.push(rubric.title);
    for (const competency of rubric.competencies) data.push(competency.title, competency.description, ...competency.anchors, ...(competency.labels ?? []));
  }
  return data;
}

/** Mounts a room in the pseudo-locale (the feedback form in its slot for interviewers) and waits for every part to show it. */
async function mountPseudo(role: 'interviewer' | 'candidate', created = fixture.created, shows = 'interview-editor') {
  const room = await fixture.mount(role, created, { shows, attributes: { lang: PSEUDO } });
  if (role === 'interviewer') {
    room.querySelector('[slot="feedback"]')!.remove();
    const feedback = document.createElement('interview-feedback');
    feedback.slot = 'feedback';
    room.append(feedback);
  }
  await until(() => $(room, '[part="header"]')?.textContent?.includes('⟦'), 'the room in the pseudo-locale');
  return room;
}

/** Waits until every element in the room renders from its pseudo-locale table (each loads its own). */
async function settled(room: InterviewRoom, tags: string[]) {
  for (const tag of tags) {
    await until(() => {
      const element = (room.shadowRoot!.querySelector(tag) ?? room.querySelector(tag)) as HTMLElement | null;
      return element?.shadowRoot?.textContent?.includes('⟦') || element?.shadowRoot?.querySelector('[aria-label*="⟦"]');
    }, `${tag} in the pseudo-locale`);
  }
}

describe('<interview-room> languages', () => {
  before(() => {
    for (const catalog of CATALOGS) catalog.register(PSEUDO, pseudo(catalog.en));
  });

  it('renders no text but from its strings tables, in every part, for interviewers and candidates, live and in the lobby', async () => {
    const live = await mountPseudo('interviewer');
    const candidate = await mountPseudo('candidate');
    await settled(live, ['interview-editor', 'interview-run-panel', 'interview-video', 'interview-feedback', 'interview-chat']);
    await settled(candidate, ['interview-editor', 'interview-run-panel', 'interview-video', 'interview-chat']);
    // A run of every test: its outcome, verdict, times and the history show in both rooms.
    const panel = $(live, 'interview-run-panel') as HTMLElement & { run(options: { tests: 'all' }): Promise<unknown> };
    await panel.run({ tests: 'all' });
    for (const room of [live, candidate]) {
      await until(() => $(room, 'interview-run-panel')!.shadowRoot!.querySelector('[part="history"]'), 'the run in the history');
    }
    // The interviewers' tools that hold elements of their own.
    for (const tool of ['notes', 'tests']) {
      ($(live, `#tool-tab-${tool}`) as HTMLElement).click();
      await settled(live, [`interview-${tool}`]);
    }
    // The whiteboard, loaded once its tab is first chosen.
    ($(candidate, '#centre-tab-whiteboard') as HTMLElement).click();
    await settled(candidate, ['interview-whiteboard']);
    // The console, connected, its terminal loaded.
    for (const room of [live, candidate]) {
      ($(room, '#run-tab-console') as HTMLElement).click();
      await settled(room, ['interview-console']);
      await until(() => ($(room, 'interview-console') as HTMLElementTagNameMap['interview-console']).terminal, 'the console’s terminal');
    }
    for (const room of [live, candidate]) expect(untranslated(room.shadowRoot!, await userData(room)), room.interviewSession!.view!.viewer.role).to.deep.equal([]);
    // The check sees what is not from a table: without the names allowed, it finds them.
    expect(untranslated(candidate.shadowRoot!, []).join('\n')).to.include('Cam Candidate');

    // The lobby, with the candidate's disclosure of integrity signals, the recording notice and the device check; narrow, as tabs.
    // Started by hand: a first-join session would start as the candidate's room joins it.
    const scheduled = await createSession(fixture.server, sampleSession({ integrity: 'record', recording: 'audio', scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), autoStart: 'manual' }), { start: false });
    const lobby = await mountPseudo('candidate', scheduled, '[part="lobby"]');
    await until(() => $(lobby, '[part="integrity-disclosure"]') && $(lobby, '[part="recording-notice"]'), 'the disclosure and the recording notice');
    await settled(lobby, ['interview-device-check']);
    expect(untranslated(lobby.shadowRoot!, await userData(lobby)), 'lobby').to.deep.equal([]);
  });

  it('renders no text but from its tables once the interview ended, in the replay', async () => {
    // Something to replay: the candidate types, the server keeps it, the interview ends.
    const session = await createSession(fixture.server);
    const candidate = await fixture.mount('candidate', session);
    const editor = $(candidate, 'interview-editor') as HTMLElement & { view?: { dispatch(spec: object): void } };
    await until(() => editor.view && editor.shadowRoot!.querySelector('.cm-content[contenteditable="true"]'), 'the editable code');
    editor.view!.dispatch({ changes: { from: 0, insert: '# first line\n' } });
    await until(() => editor.shadowRoot!.querySelector('[part="status"][data-save="saved"]'), 'the edit to be saved');
    await changeSession(fixture.server, session.id, 'end');
    const room = await mountPseudo('interviewer', session);
    room.replay = true;
    await until(() => ($(room, 'interview-editor') as HTMLElement).shadowRoot?.querySelector('[part="scrubber"]'), 'the replay');
    await settled(room, ['interview-editor', 'interview-run-panel', 'interview-video', 'interview-chat']);
    expect(untranslated(room.shadowRoot!, await userData(room))).to.deep.equal([]);
  });

  it('mirrors in Arabic: the header’s items and the panes swap sides, the code stays left to right', async () => {
    const english = await fixture.mount('interviewer');
    const arabic = await fixture.mount('interviewer', fixture.created, { attributes: { lang: 'ar' } });
    await arabic.localeReady;
    await until(() => $(arabic, '[part="end-button"]')?.textContent === ROOM_STRINGS_AR.endInterview, 'the Arabic strings');
    expect($(arabic, '[part="base"]')!.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle($(arabic, '[part="base"]')!).direction).to.equal('rtl');

    const x = (room: InterviewRoom, selector: string) => $(room, selector)!.getBoundingClientRect().left;
    for (const room of [english, arabic]) {
      const rtl = room === arabic;
      const label = rtl ? 'Arabic' : 'English';
      // The title leads the header (left in English, right in Arabic); the End button trails it.
      expect(x(room, '[part="title"]') < x(room, '[part="end-button"]'), `${label}: title before End`).to.equal(!rtl);
      // The question leads the panes, the rail with video and tools trails them.
      expect(x(room, '[part="question"]') < x(room, '[part="video-rail"]'), `${label}: question before the rail`).to.equal(!rtl);
      expect(x(room, '[part="question"]') < x(room, '[part="editor-pane"]'), `${label}: question before the code`).to.equal(!rtl);
    }
    // The tool tabs read right to left: the first on the right; ArrowLeft moves to the next.
    const tabs = [...arabic.shadowRoot!.querySelectorAll<HTMLElement>('[part="tool-tabs"] [role="tab"]')];
    expect(tabs[0]!.getBoundingClientRect().left).to.be.greaterThan(tabs[1]!.getBoundingClientRect().left);
    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => tabs[1]!.getAttribute('aria-selected') === 'true', 'ArrowLeft to select the next tab');

    const editor = $(arabic, 'interview-editor')!.shadowRoot!;
    expect(getComputedStyle(editor.querySelector('.cm-content')!).direction, 'code stays left to right').to.equal('ltr');
    expect(getComputedStyle(editor.querySelector('[part="toolbar"]')!).direction, 'the editor’s toolbar mirrors').to.equal('rtl');
  });

  it('takes its language from the document, lets the host change any string, and passes both to its parts', async () => {
    document.documentElement.lang = 'de';
    try {
      const room = await fixture.mount('interviewer');
      room.strings = { endInterview: 'Schluss machen' };
      room.elementStrings = { 'interview-run-panel': { run: 'Los' }, 'interview-feedback': { submit: 'Abschicken' } };
      room.querySelector('[slot="feedback"]')!.remove();
      const feedback = Object.assign(document.createElement('interview-feedback'), { slot: 'feedback' });
      room.append(feedback);
      const submit = () => feedback.shadowRoot?.querySelector('[part="submit"]')?.textContent;
      const runPanel = () => $(room, 'interview-run-panel')!.shadowRoot!;
      const editor = () => $(room, 'interview-editor')!.shadowRoot!;
      await until(() => $(room, '[part="end-button"]')?.textContent === 'Schluss machen', 'the host’s string');
      await until(() => /5 Min\. hinzufügen/.test($(room, '[part="add-time-button"]')?.textContent ?? ''), 'the room in German');
      await until(() => runPanel().querySelector('[part="run-button"]')?.textContent?.trim().startsWith('Los'), 'the host’s run panel string');
      await until(() => runPanel().querySelector('[part="stdin"]')?.getAttribute('placeholder')?.includes('Standardeingabe'), 'the run panel in German');
      await until(() => editor().querySelector('[part="toolbar"] label')?.textContent?.includes('Sprache'), 'the editor in German');
      await until(() => submit() === 'Abschicken', 'the host’s strings for the slotted feedback form');
      await until(() => feedback.shadowRoot?.querySelector('h2')?.textContent === 'Feedback zum Interview', 'the feedback form in German');

      // Another language on the room: it and its parts follow.
      room.setAttribute('lang', 'es');
      await until(() => $(room, '[part="add-time-button"]')?.textContent?.includes('Añadir'), 'the room in Spanish');
      await until(() => editor().querySelector('[part="toolbar"] label')?.textContent?.includes('Lenguaje'), 'the editor in Spanish');
      await until(() => feedback.shadowRoot?.querySelector('h2')?.textContent === 'Evaluación de la entrevista', 'the slotted feedback form in Spanish');
      expect($(room, '[part="end-button"]')!.textContent, 'the host’s string still wins').to.equal('Schluss machen');
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});
