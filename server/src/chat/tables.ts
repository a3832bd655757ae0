import type { Role } from '@interview-kit/core/protocol';

/** Rows of the session chat (migration `0016-chat.ts`). */
declare module '../adapters/db/schema.js' {
  interface Database {
    /** One chat message; `text` is sealed at rest when `DATA_ENCRYPTION_KEY` is set (see `chatContext`). */
    chat_messages: {
      id: string;
      session_id: string;
      /** Its place in the session's chat: 1, 2, 3, … */
      seq: number;
      participant_id: string;
      role: Role;
      text: string;
      created_at: string;
    };
  }
}

export {};
