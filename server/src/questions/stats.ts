import type { FeedbackContent } from '@interview-kit/core/rubric';
import { NO_ENCRYPTION, type FieldCipher } from '../adapters/crypto/field-cipher.js';
import type { Db } from '../adapters/db/database.js';
import { openFeedbackContent } from '../services/feedback.js';
import { notFound } from '../problem.js';
import { openRunResult, type StoredRunResult } from '../services/runs/store.js';
import type { BankStore } from './store.js';
import type { QuestionStats } from './types.js';

/** One session's use of a question: where in the session's plan it stood, and from which kit slot. */
interface Use {
  sessionId: string;
  version: number;
  position: number;
  kit: { id: string; section: number; variant: number } | null;
}

/**
 * What each session produced: per question (keyed by {@link slotKey}) its latest score in percent
 * and the seconds to its first passing run; per session the submitted ratings by competency.
 */
interface Outcomes {
  scores: Map<string, number>;
  ratings: Map<string, Map<string, number[]>>;
  firstPass: Map<string, number>;
}

/** A question's place in one session: its session and its position in the plan. */
const slotKey = (sessionId: string, position: number) => `${sessionId}#${position}`;
const slotOf = (use: Use) => slotKey(use.sessionId, use.position);

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Percentages in five bands: 0–19, 20–39, 40–59, 60–79, 80–100. */
export function distribution(percents: number[]): { fromPercent: number; toPercent: number; count: number }[] {
  return [0, 20, 40, 60, 80].map((from) => ({
    fromPercent: from,
    toPercent: from === 80 ? 100 : from + 19,
    count: percents.filter((p) => (from === 80 ? p >= 80 : p >= from && p < from + 20)).length,
  }));
}

/** Whether a stored run passed every test it ran (at least one). */
const passedAll = (result: StoredRunResult) => Boolean(result.tests?.length) && result.tests!.every((t) => t.passed);

/**
 * Calibration figures of a question, per version: how often it was used, how the final code
 * scored, how interviewers rated the sessions, how long candidates took to a first passing run,
 * and how the variants of kit sections it appeared in compare. Every figure comes with the
 * number of sessions it rests on.
 */
export class QuestionStatsService {
  constructor(
    private readonly db: Db,
    private readonly store: BankStore,
    /** Opens feedback sealed at rest (`DATA_ENCRYPTION_KEY`). */
    private readonly cipher: FieldCipher = NO_ENCRYPTION,
  ) {}

