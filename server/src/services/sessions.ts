import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import {
  type CreateSessionRequest,
  type CreateSessionResponse,
  type IssuedToken,
  type Participant,
  type SessionList,
  type SessionStatus,
  type UpdateSessionRequest,
} from '@interview-kit/core/protocol';
import type { RubricChoice } from '@interview-kit/core/rubric';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import { isUniqueViolation } from '../adapters/db/unique-violation.js';
import { HttpProblem, PROBLEM_TYPES, badRequest, conflict, notFound, unauthorized } from '../problem.js';
import type { Caller } from './caller.js';
import { checkIdempotencyKey } from './runs/idempotency.js';
import { pinRubric, pinnedRubric } from './rubrics.js';
import { after, pageOf } from '../pagination.js';
import { recordEvent } from './session-events.js';
import type { SessionQuestion, SessionRecord } from './session-record.js';
import { pinQuestions, pinnedQuestions } from '../questions/session-pins.js';
import type { SessionPlan } from '../questions/session-plan.js';
import { summaryOf } from './session-views.js';
import { erasedProblem, tombstoneOf } from '../data-lifecycle/tombstones.js';
import type { TokenSigner } from './tokens.js';

export type { SessionRecord } from './session-record.js';

/** Filters of `GET /v1/sessions`. */
export interface SessionFilter {
  status?: SessionStatus;
  externalId?: string;
  participantId?: string;
  scheduledFrom?: string;
  scheduledTo?: string;
  createdFrom?: string;
  createdTo?: string;
  /** 1 to 100. */
  limit: number;
  cursor?: string;
}

/** When the interview ends: start + duration + extensions + the longest extra time; `null` without a start or a duration. */
export function endsAtOf(session: Pick<SessionRecord, 'startedAt' | 'durationMinutes' | 'extendedMinutes' | 'participants'>): string | null {
  if (!session.startedAt || session.durationMinutes === null) return null;
  const extra = Math.max(0, ...session.participants.map((p) => p.extraTimeMinutes));
  const minutes = session.durationMinutes + session.extendedMinutes + extra;
  return new Date(Date.parse(session.startedAt) + minutes * 60_000).toISOString();
}

/**
 * A create request as the server takes it: the question written inline (with an interviewer
 * guide, optionally), or `kit` or `questions` of the bank, which `create`'s `plan` resolves.
 */
export type CreateRequest = Omit<CreateSessionRequest, 'question'> & {
  question?: SessionQuestion;
  rubric?: RubricChoice;
  kit?: string;
  questions?: { id: string; version?: number }[];
  language?: string;
};

