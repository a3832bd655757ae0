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
 * @param {{ serverUrl: string, apiKey: string, timeoutMs?: number }} options
 */
export function createInterviewKitClient({ serverUrl, apiKey, timeoutMs = 10_000 }) {
  const base = serverUrl.replace(/\/+$/, '');

  /**
   * @param {string} path
   * @param {unknown} body
   */
  async function post(path, body) {
    let response;
    try {
      response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json, application/problem+json',
        },
        body: JSON.stringify(body),
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
     * Creates a session and returns its id and one participant token per person.
     * @param {import('@interview-kit/core/protocol').CreateSessionRequest} request
     * @returns {Promise<import('@interview-kit/core/protocol').CreateSessionResponse>}
     */
    createSession: (request) => post('/v1/sessions', request),

    /**
     * Issues a fresh short-lived token for one participant of a session.
     * @param {string} sessionId
     * @param {string} participantId
     * @returns {Promise<import('@interview-kit/core/protocol').IssuedToken>}
     */
    issueToken: (sessionId, participantId) =>
      post(`/v1/sessions/${encodeURIComponent(sessionId)}/tokens`, { participantId }),
  };
}
