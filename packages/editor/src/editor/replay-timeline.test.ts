import { expect } from '@esm-bundle/chai';
import { ReplayCursor, sharedRunsOf, type SharedRunRecord, type Timeline } from '@interview-kit/core';
import * as Y from 'yjs';
import { runRecord } from '../../../core/src/testing/run-records.js';
import { latestRunAt, runMarksOf, runRecordsOf } from './replay-timeline.js';

const record = (id: string, at: string, overrides: Partial<SharedRunRecord> = {}): SharedRunRecord => runRecord(id, { at, ...overrides });

describe('replay timeline', () => {
  it('marks each run at the moment it started, oldest first, with how it went', () => {
    const marks = runMarksOf([
      record('b', '2026-01-01T10:05:00Z', {
        tests: [
          { index: 0, passed: true, verdict: 'ok' },
          { index: 1, passed: false, verdict: 'ok' },
        ],
        hiddenSummary: { passed: 0, total: 1 },
      }),
      // The main execution failed on its empty input; the tests passed.
      record('a', '2026-01-01T10:01:00Z', { verdict: 'runtime_error', tests: [{ index: 0, passed: true, verdict: 'ok' }] }),
      record('c', '2026-01-01T10:09:00Z', { verdict: 'runtime_error', exitCode: 1 }),
      record('broken', 'not a time'),
    ]);
    expect(marks.map((m) => m.id)).to.deep.equal(['a', 'b', 'c']);
    expect(marks[0]).to.deep.include({ at: Date.parse('2026-01-01T10:01:00Z'), failed: 0, total: 1, outcome: 'passed', by: 'Cam Candidate' });
    expect(marks[1], 'hidden tests count once counted').to.deep.include({ failed: 2, total: 3, outcome: 'failed' });
    expect(marks[2], 'a run without tests that did not finish').to.deep.include({ failed: 0, total: 0, outcome: 'failed', verdict: 'runtime_error' });
  });

  it('the latest run at a moment is the last one started at or before it', () => {
    const marks = runMarksOf([record('a', '2026-01-01T10:01:00Z'), record('b', '2026-01-01T10:05:00Z')]);
    expect(latestRunAt(marks, Date.parse('2026-01-01T10:00:59Z'))).to.equal(undefined);
    expect(latestRunAt(marks, Date.parse('2026-01-01T10:01:00Z'))?.id).to.equal('a');
    expect(latestRunAt(marks, Date.parse('2026-01-01T10:04:59Z'))?.id).to.equal('a');
    expect(latestRunAt(marks, Date.parse('2026-01-01T11:00:00Z'))?.id).to.equal('b');
  });

  it('reads the run records the server wrote into the document log', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('code').insert(0, 'print(1)\n');
    sharedRunsOf(doc).push([record('a', '2026-01-01T10:01:00Z')]);
    sharedRunsOf(doc).push([record('b', '2026-01-01T10:02:00Z')]);
    const timeline: Timeline = updates.map((update, seq) => ({ seq, author: null, at: Date.parse('2026-01-01T10:00:00Z') + seq * 60_000, update }));
    expect(runRecordsOf(timeline).map((r) => r.id)).to.deep.equal(['a', 'b']);
    doc.destroy();
  });

  it("follows one question: the code of its slot, and marks of its runs only (records naming none are of the first)", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('code').insert(0, 'print(1)\n');
    doc.getText('code.2').insert(0, 'print(input())\n');
    doc.getMap('meta').set('language.2', 'javascript');
    sharedRunsOf(doc).push([record('first', '2026-01-01T10:01:00Z')]);
    sharedRunsOf(doc).push([record('second', '2026-01-01T10:02:00Z', { question: 2 })]);
    sharedRunsOf(doc).push([record('first-again', '2026-01-01T10:03:00Z', { question: 0 })]);
    const timeline: Timeline = updates.map((update, seq) => ({ seq, author: null, at: Date.parse('2026-01-01T10:00:00Z') + seq * 60_000, update }));

    const second = new ReplayCursor(timeline, 2);
    expect(second.seek(Number.POSITIVE_INFINITY)).to.deep.include({ code: 'print(input())\n', language: 'javascript' });
    second.destroy();
    const first = new ReplayCursor(timeline);
    expect(first.seek(Number.POSITIVE_INFINITY).code).to.equal('print(1)\n');
    first.destroy();

    const records = runRecordsOf(timeline);
    expect(runMarksOf(records, 2).map((m) => m.id)).to.deep.equal(['second']);
    expect(runMarksOf(records, 0).map((m) => m.id)).to.deep.equal(['first', 'first-again']);
    expect(runMarksOf(records).length, 'without a question: every run').to.equal(3);
    doc.destroy();
  });
});
