import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { tooManyRequests } from '../problem.js';
import type { RateLimit } from '../services/rate-limiter.js';

/**
 * Express middleware limiting by a key derived from the request; skips when the key is undefined.
 * Each response names the limit and what is left of it in the `RateLimit-Policy` and `RateLimit`
 * fields (IETF httpapi rate-limit headers: `"<policy>";q=<requests>;w=60` and
 * `"<policy>";r=<remaining>;t=<seconds until the window starts again>`), one list item per limit applied.
 */
export function rateLimit(limiter: RateLimit, keyOf: (req: Request, res: Response) => string | undefined, what: string, policy: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = keyOf(req, res);
    if (key === undefined) return next();
    limiter.take(key).then(({ wait, remaining, resetSeconds }) => {
      res.append('RateLimit-Policy', `"${policy}";q=${limiter.perMinute};w=60`);
      res.append('RateLimit', `"${policy}";r=${remaining};t=${resetSeconds}`);
      if (wait > 0) return next(tooManyRequests(`too many requests ${what}; retry after the Retry-After delay`, wait));
      next();
    }, next);
  };
}
