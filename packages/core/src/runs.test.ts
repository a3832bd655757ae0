import { expect } from '@esm-bundle/chai';
import { RECORD_OUTPUT_CHARS, RECORD_STDIN_CHARS, sharedRecordOf, type RunView } from './runs.js';

const interviewerView = (overrides: Partial<RunView> = {}): RunView => ({
  id: 'run-1',
  sessionId: 's',
  participantId: 'ivy',
  language: 'python',
  stdin: '20 22\n',
  createdAt: '2026-01-01T10:00:00.000Z',
  limits: { cpuMs: 1, wallMs: 1, memoryKb: 1, processes: 1, fileSizeKb: 1, outputBytes: 1 },
  verdict: 'ok',
  stdout: 'out',
  stderr: '',
  exitCode: 0,
  signal: null,
  cpuMs: 5,
  wallMs: 7,
  memoryKb: 100,
  truncated: false,
  tests: [
    { index: 0, hidden: false, passed: true, verdict: 'ok', stdin: '1 2\n', expected: '3\n', stdout: '3\n', exitCode: 0, cpuMs: 1, wallMs: 1 },
    { index: 1, hidden: true, passed: false, verdict: 'ok', stdin: 'SECRET\n', expected: 'HIDDEN\n', stdout: 'x\n', exitCode: 0, cpuMs: 1, wallMs: 1 },
  ],
  ...overrides,
});

const by = { id: 'cam', name: 'Cam', role: 'candidate' };

describe('sharedRecordOf', () => {
  it('names the author and keeps visible tests as verdicts only, hidden tests as a count', () => {
    const record = sharedRecordOf(interviewerView(), { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' });
    expect(record).to.include({ id: 'run-1', at: '2026-01-01T10:00:00.000Z', language: 'python', stdout: 'out', truncated: false });
    expect(record.by).to.deep.equal({ id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' });
    expect(record.tests).to.deep.equal([{ index: 0, passed: true, verdict: 'ok' }]);
    expect(record.hiddenSummary).to.deep.equal({ passed: 0, total: 1 });
    expect(JSON.stringify(record)).to.not.include('SECRET').and.not.include('HIDDEN').and.not.include('1 2');
  });

  it("keeps a candidate view's hidden count and cuts long outputs, marking the record truncated", () => {
    const long = 'y'.repeat(RECORD_OUTPUT_CHARS + 10);
    const record = sharedRecordOf(
      interviewerView({ tests: [], hiddenSummary: { passed: 1, total: 1 }, stderr: long, compileOutput: 'warning' }),
      { id: 'cam', name: 'Cam', role: 'candidate' },
    );
    expect(record.stderr).to.have.length(RECORD_OUTPUT_CHARS);
    expect(record.truncated).to.equal(true);
    expect(record.compileOutput).to.equal('warning');
    expect(record.hiddenSummary).to.deep.equal({ passed: 1, total: 1 });
  });

  it('carries the input the run read, cut at its bound and marked so', () => {
    expect(sharedRecordOf(interviewerView(), by)).to.include({ stdin: '20 22\n', stdinTruncated: false });
    const long = sharedRecordOf(interviewerView({ stdin: 'z'.repeat(RECORD_STDIN_CHARS + 1) }), by);
    expect(long.stdin).to.have.length(RECORD_STDIN_CHARS);
    expect(long.stdinTruncated).to.equal(true);
    expect(long.truncated, 'the output was not cut').to.equal(false);
  });

  it('copies only id, name and role of the author', () => {
    const withToken = { ...by, token: 'secret' };
    expect(sharedRecordOf(interviewerView(), withToken).by).to.deep.equal({ id: 'cam', name: 'Cam', role: 'candidate' });
  });
});
