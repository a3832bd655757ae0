import { randomUUID } from 'node:crypto';
import { chatTextOf, CHAT_MAX_CHARS, type ChatMessage, type ChatPage } from '@interview-kit/core/chat';
import { sharedChatOf } from '@interview-kit/core/collab/structure';
import { NO_ENCRYPTION, type FieldCipher, type FieldContext } from '../adapters/crypto/field-cipher.js';
import type { Db } from '../adapters/db/database.js';
import { isUniqueViolation } from '../adapters/db/unique-violation.js';
import { SerialQueues } from '../collab/serial-queues.js';
import { changeAsFreshClient, type ServerOwnedWriter } from '../collab/server-owned-writer.js';
import { seqCursorOf, seqOfCursor } from '../pagination.js';
import { badRequest, conflict, forbidden, HttpProblem, PROBLEM_TYPES, tooManyRequests } from '../problem.js';
import type { Caller } from '../services/caller.js';
import type { RateLimit } from '../services/rate-limiter.js';
import type { SessionRecord } from '../services/session-record.js';
import './tables.js';

/** The most messages a session's chat holds unless `CHAT_MAX_MESSAGES` says otherwise. */
export const DEFAULT_CHAT_MAX_MESSAGES = 2000;

export interface SessionChatDeps {
  db: Db;
  /** Writes each message into the shared document's server-owned `chat` array. */
  writer: Pick<ServerOwnedWriter, 'write'>;
  /** Messages per participant and minute (`CHAT_RATE_LIMIT_PER_PARTICIPANT`). */
  limit: RateLimit;
  /** The most messages one session holds (`CHAT_MAX_MESSAGES`); later ones are refused. */
  maxMessages?: number;
  /** Seals the text at rest (`DATA_ENCRYPTION_KEY`). */
  cipher?: FieldCipher;
  now?: () => Date;
}

type Row = { id: string; seq: number | string; participant_id: string; role: ChatMessage['role']; text: string; created_at: string };

/** What a message's sealed text is bound to: its table, session and id. */
export const chatContext = (sessionId: string, id: string): FieldContext => ({ table: 'chat_messages', column: 'text', sessionId, row: id });

/**
 * The session's text chat. Every participant — candidate, interviewer, observer — writes while
 * the session is scheduled (its lobby) or live, nobody after it ended or was cancelled
 * ({@link post}); the server stamps the author's name and role from the session's participant
 * and the time from its clock. Each message is stored (its text sealed at rest), then appended to
 * the shared document's server-owned `Y.Array('chat')`, which every open room receives at once
 * and the replay holds on the session's timeline. Participants and the host read the stored
 * messages page by page ({@link list}).
 */
export class SessionChat {
  /** Per session, one message at a time: its place in the chat and in the shared array agree. */
  readonly #turns = new SerialQueues();
  readonly #max: number;
  readonly #now: () => Date;

  constructor(private readonly deps: SessionChatDeps) {
    this.#max = deps.maxMessages ?? DEFAULT_CHAT_MAX_MESSAGES;
    this.#now = deps.now ?? (() => new Date());
  }

  /**
   * Posts the calling participant's message; resolves once it is stored and in the shared document.
   * @throws {HttpProblem} 400 for a text empty or longer than {@link CHAT_MAX_CHARS} once trimmed;
   * 403 for the host; 409 after the end, or when the chat holds its most messages; 429 past the rate.
   */
  async post(session: SessionRecord, caller: Caller, text: string): Promise<ChatMessage> {
    if (caller.kind !== 'participant') throw forbidden('only participants write in the chat');
    const author = session.participants.find((p) => p.id === caller.claims.sub);
    if (!author) throw forbidden('this token names no participant of the session');
    const trimmed = chatTextOf(text);
    if (trimmed === undefined) throw badRequest(`a message holds 1 to ${CHAT_MAX_CHARS} characters`, [{ path: 'text', message: `1 to ${CHAT_MAX_CHARS} characters once trimmed` }]);
    if (session.status === 'ended' || session.status === 'cancelled') throw conflict(`the session is ${session.status}; its chat is read-only`);
    const { wait } = await this.deps.limit.take(`${session.id}:${author.id}`);
    if (wait > 0) throw tooManyRequests('too many chat messages; retry after the Retry-After delay', wait);
    return this.#turns.run(session.id, async () => {
      const message: ChatMessage = { id: randomUUID(), participantId: author.id, name: author.name, role: author.role, text: trimmed, at: this.#now().toISOString() };
      await this.#store(session.id, message);
      await this.deps.writer.write(session.id, (written) => changeAsFreshClient(written, () => sharedChatOf(written).push([message])));
      return message;
    });
  }

  /** A page of the session's messages, oldest first; for its participants and the host. */
  async list(session: SessionRecord, page: { limit: number; cursor?: string | undefined }): Promise<ChatPage> {
    let query = this.deps.db.selectFrom('chat_messages').selectAll().where('session_id', '=', session.id);
    if (page.cursor) query = query.where('seq', '>', seqOfCursor('chat', page.cursor));
    const rows = await query.orderBy('seq').limit(page.limit + 1).execute();
    const shown = rows.slice(0, page.limit);
    const last = shown.at(-1);
    return {
      messages: shown.map((row) => messageOf(this.deps.cipher ?? NO_ENCRYPTION, session, row)),
      nextCursor: rows.length > page.limit && last ? seqCursorOf('chat', Number(last.seq)) : null,
    };
  }

  /** Stores `message` as the session's next; a message past the cap is refused. */
  async #store(sessionId: string, message: ChatMessage): Promise<void> {
    const cipher = this.deps.cipher ?? NO_ENCRYPTION;
    // Another instance may take the same place meanwhile: then the next one.
    for (let attempt = 0; ; attempt++) {
      const row = await this.deps.db.selectFrom('chat_messages').select((eb) => eb.fn.max('seq').as('seq')).where('session_id', '=', sessionId).executeTakeFirst();
      const seq = Number(row?.seq ?? 0) + 1;
      if (seq > this.#max) throw new HttpProblem(409, `the chat holds its most messages (${this.#max})`, { type: PROBLEM_TYPES.conflict });
      try {
        await this.deps.db
          .insertInto('chat_messages')
          .values({ id: message.id, session_id: sessionId, seq, participant_id: message.participantId, role: message.role, text: cipher.sealText(message.text, chatContext(sessionId, message.id)), created_at: message.at })
          .execute();
        return;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }
}

/** Every message of the session as stored, oldest first, opened (for the export and the report). */
export async function chatOf(db: Db, cipher: FieldCipher, session: SessionRecord): Promise<ChatMessage[]> {
  const rows = await db.selectFrom('chat_messages').selectAll().where('session_id', '=', session.id).orderBy('seq').execute();
  return rows.map((row) => messageOf(cipher, session, row));
}

function messageOf(cipher: FieldCipher, session: SessionRecord, row: Row): ChatMessage {
  const name = session.participants.find((p) => p.id === row.participant_id)?.name ?? row.participant_id;
  return { id: row.id, participantId: row.participant_id, name, role: row.role, text: cipher.openText(row.text, chatContext(session.id, row.id)), at: row.created_at };
}
