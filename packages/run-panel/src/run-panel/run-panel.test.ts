import { expect } from '@esm-bundle/chai';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { InterviewSession, SHARED_STRUCTURE, projectFilesOf, sharedRunsOf, stdinOf, type Role, type RunRequest } from '@interview-kit/core';
import * as Y from 'yjs';
import { createSession, syncedParticipant } from '../../../core/src/testing/reference-server.js';
import { sessionPerTest } from '../../../core/src/testing/session-per-test.js';
import type { RunCompleteEvent, RunStartEvent } from '../events.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { testOutcomeOf } from '../run/state.js';
import { backgroundBehind, contrast } from '../../../core/src/testing/contrast.js';
import './run-panel.js';
import { RUN_PANEL_STRINGS_EN } from './run-panel.strings.js';
import type { InterviewRunPanel } from './run-panel.component.js';

const HIDDEN_INPUT = '40 2';

describe('<interview-run-panel>', () => {
  const stage = sessionPerTest();
  const { cleanups } = stage;

  /** A participant's session and collaboration, synced with the server (one page holds no two mesh peers). */
  const participant = (role: Role) => syncedParticipant(stage.server, stage.created, role, cleanups);

  const mount = async (role: Role) => {
    const { session, collab } = await participant(role);
    const panel = document.createElement('interview-run-panel');
    panel.session = session;
    panel.collab = collab;
    document.body.append(panel);
    await panel.updateComplete;
    return { panel, collab, session };
  };

  const part = (panel: InterviewRunPanel, name: string) => panel.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement | null;
  const text = (panel: InterviewRunPanel, name: string) => part(panel, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const liveRegion = (panel: InterviewRunPanel) => panel.shadowRoot!.querySelector('[aria-live]')!.textContent ?? '';

  it('runs the shared code on the given input: output, verdict, exit code, time and memory', async () => {
    const { panel } = await mount('candidate');
    await until(() => /^Python 3 \(3\.\d+/.test(text(panel, 'language')), 'the language with its version');
    const stdin = part(panel, 'stdin') as HTMLTextAreaElement;
    stdin.focus();
    await sendKeys({ type: '20 22' });
    (part(panel, 'run-button') as HTMLButtonElement).click();
    await until(() => text(panel, 'verdict') === 'Finished', 'the verdict');
    expect(text(panel, 'console')).to.equal('42');
    expect(text(panel, 'status')).to.match(/exit code 0/).and.match(/\d+ ms \(CPU \d+ ms\)/).and.match(/(KiB|MiB)/);
    expect(text(panel, 'status')).to.include('Cam Candidate');
    await until(() => liveRegion(panel).includes('Run finished: Finished'), 'the announcement');
  });

  /** The bodies of the run requests sent from now on (they still go to the server). */
  const interceptRuns = () => {
    const sent: RunRequest[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/v1/runs') && init?.method === 'POST') sent.push(JSON.parse(String(init.body)));
      return original(input, init);
    };
    cleanups.push(() => (window.fetch = original));
    return sent;
  };

  it('sends every file of a project with its entry, and a single file as the code alone', async () => {
    const { panel, collab } = await mount('candidate');
    const sent = interceptRuns();
    const entry = collab.code.toString();
    (part(panel, 'run-button') as HTMLButtonElement).click();
    await until(() => sent.length === 1 && text(panel, 'verdict'), 'the single-file run');
    expect(Object.keys(sent[0]!).sort(), 'as single-file sessions always sent').to.deep.equal(['code', 'language', 'stdin']);
    expect(sent[0]!.code).to.equal(entry);
    await until(() => !(part(panel, 'run-button') as HTMLButtonElement).disabled, 'ready again');

    collab.doc.transact(() => {
      projectFilesOf(collab.doc).set('lib/helper.py', new Y.Text('def add(a, b):\n    return a + b\n'));
      projectFilesOf(collab.doc).set('data.txt', new Y.Text('1 2\n'));
    });
    (part(panel, 'run-button') as HTMLButtonElement).click();
    await until(() => sent.length === 2, 'the project run');
    expect(sent[1]).to.deep.include({ language: 'python', code: entry, entry: 'main.py' });
    expect(sent[1]!.files).to.deep.equal([
      { path: 'main.py', content: entry },
      { path: 'data.txt', content: '1 2\n' },
      { path: 'lib/helper.py', content: 'def add(a, b):\n    return a + b\n' },
    ]);
  });

  it('tells stdout from stderr, shows the failure, and runs on Ctrl+Enter with typed events', async () => {
    const { panel } = await mount('interviewer');
    panel.code = 'import sys\nprint("to out")\nprint("to err", file=sys.stderr)\nsys.exit(2)\n';
    const started = new Promise<RunStartEvent>((resolve) => panel.addEventListener('interview-run-start', resolve, { once: true }));
    const completed = new Promise<RunCompleteEvent>((resolve) =>
      document.body.addEventListener('interview-run-complete', resolve, { once: true }),
    );
    (part(panel, 'stdin') as HTMLTextAreaElement).focus();
    await sendKeys({ press: 'Control+Enter' });
    expect((await started).detail.request.language).to.equal('python');
    const { detail } = await completed;
    expect(detail.run.verdict).to.equal('runtime_error');
    await panel.updateComplete;
    expect(text(panel, 'stdout')).to.equal('to out');
    expect(text(panel, 'stderr')).to.equal('to err');
    expect(text(panel, 'verdict')).to.equal('Runtime error');
    expect(text(panel, 'status')).to.include('exit code 2');
  });

  it('never writes run records into the shared document, and lists its own run in the history', async () => {
    const { panel, collab } = await mount('candidate');
    let localWrites = 0;
    const runs = sharedRunsOf(collab.doc);
    const countLocal = (_event: unknown, transaction: { local: boolean }) => void (transaction.local && localWrites++);
    runs.observe(countLocal);
    cleanups.push(() => runs.unobserve(countLocal));
    panel.code = 'print("mine")';
    const run = await panel.run();
    expect(run?.stdout).to.equal('mine\n');
    await panel.updateComplete;
    expect(text(panel, 'history')).to.include('Run history (1)');
    expect(localWrites).to.equal(0);
  });

  // Needs the server to record runs in the shared document (issue 9, item 4).
  it('shows a run started in one panel in another panel bound to a second synced document', async () => {
    const cam = await mount('candidate');
    const ivy = await mount('interviewer');
    expect(cam.collab.doc).to.not.equal(ivy.collab.doc);
    cam.panel.code = 'print("hello from cam")';
    await cam.panel.run();
    await until(() => text(ivy.panel, 'console') === 'hello from cam', 'the run at the other panel');
    expect(text(ivy.panel, 'status')).to.include('Cam Candidate');
    expect(text(ivy.panel, 'verdict')).to.equal('Finished');
    await until(() => liveRegion(ivy.panel).includes('Cam Candidate ran the code'), 'the remote announcement');
    expect(text(ivy.panel, 'history')).to.include('Run history (1)');
  });

  it('states the outcome of the tests first, in the failure colour, when the program ran fine but the tests failed', async () => {
    const cam = await mount('candidate');
    cam.panel.code = 'print(0)\n';
    (part(cam.panel, 'run-tests-button') as HTMLButtonElement).click();
    await until(() => part(cam.panel, 'tests'), 'the test results');
    await cam.panel.updateComplete;
    const status = part(cam.panel, 'status')!;
    expect(status.firstElementChild?.getAttribute('part')).to.equal('outcome');
    expect(text(cam.panel, 'outcome')).to.equal('The test failed');
    expect(text(cam.panel, 'verdict')).to.equal('Finished');
    const token = (name: string) => colour(getComputedStyle(cam.panel).getPropertyValue(name).trim());
    expect(getComputedStyle(part(cam.panel, 'outcome')!).color).to.equal(token('--_danger'));
    // "Finished" tells how the program ended; it does not look like success next to failed tests.
    expect(getComputedStyle(part(cam.panel, 'verdict')!).color).to.not.equal(token('--_success'));
  });

  it('words the outcome by how many failed of how many', () => {
    const t = RUN_PANEL_STRINGS_EN.testOutcome;
    expect([t(2, 3), t(3, 3), t(0, 3), t(1, 1), t(0, 1)]).to.deep.equal([
      '2 of 3 tests failed',
      'All 3 tests failed',
      'All 3 tests passed',
      'The test failed',
      'The test passed',
    ]);
    expect(testOutcomeOf({ tests: [] })).to.equal(undefined);
  });

  it('shows a candidate visible test details, and no hidden test result in the answer', async () => {
    const cam = await mount('candidate');
    (part(cam.panel, 'run-tests-button') as HTMLButtonElement).click();
    await until(() => part(cam.panel, 'tests'), 'the test results');
    // The server runs hidden tests after the answer; a candidate gets their count only later, at a fixed time.
    expect(part(cam.panel, 'hidden-summary')).to.equal(null);
    const rows = [...cam.panel.shadowRoot!.querySelectorAll('[part~="tests"] tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-index'))).to.deep.equal(['0']);
    expect(rows[0]!.textContent).to.include('Passed');
    expect(cam.panel.shadowRoot!.textContent).to.not.include(HIDDEN_INPUT);
  });

  // Needs the server to record runs in the shared document (issue 9, item 4).
  it('shows an interviewer hidden tests, but shares nothing of them with the room before their reveal time', async () => {
    const ivy = await mount('interviewer');
    const cam = await participant('candidate');
    await ivy.panel.run({ tests: 'all' });
    await ivy.panel.updateComplete;
    const rows = [...ivy.panel.shadowRoot!.querySelectorAll('[part~="tests"] tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-index'))).to.deep.equal(['0', '1']);
    expect(rows[1]!.textContent).to.include('Hidden test 2').and.include(HIDDEN_INPUT);

    await until(() => sharedRunsOf(cam.collab.doc).length === 1, 'the record at the candidate');
    const record = sharedRunsOf(cam.collab.doc).get(0);
    expect(JSON.stringify(record)).to.not.include(HIDDEN_INPUT).and.not.include('"42\\n"');
    expect(record.tests.map((t) => t.index)).to.deep.equal([0]);
    // The count joins the record at the run's fixed reveal time (server test: collab/forgery.test.ts).
    expect(record.hiddenSummary).to.equal(undefined);
  });

  it('shows elapsed time and Cancel while running, and cancels', async () => {
    const { panel } = await mount('candidate');
    panel.code = 'print("spinning", flush=True)\nwhile True: pass\n';
    const finished = panel.run();
    await until(() => text(panel, 'console') === 'spinning', 'streamed output while running');
    await until(() => /Running… \d+\.\d s/.test(text(panel, 'elapsed')), 'the elapsed time');
    (part(panel, 'cancel-button') as HTMLButtonElement).click();
    expect(await finished).to.equal(undefined);
    await panel.updateComplete;
    expect(text(panel, 'error')).to.equal('The run was cancelled.');
    expect(part(panel, 'cancel-button')).to.equal(null);
    expect((part(panel, 'run-button') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('lets an observer watch but not run', async () => {
    const { panel } = await mount('observer');
    expect((part(panel, 'run-button') as HTMLButtonElement).disabled).to.equal(true);
    expect(text(panel, 'notice')).to.include('Observers');
  });

  it("disables Run once a reloaded view says the interview ended, without reloading the page", async () => {
    const { panel, session } = await mount('candidate');
    const runButton = () => part(panel, 'run-button') as HTMLButtonElement;
    await until(() => !runButton().disabled, 'Run to be available');
    expect(part(panel, 'notice')).to.equal(null);

    // Another participant ends the interview; this page learns it when its view is reloaded.
    const interviewer = new InterviewSession({ server: stage.server.url, sessionId: stage.created.id, tokenProvider: stage.created.tokenFor('interviewer') });
    await interviewer.end();
    await session.load();
    await panel.updateComplete;
    expect(runButton().disabled).to.equal(true);
    expect((part(panel, 'run-tests-button') as HTMLButtonElement).disabled).to.equal(true);
    expect(text(panel, 'notice')).to.equal('The session has ended; code can no longer run.');
    expect(await panel.run()).to.equal(undefined);
  });

  it('says that a cancelled interview runs no code', async () => {
    const scheduled = await createSession(stage.server, undefined, { start: false });
    // The host's own view (its API key): a cancelled session's participant links no longer open.
    const host = new InterviewSession({ server: stage.server.url, sessionId: scheduled.id, tokenProvider: stage.server.apiKey });
    await host.load();
    const panel = document.createElement('interview-run-panel');
    panel.session = host;
    document.body.append(panel);
    await host.client.cancelSession(scheduled.id);
    await host.load();
    await panel.updateComplete;
    expect((part(panel, 'run-button') as HTMLButtonElement).disabled).to.equal(true);
    expect(text(panel, 'notice')).to.equal('The interview was cancelled; code cannot run.');
  });

  /** The test rows of the run on display: index, the row's text, and its details (input, expected, actual) as shown. */
  const testRows = (panel: InterviewRunPanel) =>
    [...panel.shadowRoot!.querySelectorAll('[part~="tests"] tbody tr')].map((row) => ({
      index: row.getAttribute('data-index'),
      text: row.textContent!.replace(/\s+/g, ' ').trim(),
      details: [...row.querySelectorAll('details pre')].map((pre) => pre.textContent),
    }));

  it("shows an interviewer the candidate's test details, hidden tests included, from the runs list", async () => {
    const ivy = await mount('interviewer');
    const cam = await mount('candidate');
    cam.panel.code = 'a, b = map(int, input().split())\nprint(a - b if a > 30 else a + b)\n';
    await cam.panel.run({ tests: 'all' });
    // The candidate sees the visible test's details, and nothing of the hidden one.
    expect(testRows(cam.panel).map(({ index, details }) => ({ index, details }))).to.deep.equal([{ index: '0', details: ['1 2\n', '3\n', '3\n'] }]);

    await until(() => testRows(ivy.panel).length === 2, "the candidate's run with its hidden test at the interviewer");
    const [visible, hidden] = testRows(ivy.panel);
    expect(visible!.text).to.match(/^Test 1 Passed/);
    expect(visible!.details).to.deep.equal(['1 2\n', '3\n', '3\n']);
    expect(hidden!.text).to.match(/^Hidden test 2 Failed/);
    expect(hidden!.details).to.deep.equal([HIDDEN_INPUT + '\n', '42\n', '38\n']);
    expect(text(ivy.panel, 'status')).to.include('Cam Candidate').and.include('1 of 2 tests failed');
    // The shared record still holds nothing of the hidden test.
    expect(JSON.stringify(sharedRunsOf(ivy.collab.doc).toArray())).to.not.include(HIDDEN_INPUT);
  });

  it("never shows a candidate or an observer hidden details of an interviewer's run, only the visible test's", async () => {
    const ivy = await mount('interviewer');
    const cam = await mount('candidate');
    const oli = await mount('observer');
    await ivy.panel.run({ tests: 'all' });
    for (const { panel } of [cam, oli]) {
      await until(() => testRows(panel)[0]?.details.length === 3, 'the visible test with its details');
      expect(testRows(panel).map((row) => row.index)).to.deep.equal(['0']);
      expect(panel.shadowRoot!.textContent).to.not.include(HIDDEN_INPUT).and.not.include('Hidden test');
    }
  });

  it("follows the shared document's language when the other person switches it", async () => {
    const cam = await mount('candidate');
    const ivy = await mount('interviewer');
    await until(() => /^Python 3/.test(text(cam.panel, 'language')), 'the language at first');
    await until(() => !ivy.collab.readOnly, 'the interviewer may write');
    ivy.collab.meta.set(SHARED_STRUCTURE.language, 'javascript');
    await until(() => /^JavaScript/.test(text(cam.panel, 'language')), "the candidate's label after the switch");
    expect(cam.panel.model.request().language).to.equal('javascript');
  });

  it("shares the candidate's stdin with the interviewer, read-only for observers, and shows each run's input beside its output", async () => {
    const cam = await mount('candidate');
    const ivy = await mount('interviewer');
    const oli = await mount('observer');
    await until(() => !cam.collab.readOnly, 'the candidate may write');
    const field = (panel: InterviewRunPanel) => part(panel, 'stdin') as HTMLTextAreaElement;
    field(cam.panel).focus();
    await sendKeys({ type: '20 22' });
    await until(() => field(ivy.panel).value === '20 22', "the candidate's input at the interviewer");
    await until(() => field(oli.panel).value === '20 22', "the candidate's input at the observer");
    expect(field(oli.panel).readOnly, 'observers read it').to.equal(true);
    expect(field(ivy.panel).readOnly).to.equal(false);
    expect(stdinOf(oli.collab.doc).toString()).to.equal('20 22');

    await cam.panel.run();
    await until(() => text(ivy.panel, 'console') === '42', 'the run at the interviewer');
    expect(text(ivy.panel, 'run-input')).to.equal('Input of this run 20 22');
    const order = [...ivy.panel.shadowRoot!.querySelectorAll('[part~="run-input"], [part~="console"]')].map((e) => e.getAttribute('part'));
    expect(order, 'the input above the output').to.deep.equal(['run-input', 'console']);
    expect(text(cam.panel, 'run-input')).to.equal('Input of this run 20 22');
    expect(await axeViolations(ivy.panel)).to.deep.equal([]);
    expect(await axeViolations(oli.panel)).to.deep.equal([]);
  });

  it('keeps the caret where it was when the other person edits the shared stdin elsewhere', async () => {
    const cam = await mount('candidate');
    const ivy = await mount('interviewer');
    await until(() => !cam.collab.readOnly && !ivy.collab.readOnly, 'both may write');
    const camField = part(cam.panel, 'stdin') as HTMLTextAreaElement;
    camField.focus();
    await sendKeys({ type: 'abc' });
    camField.setSelectionRange(1, 1);
    await until(() => (part(ivy.panel, 'stdin') as HTMLTextAreaElement).value === 'abc', 'the text at the interviewer');
    stdinOf(ivy.collab.doc).insert(0, '>> ');
    await until(() => camField.value === '>> abc', 'the remote edit');
    await cam.panel.updateComplete;
    expect([camField.selectionStart, camField.selectionEnd]).to.deep.equal([4, 4]);
  });

  it('hides the Ctrl+Enter hint on touch devices', async () => {
    const { panel } = await mount('candidate');
    expect(text(panel, 'shortcut')).to.match(/Enter/);
    await executeServerCommand('interview-kit-touch', { enabled: true });
    try {
      await until(() => !part(panel, 'shortcut'), 'the hint gone');
      expect(text(panel, 'run-button')).to.equal('Run');
    } finally {
      await executeServerCommand('interview-kit-touch', { enabled: false });
    }
  });

  it('turns dark with the theme tokens, its text still readable', async () => {
    const { panel } = await mount('candidate');
    await panel.run({ tests: 'all' });
    await panel.updateComplete;
    const look = () => {
      const console = part(panel, 'console')!;
      const base = part(panel, 'base')!;
      return {
        console: getComputedStyle(console).backgroundColor,
        base: getComputedStyle(base).backgroundColor,
        text: contrast(getComputedStyle(base).color, backgroundBehind(base)),
        consoleText: contrast(getComputedStyle(console).color, backgroundBehind(console)),
        status: contrast(getComputedStyle(part(panel, 'status')!).color, backgroundBehind(part(panel, 'status')!)),
        passed: contrast(getComputedStyle(panel.shadowRoot!.querySelector('td.passed')!).color, backgroundBehind(part(panel, 'tests')!)),
      };
    };
    const light = look();
    panel.setAttribute('theme', 'dark');
    const dark = look();
    expect(dark.base).to.not.equal(light.base);
    expect(dark.console).to.not.equal(light.console);
    for (const [name, ratio] of Object.entries(dark)) if (typeof ratio === 'number') expect(ratio, name).to.be.at.least(4.5);
  });

  it('has no axe-core violations, idle and with results', async () => {
    const { panel } = await mount('candidate');
    expect(await axeViolations(panel)).to.deep.equal([]);
    await panel.run({ tests: 'all' });
    await panel.updateComplete;
    expect(await axeViolations(panel)).to.deep.equal([]);
  });
});

/** A CSS colour as getComputedStyle reports it (rgb(…)). */
function colour(value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  document.body.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  return computed;
}
