import * as Y from 'yjs';
import { PRIVATE_STRUCTURE } from '@interview-kit/core/collab/structure';
import {
  DISAGREEMENT_SPREAD,
  RECOMMENDATIONS,
  resolveRubric,
  validateFeedback,
  type CompetencyScore,
  type Feedback,
  type FeedbackContent,
  type OwnFeedback,
  type Recommendation,
  type Rubric,
  type Scorecard,
} from '@interview-kit/core/rubric';
import { PostgresAdapter, type Kysely } from 'kysely';
import { NO_ENCRYPTION, type FieldCipher, type FieldContext } from '../adapters/crypto/field-cipher.js';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import type { Caller } from './caller.js';
import { badRequest, conflict, forbidden } from '../problem.js';
import { pinnedRubric, rubricRow } from './rubrics.js';
import { recordEvent } from './session-events.js';
import type { SessionRecord } from './sessions.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    session_feedback: {
      session_id: string;
      participant_id: string;
      status: 'draft' | 'submitted';
      /** {@link FeedbackContent} as JSON text, sealed when `DATA_ENCRYPTION_KEY` is set (see {@link openFeedbackContent}). */
      content: string;
      rubric_version: number;
      created_at: string;
      updated_at: string;
      submitted_at: string | null;
    };
  }
}

/** Reads the interviewers' shared notes of a session (Markdown), `null` when there are none. */
export type NotesLoader = (sessionId: string) => Promise<string | null>;

/** The notes held by the interviewers' private document, given its stored state (snapshot and updates). */
export function notesOf(updates: Uint8Array[]): string | null {
  if (!updates.length) return null;
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    return doc.getText(PRIVATE_STRUCTURE.notes).toString() || null;
  } finally {
    doc.destroy();
  }
}

type Author = Pick<Feedback, 'participantId' | 'name' | 'role'>;
type FeedbackRow = Database['session_feedback'];

/** What a feedback's sealed content is bound to: its table, session and author. */
export const feedbackContext = (sessionId: string, participantId: string): FieldContext => ({ table: 'session_feedback', column: 'content', sessionId, row: participantId });

/** The JSON text of a stored feedback's content, opened when it is sealed. */
export function openFeedbackContent(cipher: FieldCipher, row: Pick<FeedbackRow, 'session_id' | 'participant_id' | 'content'>): string {
  return cipher.openText(row.content, feedbackContext(row.session_id, row.participant_id));
}

/**
 * Feedback drafts, submissions and the scorecard. Interviewers and observers write their own
 * feedback; a submitted feedback is final. Candidates can neither read nor write any of it.
 * With a key, the content is sealed at rest (`cipher`).
 */
export class FeedbackService {
  constructor(
    private readonly db: Db,
    private readonly options: { now?: () => Date; loadNotes?: NotesLoader; cipher?: FieldCipher } = {},
  ) {}

  private get cipher(): FieldCipher {
    return this.options.cipher ?? NO_ENCRYPTION;
  }

  /** The caller's own feedback (or `null` before the first save) and the rubric to fill in. */
  async own(session: SessionRecord, caller: Caller): Promise<OwnFeedback> {
    const author = authorOf(session, caller);
    const rubric = await this.rubricOf(session);
    const row = await this.row(session.id, author.participantId);
    return { rubric, feedback: row ? this.toFeedback(row, author, rubric) : null };
  }

