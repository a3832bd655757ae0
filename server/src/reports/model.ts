import type { ChatMessage } from '@interview-kit/core/chat';
import type { IntegrityConsent, IntegritySignal } from '@interview-kit/core/integrity';
import type { IntegrityMode, SessionTiming } from '@interview-kit/core/protocol';
import type { Scorecard } from '@interview-kit/core/rubric';
import type { RunVerdict } from '@interview-kit/core/runs';
import type { Score } from '../scoring/score.js';
import type { CodeEvolution } from './code-evolution.js';

/**
 * Everything an interview report shows, as data: the JSON report is this, and the HTML (and so
 * the PDF) is rendered from it by the versioned template. For reviewers only: it holds hidden
 * tests, every interviewer's feedback and the private notes.
 */
export interface ReportModel {
  /** The report's record (one per session, template version and content). */
  reportId: string;
  /** The template version the HTML and PDF of this report are rendered with. */
  templateVersion: number;
  generatedAt: string;
  session: SessionTiming & {
    id: string;
    title: string;
    externalId: string | null;
    extendedMinutes: number;
  };
  candidates: { id: string; name: string; extraTimeMinutes: number }[];
  /** Interviewers and observers. */
  interviewers: { id: string; name: string; role: 'interviewer' | 'observer' }[];
  /** The coding question in play at the end. */
  question: { prompt: string; language: string; visibleTests: number; hiddenTests: number; checker: boolean };
  finalCode: ReportCode;
  /** The latest automatic score, `null` before the first. */
  score: Score | null;
  /** Whether that score is of the final code (not of code scored earlier and changed since). */
  scoreIsOfFinalCode: boolean;
  /** Every run of the session, of every question. */
  runs: ReportRun[];
  /** One entry per coding question reached, in plan order (one for a question written inline). */
  questions: ReportQuestion[];
  codeEvolution: CodeEvolution;
  /** The whiteboard at the end as a standalone SVG picture; `''` when nothing was drawn. */
  board: string;
  scorecard: Scorecard;
  /** The integrity signals (with the participant's name) and consents: signals, not verdicts. */
  integrity: { mode: IntegrityMode; consents: IntegrityConsent[]; signals: (IntegritySignal & { name: string })[] };
  /** The session's chat, oldest first: each message with its author and the server's time. */
  chat: ChatMessage[];
}

/**
 * Code the session ended with: the entry's code and its language, and for a project of several
 * files every file (the entry first), each shown under its path.
 */
export interface ReportCode {
  code: string;
  language: string;
  files?: { path: string; content: string }[];
}

/** One coding question the session reached: what it asked, the code it ended with, its score and its runs. */
export interface ReportQuestion {
  /** Its position in the session's plan (0 for a question written inline). */
  index: number;
  title: string;
  /** The prompt's first paragraph, cut at {@link PROMPT_SUMMARY_CHARS} characters. */
  promptSummary: string;
  visibleTests: number;
  hiddenTests: number;
  /** The code it ended with, in its own slot of the shared document. */
  finalCode: ReportCode;
  /** Its tests passed in the latest score (hidden ones included); `null` when that score holds none of it (not done yet, or from before it was reached). */
  score: { passed: number; total: number; isOfFinalCode: boolean } | null;
  /** Its runs, oldest first. */
  runs: ReportRun[];
  /** How its code (in its own slot) grew, with its runs. */
  codeEvolution: CodeEvolution;
}

/** Characters of a question's prompt a report's summary keeps. */
export const PROMPT_SUMMARY_CHARS = 280;

/** One run of the session, as the report's timeline lists it. */
export interface ReportRun {
  id: string;
  at: string;
  participantId: string;
  /** The participant's name, or the id when they are no longer listed. */
  name: string;
  language: string;
  verdict: RunVerdict;
  wallMs: number;
  /** Tests run (hidden ones included) and passed; 0 and 0 for a run without tests. */
  testsRun: number;
  testsPassed: number;
  /** The position in the plan of the question it ran (0 for runs stored before sessions had several). */
  question: number;
}