  async stats(tenantId: string, id: string): Promise<QuestionStats> {
    const entry = await this.store.get(tenantId, 'question', id);
    if (!entry) throw notFound(`no question ${id}`);
    const uses = await this.#uses(tenantId, { questionId: id });
    const sections = [...new Set(uses.filter((u) => u.kit).map((u) => `${u.kit!.id}#${u.kit!.section}`))];
    const kitIds = [...new Set(uses.filter((u) => u.kit).map((u) => u.kit!.id))];
    const peers = kitIds.length
      ? (await this.#uses(tenantId, { kitIds })).filter((u) => u.kit && sections.includes(`${u.kit.id}#${u.kit.section}`))
      : [];
    const outcomes = await this.#outcomes([...new Set([...uses, ...peers].map((u) => u.sessionId))]);
    const versions = await this.store.versions(id);
    return { id, versions: versions.map(({ version }) => this.#version(version, uses, peers, outcomes)) };
  }

  #version(version: number, all: Use[], peers: Use[], outcomes: Outcomes): QuestionStats['versions'][number] {
    const uses = all.filter((u) => u.version === version);
    const sessions = [...new Set(uses.map((u) => u.sessionId))];
    const scored = uses.filter((u) => outcomes.scores.has(slotOf(u))).map((u) => outcomes.scores.get(slotOf(u))!);
    const byCompetency = new Map<string, number[]>();
    for (const session of sessions) {
      for (const [competency, ratings] of outcomes.ratings.get(session) ?? []) byCompetency.set(competency, [...(byCompetency.get(competency) ?? []), ...ratings]);
    }
    const firstPass = uses.filter((u) => outcomes.firstPass.has(slotOf(u))).map((u) => outcomes.firstPass.get(slotOf(u))!);
    const variantKeys = [...new Set(uses.filter((u) => u.kit).map((u) => `${u.kit!.id}#${u.kit!.section}`))];
    const variants = variantKeys.flatMap((key) => {
      const inSection = peers.filter((p) => `${p.kit!.id}#${p.kit!.section}` === key);
      const drawn = [...new Set(inSection.map((p) => p.kit!.variant))].sort((a, b) => a - b);
      return drawn.map((variant) => {
        const drawnUses = inSection.filter((p) => p.kit!.variant === variant);
        const ids = [...new Set(drawnUses.map((p) => p.sessionId))];
        const scores = drawnUses.filter((p) => outcomes.scores.has(slotOf(p))).map((p) => outcomes.scores.get(slotOf(p))!);
        const ratings = ids.flatMap((s) => [...(outcomes.ratings.get(s)?.values() ?? [])].flat());
        const [kitId, section] = key.split('#') as [string, string];
        return {
          kitId,
          section: Number(section),
          variant,
          sessions: ids.length,
          meanScorePercent: round(mean(scores)),
          scoreCount: scores.length,
          meanRating: round(mean(ratings)),
          ratingCount: ratings.length,
        };
      });
    });
    return {
      version,
      timesUsed: sessions.length,
      scores: { count: scored.length, meanPercent: round(mean(scored)), distribution: distribution(scored) },
      ratings: [...byCompetency].map(([competency, ratings]) => ({ competency, mean: round(mean(ratings))!, count: ratings.length })),
      firstPassingRun: { count: firstPass.length, medianSeconds: median(firstPass) },
      variants,
    };
  }

  /** The uses of one question, or of the questions drawn as variants in some kits. */
  async #uses(tenantId: string, which: { questionId: string } | { kitIds: string[] }): Promise<Use[]> {
    let query = this.db
      .selectFrom('session_questions')
      .innerJoin('sessions', 'sessions.id', 'session_questions.session_id')
      .select(['session_questions.session_id', 'session_questions.version', 'session_questions.position', 'session_questions.kit_id', 'session_questions.section', 'session_questions.variant'])
      .where('sessions.tenant_id', '=', tenantId);
    query =
      'questionId' in which
        ? query.where('session_questions.question_id', '=', which.questionId)
        : query.where('session_questions.kit_id', 'in', which.kitIds).where('session_questions.variant', 'is not', null);
    const rows = await query.execute();
    return rows.map((r) => ({
      sessionId: r.session_id,
      version: Number(r.version),
      position: Number(r.position),
      kit: r.kit_id === null || r.variant === null ? null : { id: r.kit_id, section: Number(r.section), variant: Number(r.variant) },
    }));
  }

  async #outcomes(sessionIds: string[]): Promise<Outcomes> {
    const outcomes: Outcomes = { scores: new Map(), ratings: new Map(), firstPass: new Map() };
    if (!sessionIds.length) return outcomes;
    const scores = await this.db
      .selectFrom('scores')
      .select(['session_id', 'result'])
      .where('session_id', 'in', sessionIds)
      .where('status', '=', 'done')
      .orderBy('finished_at')
      .execute();
    for (const row of scores) {
      // Each coding question reached has its own entry; a score from before sessions had several is its first question's.
      const result = JSON.parse(row.result!) as { passed: number; total: number; questions?: { index: number; passed: number; total: number }[] };
      for (const entry of result.questions ?? [{ index: 0, passed: result.passed, total: result.total }]) {
        if (entry.total > 0) outcomes.scores.set(slotKey(row.session_id, entry.index), (100 * entry.passed) / entry.total);
      }
    }
    const feedback = await this.db.selectFrom('session_feedback').select(['session_id', 'participant_id', 'content']).where('session_id', 'in', sessionIds).where('status', '=', 'submitted').execute();
    for (const row of feedback) {
      const byCompetency = outcomes.ratings.get(row.session_id) ?? new Map<string, number[]>();
      for (const [competency, assessment] of Object.entries((JSON.parse(openFeedbackContent(this.cipher, row)) as FeedbackContent).competencies)) {
        if (typeof assessment.rating === 'number') byCompetency.set(competency, [...(byCompetency.get(competency) ?? []), assessment.rating]);
      }
      outcomes.ratings.set(row.session_id, byCompetency);
    }
    const runs = await this.db
      .selectFrom('runs')
      .innerJoin('sessions', 'sessions.id', 'runs.session_id')
      .select(['runs.id', 'runs.session_id', 'runs.created_at', 'runs.result', 'sessions.started_at'])
      .where('runs.session_id', 'in', sessionIds)
      .orderBy('runs.created_at')
      .execute();
    for (const run of runs) {
      if (!run.started_at) continue;
      const result = openRunResult(this.cipher, { id: run.id, session_id: run.session_id, result: run.result });
      const slot = slotKey(run.session_id, result.question ?? 0);
      if (outcomes.firstPass.has(slot) || !passedAll(result)) continue;
      outcomes.firstPass.set(slot, Math.max(0, (Date.parse(run.created_at) - Date.parse(run.started_at)) / 1000));
    }
    return outcomes;
  }
}
