import { CONSOLE_PATH, type ConsoleTicket as ConsoleTicketWire } from '@interview-kit/core/console/protocol';
import { z } from 'zod';
import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import { forbidden } from '../problem.js';
import * as S from '../schemas/common.js';

export const ConsoleTicket = z
  .object({
    ticket: z.string().describe('One-time ticket (192 random bits); valid once, within expiresAt'),
    expiresAt: z.iso.datetime(),
    url: z.string().describe('Path and query of the console WebSocket (/v1/runs/interactive), ticket included'),
  })
  .meta({ id: 'ConsoleTicket' });

/** The ticket route of the interactive console; the WebSocket itself is attached in `collab/endpoints.ts`. */
export function registerConsoleRoutes(api: Api, ctx: AppContext): void {
  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/console-tickets',
      summary: "A one-time ticket for the session's interactive console (WebSocket /v1/runs/interactive)",
      tags: ['runs'],
      security: ['participantToken'],
      roles: ['candidate', 'interviewer'],
      params: S.SessionIdParams,
      responses: {
        201: {
          description:
            'The ticket. Every participant connected sees the same run and its transcript; candidates and interviewers may ' +
            'type unless an interviewer locked input. Frames: the AsyncAPI document and docs/protocol.md',
          schema: ConsoleTicket,
        },
        403: problem('Observers watch and do not get a console'),
        404: problem('No such session'),
        ...common,
      },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      if (caller.kind !== 'participant') throw forbidden('console tickets are issued to participants only');
      const session = await ctx.sessions.forCaller(params.id, caller);
      const { ticket, expiresAt } = await ctx.collab.consoleTickets.issue({ sessionId: session.id, participantId: caller.claims.sub, role: caller.claims.role });
      res.status(201).json({
        ticket,
        expiresAt: new Date(expiresAt).toISOString(),
        url: `${CONSOLE_PATH}?ticket=${ticket}`,
      } satisfies z.input<typeof ConsoleTicket> & ConsoleTicketWire);
    },
  );
}

const problem = problemResponse;
const common = COMMON_PROBLEMS;
