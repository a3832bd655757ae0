import { isPrivileged, type ParticipantClaims } from '@interview-kit/core/protocol';
import type { HiddenSummary, RunView } from '@interview-kit/core/runs';
import type { StoredRun } from './store.js';

/** Whether a role sees hidden tests' inputs, expected and actual outputs. */
export const seesHiddenTests = (role: ParticipantClaims['role']) => isPrivileged(role);

/** The run as one role may see it: candidates and observers never get hidden tests' details, only a count. */
export function viewOfRun(run: StoredRun, seesHidden: boolean): RunView {
  const { tests, ...result } = run.result;
  const hidden = tests?.filter((test) => test.hidden) ?? [];
  const hiddenSummary: HiddenSummary | undefined = hidden.length
    ? { passed: hidden.filter((test) => test.passed).length, total: hidden.length }
    : undefined;
  return {
    id: run.id,
    sessionId: run.sessionId,
    participantId: run.participantId,
    language: run.language,
    createdAt: run.createdAt,
    ...result,
    ...(tests ? { tests: tests.filter((test) => seesHidden || !test.hidden).map((test) => ({ ...test })) } : {}),
    ...(hiddenSummary ? { hiddenSummary } : {}),
  };
}
