import { InterviewKitError } from './interview-kit-client.js';

/** Statuses that mean "the input or the moment was wrong", worth showing as they are. */
const FORWARDED_STATUSES = new Set([400, 404, 409, 413, 422, 429]);

/**
 * @typedef {{ path: string, message: string }} FieldError
 * @typedef {{ title: string, detail?: string, errors?: FieldError[], failure?: unknown }} Problem
 */

/**
 * Answers with an RFC 9457 problem.
 * @param {import('express').Response} res
 * @param {number} status
 * @param {Problem} problem
 */
export function sendProblem(res, status, problem) {
  res.status(status).type('application/problem+json').json({ type: 'about:blank', status, ...problem });
}

/**
 * Turns a failed Interview Kit call into the portal's answer. Input problems pass through with
 * the server's own words (its field errors, a refused reference solution's `failure`, a busy
 * server's `Retry-After`); anything else (a wrong API key, a server error) is the portal's
 * problem, so the browser gets 502 with the server's detail for the operator.
 *
 * @param {import('express').Response} res
 * @param {unknown} error
 * @param {(errors: FieldError[]) => FieldError[]} [toPageErrors] turns the server's field paths into the ones the page knows
 */
export function sendUpstreamError(res, error, toPageErrors = (errors) => errors) {
  if (!(error instanceof InterviewKitError)) throw error;
  const { title = 'Error', detail, errors, failure } = error.problem;
  if (FORWARDED_STATUSES.has(error.status)) {
    if (error.retryAfter) res.set('Retry-After', error.retryAfter);
    sendProblem(res, error.status, {
      title,
      ...(detail ? { detail } : {}),
      ...(errors ? { errors: toPageErrors(errors) } : {}),
      ...(failure === undefined ? {} : { failure }),
    });
  } else {
    sendProblem(res, 502, {
      title: 'Bad Gateway',
      detail: `The Interview Kit server refused the request (${error.status}${detail ? `: ${detail}` : ''}).`,
    });
  }
}

/**
 * The page size a list endpoint was asked for: `limit` from 1 to 100, `fallback` when absent;
 * `undefined` when it is not such a number.
 * @param {unknown} value the query's `limit`
 * @param {number} fallback
 */
export function pageLimit(value, fallback) {
  const limit = Number(value ?? fallback);
  return Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : undefined;
}
