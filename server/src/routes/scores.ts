import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import { notFound } from '../problem.js';
import * as S from '../schemas/common.js';
import { Score } from '../schemas/scores.js';

const common = {
  ...COMMON_PROBLEMS,
  403: problemResponse('Only the host and interviewers may see scores'),
  404: problemResponse('No such session'),
};

/** The automatic score of a session's final code: reading it and asking for it. */
export function registerScoreRoutes(api: Api, ctx: AppContext): void {
  const { scores } = ctx;

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/score',
      summary: "The latest automatic score of the session's final code, every test included (host or interviewer)",
      tags: ['scoring'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: {
        200: { description: 'The score: pending while it runs, then done (or failed, with the reason)', schema: Score },
        ...common,
        404: problemResponse('No such session, or it was never scored (POST to score it)'),
      },
    },
    async (_req, res, { params }) => {
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      const score = await scores.latest(session.id);
      if (!score) throw notFound(`session ${session.id} has not been scored yet; POST /v1/sessions/${session.id}/score scores it`);
      res.json(score);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/score',
      summary:
        "Score the session's final code against every test, visible and hidden, in the sandbox (host or interviewer). " +
        'The same code, question and language are scored once: asking again returns that score',
      tags: ['scoring'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: {
        200: { description: 'This code was scored already: the score, done or failed', schema: Score },
        202: { description: 'Scoring runs: the pending score; GET the score (Location) until it is done', schema: Score, headers: ['Location'] },
        ...common,
      },
    },
    async (_req, res, { params }) => {
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      const score = await scores.start(session.id);
      if (score.status === 'pending') res.status(202).set('Location', `/v1/sessions/${encodeURIComponent(session.id)}/score`);
      res.json(score);
    },
  );
}
