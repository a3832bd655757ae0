import { isPrivileged, type ParticipantClaims } from '@interview-kit/core/protocol';
import type { HiddenSummary, RunTestView, RunView } from '@interview-kit/core/runs';
import type { StoredRun, StoredRunResult } from './store.js';

/**
 * Hidden tests still pending this long after their reveal time were interrupted (the server
 * stopped while they ran; a live one stops them before the reveal time): they count as not run.
 */
export const INTERRUPTED_AFTER_MS = 10_000;

/** Whether a role sees hidden tests' inputs, expected and actual outputs. */
export const seesHiddenTests = (role: ParticipantClaims['role']) => isPrivileged(role);

/** Whether the count of a run's passed hidden tests may be shown now to someone who does not see hidden tests. */
export function hiddenCountRevealed(run: StoredRun, now: number): boolean {
  const state = settled(run.result, now).hidden;
  return !state || (state.status === 'done' && now >= Date.parse(state.revealAt));
}

/**
 * The run as one role may see it at time `now`. Interviewers and the host get every test, hidden
 * ones included as soon as they are done. Candidates and observers never get hidden tests'
 * details, and their count and `done` status only from `hiddenTests.revealAt`, a time fixed when
 * the run was accepted, so that nothing they see changes when the hidden tests actually finish.
 */
export function viewOfRun(run: StoredRun, seesHidden: boolean, now: number = Date.now()): RunView {
  const { tests, hidden: stored, ...result } = settled(run.result, now);
  const shown = stored?.status === 'done' && (seesHidden || hiddenCountRevealed(run, now));
  const hidden = tests?.filter((test) => test.hidden) ?? [];
  const hiddenSummary: HiddenSummary | undefined =
    hidden.length && (shown || !stored) ? { passed: hidden.filter((test) => test.passed).length, total: hidden.length } : undefined;
  return {
    id: run.id,
    sessionId: run.sessionId,
    participantId: run.participantId,
    language: run.language,
    stdin: run.stdin,
    createdAt: run.createdAt,
    ...result,
    ...(tests ? { tests: tests.filter((test) => seesHidden || !test.hidden).map((test) => ({ ...test })) } : {}),
    ...(hiddenSummary ? { hiddenSummary } : {}),
    ...(stored ? { hiddenTests: { total: stored.total, revealAt: stored.revealAt, status: shown ? 'done' : 'pending' } } : {}),
  };
}

/** The result with hidden tests that were interrupted counted as not run. */
function settled(result: StoredRunResult, now: number): Omit<StoredRunResult, 'tests'> & { tests?: RunTestView[] } {
  const state = result.hidden;
  if (state?.status !== 'pending' || now < Date.parse(state.revealAt) + INTERRUPTED_AFTER_MS) return result;
  const interrupted = state.indices.map(
    (index): RunTestView => ({ index, hidden: true, passed: false, verdict: 'time_limit', notRun: true, exitCode: null, cpuMs: 0, wallMs: 0 }),
  );
  return { ...result, tests: [...(result.tests ?? []), ...interrupted], hidden: { ...state, status: 'done' } };
}
