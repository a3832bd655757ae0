import type { AutoStart, Participant, Question, RevealQuestion, SessionTiming } from '@interview-kit/core/protocol';
import type { Rubric } from '@interview-kit/core/rubric';

/** A session's question as stored: hidden tests, the checker and the interviewer guide included. */
export type SessionQuestion = Question & {
  /** Markdown for interviewers: hints, follow-ups, what good looks like. */
  guide?: string | undefined;
};

/** A session as stored, with everything the server needs to decide who sees what. */
export interface SessionRecord extends SessionTiming {
  id: string;
  tenantId: string;
  title: string;
  question: SessionQuestion;
  /** `host:<api key id>`, a participant id, or `server`. */
  endedBy: string | null;
  extendedMinutes: number;
  autoStart: AutoStart;
  revealQuestion: RevealQuestion;
  autoEnd: boolean;
  externalId: string | null;
  metadata: Record<string, string> | null;
  /** In the order the host listed them; `extraTimeMinutes` is always set. */
  participants: (Participant & { extraTimeMinutes: number })[];
  /** The feedback rubric pinned at creation. */
  rubric: Rubric | null;
}
