/** Shared by the portal's pages: calling JSON endpoints and reading RFC 9457 problems. */

/** An error response, with the field errors a form can point at. */
export class ProblemError extends Error {
  /**
   * @param {string} message
   * @param {{ path: string, message: string }[]} [errors]
   */
  constructor(message, errors = []) {
    super(message);
    this.errors = errors;
  }
}

/**
 * Fetches JSON; a non-2xx answer throws a ProblemError carrying the problem's detail.
 * @param {string} url
 * @param {RequestInit} [init]
 */
export async function fetchJson(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ProblemError('The network request failed. Check your connection and try again.');
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ProblemError(body?.detail ?? body?.title ?? `Request failed (${response.status}).`, body?.errors);
  }
  return body;
}

export const ROLE_LABELS = { interviewer: 'Interviewer', candidate: 'Candidate', observer: 'Observer' };

export const LANGUAGE_LABELS = {
  python: 'Python',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  java: 'Java',
  cpp: 'C++',
  go: 'Go',
};

/** The interview's state as the portal's pages name it. */
export const STATUS_LABELS = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended', cancelled: 'Cancelled' };
