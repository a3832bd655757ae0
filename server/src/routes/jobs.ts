import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { listJobs } from '../jobs/list.js';
import * as J from '../schemas/jobs.js';
import { HOST_ONLY, hostTenant } from './host-only.js';

/** The tenant's background jobs (webhook deliveries, scoring, reports), for operators: above all the dead ones. */
export function registerJobRoutes(api: Api, ctx: AppContext): void {
  api.route(
    {
      method: 'get',
      path: '/v1/jobs',
      summary: "The tenant's background jobs, newest first, optionally in one state (e.g. `state=dead`); one page at a time",
      tags: ['jobs'],
      ...HOST_ONLY,
      query: J.ListJobsQuery,
      responses: {
        200: { description: 'One page of jobs', schema: J.JobList },
        403: problemResponse('Participants may not list jobs'),
        ...COMMON_PROBLEMS,
      },
    },
    async (_req, res, { query }) => {
      res.json(await listJobs(ctx.db, hostTenant(res), query));
    },
  );
}
