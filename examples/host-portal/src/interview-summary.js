/**
 * What the portal's pages get to know about an interview: its state and times and who takes
 * part, from a summary of `GET /v1/sessions` or a full session view alike. No question, no
 * metadata, no tokens, and no participant's extra time (an accommodation the candidate's own
 * page need not show). `outcome`: what the portal's webhooks told of it (score, report), or
 * `null` when they told nothing yet.
 *
 * @param {import('@interview-kit/core/protocol').SessionSummary | import('@interview-kit/core/protocol').SessionView} session
 * @param {import('./webhook-inbox.js').InterviewOutcome | null} [outcome]
 */
export function toListedInterview(session, outcome = null) {
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
    outcome,
  };
}

/** @typedef {ReturnType<typeof toListedInterview>} ListedInterview */
