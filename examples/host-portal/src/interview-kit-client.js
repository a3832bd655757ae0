/**
 * The host backend's side of the Interview Kit HTTP API. It is the only place that holds the
 * API key; nothing here is ever sent to a browser.
 */

/** A failed call, carrying the server's RFC 9457 problem details (or one made up for it). */
export class InterviewKitError extends Error {
  /**
   * @param {number} status HTTP status of the server's answer, or 502 when it could not be reached
   * @param {{ title?: string, detail?: string, errors?: { path: string, message: string }[], failure?: unknown }} problem
   * @param {string | null} [retryAfter] the answer's `Retry-After` (a busy sandbox, a question being checked)
   */
  constructor(status, problem, retryAfter = null) {
    super(problem.detail ?? problem.title ?? `Interview Kit answered ${status}`);
    this.name = 'InterviewKitError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/**
 * @typedef {import('@interview-kit/core/protocol').SessionSummary} SessionSummary
 * @typedef {import('@interview-kit/core/protocol').SessionView} SessionView
 * @typedef {{ id: string, url: string, events: string[], description: string | null, status: 'enabled' | 'disabled' }} Webhook
 * @typedef {Omit<import('@interview-kit/core/protocol').CreateSessionRequest, 'question'>
 *   & ({ question: import('@interview-kit/core/protocol').Question } | { kit: string })} SessionRequest
 *   a session with its question written inline, or from an interview kit of the bank
 * @typedef {{ text?: string, tag?: string, difficulty?: string, language?: string, type?: string, status?: string, limit?: number, cursor?: string }} QuestionSearch
 * @typedef {{
 *   id: string, slug: string, type: 'coding' | 'structured', title: string, difficulty: string, tags: string[],
 *   languages: string[], status: 'draft' | 'published' | 'archived', version: number, createdAt: string, updatedAt: string,
 * }} QuestionSummary
 * @typedef {{
 *   id: string, status: 'draft' | 'published' | 'archived', version: number, latestVersion: number,
 *   createdAt: string, updatedAt: string, publishedAt: string | null, question: Record<string, unknown> & { title: string, type: string },
 * }} BankQuestion a question of the bank at one version
 * @typedef {{ id: string, version: number, createdAt: string, updatedAt: string, kit: { name: string, durationMinutes: number, sections: unknown[] } }} Kit
 */

/**
 * @param {{ serverUrl: string, apiKey: string, timeoutMs?: number, checkTimeoutMs?: number }} options
 *   `checkTimeoutMs`: for publishing a question or changing a published one, which first runs its
 *   reference solutions against every test in the sandbox (tens of seconds for compiled languages)
 */
export function createInterviewKitClient({ serverUrl, apiKey, timeoutMs = 10_000, checkTimeoutMs = 5 * 60_000 }) {
  const base = serverUrl.replace(/\/+$/, '');
  const session = (/** @type {string} */ id) => `/v1/sessions/${encodeURIComponent(id)}`;
  const webhook = (/** @type {string} */ id) => `/v1/webhooks/${encodeURIComponent(id)}`;
  const question = (/** @type {string} */ id) => `/v1/questions/${encodeURIComponent(id)}`;
  const kit = (/** @type {string} */ id) => `/v1/kits/${encodeURIComponent(id)}`;
  /** `?a=1&b=2` of the values given, or nothing. @param {Record<string, string | number | undefined>} query */
  const search = (query) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    const text = params.toString();
    return text ? `?${text}` : '';
  };

  /**
   * Calls the API with the key and returns the parsed JSON answer; a non-2xx answer throws an
   * InterviewKitError with the server's problem.
   * @param {'GET' | 'POST' | 'PATCH' | 'DELETE'} method
   * @param {string} path
   * @param {{ body?: unknown, headers?: Record<string, string>, timeout?: number }} [options]
   */
  async function call(method, path, { body, headers = {}, timeout = timeoutMs } = {}) {
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
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      throw new InterviewKitError(502, {
        title: 'Bad Gateway',
        detail: `The Interview Kit server at ${base} could not be reached (${/** @type {Error} */ (error).message}).`,
      });
    }
    const data = await response.json().catch(() => undefined);
    if (!response.ok) {
      throw new InterviewKitError(response.status, data ?? { title: response.statusText }, response.headers.get('retry-after'));
    }
    return data;
  }

  return {
    /**
     * Creates a session (with its question inline, or from a kit of the bank) and returns its id and one participant token per person. With an
     * `idempotencyKey`, a retry of the same request returns the same session instead of a second one.
     * @param {SessionRequest} request
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
    listSessions: ({ limit, cursor } = {}) => call('GET', `/v1/sessions${search({ limit, cursor })}`),

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

    /**
     * One page of the bank's questions, newest first, searched by any of the filters.
     * @param {QuestionSearch} [filters]
     * @returns {Promise<{ questions: QuestionSummary[], nextCursor: string | null }>}
     */
    listQuestions: (filters = {}) => call('GET', `/v1/questions${search(filters)}`),

    /**
     * Adds a question to the bank as a draft (version 1).
     * @param {Record<string, unknown>} content the question, in the bank's shape (docs/question-bank.md)
     * @returns {Promise<BankQuestion>}
     */
    createQuestion: (content) => call('POST', '/v1/questions', { body: content }),

    /** A question at its latest version. @param {string} id @returns {Promise<BankQuestion>} */
    getQuestion: (id) => call('GET', question(id)),

    /**
     * Changes a question: a draft in place; a published one gets a new version once its reference
     * solutions pass every test (which takes a while).
     * @param {string} id
     * @param {Record<string, unknown>} changes
     * @returns {Promise<BankQuestion>}
     */
    updateQuestion: (id, changes) => call('PATCH', question(id), { body: changes, timeout: checkTimeoutMs }),

    /**
     * Publishes a draft after running its reference solutions against every test; refused (422,
     * naming the language and the test) when one fails.
     * @param {string} id
     * @returns {Promise<BankQuestion>}
     */
    publishQuestion: (id) => call('POST', `${question(id)}/publish`, { timeout: checkTimeoutMs }),

    /** Archives a question: no new sessions, no changes. @param {string} id @returns {Promise<BankQuestion>} */
    archiveQuestion: (id) => call('POST', `${question(id)}/archive`),

    /**
     * Copies the server's built-in starter bank into the tenant as published questions, keeping
     * (skipping) the ones the tenant has already.
     * @returns {Promise<{ questions: { id: string, slug: string }[], kits: unknown[], skipped: string[] }>}
     */
    importStarterBank: () => call('POST', '/v1/questions/import', { body: { source: 'starter-bank', existing: 'skip' } }),

    /**
     * One page of the tenant's interview kits, newest first.
     * @param {{ limit?: number, cursor?: string }} [page]
     * @returns {Promise<{ kits: { id: string, name: string, version: number, createdAt: string, updatedAt: string }[], nextCursor: string | null }>}
     */
    listKits: ({ limit, cursor } = {}) => call('GET', `/v1/kits${search({ limit, cursor })}`),

    /** A kit at its latest version. @param {string} id @returns {Promise<Kit>} */
    getKit: (id) => call('GET', kit(id)),

    /**
     * Creates an interview kit (version 1) from questions of the bank.
     * @param {Record<string, unknown>} content `{ name, durationMinutes, sections: [{ title?, minutes, questions | variants }] }`
     * @returns {Promise<Kit>}
     */
    createKit: (content) => call('POST', '/v1/kits', { body: content }),
  };
}
