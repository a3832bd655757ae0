import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { CollabSession, InterviewSession, collabOf } from '@interview-kit/core';
import { until } from '../../../core/src/testing/helpers.js';
import { createSession, referenceServer, type ReferenceServer, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import './editor.js';
import type { LanguageChangeEvent } from '../events.js';
import type { InterviewEditor } from './editor.component.js';

describe('<interview-editor>', () => {
  let server: ReferenceServer;
  let created: CreatedSession;
  const cleanups: (() => void)[] = [];

  before(async () => {
    server = await referenceServer({ liveKit: false });
  });
  beforeEach(async () => {
    created = await createSession(server);
  });
  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
    document.body.innerHTML = '';
  });

  const sessionFor = (role: 'interviewer' | 'candidate' | 'observer') => {
    const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
    cleanups.push(() => session.dispose());
    return session;
  };

  /** A second participant, synced through the server only (one page cannot hold two mesh peers of a room). */
  const remote = async (role: 'interviewer' | 'candidate' | 'observer') => {
    const collab = new CollabSession(sessionFor(role), { peerToPeer: false });
    cleanups.push(() => collab.destroy());
    await collab.whenSynced();
    return collab;
  };

  const mount = async (role: 'interviewer' | 'candidate' | 'observer', attrs = '') => {
    document.body.insertAdjacentHTML('beforeend', `<interview-editor ${attrs}></interview-editor><button id="after">after</button>`);
    const editor = document.body.querySelector('interview-editor:last-of-type') as InterviewEditor;
    editor.session = sessionFor(role);
    await editor.updateComplete;
    return editor;
  };

  const content = (editor: InterviewEditor) => editor.shadowRoot!.querySelector('.cm-content') as HTMLElement;
  const statusText = (editor: InterviewEditor) => editor.shadowRoot!.querySelector('[part="status"]')?.textContent ?? '';
  const banner = (editor: InterviewEditor) => editor.shadowRoot!.querySelector('[part="ended-banner"]');

  /** Every text the status shows from now on. */
  const recordStatus = (editor: InterviewEditor) => {
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(statusText(editor)));
    observer.observe(editor.shadowRoot!.querySelector('[part="status"]')!, { subtree: true, childList: true, characterData: true });
    cleanups.push(() => observer.disconnect());
    return texts;
  };

  /** Types at the start of the code. */
  const typeAtStart = async (editor: InterviewEditor, text: string) => {
    editor.view!.focus();
    editor.view!.dispatch(editor.view!.state.update({ selection: { anchor: 0 } }));
    await sendKeys({ type: text });
  };

  it('shows the starter code, is labelled, and syncs typing both ways', async () => {
    const editor = await mount('candidate');
    await until(() => editor.view?.state.doc.toString().includes('print(a + b)') ?? false, 'the starter code');
    expect(content(editor).getAttribute('aria-label')).to.equal('Code');
    expect(content(editor).getAttribute('role')).to.equal('textbox');

    const other = await remote('interviewer');
    await until(() => !editor.readOnly, 'editable');
    editor.view!.focus();
    editor.view!.dispatch(editor.view!.state.update({ selection: { anchor: 0 } }));
    await sendKeys({ type: '# hi\n' });
    await until(() => other.code.toString().startsWith('# hi\n'), 'typed text at the other participant');

    other.code.insert(other.code.length, '# from ivy\n');
    await until(() => editor.view!.state.doc.toString().endsWith('# from ivy\n'), 'the other participant’s text');
  });

  it('shows remote cursors with names and a presence list', async () => {
    const editor = await mount('candidate');
    const other = await remote('interviewer');
    await until(() => editor.view?.state.doc.length !== 0, 'the document');
    other.awareness.setLocalStateField('cursor', null);
    // Place Ivy's cursor through y-codemirror.next's awareness format (relative positions).
    const { createRelativePositionFromTypeIndex } = await import('yjs');
    const position = createRelativePositionFromTypeIndex(other.code, 3);
    other.awareness.setLocalStateField('cursor', { anchor: position, head: position });
    await until(() => editor.shadowRoot!.querySelector('.cm-ySelectionInfo') !== null, 'a remote caret');
    expect(editor.shadowRoot!.querySelector('.cm-ySelectionInfo')!.textContent).to.equal('Ivy Interviewer');
    await until(() => (editor.shadowRoot!.querySelector('[part="presence"]')?.textContent ?? '').includes('Ivy Interviewer'), 'presence');
    expect(editor.shadowRoot!.querySelector('[part="presence"]')!.textContent).to.include('Cam Candidate');
  });

  it('switches the language for everyone through the shared document', async () => {
    const editor = await mount('candidate');
    const other = await remote('interviewer');
    await until(() => !editor.readOnly, 'editable');
    const select = editor.shadowRoot!.querySelector('select[part="language-select"]') as HTMLSelectElement;
    expect(select.value).to.equal('python');
    const changes: LanguageChangeEvent[] = [];
    editor.addEventListener('interview-language-change', (event) => changes.push(event));
    select.value = 'go';
    select.dispatchEvent(new Event('change'));
    await until(() => other.meta.get('language') === 'go', 'the language at the other participant');
    await until(() => changes.length === 1, 'the language change event');
    expect(changes[0]!.detail).to.deep.include({ language: 'go', remote: false });

    await until(() => editor.shadowRoot!.querySelector('[part="presence"]')?.textContent?.includes('Ivy Interviewer'), 'Ivy present');
    other.meta.set('language', 'typescript');
    await until(() => select.value === 'typescript', 'the remote language switch');
    await until(() => changes.length === 2, 'the remote language change event');
    expect(changes[1]!.detail).to.deep.include({ language: 'typescript', remote: true });
    expect(changes[1]!.detail.changedBy?.name, 'who changed it').to.equal('Ivy Interviewer');
  });

  it('is read-only for an observer, and the server keeps the text unchanged', async () => {
    const editor = await mount('observer');
    await until(() => editor.view?.state.doc.toString().includes('print(a + b)') ?? false, 'the starter code');
    await until(() => editor.shadowRoot!.querySelector('[part="status"]')!.textContent === 'All changes saved', 'synced');
    expect(editor.readOnly).to.equal(true);
    expect(content(editor).getAttribute('aria-readonly')).to.equal('true');
    expect(content(editor).getAttribute('aria-label')).to.equal('Code (read-only)');
    expect((editor.shadowRoot!.querySelector('select[part="language-select"]') as HTMLSelectElement).disabled).to.equal(true);
    const before = editor.view!.state.doc.toString();
    editor.view!.focus();
    await sendKeys({ type: 'sneaky' });
    expect(editor.view!.state.doc.toString()).to.equal(before);
    await until(() => statusText(editor) === 'Not saved: you can only read this session', 'the refusal');
    expect(editor.shadowRoot!.querySelector('[part="status"] [role="alert"]')!.textContent).to.equal('Not saved: you can only read this session');
    expect(banner(editor), 'the interview is not over').to.equal(null);
    const other = await remote('candidate');
    expect(other.code.toString()).to.equal(before);
  });

  it('turns read-only with the ended banner when the interviewer ends the interview, and typing shows "Not saved"', async () => {
    const editor = await mount('interviewer');
    await until(() => statusText(editor) === 'All changes saved', 'saved');
    expect(banner(editor)).to.equal(null);

    await editor.session!.end();

    expect(editor.readOnly, 'read-only at once').to.equal(true);
    await editor.updateComplete;
    expect(banner(editor)?.textContent).to.equal('The interview has ended. The code is read-only.');
    expect(content(editor).getAttribute('aria-readonly')).to.equal('true');
    const before = editor.view!.state.doc.toString();
    await typeAtStart(editor, 'late');
    expect(editor.view!.state.doc.toString()).to.equal(before);
    await until(() => statusText(editor) === 'Not saved: the interview has ended', 'the refusal');
    expect(editor.shadowRoot!.querySelector('[part="status"]')!.getAttribute('data-save')).to.equal('refused');
  });

  it('opens an interview that already ended read-only, with the banner', async () => {
    await sessionFor('interviewer').end();
    const editor = await mount('candidate');
    await until(() => banner(editor) !== null, 'the ended banner');
    await until(() => editor.view?.state.doc.toString().includes('print(a + b)') ?? false, 'the final code');
    expect(editor.readOnly).to.equal(true);
    expect((editor.shadowRoot!.querySelector('select[part="language-select"]') as HTMLSelectElement).disabled).to.equal(true);
  });

  it("shows the candidate's edits after another participant ended the interview as not saved, never as saved", async () => {
    const editor = await mount('candidate');
    await until(() => statusText(editor) === 'All changes saved', 'saved');
    await sessionFor('interviewer').end();
    const texts = recordStatus(editor);

    // Whether the end reached this page already (read-only) or not (the server refuses the edit), typing is not saved.
    await typeAtStart(editor, 'late');
    await until(() => statusText(editor) === 'Not saved: the interview has ended', 'the refusal');
    await until(() => banner(editor) !== null, 'the ended banner');
    expect(editor.readOnly).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts).to.not.include('All changes saved');
    const other = await remote('interviewer');
    expect(other.code.toString()).to.not.include('late');
  });

  it('says "All changes saved" only once the server acknowledged the edit: offline while disconnected, saved after the reconnect', async () => {
    const editor = await mount('candidate');
    await until(() => !editor.readOnly && statusText(editor) === 'All changes saved', 'editable and saved');
    const collab = collabOf(editor.session!);
    collab.disconnect();
    await until(() => collab.status === 'offline', 'offline');
    const texts = recordStatus(editor);

    await typeAtStart(editor, '# offline\n');
    await editor.updateComplete;
    expect(statusText(editor)).to.equal('Offline: your changes are kept and will sync when the connection returns');
    expect(editor.shadowRoot!.querySelector('[part="status"]')!.getAttribute('data-save')).to.equal('offline');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts, 'nothing claimed saved while offline').to.not.include('All changes saved');

    collab.reconnect();
    await until(() => statusText(editor) === 'All changes saved', 'saved after the reconnect');
    const other = await remote('interviewer');
    expect(other.code.toString().startsWith('# offline\n')).to.equal(true);
  });

  it('undoes only your own edits', async () => {
    const editor = await mount('candidate');
    const other = await remote('interviewer');
    await until(() => !editor.readOnly, 'editable');
    editor.view!.focus();
    editor.view!.dispatch(editor.view!.state.update({ selection: { anchor: editor.view!.state.doc.length } }));
    await sendKeys({ type: 'mine' });
    other.code.insert(0, 'theirs\n');
    await until(() => editor.view!.state.doc.toString().startsWith('theirs\n'), 'the other edit');
    await new Promise((resolve) => setTimeout(resolve, 600)); // a separate undo step
    await sendKeys({ press: 'Control+z' });
    await until(() => !editor.view!.state.doc.toString().includes('mine'), 'own edit undone');
    expect(editor.view!.state.doc.toString().startsWith('theirs\n')).to.equal(true);
  });

  it('indents with Tab, and Escape then Tab moves focus out (no keyboard trap)', async () => {
    const editor = await mount('candidate');
    await until(() => !editor.readOnly, 'editable');
    editor.view!.focus();
    editor.view!.dispatch(editor.view!.state.update({ selection: { anchor: 0 } }));
    const before = editor.view!.state.doc.toString();
    await sendKeys({ press: 'Tab' });
    expect(editor.view!.state.doc.toString()).to.not.equal(before);
    expect(editor.view!.hasFocus).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(editor.view!.hasFocus).to.equal(false);
    expect(document.activeElement?.id).to.equal('after');
  });

  it('replays how the code was written, with a scrubber, speeds and idle skipping', async () => {
    const writer = await remote('candidate');
    writer.code.insert(writer.code.length, '# step 1\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    writer.code.insert(writer.code.length, '# step 2\n');
    await until(() => writer.status === 'synced', 'acknowledged');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const editor = await mount('interviewer', 'replay');
    await until(() => editor.shadowRoot!.querySelector('[part="scrubber"]') !== null, 'the replay controls');
    await until(() => editor.view!.state.doc.toString().includes('# step 2'), 'the final state');
    const scrubber = editor.shadowRoot!.querySelector('[part="scrubber"]') as HTMLInputElement;
    expect(scrubber.getAttribute('aria-label')).to.equal('Replay position');
    scrubber.value = '0';
    scrubber.dispatchEvent(new Event('input'));
    expect(editor.view!.state.doc.toString()).to.equal('a, b = map(int, input().split())\nprint(a + b)\n');
    const speeds = [...editor.shadowRoot!.querySelectorAll('[part="speed-select"] option')].map((o) => o.textContent);
    expect(speeds).to.deep.equal(['1×', '2×', '4×', '8×', '16×', '32×']);
    (editor.shadowRoot!.querySelector('[part="speed-select"]') as HTMLSelectElement).value = '32';
    editor.shadowRoot!.querySelector('[part="speed-select"]')!.dispatchEvent(new Event('change'));
    (editor.shadowRoot!.querySelector('[part="play-button"]') as HTMLButtonElement).click();
    await until(() => editor.view!.state.doc.toString().includes('# step 2'), 'playback to the end');
    expect(editor.readOnly).to.equal(true);
  });
});
