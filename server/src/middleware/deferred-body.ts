import type { ErrorRequestHandler, Response } from 'express';
import type { HttpProblem } from '../problem.js';
import { fromBodyParser } from './errors.js';

const KEY = 'deferredBodyProblem';

/**
 * Mounted right after the JSON body parser: a body that is not valid JSON is not answered at once
 * but remembered, so that the route first authenticates and authorizes the caller and only then
 * answers 400 (see `Api.route`). Whoever may not call a route never learns how it reads its input.
 */
export const deferUnparsableBody: ErrorRequestHandler = (error, _req, res, next) => {
  if ((error as { type?: string }).type !== 'entity.parse.failed') return next(error);
  res.locals[KEY] = fromBodyParser(error as { type: string });
  next();
};

/** The refusal of a request body that `deferUnparsableBody` put off, if any. */
export function deferredBodyProblem(res: Response): HttpProblem | undefined {
  return res.locals[KEY] as HttpProblem | undefined;
}
