// A shared run record as the server writes it, for model tests that need one without running code.
import type { SharedRunRecord } from '../runs.js';

/** A finished run by the candidate: exit 0, no output, no tests; `overrides` change any field. */
export function runRecord(id: string, overrides: Partial<SharedRunRecord> = {}): SharedRunRecord {
  return {
    id,
    by: { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
    at: new Date().toISOString(),
    language: 'python',
    verdict: 'ok',
    stdout: '',
    stderr: '',
    exitCode: 0,
    signal: null,
    cpuMs: 1,
    wallMs: 1,
    memoryKb: 1,
    truncated: false,
    tests: [],
    ...overrides,
  };
}
