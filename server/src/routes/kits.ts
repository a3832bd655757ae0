import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import * as Q from '../schemas/questions.js';
import { HOST_ONLY, hostTenant } from './host-only.js';

const problem = problemResponse;
const common = {
  ...COMMON_PROBLEMS,
  403: problem('Participants may not read or change interview kits'),
};

/** Interview kits: ordered sections of the bank's questions, a rubric and a duration; every change a new version. */
export function registerKitRoutes(api: Api, ctx: AppContext): void {
  const { kits } = ctx.bank;
  const base = { tags: ['kits'], ...HOST_ONLY };

  api.route(
    {
      method: 'post',
      path: '/v1/kits',
      summary: 'Create an interview kit (version 1) from questions of the bank',
      ...base,
      body: Q.KitContent,
      responses: { 201: { description: 'The kit', schema: Q.Kit, headers: ['Location'] }, ...common },
    },
    async (_req, res, { body }) => {
      const created = await kits.create(hostTenant(res), body);
      res.status(201).location(`/v1/kits/${created.id}`).json(created);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/kits',
      summary: "The tenant's kits, newest first, one page at a time",
      ...base,
      query: Q.ListKitsQuery,
      responses: { 200: { description: 'One page of kits', schema: Q.KitList }, ...common },
    },
    async (_req, res, { query }) => {
      res.json(await kits.list(hostTenant(res), query));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/kits/:id',
      summary: 'A kit at its latest version',
      ...base,
      params: Q.QuestionIdParams,
      responses: { 200: { description: 'The kit', schema: Q.Kit }, 404: problem('No such kit'), ...common },
    },
    async (_req, res, { params }) => {
      res.json(await kits.get(hostTenant(res), params.id));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/kits/:id/versions/:n',
      summary: 'A kit at version n (what sessions made from it used)',
      ...base,
      params: Q.QuestionVersionParams,
      responses: { 200: { description: 'The kit at that version', schema: Q.Kit }, 404: problem('No such kit or version'), ...common },
    },
    async (_req, res, { params }) => {
      res.json(await kits.get(hostTenant(res), params.id, params.n));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/v1/kits/:id',
      summary: 'Change a kit: makes a new version; sessions keep the version they were created with',
      ...base,
      params: Q.QuestionIdParams,
      body: Q.UpdateKitRequest,
      responses: { 200: { description: 'The kit at its new version', schema: Q.Kit }, 404: problem('No such kit'), ...common },
    },
    async (_req, res, { params, body }) => {
      res.json(await kits.update(hostTenant(res), params.id, body));
    },
  );
}
