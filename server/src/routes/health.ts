import { WriteProbe } from '../adapters/db/write-probe.js';
import { type Api, problemResponse } from '../api.js';
import type { AppContext } from '../context.js';
import { unavailable } from '../problem.js';
import * as S from '../schemas/common.js';

export function registerHealthRoutes(api: Api, ctx: AppContext): void {
  const probe = new WriteProbe(ctx.db);
  api.route(
    {
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process serves requests',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'Alive', schema: S.Health } },
    },
    (_req, res) => res.json({ status: 'ok' }),
  );

  api.route(
    {
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: the database answers and commits writes, and the instance is not draining (SIGTERM)',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'Ready', schema: S.Health }, 503: problemResponse('Not ready: draining after SIGTERM, or the database does not answer or cannot write (disk full, read-only)') },
    },
    async (_req, res) => {
      // First to change on SIGTERM, so that the load balancer sends new work elsewhere.
      if (ctx.scaleOut.drain.draining) throw unavailable('this instance is draining (shutting down); send new work to another instance');
      const result = await probe.check();
      if (!result.writable) throw unavailable(result.detail);
      res.json({ status: 'ready' });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain', schema: S.Metrics } },
    },
    async (_req, res) => {
      res.type(ctx.metrics.contentType).send(await ctx.metrics.render());
    },
  );
}
