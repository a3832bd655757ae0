import type { Response } from 'express';
import type { Role } from '@interview-kit/core/protocol';
import type { Security } from '../api.js';
import { callerOf } from '../middleware/auth.js';
import { forbidden } from '../problem.js';

/**
 * Access of routes for host backends only. A participant token is a valid credential of the
 * wrong kind here, so it is refused with 403 (by the role check: no role may), not 401.
 */
export const HOST_ONLY: { security: Security[]; roles: readonly Role[] } = { security: ['apiKey', 'participantToken'], roles: [] };

/** The tenant of the host calling a {@link HOST_ONLY} route. */
export function hostTenant(res: Response): string {
  const caller = callerOf(res);
  if (caller.kind !== 'host') throw forbidden('only a host API key may call this');
  return caller.tenantId;
}
