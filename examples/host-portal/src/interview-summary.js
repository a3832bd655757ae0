/**
 * What the portal's pages get to know about an interview: its state and times and who takes
 * part, from a summary of `GET /v1/sessions` or a full session view alike. No question, no
 * metadata, no tokens, and no participant's extra time (an accommodation the candidate's own
 * page need not show).
 *
 * @param {import('@interview-kit/core/protocol').SessionSummary | import('@interview-kit/core/protocol').SessionView} session
 */
export function toListedInterview(session) {
  const { id, title, status, createdAt, scheduledAt, startedAt, endsAt, endedAt, endReason, durationMinutes } = session;
  return {
    id,
    title,
    status,
    createdAt,
    scheduledAt,
    startedAt,
    endsAt,
    endedAt,
    endReason,
    durationMinutes,
    participants: session.participants.map(({ id, name, role }) => ({ id, name, role })),
  };
}

/** @typedef {ReturnType<typeof toListedInterview>} ListedInterview */
