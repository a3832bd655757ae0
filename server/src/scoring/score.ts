import type { CompareMode } from '@interview-kit/core/protocol';
import type { RunVerdict } from '@interview-kit/core/runs';

/**
 * What an automatic score holds: the final code's result on every test of the question, visible
 * and hidden. For reviewers only (hosts and interviewers): it names hidden tests' inputs.
 *
 * @module
 */

/** `pending` while the tests run, `done` with every verdict, `failed` when the code could not be run at all. */
export type ScoreStatus = 'pending' | 'done' | 'failed';

/** One test's verdict on the final code. */
export interface ScoredTest {
  index: number;
  hidden: boolean;
  passed: boolean;
  /** How the run ended; `ok` runs can still fail the comparison or the checker. */
  verdict: RunVerdict;
  /** How the output was judged: a comparison mode, or the question's checker. */
  judgedBy: CompareMode | 'checker';
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  /** The test's input, expected and actual output, each cut at {@link SCORED_TEXT_LIMIT} characters. */
  stdin: string;
  expected: string;
  actual: string;
  /** The program's (or, for a failed check, the checker's) standard error, cut likewise. */
  stderr: string;
}

/** Characters kept of each text of a scored test. */
export const SCORED_TEXT_LIMIT = 2000;

/** The score of one coding question of the session: its final code (from its own slot) on its own tests. */
export interface ScoredQuestion {
  /** The question's position in the session's plan (0 for a question written inline). */
  index: number;
  title: string;
  language: string;
  /** SHA-256 of this question's final code, hex. */
  codeHash: string;
  passed: number;
  total: number;
  /** Every test of this question in its order, hidden ones included. */
  tests: ScoredTest[];
}

/**
 * A score record: the session's total, and one entry per coding question reached. The same codes,
 * question versions and language always have the one record.
 */
export interface Score {
  id: string;
  sessionId: string;
  status: ScoreStatus;
  /** SHA-256 of the scored code, hex (of all the questions' codes when the session reached several). */
  codeHash: string;
  /** SHA-256 of the question as stored (tests, hidden ones and checker included), hex (likewise of all the questions). */
  questionVersion: string;
  /** The language of the coding question in play at the end. */
  language: string;
  /** Passed tests, and all tests, over every question scored; `null` until done. */
  passed: number | null;
  total: number | null;
  /** Every test of every question scored, in plan order, hidden ones included; empty until done. */
  tests: ScoredTest[];
  /** One entry per coding question reached, in plan order; empty until done. */
  questions: ScoredQuestion[];
  /** Why scoring failed, for `failed`. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Keeps the first {@link SCORED_TEXT_LIMIT} characters of a text, saying when it cut. */
export function clip(text: string): string {
  return text.length <= SCORED_TEXT_LIMIT ? text : `${text.slice(0, SCORED_TEXT_LIMIT)}… (${text.length - SCORED_TEXT_LIMIT} more characters)`;
}
