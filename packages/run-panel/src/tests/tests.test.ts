import { expect } from '@esm-bundle/chai';
import type { Role } from '@interview-kit/core';
import { syncedParticipant } from '../../../core/src/testing/reference-server.js';
import { sessionPerTest } from '../../../core/src/testing/session-per-test.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { backgroundBehind, contrast } from '../../../core/src/testing/contrast.js';
import '../define.js';
import type { InterviewTests } from './tests.component.js';

const HIDDEN_INPUT = '40 2';
/** Right on the visible test (1 2 → 3), wrong on the hidden one (40 2 → 38, expected 42). */
const HALF_RIGHT = 'a, b = map(int, input().split())\nprint(a - b if a > 30 else a + b)\n';

describe('<interview-tests>', () => {
  const stage = sessionPerTest();
  const { cleanups } = stage;

  const mount = async (role: Role) => {
    const { session, collab } = await syncedParticipant(stage.server, stage.created, role, cleanups);
    const list = document.createElement('interview-tests');
    list.session = session;
    list.collab = collab;
    document.body.append(list);
    await list.updateComplete;
    return { list, session };
  };

  /** The rows as a reader sees them: test, input, expected, result, time. */
  const rows = (list: InterviewTests) =>
    [...list.shadowRoot!.querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => (cell.querySelector('[part~="result"]') ?? cell).textContent!.replace(/\s+/g, ' ').trim()),
    );
  const part = (list: InterviewTests, name: string) => list.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement | null;

  it('lists every test to an interviewer, hidden ones marked, and the visible ones to a candidate, in a table with headers', async () => {
    const ivy = await mount('interviewer');
    const cam = await mount('candidate');
    expect(rows(ivy.list)).to.deep.equal([
      ['Test 1', '1 2', '3', 'Not run yet', ''],
      ['Test 2hidden', HIDDEN_INPUT, '42', 'Not run yet', ''],
    ]);
    expect(rows(cam.list)).to.deep.equal([['Test 1', '1 2', '3', 'Not run yet', '']]);
    expect(part(cam.list, 'note')!.textContent).to.equal('And 1 hidden test, not listed.');
    expect(cam.list.shadowRoot!.textContent).to.not.include(HIDDEN_INPUT);
    const headers = [...ivy.list.shadowRoot!.querySelectorAll('thead th[scope="col"]')].map((th) => th.textContent);
    expect(headers).to.deep.equal(['Test', 'Input', 'Expected', 'Latest result', 'Time']);
    expect(ivy.list.shadowRoot!.querySelector('caption')!.textContent).to.equal('Tests');
    expect(await axeViolations(ivy.list)).to.deep.equal([]);
  });

  it("shows each test's result in the latest run with its time: hidden results to interviewers only", async () => {
    const ivy = await mount('interviewer');
    const cam = await mount('candidate');
    const oli = await mount('observer');
    await cam.session.client.run({ language: 'python', code: HALF_RIGHT, tests: 'all' });

    await until(() => rows(ivy.list)[1]?.[3] === 'Failed', "the hidden test's result at the interviewer");
    const [visible, hidden] = rows(ivy.list);
    expect(visible!.slice(0, 4)).to.deep.equal(['Test 1', '1 2', '3', 'Passed']);
    expect(visible![4]).to.match(/^\d+ ms$/);
    expect(hidden![4]).to.match(/^\d+ ms$/);
    expect(part(ivy.list, 'actual')!.querySelector('pre')!.textContent).to.equal('38\n');
    expect(part(ivy.list, 'result')!.title).to.match(/^Run by Cam Candidate at /);

    for (const { list } of [cam, oli]) {
      await until(() => rows(list)[0]?.[4]?.endsWith(' ms'), 'the visible result with its time');
      expect(rows(list).map((row) => row.slice(0, 4))).to.deep.equal([['Test 1', '1 2', '3', 'Passed']]);
      expect(list.shadowRoot!.textContent).to.not.include(HIDDEN_INPUT).and.not.include('38');
    }
    expect(await axeViolations(ivy.list)).to.deep.equal([]);
  });

  it('takes translated strings', async () => {
    const { list } = await mount('candidate');
    list.strings = { caption: 'Prüfungen', notRun: 'Noch nicht ausgeführt', unseenHidden: (n) => `${n} verborgen` };
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('caption')!.textContent).to.equal('Prüfungen');
    expect(rows(list)[0]![3]).to.equal('Noch nicht ausgeführt');
    expect(part(list, 'note')!.textContent).to.equal('1 verborgen');
  });

  it('turns dark with the theme tokens, its text still readable', async () => {
    const ivy = await mount('interviewer');
    const cam = await mount('candidate');
    await cam.session.client.run({ language: 'python', code: HALF_RIGHT, tests: 'all' });
    await until(() => rows(ivy.list)[1]?.[3] === 'Failed', 'the results');
    const list = ivy.list;
    const look = () => {
      const base = part(list, 'base')!;
      const ratio = (element: Element) => contrast(getComputedStyle(element).color, backgroundBehind(element));
      return {
        background: getComputedStyle(base).backgroundColor,
        text: ratio(list.shadowRoot!.querySelector('tbody th')!),
        header: ratio(list.shadowRoot!.querySelector('thead th')!),
        passed: ratio(list.shadowRoot!.querySelector('[data-outcome="passed"] [part~="result"]')!),
        failed: ratio(list.shadowRoot!.querySelector('[data-outcome="failed"] [part~="result"]')!),
        mark: ratio(part(list, 'hidden-mark')!),
      };
    };
    const light = look();
    list.setAttribute('theme', 'dark');
    const dark = look();
    expect(dark.background).to.not.equal(light.background);
    for (const [name, ratio] of Object.entries(dark)) if (typeof ratio === 'number') expect(ratio, name).to.be.at.least(4.5);
  });
});
