import { isPrivileged } from '@interview-kit/core/protocol';
import type { Db } from '../adapters/db/database.js';
import { HttpProblem, PROBLEM_TYPES, conflict, forbidden } from '../problem.js';
import type { Caller } from '../services/caller.js';
import type { SessionRecord } from '../services/session-record.js';
import type { PlanEntry } from './plan-entry.js';
import type { SessionService } from '../services/sessions.js';
import { reachQuestion, type QuestionPin } from './session-pins.js';
import { sessionQuestionOf } from './session-plan.js';
import type { BankStore } from './store.js';
import type { CodingQuestion, QuestionContent } from './types.js';

type Structured = Extract<QuestionContent, { type: 'structured' }>;

/** The current question as the server pushes it into the shared document (no content). */
export interface CurrentQuestion {
  questionIndex: number;
  questionId: string;
  questionVersion: number;
}

/** The current question of a session with a plan from the bank; `null` for a question written inline. */
export function currentQuestionOf(session: Pick<SessionRecord, 'pins' | 'questionIndex'>): CurrentQuestion | null {
  const pin = session.pins[session.questionIndex];
  return pin ? { questionIndex: session.questionIndex, questionId: pin.questionId, questionVersion: pin.version } : null;
}

/**
 * The shared code slot of the coding question at `index`: 0 for the question the session opened
 * with (its code has always been `code`), the position itself for the others (never 0: they come
 * after it, since a session opens with its first coding question).
 */
export function slotOf(pins: readonly QuestionPin[], index: number): number {
  return pins[index]?.current ? 0 : index;
}

/**
 * A session's questions: its plan with the pinned content (read from the bank's immutable
 * versions), and moving to another question. A move changes the session's current question and,
 * for a coding question, the question in play (`SessionRecord.question`: its starter code, tests,
 * guide), which runs, the room's code and scoring follow; it marks the question reached (candidates
 * see reached questions only) and is told to listeners, which push it to open rooms.
 */
export class SessionQuestions {
  readonly #listeners = new Set<(session: SessionRecord) => void>();

  constructor(
    private readonly db: Db,
    private readonly store: BankStore,
    private readonly sessions: SessionService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Calls `listener` after every stored move (the collaboration layer pushes it to open rooms). */
  onMove(listener: (session: SessionRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The session's plan in order; a question written inline is a plan of one, reached. */
  async planOf(session: SessionRecord): Promise<PlanEntry[]> {
    if (session.pins.length === 0) return [{ index: 0, id: null, version: null, title: session.title, reached: true, coding: { ...session.question, index: 0, slot: 0 } }];
    return Promise.all(
      session.pins.map(async (pin, index): Promise<PlanEntry> => {
        const content = await this.#content(session, pin);
        const entry = { index, id: pin.questionId, version: pin.version, title: content.title, reached: pin.reached || index === session.questionIndex };
        return content.type === 'coding'
          ? { ...entry, coding: sessionQuestionOf(content, session.question.language, index, slotOf(session.pins, index)) }
          : { ...entry, structured: content };
      }),
    );
  }

  /**
   * Moves the session to the question at `index`. Interviewers and the host only (403 for other
   * roles); while the session is scheduled or live (409 once it is over); 422 for a position
   * outside the plan. Moving to the current question changes nothing. While the session is live,
   * the question left and the new one are marked reached (candidates see reached questions only);
   * moves before the start mark nothing.
   */
  async move(session: SessionRecord, caller: Caller, index: number): Promise<SessionRecord> {
    if (caller.kind === 'participant' && !isPrivileged(caller.claims.role)) throw forbidden(`a ${caller.claims.role} cannot change the question`);
    if (session.status !== 'scheduled' && session.status !== 'live') throw conflict(`session ${session.id} is ${session.status}; only a scheduled or live interview changes questions`);
    const total = Math.max(1, session.pins.length);
    if (index >= total) {
      const detail = `the session has ${total} question${total === 1 ? '' : 's'}; there is no question ${index}`;
      throw new HttpProblem(422, detail, { type: PROBLEM_TYPES.validation, errors: [{ path: 'index', message: detail }] });
    }
    if (index === session.questionIndex) return session;
    const pin = session.pins[index]!;
    const content = await this.#content(session, pin);
    const question = content.type === 'coding' ? sessionQuestionOf(content, session.question.language, index, slotOf(session.pins, index)) : session.question;
    const at = this.now().toISOString();
    const moved = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('sessions')
        .set({ question_index: index, question: JSON.stringify(question) })
        .where('id', '=', session.id)
        .where('status', 'in', ['scheduled', 'live'])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      // Only a live interview shows questions to candidates: moves while it is scheduled (an
      // interviewer preparing where it starts) reach nothing; the question it starts with is
      // reached by being current, and stays reached when the interview moves on.
      if (session.status === 'live') {
        await reachQuestion(trx, session.id, session.questionIndex, at);
        await reachQuestion(trx, session.id, index, at);
      }
      return true;
    });
    const changed = await this.sessions.find(session.id);
    if (!moved || !changed) throw conflict(`session ${session.id} is ${changed?.status ?? 'gone'}; only a scheduled or live interview changes questions`);
    for (const listener of this.#listeners) listener(changed);
    return changed;
  }

  async #content(session: SessionRecord, pin: QuestionPin): Promise<CodingQuestion | Structured> {
    const entry = await this.store.get<QuestionContent>(session.tenantId, 'question', pin.questionId, pin.version);
    if (!entry) throw new Error(`session ${session.id} is pinned to question ${pin.questionId} version ${pin.version}, which the bank no longer has`);
    return entry.content;
  }
}
