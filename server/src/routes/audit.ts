import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import * as D from '../schemas/data-lifecycle.js';
import { HOST_ONLY, hostTenant } from './host-only.js';

const common = { ...COMMON_PROBLEMS, 403: problemResponse('Participants may not read the audit log') };

/** The tenant's audit log and the check of its hash chain. */
export function registerAuditRoutes(api: Api, ctx: AppContext): void {
  const base = { tags: ['audit'], ...HOST_ONLY };

  api.route(
    {
      method: 'get',
      path: '/v1/audit',
      summary: "The tenant's audit log, newest first: every access to candidate data and every change, filtered; one page at a time",
      ...base,
      query: D.ListAuditQuery,
      responses: { 200: { description: 'One page of entries', schema: D.AuditList }, ...common },
    },
    async (_req, res, { query }) => {
      res.json(await ctx.audit.list(hostTenant(res), query));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/audit/verify',
      summary: "Recomputes the tenant's hash chain; `firstBrokenSeq` names the first entry changed, removed or inserted since it was written",
      ...base,
      responses: { 200: { description: 'The outcome', schema: D.AuditVerification }, ...common },
    },
    async (_req, res) => {
      res.json(await ctx.audit.verify(hostTenant(res)));
    },
  );
}