  /** Replaces the caller's draft. Rejected with 409 once the feedback is submitted. */
  async saveDraft(session: SessionRecord, caller: Caller, content: FeedbackContent): Promise<Feedback> {
    const author = authorOf(session, caller);
    const rubric = await this.rubricOf(session);
    check(rubric, content, 'draft');
    const now = this.now();
    const result = await this.db
      .insertInto('session_feedback')
      .values(this.values(session.id, author, rubric, content, now, 'draft'))
      .onConflict((oc) =>
        oc
          .columns(['session_id', 'participant_id'])
          .doUpdateSet({ content: this.sealed(session.id, author, canonicalJson(rubric, content)), rubric_version: rubric.version, updated_at: now })
          .where('session_feedback.status', '=', 'draft'),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw await this.alreadySubmitted(session.id, author);
    return this.toFeedback((await this.row(session.id, author.participantId))!, author, rubric);
  }

  /**
   * Submits the caller's feedback, making it final. Repeating the same submission returns the
   * stored feedback (`replayed`), so a retry after a lost response is safe; different content
   * after submission is a 409.
   */
  async submit(session: SessionRecord, caller: Caller, content: FeedbackContent): Promise<{ feedback: Feedback; replayed: boolean }> {
    const author = authorOf(session, caller);
    const rubric = await this.rubricOf(session);
    check(rubric, content, 'submit');
    const now = this.now();
    const json = canonicalJson(rubric, content);
    const submitted = await this.db.transaction().execute(async (trx) => {
      // Submissions of one session take turns, so exactly one of them sees the scorecard complete.
      if (isPostgres(trx)) await trx.selectFrom('sessions').select('id').where('id', '=', session.id).forUpdate().execute();
      const result = await trx
        .insertInto('session_feedback')
        .values(this.values(session.id, author, rubric, content, now, 'submitted'))
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'participant_id'])
            .doUpdateSet({ status: 'submitted', content: this.sealed(session.id, author, json), rubric_version: rubric.version, updated_at: now, submitted_at: now })
            .where('session_feedback.status', '=', 'draft'),
        )
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await recordSubmission(trx, session, author, now);
      return true;
    });
    const row = (await this.row(session.id, author.participantId))!;
    if (!submitted) {
      if (openFeedbackContent(this.cipher, row) !== json) throw await this.alreadySubmitted(session.id, author);
      return { feedback: this.toFeedback(row, author, rubric), replayed: true };
    }
    return { feedback: this.toFeedback(row, author, rubric), replayed: false };
  }

  /** Everyone's submitted feedback combined, with the notes; for the host and interviewers only. */
  async scorecard(session: SessionRecord, caller: Caller): Promise<Scorecard> {
    if (caller.kind === 'participant' && caller.claims.role !== 'interviewer') {
      throw forbidden(`a ${caller.claims.role} cannot read the scorecard`);
    }
    const rubric = await this.rubricOf(session);
    const rows = await this.db
      .selectFrom('session_feedback')
      .selectAll()
      .where('session_id', '=', session.id)
      .where('status', '=', 'submitted')
      .execute();
    const byParticipant = new Map(rows.map((row) => [row.participant_id, row]));
    const feedback: Feedback[] = [];
    const pending: Author[] = [];
    for (const p of session.participants) {
      if (p.role === 'candidate') continue;
      const author: Author = { participantId: p.id, name: p.name, role: p.role };
      const row = byParticipant.get(p.id);
      if (row) feedback.push(this.toFeedback(row, author, rubric));
      else pending.push(author);
    }
    const notes = this.options.loadNotes ? await this.options.loadNotes(session.id) : null;
    return { sessionId: session.id, rubric, feedback, pending, ...aggregate(rubric, feedback), notes };
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** The pinned rubric; a session from before rubrics existed gets the default template pinned now. */
  private async rubricOf(session: SessionRecord): Promise<Rubric> {
    if (session.rubric) return session.rubric;
    await this.db
      .insertInto('session_rubrics')
      .values(rubricRow(session.id, resolveRubric(undefined), this.now()))
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
    return (await pinnedRubric(this.db, session.id))!;
  }

  private row(sessionId: string, participantId: string): Promise<FeedbackRow | undefined> {
    return this.db
      .selectFrom('session_feedback')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
  }

  private values(sessionId: string, author: Author, rubric: Rubric, content: FeedbackContent, now: string, status: FeedbackRow['status']): FeedbackRow {
    return {
      session_id: sessionId,
      participant_id: author.participantId,
      status,
      content: this.sealed(sessionId, author, canonicalJson(rubric, content)),
      rubric_version: rubric.version,
      created_at: now,
      updated_at: now,
      submitted_at: status === 'submitted' ? now : null,
    };
  }

  private sealed(sessionId: string, author: Author, json: string): string {
    return this.cipher.sealText(json, feedbackContext(sessionId, author.participantId));
  }

  private toFeedback(row: FeedbackRow, author: Author, rubric: Rubric): Feedback {
    const content = JSON.parse(openFeedbackContent(this.cipher, row)) as FeedbackContent;
    return {
      ...author,
      status: row.status,
      ...content,
      rubricId: rubric.id,
      rubricVersion: Number(row.rubric_version),
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
    };
  }

  private async alreadySubmitted(sessionId: string, author: Author) {
    const row = await this.row(sessionId, author.participantId);
    return conflict(`${author.name}'s feedback was submitted at ${row?.submitted_at ?? 'an earlier time'} and is final; it can no longer be changed`);
  }
}

