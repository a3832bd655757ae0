/**
 * What the portal has heard from Interview Kit's webhooks, per interview: its latest state and
 * when it started and ended, the automatic score and whether the report is ready. Deliveries come at least once, so each
 * `webhook-id` is taken once and a repeat changes nothing. Kept in memory: a restarted portal
 * hears only what happens from then on.
 */

/** The event types the portal registers for: every one about an interview's course (the portal erases nothing, so not `session.erased`). */
export const WEBHOOK_EVENTS = /** @type {const} */ ([
  'session.created',
  'session.started',
  'session.ended',
  'session.cancelled',
  'feedback.submitted',
  'scorecard.completed',
  'score.completed',
  'report.ready',
]);

/** Event types that name the session's new state. */
const STATUS_OF = /** @type {Record<string, string>} */ ({
  'session.created': 'scheduled',
  'session.started': 'live',
  'session.ended': 'ended',
  'session.cancelled': 'cancelled',
});

/**
 * @typedef {{ type: string, timestamp: string, data: { sessionId: string, [key: string]: unknown } }} WebhookEvent
 * @typedef {{
 *   status: string | null,
 *   startedAt: string | null,
 *   endedAt: string | null,
 *   score: { passed: number, total: number } | null,
 *   scoring: boolean,
 *   reportReady: boolean,
 *   feedbackSubmitted: number,
 * }} InterviewOutcome what the list shows beside an interview
 */

/** @returns {InterviewOutcome} */
const nothingYet = () => ({ status: null, startedAt: null, endedAt: null, score: null, scoring: false, reportReady: false, feedbackSubmitted: 0 });

/**
 * @param {{ remember?: number }} [options] how many webhook ids to remember for spotting repeats
 */
export function createWebhookInbox({ remember = 10_000 } = {}) {
  /** @type {Map<string, InterviewOutcome>} */
  const outcomes = new Map();
  /** @type {Set<string>} insertion-ordered, the oldest forgotten first */
  const seen = new Set();
  /** @type {Set<(sessionId: string, outcome: InterviewOutcome) => void>} */
  const listeners = new Set();

  /** @param {InterviewOutcome} outcome @param {WebhookEvent} event */
  function apply(outcome, { type, data }) {
    if (STATUS_OF[type]) outcome.status = STATUS_OF[type];
    const time = (/** @type {string} */ key) => (typeof data[key] === 'string' ? /** @type {string} */ (data[key]) : null);
    if (type === 'session.started') outcome.startedAt = time('startedAt');
    // The list says when it ended or was cancelled from the same field.
    if (type === 'session.ended') outcome.endedAt = time('endedAt');
    if (type === 'session.cancelled') outcome.endedAt = time('cancelledAt');
    if (type === 'session.ended') outcome.scoring = outcome.score === null;
    if (type === 'feedback.submitted') outcome.feedbackSubmitted += 1;
    if (type === 'score.completed' && typeof data.passed === 'number' && typeof data.total === 'number') {
      outcome.score = { passed: data.passed, total: data.total };
      outcome.scoring = false;
    }
    if (type === 'report.ready') outcome.reportReady = true;
  }

  return {
    /**
     * Takes a verified delivery. Answers whether it was news (`false`: a repeat of a webhook id
     * already taken, which changes nothing).
     * @param {string} webhookId
     * @param {WebhookEvent} event
     */
    take(webhookId, event) {
      if (seen.has(webhookId)) return false;
      seen.add(webhookId);
      if (seen.size > remember) seen.delete(/** @type {string} */ (seen.values().next().value));
      const sessionId = event.data.sessionId;
      const outcome = outcomes.get(sessionId) ?? nothingYet();
      apply(outcome, event);
      outcomes.set(sessionId, outcome);
      for (const listener of listeners) listener(sessionId, { ...outcome });
      return true;
    },

    /** What is known of an interview, or `null` when nothing was heard. @param {string} sessionId */
    outcomeOf(sessionId) {
      const outcome = outcomes.get(sessionId);
      return outcome ? { ...outcome } : null;
    },

    /**
     * Calls `listener` with each change; returns the function that stops it.
     * @param {(sessionId: string, outcome: InterviewOutcome) => void} listener
     */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** @typedef {ReturnType<typeof createWebhookInbox>} WebhookInbox */
