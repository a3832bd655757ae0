import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { CollabSession, InterviewSession } from '@interview-kit/core';
import { until } from '../../../core/src/testing/helpers.js';
import { createSession, referenceServer, type ReferenceServer, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import './editor.js';
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
    const changed = new Promise<CustomEvent | Event>((resolve) => editor.addEventListener('interview-language-change', resolve, { once: true }));
    select.value = 'go';
    select.dispatchEvent(new Event('change'));
    await until(() => other.meta.get('language') === 'go', 'the language at the other participant');
    await changed;

    other.meta.set('language', 'typescript');
    await until(() => select.value === 'typescript', 'the remote language switch');
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
    const other = await remote('candidate');
    expect(other.code.toString()).to.equal(before);
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
