// The editor's file list: two participants of one session, synced through the real reference server.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { CollabSession, collabOf, projectFilesOf, type Role } from '@interview-kit/core';
import * as Y from 'yjs';
import { axeViolations, deepActiveElement, until } from '../../../core/src/testing/helpers.js';
import { syncedParticipant } from '../../../core/src/testing/reference-server.js';
import { sessionPerTest } from '../../../core/src/testing/session-per-test.js';
import './editor.js';
import type { InterviewEditor } from './editor.component.js';

describe('<interview-editor> files', () => {
  const stage = sessionPerTest();
  const { cleanups } = stage;

  const sessionFor = stage.sessionFor;

  /** The other participant, synced through the server only. */
  const remote = async (role: Role) => {
    const { collab } = await syncedParticipant(stage.server, stage.created, role, cleanups);
    return collab;
  };

  const mount = async (role: Role, attrs = '', parent: HTMLElement = document.body) => {
    parent.insertAdjacentHTML('beforeend', `<interview-editor ${attrs}></interview-editor>`);
    const editor = parent.querySelector('interview-editor:last-of-type') as InterviewEditor;
    editor.session = sessionFor(role);
    await editor.updateComplete;
    return editor;
  };

  const $ = <E extends Element = HTMLElement>(editor: InterviewEditor, selector: string) => editor.shadowRoot!.querySelector<E & Element>(selector);
  const $$ = (editor: InterviewEditor, selector: string) => [...editor.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
  const paths = (editor: InterviewEditor) => $$(editor, '[part="file-button"]').map((button) => button.dataset.path);
  const fileButton = (editor: InterviewEditor, path: string) => $(editor, `[part="file-button"][data-path="${path}"]`);
  const openPath = (editor: InterviewEditor) => $(editor, '[part="file-button"][aria-current="true"]')?.dataset.path;
  const code = (editor: InterviewEditor) => editor.view?.state.doc.toString() ?? '';
  const files = (collab: CollabSession) => projectFilesOf(collab.doc);
  const problem = (editor: InterviewEditor) => $(editor, '[part="file-name-problem"]')?.textContent ?? '';

  /** Opens the list when it is collapsed (a single-file project starts collapsed). */
  const expand = async (editor: InterviewEditor) => {
    const toggle = $(editor, '[part="files-toggle"]')!;
    if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
    await editor.updateComplete;
  };

  /** Types a new file's name into the new-file field and presses Enter. */
  const createFile = async (editor: InterviewEditor, name: string) => {
    await expand(editor);
    $(editor, '[part="new-file-button"]')!.click();
    await until(() => deepActiveElement()?.getAttribute('part') === 'file-name-input', 'the name field focused');
    await sendKeys({ type: name });
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
  };

  it('creates, renames and deletes files with the keyboard, and the other participant sees each change; the entry file stays', async () => {
    const editor = await mount('candidate');
    const ivy = await remote('interviewer');
    await until(() => !editor.readOnly && code(editor).includes('print(a + b)'), 'the editable starter code');
    expect($(editor, '[part="files-toggle"]')!.textContent!.trim()).to.equal('Files (1)');
    expect($(editor, '[part="files"]')!.hidden, 'a single file starts collapsed').to.equal(true);

    await createFile(editor, 'helper.py');
    await until(() => files(ivy).has('helper.py'), 'the new file at the other participant');
    expect(paths(editor)).to.deep.equal(['main.py', 'helper.py']);
    expect(openPath(editor), 'the new file opens').to.equal('helper.py');
    expect(code(editor)).to.equal('');
    expect(editor.view!.hasFocus, 'the code has focus').to.equal(true);
    await sendKeys({ type: 'def add(a, b):' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'return a + b' });
    await until(() => files(ivy).get('helper.py')!.toString() === 'def add(a, b):\n    return a + b', 'the typed file at the other participant (Python indentation)');
    expect(ivy.code.toString(), 'the entry file untouched').to.include('print(a + b)');

    // F2 renames the focused file; the other participant sees one rename, its text kept.
    fileButton(editor, 'helper.py')!.focus();
    await sendKeys({ press: 'F2' });
    await until(() => deepActiveElement()?.getAttribute('part') === 'file-name-input', 'the rename field');
    await sendKeys({ type: 'lib/maths.py' });
    await sendKeys({ press: 'Enter' });
    await until(() => files(ivy).has('lib/maths.py') && !files(ivy).has('helper.py'), 'the rename at the other participant');
    expect(files(ivy).get('lib/maths.py')!.toString()).to.equal('def add(a, b):\n    return a + b');
    await editor.updateComplete;
    expect(openPath(editor), 'the renamed file stays open').to.equal('lib/maths.py');
    expect(deepActiveElement()?.getAttribute('data-path')).to.equal('lib/maths.py');

    // The other participant's new file appears; Delete asks first, then deletes for everyone.
    ivy.doc.transact(() => files(ivy).set('notes.txt', new Y.Text('remember edge cases')));
    await until(() => paths(editor).includes('notes.txt'), 'the other participant’s file');
    expect(paths(editor)).to.deep.equal(['main.py', 'lib/maths.py', 'notes.txt']);
    fileButton(editor, 'lib/maths.py')!.focus();
    await sendKeys({ press: 'Delete' });
    await until(() => $(editor, '[part="delete-confirm"]'), 'the confirmation');
    expect($(editor, '[part="delete-confirm"]')!.textContent).to.include('Delete lib/maths.py for everyone?');
    expect(files(ivy).has('lib/maths.py'), 'nothing deleted before the confirmation').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => !files(ivy).has('lib/maths.py'), 'the delete at the other participant');
    await editor.updateComplete;
    expect(openPath(editor), 'the entry file opens in place of the deleted one').to.equal('main.py');
    expect(code(editor)).to.include('print(a + b)');

    // The entry file has no rename or delete, and F2 or Delete on it does nothing.
    const entryRow = fileButton(editor, 'main.py')!.closest('li')!;
    expect(entryRow.querySelector('[part="rename-button"], [part="delete-button"]')).to.equal(null);
    expect(entryRow.textContent).to.include('entry');
    fileButton(editor, 'main.py')!.focus();
    await sendKeys({ press: 'F2' });
    await sendKeys({ press: 'Delete' });
    await editor.updateComplete;
    expect($(editor, '[part="rename-form"], [part="delete-confirm"]')).to.equal(null);
    expect(paths(editor)).to.deep.equal(['main.py', 'notes.txt']);
  });

  it('moves through the list with arrow keys, opens with Enter, and shows who else is in which file with their cursor there only', async () => {
    const editor = await mount('candidate');
    const ivy = await remote('interviewer');
    ivy.doc.transact(() => {
      files(ivy).set('a.js', new Y.Text('export const a = 1;\n'));
      files(ivy).set('b.txt', new Y.Text('plain words\n'));
    });
    await until(() => paths(editor).length === 3, 'three files');
    expect($(editor, '[part="files"]')!.hidden, 'several files show the list').to.equal(false);
    ivy.awareness.setLocalStateField('file', 'a.js');
    const { createRelativePositionFromTypeIndex } = await import('yjs');
    const position = createRelativePositionFromTypeIndex(files(ivy).get('a.js')!, 3);
    ivy.awareness.setLocalStateField('cursor', { anchor: position, head: position });
    await until(() => fileButton(editor, 'a.js')!.querySelector('.viewers'), 'Ivy shown on a.js');
    expect(fileButton(editor, 'a.js')!.textContent).to.include('Open by Ivy Interviewer');
    expect(fileButton(editor, 'main.py')!.querySelector('.viewers')).to.equal(null);
    expect($(editor, '.cm-ySelectionCaret'), 'no remote cursor in main.py').to.equal(null);

    fileButton(editor, 'main.py')!.focus();
    expect(fileButton(editor, 'main.py')!.tabIndex).to.equal(0);
    expect(fileButton(editor, 'a.js')!.tabIndex, 'one tab stop').to.equal(-1);
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()?.getAttribute('data-path')).to.equal('a.js');
    await sendKeys({ press: 'End' });
    expect(deepActiveElement()?.getAttribute('data-path')).to.equal('b.txt');
    await sendKeys({ press: 'ArrowUp' });
    expect(openPath(editor), 'moving does not open').to.equal('main.py');
    await sendKeys({ press: 'Enter' });
    await until(() => openPath(editor) === 'a.js', 'a.js open');
    expect(code(editor)).to.equal('export const a = 1;\n');
    await until(() => $(editor, '.cm-ySelectionCaret'), 'Ivy’s cursor in a.js');
    // Its language is the extension's: JavaScript keywords are highlighted, and others see where this participant is.
    await until(() => $$(editor, '.cm-line span').some((span) => span.textContent === 'const'), 'JavaScript highlighting');
    await until(() => [...ivy.awareness.getStates().values()].some((state) => state.user?.name === 'Cam Candidate' && state.file === 'a.js'), 'the open file in presence');
  });

  it('tells why a name is refused, and Escape leaves the field', async () => {
    const editor = await mount('interviewer');
    await until(() => !editor.readOnly, 'editable');
    await expand(editor);
    $(editor, '[part="new-file-button"]')!.click();
    await until(() => deepActiveElement()?.getAttribute('part') === 'file-name-input', 'the name field');
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    expect(problem(editor)).to.equal('Give the file a name.');
    await sendKeys({ type: '../secret.py' });
    await editor.updateComplete;
    expect(problem(editor)).to.equal('Use letters, digits, ".", "_" and "-"; a name does not start with "." or "-".');
    expect($(editor, '[part="file-name-input"]')!.getAttribute('aria-invalid')).to.equal('true');
    await sendKeys({ press: 'Control+a' });
    await sendKeys({ type: 'main.py' });
    await editor.updateComplete;
    expect(problem(editor)).to.equal('A file of that name exists already.');
    await sendKeys({ press: 'Enter' });
    expect(paths(editor)).to.deep.equal(['main.py']);
    expect(await axeViolations(editor)).to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    await editor.updateComplete;
    expect($(editor, '[part="new-file-form"]')).to.equal(null);
    expect(deepActiveElement()?.getAttribute('part')).to.equal('new-file-button');
  });

  it('hides create, rename and delete from an observer, who still reads every file', async () => {
    const cam = await remote('candidate');
    cam.doc.transact(() => files(cam).set('helper.py', new Y.Text('def add(a, b):\n    return a + b\n')));
    await until(() => cam.saveState.kind === 'saved', 'saved');
    const editor = await mount('observer');
    await until(() => paths(editor).length === 2, 'the files');
    expect($(editor, '[part="new-file-button"], [part="rename-button"], [part="delete-button"]')).to.equal(null);
    fileButton(editor, 'helper.py')!.click();
    await until(() => code(editor).includes('return a + b'), 'the file’s text');
    expect(editor.readOnly).to.equal(true);
    fileButton(editor, 'helper.py')!.focus();
    await sendKeys({ press: 'Delete' });
    await sendKeys({ press: 'F2' });
    await editor.updateComplete;
    expect($(editor, '[part="delete-confirm"], [part="rename-form"]')).to.equal(null);
    expect(await axeViolations(editor)).to.deep.equal([]);
  });

  it('offers no new file once the project holds 20 files, and says why', async () => {
    const editor = await mount('candidate');
    const ivy = await remote('interviewer');
    await until(() => !editor.readOnly, 'editable');
    await expand(editor);
    expect(($(editor, '[part="new-file-button"]') as HTMLButtonElement).disabled).to.equal(false);
    ivy.doc.transact(() => {
      for (let i = 1; i < 20; i++) files(ivy).set(`f${String(i).padStart(2, '0')}.py`, new Y.Text());
    });
    await until(() => paths(editor).length === 20, 'twenty files');
    expect(($(editor, '[part="new-file-button"]') as HTMLButtonElement).disabled).to.equal(true);
    expect($(editor, '[part="files-limit"]')!.textContent).to.equal('A project holds at most 20 files.');
  });

  it('shows the server’s refusal of a change to the files beside the list', async () => {
    const editor = await mount('candidate');
    await until(() => !editor.readOnly && $(editor, '[part="status"][data-save="saved"]'), 'editable and saved');
    await createFile(editor, 'data.txt');
    expect($(editor, '[part="files-message"]')!.textContent).to.equal('');
    // A paste larger than the server takes in one message (1 MiB).
    editor.view!.dispatch({ changes: { from: 0, insert: 'x'.repeat(1_200_000) } });
    await until(() => $(editor, '[part="files-message"]')!.textContent, 'the refusal beside the list');
    expect($(editor, '[part="files-message"]')!.getAttribute('role')).to.equal('alert');
    expect($(editor, '[part="files-message"]')!.textContent).to.match(/^(The server did not keep the latest change to the files: |Not saved: )\S/);
    collabOf(editor.session!).destroy();
  });

  it('sits above the code as a row of tabs when narrow, beside it when wide, and turns dark with the theme', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="box" style="height: 500px; width: 900px"></div>');
    const box = document.getElementById('box')!;
    const editor = await mount('candidate', '', box);
    const ivy = await remote('interviewer');
    ivy.doc.transact(() => files(ivy).set('helper.py', new Y.Text('x = 1\n')));
    await until(() => paths(editor).length === 2, 'two files');
    await until(() => editor.view, 'the code');
    const rect = (selector: string) => $(editor, selector)!.getBoundingClientRect();
    expect(rect('[part="files"]').right, 'beside the code').to.be.at.most(rect('[part="editor"]').left + 1);
    expect(rect('[part="editor"]').height).to.be.greaterThan(300);

    box.style.width = '340px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(rect('[part="files"]').bottom, 'above the code').to.be.at.most(rect('[part="editor"]').top + 1);
    const [first, second] = $$(editor, '[part="file-button"]').map((button) => button.getBoundingClientRect());
    expect(first!.top, 'one row').to.equal(second!.top);
    expect(rect('[part="base"]').right).to.be.at.most(editor.getBoundingClientRect().right + 0.5);

    const background = () => getComputedStyle($(editor, '[part="files"]')!).backgroundColor;
    const light = background();
    editor.setAttribute('theme', 'dark');
    expect(background()).to.not.equal(light);
    expect(await axeViolations(editor)).to.deep.equal([]);
  });

  it('replays the file list as it was at each moment, and shows a file’s text at that moment', async () => {
    const writer = await remote('candidate');
    writer.doc.transact(() => files(writer).set('helper.py', new Y.Text('def add(a, b):\n    return a + b\n')));
    await until(() => writer.saveState.kind === 'saved', 'the file saved');
    await new Promise((resolve) => setTimeout(resolve, 100));
    files(writer).get('helper.py')!.insert(0, '# v2\n');
    await until(() => writer.saveState.kind === 'saved', 'the edit saved');

    const editor = await mount('interviewer', 'replay');
    await until(() => $(editor, '[part="scrubber"]') && paths(editor).length === 2, 'the replay at its end, with both files');
    expect($(editor, '[part="new-file-button"], [part="rename-button"]')).to.equal(null);
    fileButton(editor, 'helper.py')!.click();
    await until(() => code(editor).startsWith('# v2\n'), 'the file at the end');
    const scrubber = $(editor, '[part="scrubber"]') as HTMLInputElement;
    scrubber.value = '0';
    scrubber.dispatchEvent(new Event('input'));
    await editor.updateComplete;
    expect(paths(editor), 'before the file was made').to.deep.equal(['main.py']);
    expect(code(editor)).to.include('print(a + b)');
  });
});
