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
  question: { prompt: string; language: string; visibleTests: number; hiddenTests: number; checker: boolean };
  finalCode: { code: string; language: string };
  /** The latest automatic score, `null` before the first. */
  score: Score | null;
  /** Whether that score is of the final code (not of code scored earlier and changed since). */
  scoreIsOfFinalCode: boolean;
  runs: ReportRun[];
  codeEvolution: CodeEvolution;
  scorecard: Scorecard;
  /** The integrity signals (with the participant's name) and consents: signals, not verdicts. */
  integrity: { mode: IntegrityMode; consents: IntegrityConsent[]; signals: (IntegritySignal & { name: string })[] };
}

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
}
