import { z } from 'zod';
import { CHAT_MAX_CHARS } from '@interview-kit/core/chat';
import { Role } from './common.js';

export const ChatMessageRequest = z
  .strictObject({ text: z.string().trim().min(1).max(CHAT_MAX_CHARS).describe(`The message; trimmed, then 1 to ${CHAT_MAX_CHARS} characters`) })
  .meta({ id: 'ChatMessageRequest' });

export const ChatMessage = z
  .object({
    id: z.string(),
    participantId: z.string(),
    name: z.string().describe("The author's name, from the session's participant"),
    role: Role,
    text: z.string(),
    at: z.iso.datetime().describe("The server's time"),
  })
  .meta({ id: 'ChatMessage', description: "A chat message, as the server stamped it: name, role and time are the server's, never the client's" });

export const ChatPage = z
  .object({ messages: z.array(ChatMessage), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last') })
  .meta({ id: 'ChatPage' });

export const ChatPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size, at most 500'),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});
