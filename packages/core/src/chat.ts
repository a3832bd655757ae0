/**
 * The session's text chat: its wire shapes and limits, shared by the server (which writes every
 * message) and the browsers (which read them from the shared document).
 *
 * @module
 */
import type { Role } from './protocol.js';

/** The name of the server-owned `Y.Array` of chat messages in the shared document. */
export const SHARED_CHAT = 'chat';

/** The most characters one message holds (after trimming). */
export const CHAT_MAX_CHARS = 2000;

/**
 * One chat message as every participant sees it, in the shared document's `chat` array and in
 * `GET /v1/sessions/:id/chat`. The server writes it: the author's name and role come from their
 * token's participant, the time from the server's clock, never from the client.
 */
export interface ChatMessage {
  id: string;
  participantId: string;
  name: string;
  role: Role;
  text: string;
  /** ISO 8601, the server's time. */
  at: string;
}

/** `POST /v1/sessions/:id/chat`. */
export interface ChatMessageRequest {
  /** Trimmed by the server; 1 to {@link CHAT_MAX_CHARS} characters. */
  text: string;
}

/** `GET /v1/sessions/:id/chat`: a page of messages, oldest first. */
export interface ChatPage {
  messages: ChatMessage[];
  /** Pass as `cursor` for the next page; `null` on the last. */
  nextCursor: string | null;
}

/** The text a message is stored and shown with: trimmed; `undefined` when empty or too long. */
export function chatTextOf(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length >= 1 && trimmed.length <= CHAT_MAX_CHARS ? trimmed : undefined;
}
