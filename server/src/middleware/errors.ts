import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from '@interview-kit/core/protocol';
import { describeStorageFailure, storageFailureOf } from '../adapters/db/storage-failure.js';
import type { Logger } from '../logger.js';
import { HttpProblem, PROBLEM_TYPES, badRequest } from '../problem.js';

/** body-parser's errors carry a `type`; map the ones a client can cause to 4xx problems. */
export function fromBodyParser(error: { type?: string; status?: number; limit?: number }): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return badRequest('the request body is not valid JSON');
    case 'entity.too.large':
      return new HttpProblem(413, error.limit ? `the request body exceeds the ${error.limit}-byte limit` : 'the request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'the request body must be UTF-8 JSON');
    case 'request.aborted':
      return badRequest('the request was aborted before its body arrived');
    default:
      return error.status && error.status >= 400 && error.status < 500 ? new HttpProblem(error.status, 'the request could not be read') : undefined;
  }
}

/** A full, read-only or failing disk (database or files): 503, since it passes once the operator fixes it. */
function fromStorage(error: unknown): HttpProblem | undefined {
  const failure = storageFailureOf(error);
  if (!failure) return undefined;
  return new HttpProblem(503, describeStorageFailure(failure), { type: PROBLEM_TYPES.unavailable, headers: { 'Retry-After': '30' } });
}

export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  if (res.headersSent) return;
  res.status(problem.status).set(problem.headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.toJSON(req.originalUrl.split('?')[0])));
}

/**
 * Every error becomes problem+json; storage failures become 503 (and are logged as such);
 * other unexpected ones are logged and reported without internals.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let problem = error instanceof HttpProblem ? error : fromBodyParser(error as object);
    const storage = problem ? undefined : fromStorage(error);
    if (storage) {
      logger.error('storage failure', { reqId: res.locals.requestId, error });
      problem = storage;
    }
    if (!problem) {
      logger.error('unhandled error', { reqId: res.locals.requestId, error });
      problem = new HttpProblem(500, `an unexpected error occurred; quote request id ${res.locals.requestId} when reporting it`, {
        type: PROBLEM_TYPES.internal,
      });
    }
    sendProblem(req, res, problem);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, `no route ${req.method} ${req.path}`, { type: PROBLEM_TYPES.notFound }));
};
