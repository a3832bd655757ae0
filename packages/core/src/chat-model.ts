import type * as Y from 'yjs';
import { chatTextOf, type ChatMessage } from './chat.js';
import { sharedChatOf } from './collab/structure.js';
import { NetworkError, ProblemError } from './errors.js';
import type { Role, SessionView } from './protocol.js';
import type { InterviewSession } from './session.js';
import { Store, type Readable } from './store.js';

/** Where one message of the chat stands: on its way (`pending`), answered by the server (`sent`), or refused. */
export type ChatEntryStatus = 'pending' | 'sent' | 'refused';

/** One line of the chat as the element shows it: a message of the shared document, or one of this participant's on its way. */
export interface ChatEntry {
  /** The message's id once the server has it; a local key while it is on its way or refused. */
  key: string;
  name: string;
  role: Role | null;
  text: string;
  /** The server's time (ISO 8601); `null` before the server answered. */
  at: string | null;
  status: ChatEntryStatus;
  /** Whether this participant wrote it. */
  own: boolean;
  /** Why the server refused it (its problem's detail), for a `refused` entry. */
  error?: string | undefined;
}

/** What the chat shows. */
export interface ChatState {
  /** The messages, oldest first, then this participant's messages on their way or refused. */
  entries: ChatEntry[];
  /** Messages of others that arrived while the chat was not seen (see {@link ChatModel.setSeen}). */
  unread: number;
  /** Whether nothing can be sent: after the end, before the session is known, for the host, in a replay. */
  readOnly: boolean;
  /** Whether it shows the chat as it stood at a moment of a replay ({@link ChatModel.setReplayAt}). */
  replaying: boolean;
}

/** Statuses in which a session's chat takes messages: the lobby and the interview. */
const OPEN_STATUSES: readonly string[] = ['scheduled', 'live'];

/** Whether `view`'s viewer may write in the chat now: a participant, while the session is scheduled or live. */
export function canChat(view: SessionView | undefined): boolean {
  return Boolean(view && view.viewer.role !== 'host' && view.viewer.participantId && OPEN_STATUSES.includes(view.status));
}

interface Outgoing {
  key: string;
  text: string;
  status: 'pending' | 'refused';
  error?: string | undefined;
}

/**
 * The chat's state machine, framework-free: the messages of the shared document's server-owned
 * `Y.Array('chat')` ({@link follow}), this participant's messages while they travel
 * ({@link send} through `InterviewClient.sendChatMessage`: `pending`, then `sent` only once the
 * server answered, or `refused` with the server's reason), the count of unread messages, and
 * whether the chat is read-only (after the end, or in a replay, where {@link setReplayAt} shows
 * the chat as it stood at a moment). `<interview-chat>` renders {@link state} and calls these
 * methods.
 *
 * @example
 * ```ts
 * const chat = new ChatModel();
 * const detach = chat.attach(session);
 * const unfollow = chat.follow(collabOf(session).doc);
 * chat.state.subscribe(({ entries, unread }) => console.log(entries.length, unread));
 * await chat.send('Can I use a library?');
 * ```
 */
export class ChatModel {
  readonly #store = new Store<ChatState>({ entries: [], unread: 0, readOnly: true, replaying: false });
  #session: InterviewSession | undefined;
  #shared: ChatMessage[] = [];
  /** Messages the server answered that the followed document does not hold yet (or without one). */
  readonly #answered = new Map<string, ChatMessage>();
  #outgoing: Outgoing[] = [];
  #next = 0;
  #seen = false;
  /** Messages of others counted as read. */
  #read = 0;
  #replayAt: number | undefined;

  /** The chat's state: an observable snapshot. */
  get state(): Readable<ChatState> {
    return this.#store;
  }

