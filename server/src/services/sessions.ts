import { randomUUID } from 'node:crypto';
import {
  isPrivileged,
  type CreateSessionRequest,
  type CreateSessionResponse,
  type IssuedToken,
  type Participant,
  type Question,
  type SessionView,
  type SessionViewer,
  type VideoProvider,
} from '@interview-kit/core/protocol';
import type { Db } from '../adapters/db/database.js';
import { forbidden, notFound, unauthorized } from '../problem.js';
import type { TokenSigner } from './tokens.js';
import type { Caller } from './caller.js';
import type { Rubric, RubricChoice } from '@interview-kit/core/rubric';
import { pinRubric, pinnedRubric } from './rubrics.js';

/** A session as stored, with everything the server needs to decide who sees what. */
export interface SessionRecord {
  id: string;
  tenantId: string;
  title: string;
  question: Question;
  durationMinutes: number | null;
  status: 'active' | 'ended';
  createdAt: string;
  endedAt: string | null;
  participants: Participant[];
  /** The feedback rubric pinned at creation. */
  rubric: Rubric | null;
}

export class SessionService {
  readonly #endedListeners = new Set<(sessionId: string) => void>();

  constructor(
    private readonly db: Db,
    private readonly tokens: TokenSigner,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(tenantId: string, request: CreateSessionRequest & { rubric?: RubricChoice }): Promise<CreateSessionResponse> {
    const id = randomUUID();
    const createdAt = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({
          id,
          tenant_id: tenantId,
          title: request.title,
          question: JSON.stringify(request.question),
          duration_minutes: request.durationMinutes ?? null,
          status: 'active',
          created_at: createdAt,
          ended_at: null,
        })
        .execute();
      await trx
        .insertInto('participants')
        .values(request.participants.map((p, position) => ({ session_id: id, id: p.id, name: p.name, role: p.role, position })))
        .execute();
      await pinRubric(trx, id, request.rubric, createdAt);
    });
    const participants = await Promise.all(request.participants.map((p) => this.issue(id, p)));
    return { id, participants };
  }

  /** Loads a session, or `undefined` when it does not exist. */
  async find(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const participants = await this.db
      .selectFrom('participants')
      .select(['id', 'name', 'role'])
      .where('session_id', '=', id)
      .orderBy('position')
      .execute();
    return {
      id: row.id,
      tenantId: row.tenant_id,
      title: row.title,
      question: JSON.parse(row.question) as Question,
      durationMinutes: row.duration_minutes === null ? null : Number(row.duration_minutes),
      status: row.status,
      createdAt: row.created_at,
      endedAt: row.ended_at,
      participants,
      rubric: await pinnedRubric(this.db, id),
    };
  }

  /**
   * Loads a session the caller may access: a host's own tenant's session, or the session a
   * participant token was issued for (and whose participant still exists with that role).
   * Another tenant's session reads as 404 so ids cannot be probed.
   */
  async forCaller(id: string, caller: Caller): Promise<SessionRecord> {
    if (caller.kind === 'participant' && caller.claims.sid !== id) {
      throw unauthorized('the participant token was issued for another session');
    }
    const session = await this.find(id);
    if (!session || (caller.kind === 'host' && session.tenantId !== caller.tenantId)) {
      throw notFound(`no session ${id}`);
    }
    if (caller.kind === 'participant') {
      const participant = session.participants.find((p) => p.id === caller.claims.sub);
      if (!participant || participant.role !== caller.claims.role) {
        throw unauthorized('the participant token does not match a participant of this session');
      }
    }
    return session;
  }

  /** A fresh token for one participant (what a host's token provider asks for). */
  async issueToken(session: SessionRecord, participantId: string): Promise<IssuedToken> {
    const participant = session.participants.find((p) => p.id === participantId);
    if (!participant) throw notFound(`session ${session.id} has no participant ${participantId}`);
    return this.issue(session.id, participant);
  }

  /**
   * Calls `listener` with the id of each session that `end()` ends, once its status is stored
   * (the collaboration layer stops accepting edits at once). Returns the unsubscriber.
   */
  onEnded(listener: (sessionId: string) => void): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }

  /** Ends the session; ending an ended session is a no-op. Only hosts and interviewers may. */
  async end(session: SessionRecord, caller: Caller): Promise<SessionRecord> {
    if (caller.kind === 'participant' && !isPrivileged(caller.claims.role)) {
      throw forbidden(`a ${caller.claims.role} cannot end the session`);
    }
    if (session.status === 'ended') return session;
    const endedAt = this.now().toISOString();
    await this.db
      .updateTable('sessions')
      .set({ status: 'ended', ended_at: endedAt })
      .where('id', '=', session.id)
      .where('status', '=', 'active')
      .execute();
    for (const listener of this.#endedListeners) listener(session.id);
    return (await this.find(session.id))!;
  }

  private async issue(sessionId: string, p: Participant): Promise<IssuedToken> {
    const { token, expiresAt } = await this.tokens.sign({ sessionId, participantId: p.id, role: p.role, name: p.name });
    return { id: p.id, role: p.role, token, expiresAt: expiresAt.toISOString() };
  }
}

/** The session as one caller may see it: hidden tests only for hosts and interviewers, the rubric for all but candidates. */
export function viewFor(session: SessionRecord, caller: Caller, video: VideoProvider): SessionView {
  const viewer: SessionViewer =
    caller.kind === 'host'
      ? { role: 'host', participantId: null }
      : { role: caller.claims.role, participantId: caller.claims.sub };
  const seesHidden = viewer.role === 'host' || isPrivileged(viewer.role);
  const tests = session.question.tests
    .map((test, index) => ({ ...test, index }))
    .filter((test) => seesHidden || !test.hidden);
  return {
    id: session.id,
    title: session.title,
    status: session.status,
    createdAt: session.createdAt,
    endedAt: session.endedAt,
    durationMinutes: session.durationMinutes,
    question: {
      prompt: session.question.prompt,
      language: session.question.language,
      starterCode: session.question.starterCode,
      tests,
      hiddenTestCount: session.question.tests.filter((t) => t.hidden).length,
    },
    participants: session.participants,
    viewer,
    video,
    ...(viewer.role !== 'candidate' && session.rubric ? { rubric: session.rubric } : {}),
  };
}
