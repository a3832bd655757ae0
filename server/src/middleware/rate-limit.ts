import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { tooManyRequests } from '../problem.js';
import type { RateLimit } from '../services/rate-limiter.js';

/** Express middleware limiting by a key derived from the request; skips when the key is undefined. */
export function rateLimit(limiter: RateLimit, keyOf: (req: Request, res: Response) => string | undefined, what: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = keyOf(req, res);
    if (key === undefined) return next();
    limiter.take(key).then((wait) => {
      if (wait > 0) return next(tooManyRequests(`too many requests ${what}; retry after the Retry-After delay`, wait));
      next();
    }, next);
  };
}
