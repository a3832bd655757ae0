import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { codeOf, type Role } from '@interview-kit/core';
import { createSession, sampleSession, syncedParticipant } from '../../../core/src/testing/reference-server.js';
import { sessionPerTest } from '../../../core/src/testing/session-per-test.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import '../define.js';
import type { InterviewConsole } from './console.component.js';
import { LineEditor } from './line-editor.js';

const SUM = 'a = int(input("a? "))\nb = int(input("b? "))\nprint("sum", a + b)\n';

/** What the terminal shows, line by line, trailing blanks cut. */
function screen(element: InterviewConsole): string {
  const buffer = element.terminal?.buffer.active;
  if (!buffer) return '';
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  return lines.join('\n').trimEnd();
}

const part = (element: InterviewConsole, name: string) => element.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;

describe('<interview-console>', () => {
  const stage = sessionPerTest((server) => createSession(server, sampleSession({ question: { starterCode: SUM, tests: [] } })));
  const { cleanups } = stage;

  /** A participant's console on this page, with its own session, socket and terminal. */
  const mount = async (role: Role) => {
    const { session, collab } = await syncedParticipant(stage.server, stage.created, role, cleanups);
    const element = document.createElement('interview-console');
    element.session = session;
    element.collab = collab;
    element.style.height = '20em';
    document.body.append(element);
    await element.updateComplete;
    if (role !== 'observer') await until(() => element.terminal && element.model?.state.value.connection === 'open', `the ${role}'s console`);
    return { element, collab };
  };

  it("runs the shared program; the candidate types two numbers into the interviewer's run and both see the sum", async () => {
    const ivy = await mount('interviewer');
    const cam = await mount('candidate');
    expect(codeOf(cam.collab.doc).toString()).to.equal(SUM);

    part(ivy.element, 'start').click();
    await until(() => screen(cam.element).includes('a?'), 'the first prompt on the candidate’s screen');
    cam.element.terminal!.focus();
    await sendKeys({ type: '2' });
    await sendKeys({ press: 'Enter' });
    await until(() => screen(cam.element).includes('b?'), 'the second prompt');
    await sendKeys({ type: '40' });
    await sendKeys({ press: 'Enter' });
    await until(() => screen(ivy.element).includes('sum 42'), 'the sum on the interviewer’s screen');
    expect(screen(ivy.element)).to.equal('a? 2\nb? 40\nsum 42');
    await until(() => screen(cam.element) === screen(ivy.element), 'the same screen for both');
    await until(() => part(cam.element, 'status').textContent!.includes('ended'), 'the end announced');
    expect(await axeViolations(ivy.element)).to.deep.equal([]);
  });

  it('Ctrl+C typed in the terminal interrupts a loop', async () => {
    const cam = await mount('candidate');
    codeOf(cam.collab.doc).delete(0, codeOf(cam.collab.doc).length);
    codeOf(cam.collab.doc).insert(0, 'print("looping", flush=True)\nwhile True:\n    pass\n');
    part(cam.element, 'start').click();
    await until(() => screen(cam.element).includes('looping'), 'the loop');
    cam.element.terminal!.focus();
    await sendKeys({ press: 'Control+c' });
    await until(() => screen(cam.element).includes('KeyboardInterrupt'), 'the interrupted program');
  });

  it('observers get no console', async () => {
    const oli = await mount('observer');
    await until(() => part(oli.element, 'status')?.textContent?.includes('Observers'), 'the observer note');
    expect(oli.element.terminal).to.equal(undefined);
  });
});

describe('LineEditor', () => {
  it('edits a line locally and sends it with Enter; Ctrl+C and Ctrl+D', () => {
    const line = new LineEditor();
    expect(line.feed('ab\x7fc')).to.deep.equal([
      { type: 'echo', text: 'a' },
      { type: 'echo', text: 'b' },
      { type: 'echo', text: '\b \b' },
      { type: 'echo', text: 'c' },
    ]);
    expect(line.feed('\r')).to.deep.equal([
      { type: 'echo', text: '\b \b\b \b' },
      { type: 'send', data: 'ac\n' },
    ]);
    line.feed('x');
    expect(line.feed('\x03')).to.deep.equal([{ type: 'echo', text: '\b \b' }, { type: 'interrupt' }]);
    line.feed('y');
    expect(line.feed('\x04')).to.deep.equal([{ type: 'echo', text: '\b \b' }, { type: 'send', data: 'y' }, { type: 'eof' }]);
  });
});
