import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { unauthorized } from '../problem.js';
import type { ApiKeyService } from '../services/api-keys.js';
import type { Caller, Security } from '../services/caller.js';
import { InvalidTokenError, type TokenSigner } from '../services/tokens.js';

export type { Caller } from '../services/caller.js';

export interface AuthDeps {
  apiKeys: ApiKeyService;
  tokens: TokenSigner;
}

/** API keys start with `ik_` or are the bootstrap key; participant tokens are JWTs. */
const looksLikeJwt = (credential: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(credential);

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer[ ]+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthorized('the Authorization header must be "Bearer <credential>"');
  return match[1];
}

/**
 * Authenticates the request with any of the accepted schemes and stores the caller in
 * `res.locals.caller`. A credential of an unaccepted kind is refused, not ignored.
 */
export function authenticate(deps: AuthDeps, accept: Security[]): RequestHandler {
  const wants =
    accept.length > 1 ? 'an API key or a participant token' : accept[0] === 'apiKey' ? 'an API key' : 'a participant token';
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const credential = bearer(req);
      if (!credential) throw unauthorized(`this endpoint needs ${wants} in "Authorization: Bearer …"`);
      if (looksLikeJwt(credential)) {
        if (!accept.includes('participantToken')) throw unauthorized(`this endpoint needs ${wants}, not a participant token`);
        res.locals.caller = { kind: 'participant', claims: await deps.tokens.verify(credential) } satisfies Caller;
      } else {
        if (!accept.includes('apiKey')) throw unauthorized(`this endpoint needs ${wants}, not an API key`);
        const principal = await deps.apiKeys.authenticate(credential);
        if (!principal) throw unauthorized('the API key is unknown or revoked');
        res.locals.caller = { kind: 'host', ...principal } satisfies Caller;
      }
      next();
    } catch (error) {
      next(error instanceof InvalidTokenError ? unauthorized(error.reason) : error);
    }
  };
}

/** The authenticated caller of a request that passed `authenticate`. */
export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new Error('callerOf() used on a route without authenticate()');
  return caller;
}

/** A stable key for rate limiting: the API key id or the participant. */
export function callerKey(caller: Caller): string {
  return caller.kind === 'host' ? `key:${caller.keyId}` : `participant:${caller.claims.sid}:${caller.claims.sub}`;
}
