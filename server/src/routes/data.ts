import type { Response } from 'express';
import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import { auditContextOf } from '../audit/http-trail.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import * as S from '../schemas/common.js';
import * as D from '../schemas/data-lifecycle.js';
import { HOST_ONLY, hostTenant } from './host-only.js';
import { SEALED_TABLES, scheduleReEncryption } from '../data-lifecycle/re-encryption.js';
import { conflict } from '../problem.js';

const common = { ...COMMON_PROBLEMS, 403: problemResponse('Only a host API key may do this') };
const archive = { description: 'A gzip-compressed tar archive (layout: docs/data-lifecycle.md)', schema: D.ArchiveBody, contentType: 'application/gzip' };
const gone = problemResponse('The session was erased');

/** Candidate data on request: export and erasure of a session or of a data subject, and the tenant's retention policy. */
export function registerDataRoutes(api: Api, ctx: AppContext): void {
  const { data } = ctx;
  const base = { tags: ['data'], ...HOST_ONLY };

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/export',
      summary: 'Everything held about the session as one .tar.gz: session, participants, code at the end and at each run, timeline, runs, scores, feedback, notes, reports, events, webhook deliveries, audit entries',
      ...base,
      params: S.SessionIdParams,
      responses: { 200: archive, 404: problemResponse('No such session'), 410: gone, ...common },
    },
    async (_req, res, { params }) => {
      hostTenant(res);
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      sendArchive(res, `interview-session-${session.id}`, await data.exporter.archive(session));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/v1/sessions/:id',
      summary:
        'Erase the session and everything held about it (code history, runs, feedback, notes, scores, reports, events, webhook deliveries, jobs) in one ' +
        'transaction, close its open connections, and leave a tombstone; sends `session.erased`. Idempotent: erasing again answers the same tombstone',
      ...base,
      params: S.SessionIdParams,
      responses: { 200: { description: 'The tombstone', schema: D.Tombstone }, 404: problemResponse('No such session'), ...common },
    },
    async (req, res, { params }) => {
      const { tombstone } = await data.eraser.erase(hostTenant(res), params.id, auditContextOf(req, res), 'request');
      res.json(tombstone);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/data-subjects/export',
      summary: "Everything held about a candidate (by participant id) or about the sessions with the host's externalId, across the tenant's sessions, as one .tar.gz",
      ...base,
      body: D.DataSubjectRequest,
      responses: { 200: archive, 404: problemResponse('No session is about this data subject'), ...common },
    },
    async (_req, res, { body }) => {
      sendArchive(res, 'interview-data-subject', await data.subjects.export(hostTenant(res), body));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/data-subjects/erase',
      summary: "Erase every session of the tenant about a candidate (by participant id) or with the host's externalId, as DELETE /v1/sessions/:id does",
      ...base,
      body: D.DataSubjectRequest,
      responses: { 200: { description: 'The sessions erased', schema: D.DataSubjectErasure }, ...common },
    },
    async (req, res, { body }) => {
      res.json({ erased: await data.subjects.erase(hostTenant(res), body, auditContextOf(req, res)) });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/settings/retention',
      summary: "The tenant's retention policy: days to keep each kind of data after a session ended (null: kept)",
      ...base,
      responses: { 200: { description: 'The policy', schema: D.RetentionPolicy }, ...common },
    },
    async (_req, res) => {
      res.json(await data.retention.policy(hostTenant(res)));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/v1/settings/retention',
      summary: "Set the tenant's retention policy; a daily job erases what is past due",
      ...base,
      body: D.RetentionPolicyRequest,
      responses: { 200: { description: 'The policy', schema: D.RetentionPolicy }, ...common },
    },
    async (_req, res, { body }) => {
      res.json(await data.retention.setPolicy(hostTenant(res), body));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/settings/encryption/rotate',
      summary:
        'Queue a pass that rewrites every sealed value (code, notes, feedback) under the current DATA_ENCRYPTION_KEY; once it is done, old keys can leave DATA_ENCRYPTION_OLD_KEYS',
      ...base,
      responses: {
        202: { description: 'The pass is queued; its progress is logged per batch', schema: D.ReEncryptionQueued },
        409: problemResponse('DATA_ENCRYPTION_KEY is not set'),
        ...common,
      },
    },
    async (_req, res) => {
      const tenantId = hostTenant(res);
      const keyId = ctx.encryption.cipher.currentKeyId;
      if (keyId === undefined) throw conflict('DATA_ENCRYPTION_KEY is not set: there is no key to re-encrypt under');
      const jobKey = await scheduleReEncryption(ctx.db, tenantId, keyId, new Date());
      ctx.jobs.wake();
      res.status(202).json({ jobKey, keyId, tables: SEALED_TABLES });
    },
  );
}

function sendArchive(res: Response, name: string, body: Buffer): void {
  res
    .set({ 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.tar.gz"` })
    .type('application/gzip')
    .send(body);
}