/** Sessions: creation (idempotent, with the host's own ids), loading, access checks, the inventory and edits before the start. */
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokenSigner,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates a session with a token per participant. With an `idempotencyKey`, a retry of the
   * same request returns the same session (with fresh tokens) and `replayed: true`; another
   * request under the same key is refused with 422. A second session with the same `externalId`
   * is refused with 409 naming the first.
   */
  async create(
    tenantId: string,
    request: CreateRequest,
    options: {
      idempotencyKey?: string;
      /** Resolves `kit` or `questions` from the bank: called once the request is known to be no replay. */
      plan?: () => Promise<SessionPlan>;
    } = {},
  ): Promise<{ created: CreateSessionResponse; replayed: boolean }> {
    const key = options.idempotencyKey;
    const hash = key === undefined ? undefined : requestHash(request);
    if (key !== undefined) {
      checkIdempotencyKey(key);
      const replay = await this.replay(tenantId, key, hash!);
      if (replay) return replay;
    }
    if (request.externalId !== undefined) await this.assertExternalIdFree(tenantId, request.externalId);
    const plan = await options.plan?.();
    const question = plan?.question ?? request.question;
    if (!question) throw badRequest('give exactly one of question, kit and questions', [{ path: 'question', message: 'missing' }]);
    const rubric = request.rubric ?? plan?.rubric;
    const durationMinutes = request.durationMinutes ?? plan?.durationMinutes;

    const id = randomUUID();
    const createdAt = this.now().toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('sessions')
          .values({
            id,
            tenant_id: tenantId,
            title: request.title,
            question: JSON.stringify(question),
            duration_minutes: durationMinutes ?? null,
            status: 'scheduled',
            created_at: createdAt,
            ended_at: null,
            scheduled_at: utc(request.scheduledAt) ?? null,
            started_at: null,
            ends_at: null,
            ended_by: null,
            end_reason: null,
            auto_start: request.autoStart ?? 'first-join',
            reveal_question: request.revealQuestion ?? 'immediately',
            auto_end: request.autoEnd ? 1 : 0,
            integrity: request.integrity ?? 'record',
            recording: request.recording ?? 'off',
            external_id: request.externalId ?? null,
            metadata: request.metadata ? JSON.stringify(request.metadata) : null,
            question_index: question.index ?? 0,
          })
          .execute();
        await trx
          .insertInto('participants')
          .values(
            request.participants.map((p, position) => ({
              session_id: id,
              id: p.id,
              name: p.name,
              role: p.role,
              position,
              extra_time_minutes: p.extraTimeMinutes ?? 0,
            })),
          )
          .execute();
        await pinRubric(trx, id, rubric, createdAt);
        await pinQuestions(trx, id, plan?.pins ?? [], createdAt);
        if (key !== undefined) {
          await trx.insertInto('session_create_keys').values({ tenant_id: tenantId, key, request_hash: hash!, session_id: id, created_at: createdAt }).execute();
        }
        await recordEvent(trx, {
          tenantId,
          sessionId: id,
          type: 'session.created',
          at: createdAt,
          data: { externalId: request.externalId ?? null, scheduledAt: request.scheduledAt ?? null },
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A twin request committed first: the same key replays it; otherwise the external id is taken.
      const replay = key === undefined ? undefined : await this.replay(tenantId, key, hash!);
      if (replay) return replay;
      if (request.externalId !== undefined) await this.assertExternalIdFree(tenantId, request.externalId);
      throw error;
    }
    const participants = await Promise.all(request.participants.map((p) => this.issue(id, p)));
    return { created: { id, participants }, replayed: false };
  }

  /** Loads a session, or `undefined` when it does not exist. */
  async find(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const participants = await this.db
      .selectFrom('participants')
      .select(['id', 'name', 'role', 'extra_time_minutes'])
      .where('session_id', '=', id)
      .orderBy('position')
      .execute();
    return {
      ...recordOf(row),
      participants: participants.map(({ extra_time_minutes, ...p }) => ({ ...p, extraTimeMinutes: Number(extra_time_minutes) })),
      rubric: await pinnedRubric(this.db, id),
      pins: await pinnedQuestions(this.db, id),
    };
  }

  /**
   * Loads a session the caller may access: a host's own tenant's session, or the session a
   * participant token was issued for (and whose participant still exists with that role; a
   * cancelled session's tokens are refused). Another tenant's session reads as 404 so ids cannot
   * be probed; an erased one as 410 to its own tenant and participants.
   */
  async forCaller(id: string, caller: Caller): Promise<SessionRecord> {
    if (caller.kind === 'participant' && caller.claims.sid !== id) {
      throw unauthorized('the participant token was issued for another session');
    }
    const session = await this.find(id);
    if (!session || (caller.kind === 'host' && session.tenantId !== caller.tenantId)) {
      const erased = session ? undefined : await tombstoneOf(this.db, caller.kind === 'host' ? caller.tenantId : undefined, id);
      throw erased ? erasedProblem(erased) : notFound(`no session ${id}`);
    }
    if (caller.kind === 'participant') {
      const participant = session.participants.find((p) => p.id === caller.claims.sub);
      if (!participant || participant.role !== caller.claims.role) {
        throw unauthorized('the participant token does not match a participant of this session');
      }
      if (session.status === 'cancelled') throw unauthorized('the interview was cancelled; its links no longer work');
    }
    return session;
  }

  /** A fresh token for one participant (what a host's token provider asks for); none for a cancelled session. */
  async issueToken(session: SessionRecord, participantId: string): Promise<IssuedToken> {
    const participant = session.participants.find((p) => p.id === participantId);
    if (!participant) throw notFound(`session ${session.id} has no participant ${participantId}`);
    if (session.status === 'cancelled') throw conflict('the session is cancelled; it issues no more tokens');
    return this.issue(session.id, participant);
  }

  /** The tenant's sessions, newest first, one page at a time (keyset pagination: stable while sessions are added). */
  async list(tenantId: string, filter: SessionFilter): Promise<SessionList> {
    let query = this.db.selectFrom('sessions').selectAll('sessions').where('sessions.tenant_id', '=', tenantId);
    if (filter.status) query = query.where('sessions.status', '=', filter.status);
    if (filter.externalId !== undefined) query = query.where('sessions.external_id', '=', filter.externalId);
    if (filter.scheduledFrom) query = query.where('sessions.scheduled_at', '>=', utc(filter.scheduledFrom)!);
    if (filter.scheduledTo) query = query.where('sessions.scheduled_at', '<', utc(filter.scheduledTo)!);
    if (filter.createdFrom) query = query.where('sessions.created_at', '>=', utc(filter.createdFrom)!);
    if (filter.createdTo) query = query.where('sessions.created_at', '<', utc(filter.createdTo)!);
    if (filter.participantId !== undefined) {
      const participantId = filter.participantId;
      query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom('participants').select('participants.id').whereRef('participants.session_id', '=', 'sessions.id').where('participants.id', '=', participantId)),
      );
    }
    if (filter.cursor) query = query.where(after(filter.cursor, 'sessions.created_at', 'sessions.id'));
    const rows = await query.orderBy('sessions.created_at', 'desc').orderBy('sessions.id', 'desc').limit(filter.limit + 1).execute();
    const { page, nextCursor } = pageOf(rows, filter.limit);
    const ids = page.map((row) => row.id);
    const participants = ids.length
      ? await this.db.selectFrom('participants').select(['session_id', 'id', 'name', 'role', 'extra_time_minutes']).where('session_id', 'in', ids).orderBy('position').execute()
      : [];
    return {
      sessions: page.map((row) =>
        summaryOf({
          ...recordOf(row),
          participants: participants
            .filter((p) => p.session_id === row.id)
            .map((p) => ({ id: p.id, name: p.name, role: p.role, extraTimeMinutes: Number(p.extra_time_minutes) })),
          rubric: null,
          pins: [],
        }),
      ),
      nextCursor,
    };
  }

  /** Changes a scheduled session's title, schedule, duration, metadata or participants' names and extra time; 409 once it started. */
  async update(session: SessionRecord, patch: UpdateSessionRequest): Promise<SessionRecord> {
    const unknown = patch.participants?.find((p) => !session.participants.some((q) => q.id === p.id));
    if (unknown) throw badRequest(`session ${session.id} has no participant ${unknown.id}`, [{ path: 'participants', message: `unknown participant ${unknown.id}` }]);
    await this.db.transaction().execute(async (trx) => {
      const changes: Updateable<Database['sessions']> = {};
      if (patch.title !== undefined) changes.title = patch.title;
      if (patch.scheduledAt !== undefined) changes.scheduled_at = utc(patch.scheduledAt) ?? null;
      if (patch.durationMinutes !== undefined) changes.duration_minutes = patch.durationMinutes;
      if (patch.metadata !== undefined) changes.metadata = patch.metadata === null ? null : JSON.stringify(patch.metadata);
      // Setting the status it must have keeps the statement valid when only participants change,
      // and the conditional update refuses a session that started meanwhile.
      const updated = await trx
        .updateTable('sessions')
        .set({ ...changes, status: 'scheduled' })
        .where('id', '=', session.id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw notScheduled(session.id, await statusOf(trx, session.id));
      for (const p of patch.participants ?? []) {
        const participant: Updateable<Database['participants']> = {};
        if (p.name !== undefined) participant.name = p.name;
        if (p.extraTimeMinutes !== undefined) participant.extra_time_minutes = p.extraTimeMinutes;
        if (Object.keys(participant).length === 0) continue;
        await trx.updateTable('participants').set(participant).where('session_id', '=', session.id).where('id', '=', p.id).execute();
      }
    });
    return (await this.find(session.id))!;
  }

  private async replay(tenantId: string, key: string, hash: string): Promise<{ created: CreateSessionResponse; replayed: true } | undefined> {
    const row = await this.db
      .selectFrom('session_create_keys')
      .select(['request_hash', 'session_id'])
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.request_hash !== hash) {
      throw new HttpProblem(422, 'this Idempotency-Key was already used to create a different session; use a new key', { type: PROBLEM_TYPES.conflict });
    }
    const session = (await this.find(row.session_id))!;
    const participants = await Promise.all(session.participants.map((p) => this.issue(session.id, p)));
    return { created: { id: session.id, participants }, replayed: true };
  }

  private async assertExternalIdFree(tenantId: string, externalId: string): Promise<void> {
    const existing = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (existing) throw new HttpProblem(409, `session ${existing.id} already has externalId "${externalId}"`, { type: PROBLEM_TYPES.conflict });
  }

  private async issue(sessionId: string, p: Participant): Promise<IssuedToken> {
    const { token, expiresAt } = await this.tokens.sign({ sessionId, participantId: p.id, role: p.role, name: p.name });
    return { id: p.id, role: p.role, token, expiresAt: expiresAt.toISOString() };
  }
}

