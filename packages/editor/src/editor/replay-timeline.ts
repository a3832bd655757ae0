import { isRunOfQuestion, reconstructAt, sharedRunsOf, type RunVerdict, type SharedRunRecord, type Timeline } from '@interview-kit/core';

/**
 * The runs on a replay's timeline: each run the server recorded in the shared document, at the
 * moment it was started, with its outcome. Framework-free.
 */
export interface RunMark {
  id: string;
  /** When the run was started, ms since the epoch. */
  at: number;
  /** Who ran it. */
  by: string;
  verdict: RunVerdict;
  /** Tests that failed and tests in all (visible ones, plus hidden ones once counted); 0 of 0 without tests. */
  failed: number;
  total: number;
  /** `passed`: no test failed (a run without tests: the program finished); `failed` otherwise. */
  outcome: 'passed' | 'failed';
}

/** The run records of the document at the end of `timeline` (the server writes them into the log too). */
export function runRecordsOf(timeline: Timeline): SharedRunRecord[] {
  const doc = reconstructAt(timeline, Number.POSITIVE_INFINITY);
  try {
    return sharedRunsOf(doc).toArray();
  } finally {
    doc.destroy();
  }
}

/**
 * The marks of `records`, oldest first; records without a readable time are left out, and so, when
 * `question` is given (a position in the session's plan), are runs of other questions.
 */
export function runMarksOf(records: readonly SharedRunRecord[], question?: number): RunMark[] {
  return records
    .filter((record) => question === undefined || isRunOfQuestion(record, question))
    .map((record): RunMark | undefined => {
      const at = Date.parse(record.at);
      if (Number.isNaN(at)) return undefined;
      const hidden = record.hiddenSummary ?? { passed: 0, total: 0 };
      const failed = record.tests.filter((test) => !test.passed).length + (hidden.total - hidden.passed);
      const total = record.tests.length + hidden.total;
      // With tests, the tests decide (the main execution may well fail on an empty input); without, how the program ended.
      const outcome = (total > 0 ? failed === 0 : record.verdict === 'ok') ? 'passed' : 'failed';
      return { id: record.id, at, by: record.by.name, verdict: record.verdict, failed, total, outcome };
    })
    .filter((mark): mark is RunMark => mark !== undefined)
    .sort((a, b) => a.at - b.at);
}

/** The latest run started at or before `t` (ms since the epoch), if any; `marks` oldest first. */
export function latestRunAt(marks: readonly RunMark[], t: number): RunMark | undefined {
  let latest: RunMark | undefined;
  for (const mark of marks) {
    if (mark.at > t) break;
    latest = mark;
  }
  return latest;
}
