import * as Y from 'yjs';
import { SHARED_RUNS, type RunView, type SharedRunRecord } from '@interview-kit/core';

/** Bytes of stdout and of stderr each run record keeps: enough to read, small enough to sync. */
export const RECORD_OUTPUT_CHARS = 8 * 1024;
/** Records the shared document keeps; older ones drop out. */
export const MAX_SHARED_RUNS = 100;

/** The shared document's run records, oldest first. */
export function sharedRunsOf(doc: Y.Doc): Y.Array<SharedRunRecord> {
  return doc.getArray<SharedRunRecord>(SHARED_RUNS);
}

function cut(text: string): { text: string; cut: boolean } {
  return text.length > RECORD_OUTPUT_CHARS ? { text: text.slice(0, RECORD_OUTPUT_CHARS), cut: true } : { text, cut: false };
}

/**
 * The record of a run that every participant may see, whoever ran it: outputs cut, visible tests
 * only (with pass/fail and verdict, never inputs or outputs), hidden tests as a count.
 */
export function sharedRecordOf(run: RunView, by: SharedRunRecord['by']): SharedRunRecord {
  const stdout = cut(run.stdout);
  const stderr = cut(run.stderr);
  const compileOutput = run.compileOutput === undefined ? undefined : cut(run.compileOutput);
  const tests = run.tests ?? [];
  const hidden = tests.filter((test) => test.hidden);
  // An interviewer's view lists hidden tests; the record counts them like a candidate's view does.
  const hiddenSummary =
    run.hiddenSummary ?? (hidden.length ? { passed: hidden.filter((t) => t.passed).length, total: hidden.length } : undefined);
  return {
    id: run.id,
    by,
    at: run.createdAt,
    language: run.language,
    verdict: run.verdict,
    exitCode: run.exitCode,
    signal: run.signal,
    cpuMs: run.cpuMs,
    wallMs: run.wallMs,
    memoryKb: run.memoryKb,
    truncated: run.truncated || stdout.cut || stderr.cut || Boolean(compileOutput?.cut),
    stdout: stdout.text,
    stderr: stderr.text,
    ...(compileOutput ? { compileOutput: compileOutput.text } : {}),
    tests: tests.filter((test) => !test.hidden).map(({ index, passed, verdict }) => ({ index, passed, verdict })),
    ...(hiddenSummary ? { hiddenSummary } : {}),
  };
}

/** Appends a record (once per run id) and drops the oldest beyond {@link MAX_SHARED_RUNS}. */
export function appendSharedRun(doc: Y.Doc, record: SharedRunRecord): void {
  const runs = sharedRunsOf(doc);
  doc.transact(() => {
    if (runs.toArray().some((existing) => existing.id === record.id)) return;
    runs.push([record]);
    if (runs.length > MAX_SHARED_RUNS) runs.delete(0, runs.length - MAX_SHARED_RUNS);
  });
}
