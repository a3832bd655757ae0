import { isPrivileged, type PlannedQuestionView, type SessionView } from '@interview-kit/core';

/** The question the session shows now, as this viewer may see it; `undefined` while it is hidden. */
export function currentQuestionOf(view: SessionView): PlannedQuestionView | undefined {
  return view.plan.questions.find((question) => question.index === view.plan.current);
}

/** The interviewers' question switcher: where the session is in its plan, and where it can move. */
export interface QuestionSwitcher {
  /** 1-based position of the current question. */
  position: number;
  total: number;
  title: string;
  previous: number | undefined;
  next: number | undefined;
  /** Every question of the plan, to move to any one. */
  questions: readonly { index: number; title: string }[];
}

/**
 * The switcher for interviewers of a session with more than one question, while it can still
 * move (scheduled or live); `undefined` for everyone else: candidates and observers never move,
 * and never see the plan's length.
 */
export function switcherOf(view: SessionView): QuestionSwitcher | undefined {
  const { questions, current } = view.plan;
  if (view.viewer.role === 'host' || !isPrivileged(view.viewer.role) || questions.length < 2) return undefined;
  if (view.status !== 'scheduled' && view.status !== 'live') return undefined;
  const at = questions.findIndex((question) => question.index === current);
  if (at < 0) return undefined;
  return {
    position: at + 1,
    total: questions.length,
    title: questions[at]!.title,
    previous: questions[at - 1]?.index,
    next: questions[at + 1]?.index,
    questions: questions.map(({ index, title }) => ({ index, title })),
  };
}

/** The interviewers' guide to the current question: a coding question's guide, or a structured question's with its probes, indicators and anchors. */
export interface QuestionGuide {
  guide: string | undefined;
  competency: string | undefined;
  probes: readonly string[];
  positiveIndicators: readonly string[];
  negativeIndicators: readonly string[];
  /** What ratings 1–4 look like. */
  anchors: readonly string[];
}

/** The guide of the current question (interviewers' views only hold one); `undefined` when it has nothing to show. */
export function guideOf(view: SessionView): QuestionGuide | undefined {
  const current = currentQuestionOf(view);
  const structured = current?.type === 'structured' ? current : undefined;
  const guide = (structured ? structured.guide : view.question.guide)?.trim() || undefined;
  const found: QuestionGuide = {
    guide,
    competency: structured?.competency,
    probes: structured?.probes ?? [],
    positiveIndicators: structured?.positiveIndicators ?? [],
    negativeIndicators: structured?.negativeIndicators ?? [],
    anchors: structured?.anchors ?? [],
  };
  const empty = !found.guide && [found.probes, found.positiveIndicators, found.negativeIndicators, found.anchors].every((list) => list.length === 0);
  return empty ? undefined : found;
}
