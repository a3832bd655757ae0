import { randomUUID } from 'node:crypto';
import type { ClientSignal, IntegrityConsent, IntegritySignal } from '@interview-kit/core/integrity';
import type { Db } from '../adapters/db/database.js';
import { conflict, forbidden, HttpProblem, PROBLEM_TYPES, tooManyRequests } from '../problem.js';
import type { Caller } from '../services/caller.js';
import { RateLimiter } from '../services/rate-limiter.js';
import type { SessionRecord } from '../services/session-record.js';
import './tables.js';

export interface IntegrityLimits {
  /** Batches a candidate may send a minute (bursts up to the same number). */
  batchesPerMinute: number;
  /** Most signals one session keeps; later ones are refused. */
  perSession: number;
}

const DEFAULT_LIMITS: IntegrityLimits = { batchesPerMinute: 30, perSession: 2_000 };

/**
 * Integrity signals, disclosed. A session with `integrity: "record"` records nothing until its
 * candidate consents to the disclosure (`consent`: text version and time are stored); after that
 * the candidate's browser reports pastes, large insertions and focus losses in bounded batches
 * (`record`; the server stamps the time) and the collaboration layer reports a second connection
 * of the candidate (`secondConnection`). Interviewers and the host read them (`list`); candidates
 * and observers never. With `integrity: "off"` nothing is recorded. Signals are never verdicts:
 * nothing acts on them.
 */
export class IntegritySignals {
  readonly #limiter: RateLimiter;
  readonly #limits: IntegrityLimits;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    limits: Partial<IntegrityLimits> = {},
  ) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
    this.#limiter = new RateLimiter(this.#limits.batchesPerMinute, () => this.now().getTime());
  }

  /** The session's setting and the calling candidate's consent, if given. */
  async consentState(session: SessionRecord, caller: Caller): Promise<{ integrity: SessionRecord['integrity']; consent: IntegrityConsent | null }> {
    const participantId = candidateOf(caller);
    return { integrity: session.integrity, consent: (await this.#consentOf(session.id, participantId)) ?? null };
  }

  /** Stores the candidate's consent to the disclosure of `textVersion`; consenting again keeps the first. */
  async consent(session: SessionRecord, caller: Caller, textVersion: number): Promise<{ consent: IntegrityConsent; created: boolean }> {
    const participantId = candidateOf(caller);
    if (session.integrity === 'off') throw conflict('this session records no integrity signals; there is nothing to consent to');
    assertOpen(session);
    const earlier = await this.#consentOf(session.id, participantId);
    if (earlier) return { consent: earlier, created: false };
    const consent: IntegrityConsent = { participantId, textVersion, consentedAt: this.now().toISOString() };
    await this.db
      .insertInto('integrity_consents')
      .values({ session_id: session.id, participant_id: participantId, text_version: textVersion, consented_at: consent.consentedAt })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { consent: (await this.#consentOf(session.id, participantId)) ?? consent, created: true };
  }

  /**
   * Records a batch of the candidate's signals at the server's time.
   * @throws {HttpProblem} 403 for anyone but the candidate; 409 when the session records nothing,
   * has ended, the candidate has not consented, or the session holds its most signals; 429 past the rate.
   */
  async record(session: SessionRecord, caller: Caller, signals: readonly ClientSignal[]): Promise<number> {
    const participantId = candidateOf(caller);
    if (session.integrity === 'off') throw conflict('this session records no integrity signals');
    assertOpen(session);
    if (!(await this.#consentOf(session.id, participantId))) throw conflict('nothing is recorded before the candidate consents (POST /v1/sessions/:id/consent)');
    const wait = this.#limiter.take(`${session.id}:${participantId}`);
    if (wait > 0) throw tooManyRequests('too many signal batches; send them together', wait);
    const held = await this.#count(session.id);
    if (held + signals.length > this.#limits.perSession) {
      throw new HttpProblem(409, `the session holds its most integrity signals (${this.#limits.perSession})`, { type: PROBLEM_TYPES.conflict });
    }
    const at = this.now().toISOString();
    await this.db
      .insertInto('integrity_signals')
      .values(signals.map(({ kind, ...data }, position) => ({ id: randomUUID(), session_id: session.id, participant_id: participantId, kind, data: JSON.stringify(data), at, position })))
      .execute();
    return signals.length;
  }

  /** The collaboration layer saw `participantId` connect while already connected: recorded for a consenting candidate of a recording session. */
  async secondConnection(session: SessionRecord, participantId: string): Promise<boolean> {
    const participant = session.participants.find((p) => p.id === participantId);
    if (session.integrity === 'off' || participant?.role !== 'candidate' || session.status === 'ended' || session.status === 'cancelled') return false;
    if (!(await this.#consentOf(session.id, participantId))) return false;
    if ((await this.#count(session.id)) >= this.#limits.perSession) return false;
    await this.db
      .insertInto('integrity_signals')
      .values({ id: randomUUID(), session_id: session.id, participant_id: participantId, kind: 'second-connection', data: '{}', at: this.now().toISOString() })
      .execute();
    return true;
  }

  /** Every signal and consent of the session, oldest first; for interviewers and the host only. */
  async list(session: SessionRecord, caller: Caller): Promise<{ integrity: SessionRecord['integrity']; consents: IntegrityConsent[]; signals: IntegritySignal[] }> {
    if (caller.kind === 'participant' && caller.claims.role !== 'interviewer') throw forbidden('only interviewers and the host see integrity signals');
    return { integrity: session.integrity, ...(await signalsOf(this.db, session.id)) };
  }

  async #consentOf(sessionId: string, participantId: string): Promise<IntegrityConsent | undefined> {
    const row = await this.db
      .selectFrom('integrity_consents')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
    return row && consentOf(row);
  }

  async #count(sessionId: string): Promise<number> {
    const row = await this.db.selectFrom('integrity_signals').select((eb) => eb.fn.countAll().as('n')).where('session_id', '=', sessionId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

/** The session's consents and signals as stored, oldest first (also for the report and the export). */
export async function signalsOf(db: Db, sessionId: string): Promise<{ consents: IntegrityConsent[]; signals: IntegritySignal[] }> {
  const [consents, signals] = await Promise.all([
    db.selectFrom('integrity_consents').selectAll().where('session_id', '=', sessionId).orderBy('consented_at').execute(),
    db.selectFrom('integrity_signals').selectAll().where('session_id', '=', sessionId).orderBy('at').orderBy('position').execute(),
  ]);
  return {
    consents: consents.map(consentOf),
    signals: signals.map((row) => ({ id: row.id, participantId: row.participant_id, kind: row.kind, at: row.at, ...JSON.parse(row.data) }) as IntegritySignal),
  };
}

const consentOf = (row: { participant_id: string; text_version: number; consented_at: string }): IntegrityConsent => ({
  participantId: row.participant_id,
  textVersion: Number(row.text_version),
  consentedAt: row.consented_at,
});

function candidateOf(caller: Caller): string {
  if (caller.kind !== 'participant' || caller.claims.role !== 'candidate') throw forbidden('only the candidate consents and reports integrity signals');
  return caller.claims.sub;
}

function assertOpen(session: SessionRecord): void {
  if (session.status === 'ended' || session.status === 'cancelled') throw conflict(`the session is ${session.status}`);
}
