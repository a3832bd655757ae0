import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import * as C from '../schemas/chat.js';
import * as S from '../schemas/common.js';

const problem = problemResponse;
const common = { ...COMMON_PROBLEMS, 404: problem('No such session') };

/** The session's text chat (see `chat/session-chat.ts`): participants write, participants and the host read. */
export function registerChatRoutes(api: Api, ctx: AppContext): void {
  const { chat } = ctx;

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/chat',
      summary:
        "A participant's chat message (candidate, interviewer or observer; in the lobby and while live, never after the end). " +
        "The server stamps the author's name, role and the time, stores it and appends it to the shared document's `chat` array",
      tags: ['chat'],
      security: ['participantToken'],
      params: S.SessionIdParams,
      body: C.ChatMessageRequest,
      responses: {
        201: { description: 'Stored and shared', schema: C.ChatMessage },
        403: problem('Participants only'),
        409: problem('The session has ended or was cancelled, or its chat holds its most messages (CHAT_MAX_MESSAGES)'),
        ...common,
        429: problem('Too many messages from this participant (CHAT_RATE_LIMIT_PER_PARTICIPANT a minute), or from this address; see Retry-After'),
      },
    },
    async (_req, res, { params, body }) => {
      const caller = callerOf(res);
      res.status(201).json(await chat.post(await ctx.sessions.forCaller(params.id, caller), caller, body.text));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/chat',
      summary: "The session's chat messages, oldest first, one page at a time (its participants and the host)",
      tags: ['chat'],
      security: ['apiKey', 'participantToken'],
      params: S.SessionIdParams,
      query: C.ChatPageQuery,
      responses: { 200: { description: 'A page of messages', schema: C.ChatPage }, ...common },
    },
    async (_req, res, { params, query }) => {
      const caller = callerOf(res);
      res.json(await chat.list(await ctx.sessions.forCaller(params.id, caller), query));
    },
  );
}
