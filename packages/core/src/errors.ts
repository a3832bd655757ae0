import type { Problem } from './protocol.js';

/**
 * The server answered with an error status. `problem` is the RFC 9457 body it sent (or one
 * made up from the status line when the body was not problem details); the message is the
 * problem's `detail`, falling back to its `title`.
 */
export class ProblemError extends Error {
  /** The HTTP status code. */
  readonly status: number;
  /** The parsed `application/problem+json` body. */
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.problem = problem;
  }
}

/**
 * The request never got an HTTP answer: the server is unreachable, the connection dropped, or
 * the browser blocked the response (for example, a CORS rejection). The original error is `cause`.
 */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}
