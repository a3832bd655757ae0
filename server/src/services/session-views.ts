import {
  isPrivileged,
  type PlannedQuestionView,
  type SessionSummary,
  type SessionTiming,
  type SessionView,
  type SessionViewer,
  type VideoProvider,
} from '@interview-kit/core/protocol';
import type { PlanEntry } from '../questions/plan-entry.js';
import type { Caller } from './caller.js';
import type { SessionQuestion, SessionRecord } from './session-record.js';

/**
 * The session as one caller may see it: hidden tests, the host's ids and metadata and
 * participants' extra time only for hosts and interviewers; the rubric for all but candidates;
 * the question for candidates and observers only once it is revealed; its interviewer guide for
 * hosts and interviewers only. Its `plan` (the session's questions, from `SessionQuestions.planOf`)
 * lists every question with its guide, indicators and anchors for hosts and interviewers, and
 * only the questions reached so far, without those, for candidates and observers (none while the
 * question is hidden).
 */
export function viewFor(session: SessionRecord, caller: Caller, video: VideoProvider, plan: readonly PlanEntry[]): SessionView {
  const viewer: SessionViewer =
    caller.kind === 'host'
      ? { role: 'host', participantId: null }
      : { role: caller.claims.role, participantId: caller.claims.sub };
  const privileged = viewer.role === 'host' || isPrivileged(viewer.role);
  const questionHidden = !privileged && session.revealQuestion === 'on-start' && session.status === 'scheduled';
  const { externalId, metadata, participants: _participants, ...summary } = summaryOf(session);
  return {
    ...summary,
    extendedMinutes: session.extendedMinutes,
    autoStart: session.autoStart,
    revealQuestion: session.revealQuestion,
    autoEnd: session.autoEnd,
    integrity: session.integrity,
    recording: session.recording,
    ...(privileged ? { externalId, metadata } : {}),
    questionHidden,
    question: { ...codingView(session.question, privileged, questionHidden), index: session.question.index ?? 0, slot: session.question.slot ?? 0 },
    plan: {
      current: session.questionIndex,
      questions: questionHidden ? [] : plan.filter((entry) => privileged || entry.reached).map((entry) => plannedView(entry, privileged)),
    },
    participants: session.participants.map(({ extraTimeMinutes, ...p }) => (privileged ? { ...p, extraTimeMinutes } : p)),
    viewer,
    video,
    ...(viewer.role !== 'candidate' && session.rubric ? { rubric: session.rubric } : {}),
  };
}

/** A coding question as a viewer may see it: hidden tests and the guide for the privileged only; nothing while it is hidden. */
function codingView(question: SessionQuestion, privileged: boolean, hidden: boolean) {
  return {
    prompt: hidden ? '' : question.prompt,
    language: question.language,
    starterCode: hidden ? '' : question.starterCode,
    tests: hidden ? [] : question.tests.map((test, index) => ({ ...test, index })).filter((test) => privileged || !test.hidden),
    hiddenTestCount: hidden ? 0 : question.tests.filter((t) => t.hidden).length,
    ...(privileged && question.guide !== undefined ? { guide: question.guide } : {}),
  };
}

/** One question of the plan as a viewer may see it: a structured question's guide, probes, indicators and anchors for the privileged only. */
function plannedView(entry: PlanEntry, privileged: boolean): PlannedQuestionView {
  const base = { index: entry.index, id: entry.id, version: entry.version, title: entry.title, reached: entry.reached };
  if (entry.coding) return { ...base, type: 'coding', ...codingView(entry.coding, privileged, false), slot: entry.coding.slot ?? 0 };
  const structured = entry.structured!;
  return {
    ...base,
    type: 'structured',
    prompt: structured.prompt,
    ...(privileged
      ? {
          competency: structured.competency,
          probes: structured.probes,
          positiveIndicators: structured.positiveIndicators,
          negativeIndicators: structured.negativeIndicators,
          anchors: [...structured.anchors],
          ...(structured.guide !== undefined ? { guide: structured.guide } : {}),
        }
      : {}),
  };
}

/** The session as the host's inventory lists it: times, ids, participants; no question, no tokens. */
export function summaryOf(session: SessionRecord): SessionSummary {
  return {
    id: session.id,
    title: session.title,
    ...timingOf(session),
    externalId: session.externalId,
    metadata: session.metadata,
    participants: session.participants,
  };
}

/** The session's state and times, as every view, summary and report of it carries them. */
export function timingOf(session: SessionRecord): SessionTiming {
  return {
    status: session.status,
    createdAt: session.createdAt,
    scheduledAt: session.scheduledAt,
    startedAt: session.startedAt,
    endsAt: session.endsAt,
    endedAt: session.endedAt,
    endReason: session.endReason,
    durationMinutes: session.durationMinutes,
  };
}
