import type { NextFunction, Request, RequestHandler, Response } from 'express';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * CORS for an explicit allowlist of origins. A listed origin is echoed back; an unlisted one gets
 * no CORS headers at all (never `*`), so browsers block it. Preflights are answered here.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    res.vary('Origin');
    const listed = origin !== undefined && allowed.has(origin);
    if (listed) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id, Location, RateLimit, RateLimit-Policy');
    }
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      if (listed) {
        res.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.set('Access-Control-Max-Age', '600');
      }
      res.status(listed ? 204 : 403).end();
      return;
    }
    next();
  };
}