  /** Sends through `session`'s client, as its viewer; follows its state (read-only after the end). Returns the detacher. */
  attach(session: InterviewSession): () => void {
    this.#session = session;
    const onChange = () => this.#changed();
    session.addEventListener('change', onChange);
    this.#changed();
    return () => {
      session.removeEventListener('change', onChange);
      if (this.#session === session) this.#session = undefined;
      this.#changed();
    };
  }

  /** Reads the chat of a session's shared document, as it changes. Returns the unfollower. */
  follow(doc: Y.Doc): () => void {
    const chat = sharedChatOf(doc);
    const onChat = () => {
      this.#shared = chat.toArray();
      this.#changed();
    };
    chat.observe(onChat);
    onChat();
    return () => {
      chat.unobserve(onChat);
      this.#shared = [];
      this.#changed();
    };
  }

  /**
   * Sends `text` (trimmed) as this participant's message. It shows at once as `pending`, becomes
   * `sent` once the server answered, and `refused` (with the server's reason) if it did not take
   * it. Resolves with whether the server took it; `false` at once for an empty or too long text,
   * or while the chat is read-only.
   */
  async send(text: string): Promise<boolean> {
    const trimmed = chatTextOf(text);
    const session = this.#session;
    if (trimmed === undefined || !session || this.#store.value.readOnly) return false;
    const outgoing: Outgoing = { key: `local-${++this.#next}`, text: trimmed, status: 'pending' };
    this.#outgoing = [...this.#outgoing, outgoing];
    this.#changed();
    return this.#deliver(session, outgoing);
  }

  /** Sends a refused message again. */
  retry(key: string): Promise<boolean> {
    const outgoing = this.#outgoing.find((o) => o.key === key && o.status === 'refused');
    const session = this.#session;
    if (!outgoing || !session || this.#store.value.readOnly) return Promise.resolve(false);
    this.#replace(outgoing, { ...outgoing, status: 'pending', error: undefined });
    return this.#deliver(session, this.#outgoing.find((o) => o.key === key)!);
  }

  /** Drops a refused message. */
  dismiss(key: string): void {
    this.#outgoing = this.#outgoing.filter((o) => o.key !== key || o.status !== 'refused');
    this.#changed();
  }

  /** Whether the reader sees the chat now: while seen, nothing is unread. */
  setSeen(seen: boolean): void {
    if (this.#seen === seen) return;
    this.#seen = seen;
    this.#changed();
  }

  /** Shows the chat as it stood at `t` (ms since the epoch), read-only; `undefined` shows it live again. */
  setReplayAt(t: number | undefined): void {
    if (this.#replayAt === t) return;
    // Playback moves the moment every frame: only a move past a message changes what shows.
    const same = this.#replayAt !== undefined && t !== undefined && this.#shownAt(this.#replayAt) === this.#shownAt(t);
    this.#replayAt = t;
    if (!same) this.#changed();
  }

  /** How many messages were sent by `t`. */
  #shownAt(t: number): number {
    return [...this.#shared, ...this.#answered.values()].filter((m) => Date.parse(m.at) <= t).length;
  }

  async #deliver(session: InterviewSession, outgoing: Outgoing): Promise<boolean> {
    try {
      const message = await session.client.sendChatMessage(session.sessionId, outgoing.text);
      if (!this.#shared.some((m) => m.id === message.id)) this.#answered.set(message.id, message);
      this.#outgoing = this.#outgoing.filter((o) => o.key !== outgoing.key);
      this.#changed();
      return true;
    } catch (error) {
      const reason = error instanceof ProblemError ? (error.problem.detail ?? error.problem.title) : error instanceof NetworkError ? error.message : String(error);
      this.#replace(outgoing, { ...outgoing, status: 'refused', error: reason });
      return false;
    }
  }

  #replace(outgoing: Outgoing, next: Outgoing): void {
    this.#outgoing = this.#outgoing.map((o) => (o.key === outgoing.key ? next : o));
    this.#changed();
  }

  #changed(): void {
    const view = this.#session?.view;
    const me = view?.viewer.participantId ?? null;
    for (const id of this.#answered.keys()) if (this.#shared.some((m) => m.id === id)) this.#answered.delete(id);
    const replaying = this.#replayAt !== undefined;
    const messages = [...this.#shared, ...this.#answered.values()].filter((m) => !replaying || Date.parse(m.at) <= this.#replayAt!);
    const fromOthers = messages.filter((m) => m.participantId !== me).length;
    if (this.#seen || replaying) this.#read = fromOthers;
    // Fewer than counted read (the document was replaced): start again from what is there.
    this.#read = Math.min(this.#read, fromOthers);
    const self = view?.participants.find((p) => p.id === me);
    const entries: ChatEntry[] = [
      ...messages.map((m): ChatEntry => ({ key: m.id, name: m.name, role: m.role, text: m.text, at: m.at, status: 'sent', own: m.participantId === me })),
      ...(replaying
        ? []
        : this.#outgoing.map((o): ChatEntry => ({ key: o.key, name: self?.name ?? '', role: self?.role ?? null, text: o.text, at: null, status: o.status, own: true, error: o.error }))),
    ];
    this.#store.update({ entries, unread: fromOthers - this.#read, readOnly: replaying || !canChat(view), replaying });
  }
}
