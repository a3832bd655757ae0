import {
  isPrivileged,
  type SessionSummary,
  type SessionTiming,
  type SessionView,
  type SessionViewer,
  type VideoProvider,
} from '@interview-kit/core/protocol';
import type { Caller } from './caller.js';
import type { SessionRecord } from './session-record.js';

/**
 * The session as one caller may see it: hidden tests, the host's ids and metadata and
 * participants' extra time only for hosts and interviewers; the rubric for all but candidates;
 * the question for candidates and observers only once it is revealed; its interviewer guide for
 * hosts and interviewers only.
 */
export function viewFor(session: SessionRecord, caller: Caller, video: VideoProvider): SessionView {
  const viewer: SessionViewer =
    caller.kind === 'host'
      ? { role: 'host', participantId: null }
      : { role: caller.claims.role, participantId: caller.claims.sub };
  const privileged = viewer.role === 'host' || isPrivileged(viewer.role);
  const questionHidden = !privileged && session.revealQuestion === 'on-start' && session.status === 'scheduled';
  const tests = questionHidden
    ? []
    : session.question.tests.map((test, index) => ({ ...test, index })).filter((test) => privileged || !test.hidden);
  const { externalId, metadata, participants: _participants, ...summary } = summaryOf(session);
  return {
    ...summary,
    extendedMinutes: session.extendedMinutes,
    autoStart: session.autoStart,
    revealQuestion: session.revealQuestion,
    autoEnd: session.autoEnd,
    ...(privileged ? { externalId, metadata } : {}),
    questionHidden,
    question: {
      prompt: questionHidden ? '' : session.question.prompt,
      language: session.question.language,
      starterCode: questionHidden ? '' : session.question.starterCode,
      tests,
      hiddenTestCount: questionHidden ? 0 : session.question.tests.filter((t) => t.hidden).length,
      ...(privileged && session.question.guide !== undefined ? { guide: session.question.guide } : {}),
    },
    participants: session.participants.map(({ extraTimeMinutes, ...p }) => (privileged ? { ...p, extraTimeMinutes } : p)),
    viewer,
    video,
    ...(viewer.role !== 'candidate' && session.rubric ? { rubric: session.rubric } : {}),
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
