import { isRunOfQuestion } from '@interview-kit/core/runs';
import type { QuestionCode } from '../scoring/final-code.js';
import type { Score } from '../scoring/score.js';
import type { CodeEvolution } from './code-evolution.js';
import { workHashOf } from '../scoring/score-service.js';
import { PROMPT_SUMMARY_CHARS, type ReportQuestion, type ReportRun } from './model.js';

/**
 * The report's section of each coding question reached, in plan order: its prompt's summary, its
 * final code, its entry of the score (when the score holds one), its runs, and how its code evolved
 * (`evolution` of its code slot and its runs).
 */
export function questionsOf(
  codes: readonly QuestionCode[],
  score: Score | undefined,
  runs: readonly ReportRun[],
  evolution: (slot: number, runs: ReportRun[]) => CodeEvolution,
): ReportQuestion[] {
  return codes.map(({ index, title, question, code, language, files }) => {
    const own = runs.filter((run) => isRunOfQuestion(run, index));
    const scored = score?.status === 'done' ? score.questions.find((entry) => entry.index === index) : undefined;
    return {
      index,
      title,
      promptSummary: summaryOf(question.prompt),
      visibleTests: question.tests.filter((test) => !test.hidden).length,
      hiddenTests: question.tests.filter((test) => test.hidden).length,
      finalCode: { code, language, ...(files ? { files } : {}) },
      score: scored ? { passed: scored.passed, total: scored.total, isOfFinalCode: scored.codeHash === workHashOf({ code, files }) } : null,
      runs: own,
      codeEvolution: evolution(question.slot ?? 0, own),
    };
  });
}

/** A prompt's first paragraph on one line, cut at {@link PROMPT_SUMMARY_CHARS} characters. */
export function summaryOf(prompt: string): string {
  const first = (prompt.trim().split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ');
  return first.length <= PROMPT_SUMMARY_CHARS ? first : `${first.slice(0, PROMPT_SUMMARY_CHARS - 1)}…`;
}
