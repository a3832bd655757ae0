import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import type { Caller } from '../services/caller.js';
import { AUDITED_ROUTES } from './actions.js';
import type { AuditActor, AuditContext, AuditLog } from './audit-log.js';

export interface AuditTrailDeps {
  audit: AuditLog;
  logger: Logger;
  /** The tenant a session belongs to, if it still exists. */
  tenantOfSession(sessionId: string): Promise<string | undefined>;
  /** The session a report link opens, if the link is valid. */
  sessionOfReportLink(token: string): string | undefined;
}

/** Who made the request and from where, as an audit entry records it. */
export function auditContextOf(req: Request, res: Response): AuditContext {
  return { actor: actorOf(res.locals.caller as Caller | undefined, req), requestId: (res.locals.requestId as string | undefined) ?? null, clientAddress: req.ip ?? null };
}

function actorOf(caller: Caller | undefined, req: Request): AuditActor {
  if (caller?.kind === 'host') return { kind: 'api-key', id: caller.keyId };
  if (caller?.kind === 'participant') return { kind: 'participant', id: caller.claims.sub, role: caller.claims.role };
  return { kind: 'report-link', id: String(req.params.token ?? 'unknown') };
}

/**
 * The one place that audits API calls: after every successful answer (2xx) of a route listed in
 * {@link AUDITED_ROUTES} it appends an entry — the action, the resource, the caller (API key,
 * participant and role, or report link), the request id and the client's address (`req.ip`, as
 * `TRUST_PROXY` allows). Refused and failed calls touched nothing and are not entered.
 */
export function auditTrail(deps: AuditTrailDeps): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode < 200 || res.statusCode >= 300) return;
      const audited = AUDITED_ROUTES[`${req.method} ${(req.route as { path?: string } | undefined)?.path}`];
      if (!audited) return;
      const context = auditContextOf(req, res);
      const caller = res.locals.caller as Caller | undefined;
      let { resource, sessionId } = audited.resourceOf(req.params as Record<string, string>);
      if (resource === 'session' || resource === 'webhook') {
        // Not in the path: the created resource's Location, the participant's session, or the link's.
        const id =
          createdId(res.get('location')) ??
          (caller?.kind === 'participant' ? caller.claims.sid : req.params.token ? deps.sessionOfReportLink(String(req.params.token)) : undefined);
        if (resource === 'session') sessionId = id;
        resource = `${resource}:${id ?? 'unknown'}`;
        if (context.actor.kind === 'report-link' && id) context.actor = { kind: 'report-link', id };
      }
      const entry = (async () => {
        const tenantId = caller?.kind === 'host' ? caller.tenantId : sessionId ? await deps.tenantOfSession(sessionId) : undefined;
        if (!tenantId) return;
        await deps.audit.record({ ...context, tenantId, action: audited.action, resource, sessionId: sessionId ?? null });
      })();
      deps.audit.track(entry).catch((error: unknown) =>
        deps.logger.error('an audit entry could not be written', { reqId: context.requestId, action: audited.action, resource, error: (error as Error).message }),
      );
    });
    next();
  };
}

/** The id at the end of a `Location` header (`/v1/sessions/<id>`). */
function createdId(location: string | undefined): string | undefined {
  return location ? decodeURIComponent(location.split('/').pop() ?? '') || undefined : undefined;
}
