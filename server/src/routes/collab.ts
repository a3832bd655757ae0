import { canEdit, isPrivileged } from '@interview-kit/core/protocol';
import { z } from 'zod';
import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import { SIGNALING_PATH, SYNC_PATH } from '../collab/endpoints.js';
import { documentName } from '../collab/documents.js';
import { meshSecret, meshTopic } from '../collab/mesh.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import { forbidden } from '../problem.js';
import * as S from '../schemas/common.js';

const problem = problemResponse;
const common = COMMON_PROBLEMS;

const IceServer = z
  .object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() })
  .meta({ id: 'IceServer' });

export const CollabTicket = z
  .object({
    syncUrl: z.string().describe('Path of the Yjs sync WebSocket (Hocuspocus protocol); authenticate with the participant token'),
    documents: z.object({
      shared: z.string().describe('Name of the shared code document'),
      private: z.string().nullable().describe("Name of the interviewers' private document; null for other roles"),
    }),
    readOnly: z.boolean().describe('Whether the server refuses this participant’s edits (observers, ended sessions)'),
    ticket: z.string().nullable().describe('One-time signaling ticket; null when the participant does not join the peer-to-peer mesh'),
    expiresAt: z.iso.datetime().nullable(),
    signalingUrl: z.string().nullable().describe('Path and query of the y-webrtc signaling WebSocket, ticket included'),
    roomName: z.string().nullable(),
    roomSecret: z.string().nullable().describe('y-webrtc password: encrypts signaling so that the server cannot read it'),
    iceServers: z.array(IceServer),
    snapshot: z
      .string()
      .nullable()
      .describe(
        "The shared document's state when the ticket was issued (a Yjs update, v1 encoding, base64), so that the code can show before the sync socket is in; null when not asked for (`snapshot=false`), when the document is larger than 256 KiB, or when the server holds too many documents for tickets at once",
      ),
  })
  .meta({ id: 'CollabTicket' });

export const CollabTicketQuery = z.strictObject({
  snapshot: z
    .enum(['true', 'false'])
    .default('true')
    .describe(
      'Whether to answer the shared document (`snapshot`); default true. A client that holds the document already (a fresh signaling ticket, edits allowed once the interview went live) asks `false`: the server then neither encodes the document nor loads it',
    ),
});

export const TimelineEntry = z
  .object({
    seq: z.number().int(),
    author: z.string().nullable().describe('Participant id; null for what the server wrote (the starter code, run records, the session lifecycle)'),
    at: z.iso.datetime(),
    update: z.string().describe('The Yjs update (v1 encoding), base64'),
  })
  .meta({ id: 'TimelineEntry' });

export const Timeline = z
  .object({ document: z.string(), updates: z.array(TimelineEntry) })
  .meta({ id: 'Timeline' });

/** HTTP routes of the collaboration layer: joining (tickets) and the replay timeline. */
export function registerCollabRoutes(api: Api, ctx: AppContext): void {
  const { tickets, settings, store, snapshots } = ctx.collab;

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/collab-ticket',
      summary: 'Everything a participant needs to join the collaborative documents (sync and peer-to-peer)',
      tags: ['collaboration'],
      security: ['participantToken'],
      params: S.SessionIdParams,
      query: CollabTicketQuery,
      responses: { 200: { description: 'Join details', schema: CollabTicket }, 404: problem('No such session'), ...common },
    },
    async (_req, res, { params, query }) => {
      const caller = callerOf(res);
      if (caller.kind !== 'participant') throw forbidden('collaboration tickets are issued to participants only');
      const { sub, role } = caller.claims;
      // Opening the room is joining the interview: it may start it (the session's autoStart).
      const session = await ctx.lifecycle.join(await ctx.sessions.forCaller(params.id, caller), sub, await ctx.collab.present(params.id));
      const readOnly = !canEdit(role) || session.status !== 'live';
      // Read-only participants sync from the server only: they never join the mesh, so a forged
      // read-only client has no channel to push edits to peers.
      const shared = documentName(session.id, 'shared');
      const [peer, snapshot] = await Promise.all([
        readOnly ? undefined : tickets.issue({ sessionId: session.id, participantId: sub, role }),
        query.snapshot === 'true' ? snapshots.snapshot(shared) : undefined,
      ]);
      res.json({
        syncUrl: SYNC_PATH,
        documents: { shared, private: isPrivileged(role) ? documentName(session.id, 'private') : null },
        readOnly,
        ticket: peer?.ticket ?? null,
        expiresAt: peer ? new Date(peer.expiresAt).toISOString() : null,
        signalingUrl: peer ? `${SIGNALING_PATH}?ticket=${peer.ticket}` : null,
        roomName: peer ? meshTopic(session.id) : null,
        roomSecret: peer ? meshSecret(ctx.config.jwtSecret, session.id) : null,
        iceServers: peer ? settings.iceServers : [],
        snapshot: snapshot ? Buffer.from(snapshot).toString('base64') : null,
      } satisfies z.input<typeof CollabTicket>);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/timeline',
      summary: "The shared code document's update log, timestamped, for replay",
      tags: ['collaboration'],
      security: ['apiKey', 'participantToken'],
      roles: ['interviewer'],
      params: S.SessionIdParams,
      responses: {
        200: { description: 'Every update, oldest first', schema: Timeline },
        403: problem('Only interviewers and the host may replay'),
        404: problem('No such session'),
        ...common,
      },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      const session = await ctx.sessions.forCaller(params.id, caller);
      if (caller.kind === 'participant' && !isPrivileged(caller.claims.role)) {
        throw forbidden(`a ${caller.claims.role} cannot replay the session`);
      }
      const document = documentName(session.id, 'shared');
      const updates = await store.timeline(document);
      res.json({
        document,
        updates: updates.map((u) => ({ seq: u.seq, author: u.author, at: u.createdAt, update: Buffer.from(u.update).toString('base64') })),
      } satisfies z.input<typeof Timeline>);
    },
  );
}
