import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { PRESENCE_PALETTE, collabOf, contrastRatio, type Rgb } from '@interview-kit/core';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { createSession, sampleSession, syncedParticipant } from '../../../core/src/testing/reference-server.js';
import { sessionPerTest } from '../../../core/src/testing/session-per-test.js';
import './editor.js';
import type { LanguageChangeEvent } from '../events.js';
import type { InterviewEditor } from './editor.component.js';

describe('<interview-editor>', () => {
  const stage = sessionPerTest();
  const { cleanups } = stage;

  const sessionFor = stage.sessionFor;

  /** A second participant, synced through the server only (one page cannot hold two mesh peers of a room). */
  const remote = async (role: 'interviewer' | 'candidate' | 'observer') => {
    const { collab } = await syncedParticipant(stage.server, stage.created, role, cleanups);
    return collab;
  };

  const mount = async (role: 'interviewer' | 'candidate' | 'observer', attrs = '', parent: HTMLElement = document.body) => {
    parent.insertAdjacentHTML('beforeend', `<interview-editor ${attrs}></interview-editor>`);
    document.body.insertAdjacentHTML('beforeend', '<button id="after">after</button>');
    const editor = parent.querySelector('interview-editor:last-of-type') as InterviewEditor;
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

  it('is editable with the server’s code as soon as the ticket’s snapshot is in, before the sync socket exists; the edit then reaches the others', async () => {
    const editor = await mount('candidate');
    const collab = collabOf(editor.session!);
    const atLoad = await new Promise<{ status: string; readOnly: boolean; code: string }>((resolve) =>
      collab.addEventListener('loaded', () => {
        const code = editor.view!.state.doc.toString();
        const state = { status: collab.status, readOnly: editor.readOnly || editor.view!.state.readOnly, code };
        editor.view!.dispatch({ changes: { from: 0, insert: '# early\n' } });
        resolve(state);
      }),
    );
    expect(atLoad).to.deep.equal({ status: 'connecting', readOnly: false, code: 'a, b = map(int, input().split())\nprint(a + b)\n' });
    const other = await remote('interviewer');
    await until(() => other.code.toString() === '# early\na, b = map(int, input().split())\nprint(a + b)\n', 'the early edit at the other participant');
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

  describe('as a product', () => {
    /** A CSS colour as [r, g, b], however it is written (hex, rgb(), light-dark() resolved by the scheme of `where`). */
    const channels = (colour: string, where: Element = document.body) => {
      const probe = document.createElement('span');
      probe.style.color = colour;
      where.append(probe);
      const rgb = getComputedStyle(probe).color.match(/[\d.]+/g)!.slice(0, 3).map(Number);
      probe.remove();
      return rgb as [number, number, number];
    };
    const contrast = (a: number[], b: number[]) => contrastRatio(a as Rgb, b as Rgb);
    /** CIE Lab (D65). */
    const lab = (rgb: number[]) => {
      const lin = rgb.map((c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      const [r, g, b] = lin as [number, number, number];
      const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
      const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
      const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
      const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
      return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
    };
    const cm = (editor: InterviewEditor) => editor.shadowRoot!.querySelector('.cm-editor') as HTMLElement;
    const background = (editor: InterviewEditor) => channels(getComputedStyle(cm(editor)).backgroundColor);

    it('fills the height its container gives it, scrolling the code inside, in a tall box and a short narrow one', async () => {
      document.body.insertAdjacentHTML('beforeend', '<div id="box" style="height: 800px; width: 900px"></div>');
      const box = document.getElementById('box')!;
      const editor = await mount('candidate', '', box);
      await until(() => editor.view?.state.doc.toString().includes('print(a + b)'), 'the starter code');
      expect(cm(editor).getBoundingClientRect().height, 'the code area in 800 px').to.be.at.least(700);

      const other = await remote('interviewer');
      other.code.insert(other.code.length, '# line\n'.repeat(80));
      await until(() => editor.view!.state.doc.lines > 80, 'a long document');
      box.style.height = '300px';
      box.style.width = '320px';
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const host = editor.getBoundingClientRect();
      const base = editor.shadowRoot!.querySelector('[part="base"]')!.getBoundingClientRect();
      expect(host.height).to.equal(300);
      expect(base.bottom, 'nothing below the host').to.be.at.most(host.bottom + 0.5);
      expect(base.right, 'nothing beside the host').to.be.at.most(host.right + 0.5);
      expect(cm(editor).getBoundingClientRect().bottom).to.be.at.most(host.bottom + 0.5);
      const scroller = editor.shadowRoot!.querySelector('.cm-scroller') as HTMLElement;
      expect(scroller.scrollHeight, 'the code scrolls inside').to.be.greaterThan(scroller.clientHeight);
    });

    it('indents per language: Python 4 spaces, JavaScript as its code does, Go a tab; it changes with the language', async () => {
      const editor = await mount('candidate');
      const other = await remote('interviewer');
      await until(() => !editor.readOnly && editor.view!.state.doc.toString().includes('print(a + b)'), 'editable starter code');
      const typeAtEnd = async (text: string) => {
        editor.view!.focus();
        editor.view!.dispatch({ selection: { anchor: editor.view!.state.doc.length } });
        await sendKeys({ type: text });
      };
      const applied: (string | undefined)[] = [];
      editor.addEventListener('interview-language-change', (event) => applied.push(event.detail.language));
      const cursorLine = () => editor.view!.state.doc.lineAt(editor.view!.state.selection.main.head).text;

      await typeAtEnd('def f():');
      await sendKeys({ press: 'Enter' });
      expect(cursorLine(), 'Python (PEP 8)').to.equal('    ');
      await until(() => other.code.toString().includes('def f():\n    '), 'the Python line at the other participant');

      other.doc.transact(() => {
        other.code.delete(0, other.code.length);
        other.code.insert(0, 'function sum(a, b) {\n  return a + b;\n}\n');
        other.meta.set('language', 'javascript');
      });
      await until(() => editor.view!.state.doc.toString().startsWith('function sum'), 'the JavaScript code');
      await until(() => applied.includes('javascript'), 'JavaScript');
      await typeAtEnd('if (a) {');
      await sendKeys({ press: 'Enter' });
      expect(cursorLine(), 'the starter code’s two spaces').to.equal('  ');

      other.meta.set('language', 'go');
      await until(() => applied.includes('go'), 'Go');
      editor.view!.focus();
      const end = editor.view!.state.doc.length;
      editor.view!.dispatch({ changes: { from: end, insert: '\n' }, selection: { anchor: end + 1 } });
      await sendKeys({ press: 'Tab' });
      expect(cursorLine(), 'gofmt').to.equal('\t');
    });

    it('colours everyone from the server’s assignment: distinct for eight, readable on light and dark code', async () => {
      const editor = await mount('candidate');
      const other = await remote('interviewer');
      await until(() => editor.view?.state.doc.length !== 0, 'the document');
      // The interviewer's client claims another colour: the server's assignment (position 0) wins.
      other.awareness.setLocalStateField('user', { ...other.awareness.getLocalState()!.user, color: '#000000', colorLight: '#00000033' });
      const { createRelativePositionFromTypeIndex } = await import('yjs');
      const position = createRelativePositionFromTypeIndex(other.code, 3);
      other.awareness.setLocalStateField('cursor', { anchor: position, head: position });
      await until(() => editor.shadowRoot!.querySelector('.cm-ySelectionCaret'), 'a remote caret');
      const caret = editor.shadowRoot!.querySelector('.cm-ySelectionCaret') as HTMLElement;
      expect(channels(getComputedStyle(caret).borderLeftColor)).to.deep.equal(channels(PRESENCE_PALETTE[0]));
      const dots = () => [...editor.shadowRoot!.querySelectorAll('[part="presence"] .dot')].map((dot) => channels(getComputedStyle(dot).backgroundColor).join());
      await until(() => dots().length === 2, 'both present');
      expect(new Set(dots()).size, 'two people, two colours').to.equal(2);
      expect(dots()).to.include.members([channels(PRESENCE_PALETTE[0]).join(), channels(PRESENCE_PALETTE[1]).join()]);

      const label = channels(getComputedStyle(caret.querySelector('.cm-ySelectionInfo')!).color);
      const light = background(editor);
      editor.setAttribute('theme', 'dark');
      const dark = background(editor);
      expect(dark).to.not.deep.equal(light);
      expect(PRESENCE_PALETTE).to.have.length(8);
      for (const colour of PRESENCE_PALETTE) {
        const rgb = channels(colour);
        expect(contrast(rgb, light), `${colour} on the light code`).to.be.at.least(3);
        expect(contrast(rgb, dark), `${colour} on the dark code`).to.be.at.least(3);
        expect(contrast(label, rgb), `the name label on ${colour}`).to.be.at.least(4.5);
      }
      for (const [i, a] of PRESENCE_PALETTE.entries()) {
        for (const b of PRESENCE_PALETTE.slice(i + 1)) {
          const [x, y] = [lab(channels(a)), lab(channels(b))];
          expect(Math.hypot(x[0]! - y[0]!, x[1]! - y[1]!, x[2]! - y[2]!), `${a} vs ${b}`).to.be.at.least(25);
        }
      }
    });

    it('shows a remote cursor’s name in the room’s font for a moment after that person moves, then hides it', async () => {
      const editor = await mount('candidate', 'style="--interview-font-family: Verdana, sans-serif"');
      const other = await remote('interviewer');
      await until(() => editor.view?.state.doc.length !== 0, 'the document');
      const { createRelativePositionFromTypeIndex } = await import('yjs');
      const moveTo = (index: number) => {
        const position = createRelativePositionFromTypeIndex(other.code, index);
        other.awareness.setLocalStateField('cursor', { anchor: position, head: position });
      };
      const label = () => editor.shadowRoot!.querySelector('.cm-ySelectionInfo') as HTMLElement | null;
      const opacity = () => Number(getComputedStyle(label()!).opacity);
      moveTo(3);
      await until(() => label(), 'the remote caret');
      expect(getComputedStyle(label()!).fontFamily).to.equal('Verdana, sans-serif');
      await until(() => opacity() === 1, 'the name shown on the move');
      await until(() => opacity() === 0, 'the name hidden after a while', 4_000);
      const caret = editor.shadowRoot!.querySelector('.cm-ySelectionCaret')!.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(caret.left + caret.width / 2), Math.round(caret.top + caret.height / 2)] });
      await until(() => opacity() === 1, 'the name shown while the pointer is over the cursor');
      await sendMouse({ type: 'move', position: [0, 0] });
      await until(() => opacity() === 0, 'the name hidden when the pointer leaves');
      moveTo(5);
      await until(() => opacity() === 1, 'the name shown again on the next move');
    });

    it('follows a dark colour scheme: code, highlighting and gutter change, and stay readable', async () => {
      const editor = await mount('candidate');
      const other = await remote('interviewer');
      other.code.insert(0, 'def f():\n    return 1\n');
      const keyword = () => [...editor.shadowRoot!.querySelectorAll('.cm-line span')].find((span) => span.textContent === 'def') as HTMLElement | undefined;
      await until(() => keyword(), 'a highlighted keyword');
      const colours = () => ({
        keyword: channels(getComputedStyle(keyword()!).color),
        text: channels(getComputedStyle(content(editor)).color),
        background: background(editor),
        gutter: channels(getComputedStyle(editor.shadowRoot!.querySelector('.cm-gutters')!).backgroundColor),
        lineNumbers: channels(getComputedStyle(editor.shadowRoot!.querySelector('.cm-gutterElement:not([style*="hidden"])')!).color),
      });
      const light = colours();
      editor.setAttribute('theme', 'dark');
      const dark = colours();
      for (const part of ['keyword', 'text', 'background', 'gutter'] as const) expect(dark[part], part).to.not.deep.equal(light[part]);
      for (const scheme of [light, dark]) {
        expect(contrast(scheme.keyword, scheme.background)).to.be.at.least(4.5);
        expect(contrast(scheme.text, scheme.background)).to.be.at.least(4.5);
        expect(contrast(scheme.lineNumbers, scheme.gutter)).to.be.at.least(4.5);
      }
      editor.removeAttribute('theme');
      document.body.style.colorScheme = 'dark';
      try {
        expect(colours().keyword, 'the inherited scheme').to.deep.equal(dark.keyword);
      } finally {
        document.body.style.colorScheme = '';
      }
    });

    it('marks each run on the replay timeline with its outcome; a mark or replayAt shows that moment and its run', async () => {
      stage.created = await createSession(
        stage.server,
        sampleSession({
          question: {
            tests: [
              { stdin: '1 2\n', expected: '3\n', hidden: false },
              { stdin: '2 2\n', expected: '4\n', hidden: false },
              { stdin: '5 5\n', expected: '10\n', hidden: false },
            ],
          },
        }),
      );
      const writer = await remote('candidate');
      const candidate = sessionFor('candidate');
      const passing = await candidate.client.run({ language: 'python', code: writer.code.toString(), tests: 'all' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      writer.code.delete(0, writer.code.length);
      writer.code.insert(0, 'a, b = map(int, input().split())\nprint(a * b)\n');
      await until(() => writer.status === 'synced', 'acknowledged');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const failing = await candidate.client.run({ language: 'python', code: writer.code.toString(), tests: 'all' });
      await until(() => writer.doc.getArray('runs').length === 2, 'both run records');

      const editor = await mount('interviewer', `replay replay-at="${Date.parse(passing.createdAt)}"`);
      const marks = () => [...editor.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="run-mark"]')];
      await until(() => marks().length === 2, 'two run marks');
      const outcome = () => editor.shadowRoot!.querySelector('[part="run-outcome"]');
      const code = () => editor.view!.state.doc.toString();
      expect(code(), 'replayAt before the replay loaded').to.include('print(a + b)');
      expect(outcome()?.textContent?.trim()).to.match(/^Latest run, at \d+:\d\d by Cam Candidate: all 3 tests passed$/);
      expect(outcome()!.getAttribute('data-outcome')).to.equal('passed');

      const [first, second] = marks() as [HTMLButtonElement, HTMLButtonElement];
      expect(first.getAttribute('aria-label')).to.match(/^Run at \d+:\d\d: all 3 tests passed$/);
      expect(second.getAttribute('aria-label')).to.match(/^Run at \d+:\d\d: 2 of 3 tests failed$/);
      expect([first.dataset.outcome, second.dataset.outcome]).to.deep.equal(['passed', 'failed']);
      const fill = (mark: HTMLElement) => channels(getComputedStyle(mark, '::before').backgroundColor);
      expect(fill(first)).to.not.deep.equal(fill(second));
      const scrubber = editor.shadowRoot!.querySelector('[part="scrubber"]') as HTMLInputElement;
      const track = scrubber.getBoundingClientRect();
      const centre = (mark: HTMLElement) => mark.getBoundingClientRect().left + mark.getBoundingClientRect().width / 2;
      expect(centre(first)).to.be.greaterThan(track.left).and.lessThan(centre(second));
      expect(centre(second)).to.be.at.most(track.right);

      second.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => code().includes('print(a * b)'), 'the moment of the failing run');
      await editor.updateComplete;
      expect(outcome()?.textContent?.trim()).to.match(/^Latest run, at \d+:\d\d by Cam Candidate: 2 of 3 tests failed$/);
      expect(Number(scrubber.value)).to.be.greaterThan(0);

      editor.replayAt = Date.parse(passing.createdAt) - 1;
      await until(() => code().includes('print(a + b)'), 'replayAt seeks');
      await editor.updateComplete;
      expect(outcome()?.textContent?.trim()).to.equal('No run yet at this moment.');
      editor.replayAt = Date.parse(failing.createdAt);
      await until(() => code().includes('print(a * b)'), 'replayAt seeks again');
      expect(await axeViolations(editor)).to.deep.equal([]);
    });
  });
});
