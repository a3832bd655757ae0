import type { AutoStart, IntegrityMode, Participant, Question, RecordingMode, RevealQuestion, SessionTiming } from '@interview-kit/core/protocol';
import type { Rubric } from '@interview-kit/core/rubric';
import type { QuestionPin } from '../questions/session-pins.js';

/** A session's question as stored: hidden tests, the checker and the interviewer guide included. */
export type SessionQuestion = Question & {
  /** Markdown for interviewers: hints, follow-ups, what good looks like. */
  guide?: string | undefined;
  /** Its position in the session's plan; absent (0) for a question written inline. */
  index?: number | undefined;
  /** Which shared code it is written in (`codeNamesOf` in `@interview-kit/core/collab/structure`); absent (0) for the first. */
  slot?: number | undefined;
  /**
   * A bank question's starter file tree in the session's language: the shared document's files map
   * is seeded with it (`starterProjectOf` in `questions/question-projects.ts`); absent for a single file.
   */
  starterFiles?: { path: string; content: string }[] | undefined;
};

/** A session as stored, with everything the server needs to decide who sees what. */
export interface SessionRecord extends SessionTiming {
  id: string;
  tenantId: string;
  title: string;
  /**
   * The coding question in play, whose code, tests and runs the room shows: the current question,
   * or, while a structured question is current, the coding question shown before it.
   */
  question: SessionQuestion;
  /** Position of the current question in `pins` (0 for a question written inline, a plan of one). */
  questionIndex: number;
  /** The bank questions the session is pinned to, in order; none for a question written inline. */
  pins: QuestionPin[];
  /** `host:<api key id>`, a participant id, or `server`. */
  endedBy: string | null;
  extendedMinutes: number;
  autoStart: AutoStart;
  revealQuestion: RevealQuestion;
  autoEnd: boolean;
  integrity: IntegrityMode;
  recording: RecordingMode;
  externalId: string | null;
  metadata: Record<string, string> | null;
  /** In the order the host listed them; `extraTimeMinutes` is always set. */
  participants: (Participant & { extraTimeMinutes: number })[];
  /** The feedback rubric pinned at creation. */
  rubric: Rubric | null;
}