/** The 409 for a change that needs a scheduled session. */
export function notScheduled(sessionId: string, status: SessionStatus | undefined): HttpProblem {
  return conflict(`session ${sessionId} is ${status ?? 'gone'}; only a scheduled session can be changed`);
}

/** The session's status as stored now. */
export async function statusOf(db: Kysely<Database>, sessionId: string): Promise<SessionStatus | undefined> {
  return (await db.selectFrom('sessions').select('status').where('id', '=', sessionId).executeTakeFirst())?.status;
}

function recordOf(row: Selectable<Database['sessions']>): Omit<SessionRecord, 'participants' | 'rubric' | 'pins'> {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    title: row.title,
    question: JSON.parse(row.question) as SessionQuestion,
    questionIndex: Number(row.question_index),
    durationMinutes: row.duration_minutes === null ? null : Number(row.duration_minutes),
    status: row.status,
    createdAt: row.created_at,
    scheduledAt: row.scheduled_at,
    startedAt: row.started_at,
    endsAt: row.ends_at,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    endReason: row.end_reason,
    extendedMinutes: Number(row.extended_minutes),
    autoStart: row.auto_start,
    revealQuestion: row.reveal_question,
    autoEnd: Boolean(Number(row.auto_end)),
    integrity: row.integrity,
    recording: row.recording,
    externalId: row.external_id,
    metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as Record<string, string>),
  };
}

/** An ISO 8601 time with any offset as the UTC form stored (so stored times compare as strings). */
const utc = (time: string | null | undefined) => (time ? new Date(time).toISOString() : time);

/** A stable digest of a create request, to tell a retry from a different request reusing the key. */
function requestHash(request: CreateRequest): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
        : value;
  return createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
}
