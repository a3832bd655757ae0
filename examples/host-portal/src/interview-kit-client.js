/**
 * The host backend's side of the Interview Kit HTTP API. It is the only place that holds the
 * API key; nothing here is ever sent to a browser.
 */

/** A failed call, carrying the server's RFC 9457 problem details (or one made up for it). */
export class InterviewKitError extends Error {
  /**
   * @param {number} status HTTP status of the server's answer, or 502 when it could not be reached
   * @param {{ title?: string, detail?: string, errors?: { path: string, message: string }[] }} problem
   */
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `Interview Kit answered ${status}`);
    this.name = 'InterviewKitError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * @typedef {import('@interview-kit/core/protocol').SessionSummary} SessionSummary
 * @typedef {import('@interview-kit/core/protocol').SessionView} SessionView
 * @typedef {{ id: string, url: string, events: string[], description: string | null, status: 'enabled' | 'disabled' }} Webhook
 */

/**
 * @param {{ serverUrl: string, apiKey: string, timeoutMs?: number }} options
 */
export function createInterviewKitClient({ serverUrl, apiKey, timeoutMs = 10_000 }) {
  const base = serverUrl.replace(/\/+$/, '');
  const session = (/** @type {string} */ id) => `/v1/sessions/${encodeURIComponent(id)}`;
  const webhook = (/** @type {string} */ id) => `/v1/webhooks/${encodeURIComponent(id)}`;

  /**
   * Calls the API with the key and returns the parsed JSON answer; a non-2xx answer throws an
   * InterviewKitError with the server's problem.
   * @param {'GET' | 'POST' | 'PATCH' | 'DELETE'} method
   * @param {string} path
   * @param {{ body?: unknown, headers?: Record<string, string> }} [options]
   */
  async function call(method, path, { body, headers = {} } = {}) {
    let response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new InterviewKitError(502, {
        title: 'Bad Gateway',
        detail: `The Interview Kit server at ${base} could not be reached (${/** @type {Error} */ (error).message}).`,
      });
    }
    const data = await response.json().catch(() => undefined);
    if (!response.ok) {
      throw new InterviewKitError(response.status, data ?? { title: response.statusText });
    }
    return data;
  }

  return {
    /**
     * Creates a session and returns its id and one participant token per person. With an
     * `idempotencyKey`, a retry of the same request returns the same session instead of a second one.
     * @param {import('@interview-kit/core/protocol').CreateSessionRequest} request
     * @param {{ idempotencyKey?: string }} [options]
     * @returns {Promise<import('@interview-kit/core/protocol').CreateSessionResponse>}
     */
    createSession: (request, { idempotencyKey } = {}) =>
      call('POST', '/v1/sessions', { body: request, headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey } }),

    /**
     * One page of the tenant's sessions, newest first.
     * @param {{ limit?: number, cursor?: string }} [page]
     * @returns {Promise<import('@interview-kit/core/protocol').SessionList>}
     */
    listSessions: ({ limit, cursor } = {}) => {
      const query = new URLSearchParams();
      if (limit !== undefined) query.set('limit', String(limit));
      if (cursor !== undefined) query.set('cursor', cursor);
      const search = query.toString();
      return call('GET', `/v1/sessions${search ? `?${search}` : ''}`);
    },

    /**
     * The session as its host sees it (hidden tests included).
     * @param {string} sessionId
     * @returns {Promise<SessionView>}
     */
    getSession: (sessionId) => call('GET', session(sessionId)),

    /**
     * Cancels a session that has not started; its participants' links stop working.
     * @param {string} sessionId
     * @returns {Promise<SessionView>}
     */
    cancelSession: (sessionId) => call('POST', `${session(sessionId)}/cancel`),

    /**
     * Everyone's submitted feedback combined, with the interviewers' private notes.
     * @param {string} sessionId
     */
    getScorecard: (sessionId) => call('GET', `${session(sessionId)}/scorecard`),

    /**
     * Issues a fresh short-lived token for one participant of a session.
     * @param {string} sessionId
     * @param {string} participantId
     * @returns {Promise<import('@interview-kit/core/protocol').IssuedToken>}
     */
    issueToken: (sessionId, participantId) => call('POST', `${session(sessionId)}/tokens`, { body: { participantId } }),

    /**
     * A signed link that opens the session's report (HTML, and the PDF at `pdfUrl`) without an
     * API key until `expiresAt`.
     * @param {string} sessionId
     * @param {number} expiresInSeconds
     * @returns {Promise<{ url: string, pdfUrl: string, expiresAt: string }>}
     */
    createReportLink: (sessionId, expiresInSeconds) => call('POST', `${session(sessionId)}/report-links`, { body: { expiresInSeconds } }),

    /**
     * The tenant's webhooks (never their secrets).
     * @returns {Promise<{ webhooks: Webhook[] }>}
     */
    listWebhooks: () => call('GET', '/v1/webhooks'),

    /**
     * Registers a webhook; the answer carries its signing secret, shown only this once.
     * @param {{ url: string, events: string[], description?: string }} request
     * @returns {Promise<Webhook & { secret: string }>}
     */
    createWebhook: (request) => call('POST', '/v1/webhooks', { body: request }),

    /**
     * Changes a webhook's URL, events or description, or enables it again.
     * @param {string} id
     * @param {{ url?: string, events?: string[], description?: string | null, enabled?: boolean }} changes
     * @returns {Promise<Webhook>}
     */
    updateWebhook: (id, changes) => call('PATCH', webhook(id), { body: changes }),

    /** Removes a webhook; nothing more is sent to it. @param {string} id @returns {Promise<void>} */
    deleteWebhook: (id) => call('DELETE', webhook(id)),

    /**
     * A new signing secret for a webhook, shown only this once; the old one signs beside it for a day.
     * @param {string} id
     * @returns {Promise<{ id: string, secret: string, previousSecretExpiresAt: string }>}
     */
    rotateWebhookSecret: (id) => call('POST', `${webhook(id)}/rotate-secret`),
  };
}
