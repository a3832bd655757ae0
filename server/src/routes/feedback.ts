import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import * as S from '../schemas/common.js';
import * as F from '../schemas/feedback.js';
import { RUBRIC_TEMPLATE_IDS, rubricTemplate } from '@interview-kit/core/rubric';

const problem = problemResponse;
const common = {
  ...COMMON_PROBLEMS,
  403: problem('The role may not do this (candidates never may)'),
  404: problem('No such session'),
};

/**
 * Feedback drafts, submissions and the scorecard. The scorecard's notes are read from the
 * interviewers' private collaboration document as stored (every acknowledged edit is stored).
 */
export function registerFeedbackRoutes(api: Api, ctx: AppContext): void {
  const { feedback } = ctx;

  api.route(
    {
      method: 'get',
      path: '/v1/rubrics/templates',
      summary: 'The built-in rubric templates, at the version a new session would pin',
      tags: ['feedback'],
      security: ['apiKey'],
      responses: { 200: { description: 'Templates', schema: F.RubricTemplates }, 401: common[401], 429: common[429] },
    },
    (_req, res) => {
      res.json(RUBRIC_TEMPLATE_IDS.map(rubricTemplate));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/feedback',
      summary: "The caller's own feedback (interviewers and observers) and the session's rubric",
      tags: ['feedback'],
      security: ['participantToken'],
      roles: ['interviewer', 'observer'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'Own feedback and rubric', schema: F.OwnFeedback }, ...common },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json(await feedback.own(await ctx.sessions.forCaller(params.id, caller), caller));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/v1/sessions/:id/feedback/draft',
      summary: "Save the caller's feedback draft (replaces the previous draft)",
      tags: ['feedback'],
      security: ['participantToken'],
      roles: ['interviewer', 'observer'],
      params: S.SessionIdParams,
      body: F.FeedbackContent,
      responses: {
        200: { description: 'The saved draft', schema: F.Feedback },
        409: problem('The feedback was already submitted and is final'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      res.json(await feedback.saveDraft(await ctx.sessions.forCaller(params.id, caller), caller, body));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/feedback',
      summary: "Submit the caller's feedback; final. Repeating the same submission is harmless",
      tags: ['feedback'],
      security: ['participantToken'],
      roles: ['interviewer', 'observer'],
      params: S.SessionIdParams,
      body: F.FeedbackContent,
      responses: {
        201: { description: 'Submitted', schema: F.Feedback },
        200: { description: 'The same feedback had already been submitted', schema: F.Feedback },
        409: problem('Different feedback was already submitted and is final'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      const { feedback: submitted, replayed } = await feedback.submit(await ctx.sessions.forCaller(params.id, caller), caller, body);
      res.status(replayed ? 200 : 201).json(submitted);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/scorecard',
      summary: "Everyone's submitted feedback combined, with disagreement flags and the private notes (host or interviewer)",
      tags: ['feedback'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'The scorecard', schema: F.Scorecard }, ...common },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json(await feedback.scorecard(await ctx.sessions.forCaller(params.id, caller), caller));
    },
  );
}