/**
 * The events of a submission, in its transaction: `feedback.submitted`, and `scorecard.completed`
 * when it was the last interviewer's (observers' feedback is welcome but never awaited).
 */
async function recordSubmission(trx: Kysely<Database>, session: SessionRecord, author: Author, at: string): Promise<void> {
  const base = { tenantId: session.tenantId, sessionId: session.id, at };
  await recordEvent(trx, {
    ...base,
    type: 'feedback.submitted',
    data: { externalId: session.externalId, participantId: author.participantId, role: author.role, submittedAt: at },
  });
  const interviewers = session.participants.filter((p) => p.role === 'interviewer').map((p) => p.id);
  if (author.role !== 'interviewer') return;
  const done = await trx
    .selectFrom('session_feedback')
    .select('participant_id')
    .where('session_id', '=', session.id)
    .where('status', '=', 'submitted')
    .where('participant_id', 'in', interviewers)
    .execute();
  if (done.length < interviewers.length) return;
  await recordEvent(trx, { ...base, type: 'scorecard.completed', data: { externalId: session.externalId, interviewers: interviewers.length, completedAt: at } });
}

/** The feedback author behind a caller: an interviewer or observer of this session. */
function authorOf(session: SessionRecord, caller: Caller): Author {
  if (caller.kind !== 'participant') throw forbidden('feedback is written by interviewers and observers with their participant token');
  const { role, sub } = caller.claims;
  if (role === 'candidate') throw forbidden('a candidate cannot read or write feedback');
  const participant = session.participants.find((p) => p.id === sub)!;
  return { participantId: participant.id, name: participant.name, role };
}

function check(rubric: Rubric, content: FeedbackContent, mode: 'draft' | 'submit'): void {
  // Each error keeps its `code`, so clients can show their own translated message.
  const errors = validateFeedback(rubric, content, mode);
  if (errors.length) {
    const first = errors[0]!;
    const what = mode === 'submit' ? 'Feedback cannot be submitted' : 'Invalid feedback';
    throw badRequest(`${what}: ${first.path} ${first.message}`, errors);
  }
}

/** Feedback content in rubric order, so that equal content always serializes alike (a replayed submit compares equal). */
function canonicalJson(rubric: Rubric, content: FeedbackContent): string {
  const competencies: FeedbackContent['competencies'] = {};
  for (const { id } of rubric.competencies) {
    const assessment = content.competencies[id];
    if (assessment) competencies[id] = { rating: assessment.rating, evidence: assessment.evidence };
  }
  return JSON.stringify({ competencies, recommendation: content.recommendation, summary: content.summary } satisfies FeedbackContent);
}

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Combines submitted feedback: per competency the mean, range and a disagreement flag (ratings
 * {@link DISAGREEMENT_SPREAD} or more apart), the recommendation distribution, and whether the
 * recommendations fall on both sides of hire / no hire.
 */
export function aggregate(
  rubric: Rubric,
  feedback: Pick<Feedback, 'competencies' | 'recommendation'>[],
): Pick<Scorecard, 'competencies' | 'recommendations' | 'recommendationsDisagree' | 'disagreement'> {
  const competencies: CompetencyScore[] = rubric.competencies.map(({ id, title }) => {
    const ratings = feedback.map((f) => f.competencies[id]?.rating ?? null).filter((r): r is NonNullable<typeof r> => r !== null);
    if (!ratings.length) return { competencyId: id, title, count: 0, mean: null, min: null, max: null, spread: null, disagreement: false };
    const min = Math.min(...ratings);
    const max = Math.max(...ratings);
    const mean = round2(ratings.reduce((sum, r) => sum + r, 0) / ratings.length);
    return { competencyId: id, title, count: ratings.length, mean, min, max, spread: max - min, disagreement: max - min >= DISAGREEMENT_SPREAD };
  });
  const recommendations = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<Recommendation, number>;
  for (const { recommendation } of feedback) if (recommendation) recommendations[recommendation] += 1;
  const recommendationsDisagree =
    recommendations.strong_no + recommendations.no > 0 && recommendations.yes + recommendations.strong_yes > 0;
  return {
    competencies,
    recommendations,
    recommendationsDisagree,
    disagreement: recommendationsDisagree || competencies.some((c) => c.disagreement),
  };
}
