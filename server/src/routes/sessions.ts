import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import { mintLiveKitToken } from '../adapters/livekit.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import { forbidden, unavailable } from '../problem.js';
import * as S from '../schemas/common.js';
import type { Caller } from '../services/caller.js';
import type { Actor } from '../services/lifecycle.js';
import type { SessionRecord } from '../services/session-record.js';
import { summaryOf, viewFor } from '../services/session-views.js';
import { notScheduled } from '../services/sessions.js';

const problem = problemResponse;
const common = COMMON_PROBLEMS;

const videoProvider = (ctx: AppContext) => (ctx.config.livekit ? 'livekit' : 'peer-to-peer');

/** The session as `caller` may see it, with its plan of questions. */
const viewOf = async (ctx: AppContext, session: SessionRecord, caller: Caller) =>
  viewFor(session, caller, videoProvider(ctx), await ctx.bank.sessionQuestions.planOf(session));

export function registerSessionRoutes(api: Api, ctx: AppContext): void {
  api.route(
    {
      method: 'post',
      path: '/v1/sessions',
      summary:
        'Create an interview session (scheduled) and a token for each participant, with the question written inline, or a kit or ' +
        "questions of the tenant's bank (pinned to their exact versions; a kit's variants drawn at random). An `Idempotency-Key` header makes a " +
        'retried create return the same session (with fresh tokens, `Idempotent-Replayed: true`); the same key with ' +
        'another body is refused with 422.',
      tags: ['sessions'],
      security: ['apiKey'],
      headers: ['Idempotency-Key'],
      body: S.CreateSessionRequest,
      bodyExample: {
        title: 'Backend engineer, round 2',
        question: {
          prompt: 'Read two integers and print their sum.',
          language: 'python',
          starterCode: 'a, b = map(int, input().split())\n',
          tests: [{ stdin: '1 2\n', expected: '3\n' }, { stdin: '40 2\n', expected: '42\n', hidden: true }],
        },
        participants: [
          { id: 'cand-1', name: 'Ada Candidate', role: 'candidate' },
          { id: 'int-1', name: 'Grace Interviewer', role: 'interviewer' },
        ],
        durationMinutes: 60,
      },
      responses: {
        201: {
          description: 'Created',
          schema: S.CreateSessionResponse,
          headers: ['Location'],
          example: {
            id: '0b6f1d9e-5a7c-4c8e-9f21-6d3e2a1b7c40',
            participants: [
              { id: 'cand-1', role: 'candidate', token: 'eyJhbGciOiJIUzI1NiJ9.…', expiresAt: '2026-05-04T10:15:00.000Z' },
              { id: 'int-1', role: 'interviewer', token: 'eyJhbGciOiJIUzI1NiJ9.…', expiresAt: '2026-05-04T10:15:00.000Z' },
            ],
          },
        },
        200: {
          description: 'The session an earlier request with this Idempotency-Key created',
          schema: S.CreateSessionResponse,
          headers: ['Location', 'Idempotent-Replayed'],
        },
        409: problem('Another session of this tenant has this externalId (the detail names it)'),
        422: problem('The Idempotency-Key was used for a different request, or the kit or questions cannot make a session (unknown, not published, no coding question, no such language)'),
        ...common,
      },
    },
    async (req, res, { body }) => {
      const caller = callerOf(res);
      if (caller.kind !== 'host') throw forbidden('only a host API key can create sessions');
      const key = req.get('idempotency-key');
      const plan = body.question === undefined ? () => ctx.bank.planner.plan(caller.tenantId, body) : undefined;
      const { created, replayed } = await ctx.sessions.create(caller.tenantId, body, { ...(key === undefined ? {} : { idempotencyKey: key }), ...(plan ? { plan } : {}) });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.status(replayed ? 200 : 201).location(`/v1/sessions/${created.id}`).json(created);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions',
      summary: "The tenant's sessions, newest first, filtered; one page at a time (`limit`, `cursor`)",
      tags: ['sessions'],
      security: ['apiKey'],
      query: S.ListSessionsQuery,
      responses: { 200: { description: 'One page of sessions', schema: S.SessionList }, ...common },
    },
    async (_req, res, { query }) => {
      const caller = callerOf(res);
      if (caller.kind !== 'host') throw forbidden('only a host API key can list sessions');
      res.json(await ctx.sessions.list(caller.tenantId, query));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/v1/sessions/:id',
      summary: "Change a scheduled session's title, schedule, duration, metadata or participants' names and extra time",
      tags: ['sessions'],
      security: ['apiKey'],
      params: S.SessionIdParams,
      body: S.UpdateSessionRequest,
      responses: {
        200: { description: 'The changed session', schema: S.SessionSummary },
        404: problem('No such session'),
        409: problem('The session is no longer scheduled (the detail names its state)'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      if (session.status !== 'scheduled') throw notScheduled(session.id, session.status);
      res.json(summaryOf(await ctx.sessions.update(session, body)));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id',
      summary:
        'The session as the caller may see it, with its plan of questions: interviewers and the host get every question with its guide, ' +
        'indicators and anchors; candidates and observers only the questions reached so far, never hidden tests, guides, indicators or solutions',
      tags: ['sessions'],
      security: ['apiKey', 'participantToken'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'The session', schema: S.SessionView }, 404: problem('No such session'), ...common },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json(await viewOf(ctx, await ctx.sessions.forCaller(params.id, caller), caller));
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

  const transition = (
    path: 'start' | 'end' | 'cancel',
    summary: string,
    change: (session: Awaited<ReturnType<typeof ctx.sessions.forCaller>>, actor: Actor) => ReturnType<typeof ctx.lifecycle.start>,
  ) =>
    api.route(
      {
        method: 'post',
        path: `/v1/sessions/:id/${path}`,
        summary,
        tags: ['sessions'],
        security: ['apiKey', 'participantToken'],
        roles: ['interviewer'],
        params: S.SessionIdParams,
        responses: {
          200: { description: 'The session after the change', schema: S.SessionView },
          403: problem('The role may not do this (only interviewers and the host may)'),
          404: problem('No such session'),
          409: problem('The session is in a state this change cannot leave (the detail names it)'),
          ...common,
        },
      },
      async (_req, res, { params }) => {
        const caller = callerOf(res);
        const session = await ctx.sessions.forCaller(params.id, caller);
        res.json(await viewOf(ctx, await change(session, caller), caller));
      },
    );
  transition('start', 'Start the interview: scheduled → live; the timer counts from now (host or interviewer); idempotent', (s, a) =>
    ctx.lifecycle.start(s, a),
  );
  transition('end', 'End the interview: live → ended (host or interviewer); idempotent', (s, a) => ctx.lifecycle.end(s, a));
  transition('cancel', 'Cancel a scheduled interview: its links stop working (host or interviewer); idempotent', (s, a) =>
    ctx.lifecycle.cancel(s, a),
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/extend',
      summary: 'Add minutes to a scheduled or live interview (host or interviewer)',
      tags: ['sessions'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      body: S.ExtendSessionRequest,
      responses: {
        200: { description: 'The session with its new end time', schema: S.SessionView },
        403: problem('The role may not add time'),
        404: problem('No such session'),
        409: problem('The session is over'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      const session = await ctx.sessions.forCaller(params.id, caller);
      res.json(await viewOf(ctx, await ctx.lifecycle.extend(session, caller, body.minutes), caller));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/question',
      summary:
        "Move the interview to the question at `index` of its plan (host or interviewer; while scheduled or live). Every open room follows " +
        "through the shared document's `Y.Map('session')`; a coding question gets its own shared code, seeded with its starter code, and runs use its tests",
      tags: ['sessions'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      body: S.MoveQuestionRequest,
      responses: {
        200: { description: 'The session at its new question', schema: S.SessionView },
        403: problem('The role may not change the question (only interviewers and the host may)'),
        404: problem('No such session'),
        409: problem('The session is over'),
        422: problem('The plan has no question at that index'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      const session = await ctx.sessions.forCaller(params.id, caller);
      res.json(await viewOf(ctx, await ctx.bank.sessionQuestions.move(session, caller, body.index), caller));
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
