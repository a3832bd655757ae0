import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import { mintLiveKitToken } from '../adapters/livekit.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import { forbidden, unavailable } from '../problem.js';
import * as S from '../schemas.js';
import { viewFor } from '../services/sessions.js';

const problem = problemResponse;
const common = COMMON_PROBLEMS;

const videoProvider = (ctx: AppContext) => (ctx.config.livekit ? 'livekit' : 'peer-to-peer');

export function registerSessionRoutes(api: Api, ctx: AppContext): void {
  api.route(
    {
      method: 'post',
      path: '/v1/sessions',
      summary: 'Create an interview session and a token for each participant',
      tags: ['sessions'],
      security: ['apiKey'],
      body: S.CreateSessionRequest,
      responses: { 201: { description: 'Created', schema: S.CreateSessionResponse }, ...common },
    },
    async (_req, res, { body }) => {
      const caller = callerOf(res);
      if (caller.kind !== 'host') throw forbidden('only a host API key can create sessions');
      const created = await ctx.sessions.create(caller.tenantId, body);
      res.status(201).location(`/v1/sessions/${created.id}`).json(created);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id',
      summary: 'The session as the caller may see it (candidates never see hidden tests)',
      tags: ['sessions'],
      security: ['apiKey', 'participantToken'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'The session', schema: S.SessionView }, 404: problem('No such session'), ...common },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json(viewFor(await ctx.sessions.forCaller(params.id, caller), caller, videoProvider(ctx)));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/tokens',
      summary: 'Issue a fresh participant token (what a host token provider calls)',
      tags: ['sessions'],
      security: ['apiKey'],
      params: S.SessionIdParams,
      body: S.IssueTokenRequest,
      responses: { 200: { description: 'A new token', schema: S.IssuedToken }, 404: problem('No such session or participant'), ...common },
    },
    async (_req, res, { params, body }) => {
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      res.json(await ctx.sessions.issueToken(session, body.participantId));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/end',
      summary: 'End the session (host or interviewer); idempotent',
      tags: ['sessions'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: {
        200: { description: 'The ended session', schema: S.SessionView },
        403: problem('The role may not end the session'),
        404: problem('No such session'),
        ...common,
      },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      const session = await ctx.sessions.forCaller(params.id, caller);
      res.json(viewFor(await ctx.sessions.end(session, caller), caller, videoProvider(ctx)));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/livekit-token',
      summary: "A LiveKit token with exactly the grants of the participant's role",
      tags: ['media'],
      security: ['participantToken'],
      params: S.SessionIdParams,
      responses: {
        200: { description: 'LiveKit URL and token', schema: S.LiveKitTokenResponse },
        503: problem('LiveKit is not configured on this server'),
        ...common,
      },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      await ctx.sessions.forCaller(params.id, caller);
      if (caller.kind !== 'participant') throw forbidden('LiveKit tokens are issued to participants only');
      const livekit = ctx.config.livekit;
      if (!livekit) {
        throw unavailable('LiveKit is not configured: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET on the server');
      }
      const { sub, name, role } = caller.claims;
      const token = await mintLiveKitToken(livekit, { sessionId: params.id, participantId: sub, name, role });
      res.json({ url: livekit.url, token });
    },
  );
}
