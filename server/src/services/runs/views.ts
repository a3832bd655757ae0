import { isPrivileged, type ParticipantClaims } from '@interview-kit/core/protocol';
import type { HiddenSummary, RunView } from '@interview-kit/core/runs';
import type { StoredRun } from './store.js';

/** Whether a role sees hidden tests' inputs, expected and actual outputs. */
export const seesHiddenTests = (role: ParticipantClaims['role']) => isPrivileged(role);

/** Whether the count of a run's passed hidden tests may be shown now to someone who does not see hidden tests. */
export function hiddenCountRevealed(run: StoredRun, now: number): boolean {
  const state = run.result.hidden;
  return !state || (state.status === 'done' && now >= Date.parse(state.revealAt));
}

/**
 * The run as one role may see it at time `now`. Interviewers and the host get every test, hidden
 * ones included as soon as they are done. Candidates and observers never get hidden tests'
 * details, and their count and `done` status only from `hiddenTests.revealAt`, a time fixed when
 * the run was accepted, so that nothing they see changes when the hidden tests actually finish.
 */
export function viewOfRun(run: StoredRun, seesHidden: boolean, now: number = Date.now()): RunView {
  const { tests, hidden: state, ...result } = run.result;
  const shown = state?.status === 'done' && (seesHidden || hiddenCountRevealed(run, now));
  const hidden = tests?.filter((test) => test.hidden) ?? [];
  const hiddenSummary: HiddenSummary | undefined =
    hidden.length && (shown || !state) ? { passed: hidden.filter((test) => test.passed).length, total: hidden.length } : undefined;
  return {
    id: run.id,
    sessionId: run.sessionId,
    participantId: run.participantId,
    language: run.language,
    createdAt: run.createdAt,
    ...result,
    ...(tests ? { tests: tests.filter((test) => seesHidden || !test.hidden).map((test) => ({ ...test })) } : {}),
    ...(hiddenSummary ? { hiddenSummary } : {}),
    ...(state ? { hiddenTests: { ...state, status: shown ? 'done' : 'pending' } } : {}),
  };
}
