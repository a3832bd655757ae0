import type { SessionView } from '@interview-kit/core';

/** A structured question the session asked, as the feedback form names it beside its competency. */
export interface AskedQuestion {
  /** Its position in the session's plan (0-based). */
  index: number;
  title: string;
}

/**
 * The structured questions of the session's plan that assess `competencyId` and have been
 * reached (asked), in plan order: what the interviewer rates that competency on.
 */
export function askedFor(view: Pick<SessionView, 'plan'> | undefined, competencyId: string): AskedQuestion[] {
  return (view?.plan?.questions ?? [])
    .filter((question) => question.type === 'structured' && question.reached && question.competency === competencyId)
    .map(({ index, title }) => ({ index, title }));
}
