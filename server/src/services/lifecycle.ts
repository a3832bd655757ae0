import { canEdit, isPrivileged, type EndReason, type SessionStatus } from '@interview-kit/core/protocol';
import type { Updateable } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import { HttpProblem, conflict, forbidden } from '../problem.js';
import type { Caller } from './caller.js';
import { recordEvent } from './session-events.js';
import { endsAtOf, statusOf, type SessionRecord, type SessionService } from './sessions.js';

/** Who changes a session's state: a host or participant, or the server itself (auto-start, time). */
export type Actor = Caller | { kind: 'server' };

/** A change of a session's state, told to listeners once it is stored. */
export interface SessionChange {
  session: SessionRecord;
  /** The state before the change. */
  from: SessionStatus;
}

/**
 * The interview's states: `scheduled` → `live` → `ended`, or `scheduled` → `cancelled`; and the
 * time: extensions and the end time. Every change is a conditional update (so two servers or two
 * clicks never both win) written with its outbox event in one transaction; calling a transition
 * the session already made is a no-op, any other illegal transition is a 409 naming the state.
 */
export class SessionLifecycle {
  readonly #listeners = new Set<(change: SessionChange) => void>();

  constructor(
    private readonly db: Db,
    private readonly sessions: SessionService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Calls `listener` after every stored change (the collaboration layer pushes it to open rooms). */
  onChange(listener: (change: SessionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts the interview: the timer counts from now. Interviewers, the host, or the server (auto-start). */
  async start(session: SessionRecord, actor: Actor): Promise<SessionRecord> {
    mayDrive(actor, 'start');
    if (session.status === 'live') return session;
    const startedAt = this.now().toISOString();
    const endsAt = endsAtOf({ ...session, startedAt });
    return this.transition(session, 'scheduled', 'live', { started_at: startedAt, ends_at: endsAt }, {
      type: 'session.started',
      at: startedAt,
      data: { externalId: session.externalId, startedAt, endsAt, by: actorId(actor) },
    });
  }

  /**
   * A candidate or interviewer joined (opened the room, or connected to the shared document):
   * starts a scheduled session as its `autoStart` says — `first-join`: now; `all-joined`: once every
   * candidate and interviewer is among `present` (who is connected, the joining one included);
   * `manual`: never. Observers never count. Returns the session as it is afterwards.
   */
  async join(session: SessionRecord, participantId: string, present: ReadonlySet<string>): Promise<SessionRecord> {
    const joining = session.participants.find((p) => p.id === participantId);
    if (session.status !== 'scheduled' || !joining || !canEdit(joining.role) || session.autoStart === 'manual') return session;
    if (session.autoStart === 'all-joined' && !session.participants.every((p) => !canEdit(p.role) || p.id === participantId || present.has(p.id))) {
      return session;
    }
    try {
      return await this.start(session, { kind: 'server' });
    } catch (error) {
      // Cancelled meanwhile: the caller's own checks refuse the participant.
      if (error instanceof HttpProblem && error.status === 409) return (await this.sessions.find(session.id)) ?? session;
      throw error;
    }
  }

  /** Ends a live interview. Interviewers, the host, or the server (`time`). */
  async end(session: SessionRecord, actor: Actor): Promise<SessionRecord> {
    mayDrive(actor, 'end');
    if (session.status === 'ended') return session;
    if (session.status === 'scheduled') throw conflict(`session ${session.id} is scheduled and has not started; cancel it instead`);
    const endedAt = this.now().toISOString();
    const reason: EndReason = actor.kind === 'server' ? 'time' : actor.kind === 'host' ? 'host' : 'interviewer';
    return this.transition(session, 'live', 'ended', { ended_at: endedAt, ended_by: actorId(actor), end_reason: reason }, {
      type: 'session.ended',
      at: endedAt,
      data: { externalId: session.externalId, endedAt, endReason: reason, by: actorId(actor) },
    });
  }

  /** Cancels a session that has not started; its participants' links stop working. Interviewers or the host. */
  async cancel(session: SessionRecord, actor: Actor): Promise<SessionRecord> {
    mayDrive(actor, 'cancel');
    if (session.status === 'cancelled') return session;
    const endedAt = this.now().toISOString();
    return this.transition(session, 'scheduled', 'cancelled', { ended_at: endedAt, ended_by: actorId(actor), end_reason: 'cancelled' }, {
      type: 'session.cancelled',
      at: endedAt,
      data: { externalId: session.externalId, cancelledAt: endedAt, by: actorId(actor) },
    });
  }

  /** Adds `minutes` to a scheduled or live interview. Interviewers or the host. */
  async extend(session: SessionRecord, actor: Actor, minutes: number): Promise<SessionRecord> {
    mayDrive(actor, 'extend');
    const extendedMinutes = session.extendedMinutes + minutes;
    const endsAt = endsAtOf({ ...session, extendedMinutes });
    const updated = await this.db
      .updateTable('sessions')
      .set({ extended_minutes: extendedMinutes, ends_at: endsAt })
      .where('id', '=', session.id)
      .where('extended_minutes', '=', session.extendedMinutes)
      .where('status', 'in', ['scheduled', 'live'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      const current = await this.sessions.find(session.id);
      if (current && (current.status === 'scheduled' || current.status === 'live')) return this.extend(current, actor, minutes);
      throw conflict(`session ${session.id} is ${current?.status ?? 'gone'}; only a scheduled or live interview can get more time`);
    }
    const changed = (await this.sessions.find(session.id))!;
    this.tell({ session: changed, from: session.status });
    return changed;
  }

  /** Live sessions with auto-end whose end time has come, at most `limit`. */
  async due(limit = 50): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('status', '=', 'live')
      .where('auto_end', '=', 1)
      .where('ends_at', '<=', this.now().toISOString())
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /** The earliest end time of a live auto-ending session, if any. */
  async nextDue(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(({ fn }) => fn.min('ends_at').as('next'))
      .where('status', '=', 'live')
      .where('auto_end', '=', 1)
      .executeTakeFirst();
    return (row?.next as string | null | undefined) ?? undefined;
  }

  private async transition(
    session: SessionRecord,
    from: SessionStatus,
    to: SessionStatus,
    changes: Updateable<Database['sessions']>,
    event: { type: Database['session_events']['type']; at: string; data: Record<string, unknown> },
  ): Promise<SessionRecord> {
    const moved = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('sessions')
        .set({ ...changes, status: to })
        .where('id', '=', session.id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return statusOf(trx, session.id);
      await recordEvent(trx, { tenantId: session.tenantId, sessionId: session.id, ...event });
      return true as const;
    });
    if (moved !== true) {
      // Someone else changed it first: the same change is a no-op, any other is refused.
      if (moved === to) return (await this.sessions.find(session.id))!;
      throw conflict(`session ${session.id} is ${moved ?? 'gone'}; it cannot become ${to}`);
    }
    const changed = (await this.sessions.find(session.id))!;
    this.tell({ session: changed, from });
    return changed;
  }

  private tell(change: SessionChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

function mayDrive(actor: Actor, what: string): void {
  if (actor.kind === 'participant' && !isPrivileged(actor.claims.role)) {
    throw forbidden(`a ${actor.claims.role} cannot ${what} the session`);
  }
}

function actorId(actor: Actor): string {
  if (actor.kind === 'server') return 'server';
  return actor.kind === 'host' ? `host:${actor.keyId}` : actor.claims.sub;
}
