import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import * as S from '../schemas/common.js';
import * as I from '../schemas/integrity.js';

const problem = problemResponse;
const common = { ...COMMON_PROBLEMS, 404: problem('No such session') };

/** Integrity signals, disclosed (see `integrity/signals.ts`): the candidate's consent and signals; the interviewers' and host's read. */
export function registerIntegrityRoutes(api: Api, ctx: AppContext): void {
  const { integrity } = ctx;

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/consent',
      summary: "Whether the session records integrity signals, and the candidate's consent if given",
      tags: ['integrity'],
      security: ['participantToken'],
      roles: ['candidate'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'The setting and the consent', schema: I.ConsentState }, 403: problem('Candidates only'), ...common },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json(await integrity.consentState(await ctx.sessions.forCaller(params.id, caller), caller));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/consent',
      summary: 'The candidate consents to the integrity disclosure; recording starts after it. Repeating it keeps the first consent',
      tags: ['integrity'],
      security: ['participantToken'],
      roles: ['candidate'],
      params: S.SessionIdParams,
      body: I.ConsentRequest,
      responses: {
        201: { description: 'Consent stored', schema: I.IntegrityConsent },
        200: { description: 'Consent had already been given', schema: I.IntegrityConsent },
        403: problem('Candidates only'),
        409: problem('The session records nothing, or has ended'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      const { consent, created } = await integrity.consent(await ctx.sessions.forCaller(params.id, caller), caller, body.textVersion);
      res.status(created ? 201 : 200).json(consent);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/signals',
      summary: "The candidate's browser reports a batch of integrity signals; the server stamps their time",
      tags: ['integrity'],
      security: ['participantToken'],
      roles: ['candidate'],
      params: S.SessionIdParams,
      body: I.SignalBatch,
      responses: {
        202: { description: 'Recorded', schema: I.RecordedSignals },
        403: problem('Candidates only'),
        409: problem('The session records nothing, has ended, holds its most signals, or the candidate has not consented'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      res.status(202).json({ recorded: await integrity.record(await ctx.sessions.forCaller(params.id, caller), caller, body.signals) });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/signals',
      summary: "The session's integrity signals and consents, oldest first (host or interviewer); signals, not verdicts",
      tags: ['integrity'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'Signals', schema: I.IntegritySignals }, 403: problem('Candidates and observers never'), ...common },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json(await integrity.list(await ctx.sessions.forCaller(params.id, caller), caller));
    },
  );
}
