import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { loadStarterBank } from '../questions/index.js';
import * as Q from '../schemas/questions.js';
import { HOST_ONLY, hostTenant } from './host-only.js';

const problem = problemResponse;
const common = {
  ...COMMON_PROBLEMS,
  403: problem('Participants may not read or change the question bank'),
};
const missing = { 404: problem('No such question (or version)') };

/** The tenant's question bank: questions, their versions and status, export and import, statistics. */
export function registerQuestionRoutes(api: Api, ctx: AppContext): void {
  const { questions, transfer, stats } = ctx.bank;
  const base = { tags: ['questions'], ...HOST_ONLY };

  api.route(
    {
      method: 'post',
      path: '/v1/questions',
      summary: 'Add a question to the bank as a draft (version 1)',
      ...base,
      body: Q.QuestionContent,
      responses: { 201: { description: 'The draft', schema: Q.Question, headers: ['Location'] }, 409: problem('The bank has a question with this slug'), ...common },
    },
    async (_req, res, { body }) => {
      const created = await questions.create(hostTenant(res), body);
      res.status(201).location(`/v1/questions/${created.id}`).json(created);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/questions',
      summary: "The tenant's questions, newest first, searched by text, tag, difficulty, language, type and status; one page at a time",
      ...base,
      query: Q.ListQuestionsQuery,
      responses: { 200: { description: 'One page of questions', schema: Q.QuestionList }, ...common },
    },
    async (_req, res, { query }) => {
      res.json(await questions.list(hostTenant(res), query));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/questions/export',
      summary: 'The whole bank as one JSON document (every version of every question and kit; kits name questions by slug)',
      ...base,
      responses: { 200: { description: 'The bank', schema: Q.QuestionBank }, ...common },
    },
    async (_req, res) => {
      res.json(await transfer.export(hostTenant(res)));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/questions/import',
      summary:
        'Add an exported bank, or the built-in starter bank ({ "source": "starter-bank" }, as published questions), in one transaction. ' +
        'Reference solutions are not run again',
      ...base,
      body: Q.ImportRequest,
      responses: {
        200: { description: 'What was added and skipped', schema: Q.ImportResult },
        409: problem('The bank has questions with some of these slugs (the detail names them)'),
        ...common,
      },
    },
    async (_req, res, { body }) => {
      const tenantId = hostTenant(res);
      const bank = 'source' in body ? { questions: (await loadStarterBank()).map((q) => ({ ...q, status: 'published' as const, history: [] })), kits: [] } : body;
      res.json(await transfer.import(tenantId, bank, body.existing));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/questions/:id',
      summary: 'A question at its latest version (a draft included)',
      ...base,
      params: Q.QuestionIdParams,
      responses: { 200: { description: 'The question', schema: Q.Question }, ...missing, ...common },
    },
    async (_req, res, { params }) => {
      res.json(await questions.get(hostTenant(res), params.id));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/questions/:id/versions/:n',
      summary: 'A question at version n',
      ...base,
      params: Q.QuestionVersionParams,
      responses: { 200: { description: 'The question at that version', schema: Q.Question }, ...missing, ...common },
    },
    async (_req, res, { params }) => {
      res.json(await questions.get(hostTenant(res), params.id, params.n));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/v1/questions/:id',
      summary:
        'Change a question: a draft changes in place; a published question gets a new version (published at once, once its ' +
        'reference solutions pass every test), while sessions keep the version they were created with',
      ...base,
      params: Q.QuestionIdParams,
      body: Q.UpdateQuestionRequest,
      responses: {
        200: { description: 'The question at its latest version', schema: Q.Question },
        409: problem('The question is archived, or changed meanwhile'),
        422: problem('A reference solution fails a test (the detail and the failure member name the language and the test)'),
        503: problem('Code cannot run on this server'),
        ...missing,
        ...common,
        429: problem('Rate limited, the sandbox is busy, or another question of this tenant is being checked (see Retry-After)'),
      },
    },
    async (_req, res, { params, body }) => {
      res.json(await questions.update(hostTenant(res), params.id, body));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/questions/:id/publish',
      summary: 'Publish a draft, after running each reference solution against every test in the sandbox; idempotent',
      ...base,
      params: Q.QuestionIdParams,
      responses: {
        200: { description: 'The published question', schema: Q.Question },
        409: problem('The question is archived'),
        422: problem('A reference solution fails a test (the detail and the failure member name the language and the test)'),
        503: problem('Code cannot run on this server'),
        ...missing,
        ...common,
        429: problem('Rate limited, the sandbox is busy, or another question of this tenant is being checked (see Retry-After)'),
      },
    },
    async (_req, res, { params }) => {
      res.json(await questions.publish(hostTenant(res), params.id));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/questions/:id/archive',
      summary: 'Archive a question: no new sessions or changes; sessions and kits that used it keep it; idempotent',
      ...base,
      params: Q.QuestionIdParams,
      responses: { 200: { description: 'The archived question', schema: Q.Question }, ...missing, ...common },
    },
    async (_req, res, { params }) => {
      res.json(await questions.archive(hostTenant(res), params.id));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/questions/:id/stats',
      summary: 'Calibration per version: uses, score distribution, mean ratings per competency, median time to a first passing run, variants',
      ...base,
      params: Q.QuestionIdParams,
      responses: { 200: { description: 'The statistics', schema: Q.QuestionStats }, ...missing, ...common },
    },
    async (_req, res, { params }) => {
      res.json(await stats.stats(hostTenant(res), params.id));
    },
  );
}
