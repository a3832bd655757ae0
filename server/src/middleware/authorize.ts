import type { RequestHandler } from 'express';
import type { Role } from '@interview-kit/core/protocol';
import { forbidden } from '../problem.js';
import { callerOf } from './auth.js';

/**
 * Refuses participants whose role is not among `roles` with 403, before the route looks at its
 * input. Hosts pass: a route admits them by accepting API keys at all.
 */
export function authorizeRoles(roles: readonly Role[]): RequestHandler {
  return (req, res, next) => {
    const caller = callerOf(res);
    if (caller.kind === 'participant' && !roles.includes(caller.claims.role)) {
      return next(forbidden(`a ${caller.claims.role} may not call ${req.method} ${req.route?.path ?? req.path}; it is open to: ${roles.join(', ')}`));
    }
    next();
  };
}
