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
 */

/**
 * @param {{ serverUrl: string, apiKey: string, timeoutMs?: number }} options
 */
export function createInterviewKitClient({ serverUrl, apiKey, timeoutMs = 10_000 }) {
  const base = serverUrl.replace(/\/+$/, '');
  const session = (/** @type {string} */ id) => `/v1/sessions/${encodeURIComponent(id)}`;

  /**
   * Calls the API with the key and returns the parsed JSON answer; a non-2xx answer throws an
   * InterviewKitError with the server's problem.
   * @param {'GET' | 'POST'} method
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
  };
}
