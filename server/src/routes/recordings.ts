import express from 'express';
import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import { notFound } from '../problem.js';
import { PLAYBACK_PATH } from '../recordings/playback-links.js';
import { sendMedia } from '../recordings/playback.js';
import * as S from '../schemas/common.js';
import * as R from '../schemas/recordings.js';

const problem = problemResponse;
const common = { ...COMMON_PROBLEMS, 404: problem('No such session') };

/** Recordings of the call (see `recordings/recordings.ts`): consent, chunked uploads, playback. */
export function registerRecordingRoutes(api: Api, ctx: AppContext): void {
  const { recordings } = ctx;

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/recording-consent',
      summary: 'What the session records of the call, and which participants have consented (recording begins once all have)',
      tags: ['recordings'],
      security: ['apiKey', 'participantToken'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'The setting and the consents', schema: R.RecordingConsentState }, ...common },
    },
    async (_req, res, { params }) => {
      res.json(await recordings.consentState(await ctx.sessions.forCaller(params.id, callerOf(res))));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/recording-consent',
      summary: 'The calling participant consents to the recording; repeating it keeps the first consent',
      tags: ['recordings'],
      security: ['participantToken'],
      params: S.SessionIdParams,
      body: R.RecordingConsentRequest,
      responses: {
        201: { description: 'Consent stored', schema: R.RecordingConsent },
        200: { description: 'Consent had already been given', schema: R.RecordingConsent },
        409: problem('The session records nothing, or is over'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      const { consent, created } = await recordings.consent(await ctx.sessions.forCaller(params.id, caller), caller, body.textVersion);
      res.status(created ? 201 : 200).json(consent);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/recordings',
      summary: "Begins a recording of the calling participant's own tracks (once everyone has consented, while the session is live)",
      tags: ['recordings'],
      security: ['participantToken'],
      params: S.SessionIdParams,
      body: R.BeginRecordingRequest,
      responses: {
        201: { description: 'The recording; upload chunk 0 next', schema: R.Recording },
        409: problem('The session records nothing, is not live, or not everyone has consented'),
        ...common,
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      res.status(201).json(await recordings.begin(await ctx.sessions.forCaller(params.id, caller), caller, body.mimeType));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/recordings',
      summary: "The session's recordings with time-limited playback links (interviewers and the host)",
      tags: ['recordings'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'Recordings, oldest first', schema: R.Recordings }, 403: problem('Interviewers and the host only'), ...common },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json({ recordings: await recordings.list(await ctx.sessions.forCaller(params.id, caller), caller) });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/recordings/:recordingId',
      summary: "Where the calling participant's recording stands: the chunk to upload next (to resume)",
      tags: ['recordings'],
      security: ['participantToken'],
      params: R.RecordingParams,
      responses: { 200: { description: 'The recording', schema: R.Recording }, 404: problem('No such recording of yours'), ...COMMON_PROBLEMS },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      res.json(await recordings.state(await ctx.sessions.forCaller(params.id, caller), caller, params.recordingId));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/v1/sessions/:id/recordings/:recordingId/chunks/:seq',
      summary: 'Uploads chunk `seq` of the calling participant\'s recording; acknowledged once stored. Repeating a stored chunk is acknowledged again',
      tags: ['recordings'],
      security: ['participantToken'],
      params: R.ChunkParams,
      rawBody: { contentType: 'application/octet-stream', description: "The chunk's bytes, as MediaRecorder gave them (any Content-Type)" },
      responses: {
        201: { description: 'Stored', schema: R.Recording },
        200: { description: 'Stored already (a repeat)', schema: R.Recording },
        404: problem('No such recording of yours'),
        409: problem('Out of order (the problem carries `nextSeq`), not everyone has consented, or the session is over'),
        413: problem('The chunk, or the recording, is too large'),
        ...COMMON_PROBLEMS,
      },
    },
    express.raw({ type: () => true, limit: ctx.recordings.settings.chunkMaxBytes }),
    async (req, res, { params }) => {
      const caller = callerOf(res);
      const chunk = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { stored, recording } = await recordings.append(await ctx.sessions.forCaller(params.id, caller), caller, params.recordingId, params.seq, chunk);
      res.status(stored ? 201 : 200).json(recording);
    },
  );

  api.route(
    {
      method: 'get',
      path: `${PLAYBACK_PATH}/:token`,
      summary: "A recording's media through a time-limited playback link (from GET /v1/sessions/:id/recordings); Range requests supported",
      tags: ['recordings'],
      security: [],
      params: R.PlaybackParams,
      responses: {
        200: { description: 'The media', contentType: 'video/webm' },
        206: { description: 'The range asked for', contentType: 'video/webm' },
        401: problem('The link was changed or has expired'),
        404: problem('The recording is gone'),
        416: problem('The range is past the end'),
      },
    },
    async (req, res, { params }) => {
      const source = await recordings.forPlayback(ctx.playbackLinks.verify(params.token));
      if (!source) throw notFound('the recording is gone');
      await sendMedia(req, res, source);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/transcript',
      summary: "The transcript of the session's recordings, speakers known (interviewers and the host)",
      tags: ['recordings'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'The transcript', schema: R.Transcript }, 403: problem('Interviewers and the host only'), ...common },
    },
    async (_req, res, { params }) => {
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      res.json(await ctx.transcriber.transcript(session.id));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/assistant',
      summary: "The assistant's draft review for interviewers: a summary and, per competency, a suggested rating with evidence. Labelled as a model's draft; it never fills in feedback",
      tags: ['recordings'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: { 200: { description: 'The draft, or where it stands', schema: R.AssistantDraft }, 403: problem('Interviewers and the host only'), ...common },
    },
    async (_req, res, { params }) => {
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      const draft = await ctx.assistant.stored(session.id);
      res.json(draft ? { status: 'ready', draft } : { status: ctx.assistant.enabled ? 'pending' : 'off' });
    },
  );
}
