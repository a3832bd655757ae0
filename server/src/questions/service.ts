import { randomUUID } from 'node:crypto';
import { badRequest, conflict, HttpProblem, notFound, PROBLEM_TYPES } from '../problem.js';
import { fieldErrors } from '../schemas/field-errors.js';
import { QuestionContent as QuestionContentSchema } from '../schemas/questions.js';
import { isUniqueViolation } from '../adapters/db/unique-violation.js';
import { SolutionFailedProblem, type SolutionChecker } from './solution-check.js';
import { BankStore, type EntryFields, type EntryFilter, type StoredEntry } from './store.js';

import type { QuestionContent, QuestionPatch, QuestionSummary, QuestionView } from './types.js';

/** The searchable fields of a question's row. */
export function questionFields(question: QuestionContent): EntryFields {
  const languages = question.type === 'coding' ? [...new Set([...Object.keys(question.starterCode), ...Object.keys(question.solutions)])] : [];
  return {
    title: question.title,
    searchText: `${question.title}\n${question.prompt}`.toLowerCase(),
    type: question.type,
    difficulty: question.difficulty,
    tags: question.tags,
    languages,
  };
}

export function questionView(entry: StoredEntry<QuestionContent>): QuestionView {
  return {
    id: entry.id,
    status: entry.status,
    version: entry.version,
    latestVersion: entry.latestVersion,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    publishedAt: entry.publishedAt,
    question: entry.content,
  };
}

/**
 * A tenant's questions. A question starts as a draft (version 1), edited in place until it is
 * published; from then on every change makes a new version, which is published at once, and no
 * published version ever changes (sessions pin the version they use). Publishing a coding
 * question, and every change to a published one, first runs its reference solutions against all
 * its tests in the sandbox and is refused (422) when one fails. An archived question is kept for
 * the sessions and kits that used it, but cannot change or go into new sessions.
 */
export class QuestionService {
  constructor(
    readonly store: BankStore,
    private readonly solutions: SolutionChecker,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(tenantId: string, question: QuestionContent): Promise<QuestionView> {
    const id = randomUUID();
    const at = this.#now();
    await this.#unique(tenantId, question.slug, () =>
      this.store.db.transaction().execute(async (trx) => {
        await this.store.insert(trx, { id, tenantId, kind: 'question', slug: question.slug, status: 'draft', fields: questionFields(question), at });
        await this.store.addVersion(trx, id, 1, question, questionFields(question), at, null);
      }),
    );
    return this.get(tenantId, id);
  }

  /** The question at `version`, its latest when absent. @throws {HttpProblem} 404 */
  async get(tenantId: string, id: string, version?: number): Promise<QuestionView> {
    return questionView(await this.entry(tenantId, id, version));
  }

  async entry(tenantId: string, id: string, version?: number): Promise<StoredEntry<QuestionContent>> {
    const entry = await this.store.get<QuestionContent>(tenantId, 'question', id, version);
    if (!entry) throw notFound(version === undefined ? `no question ${id}` : `question ${id} has no version ${version}`);
    return entry;
  }

  async list(tenantId: string, filter: EntryFilter): Promise<{ questions: QuestionSummary[]; nextCursor: string | null }> {
    const { page, nextCursor } = await this.store.list(tenantId, 'question', filter);
    return {
      questions: page.map((row) => ({
        id: row.id,
        slug: row.slug!,
        type: row.type as QuestionSummary['type'],
        title: row.title,
        difficulty: row.difficulty as QuestionSummary['difficulty'],
        tags: JSON.parse(row.tags) as string[],
        languages: JSON.parse(row.languages) as string[],
        status: row.status,
        version: Number(row.version),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      })),
      nextCursor,
    };
  }

  /**
   * Applies `patch`: a draft changes in place; a published question gets a new version (its
   * reference solutions checked first). 409 for an archived question.
   */
  async update(tenantId: string, id: string, patch: QuestionPatch): Promise<QuestionView> {
    const latest = await this.entry(tenantId, id);
    if (latest.status === 'archived') throw conflict(`question ${id} is archived; archived questions do not change`);
    const changed = merged(latest.content, patch);
    const at = this.#now();
    if (latest.status === 'draft') {
      if (!(await this.store.rewriteDraft(this.store.db, id, latest.version, changed, questionFields(changed), at))) throw editedMeanwhile(id);
      return this.get(tenantId, id);
    }
    await this.#checkSolutions(tenantId, id, changed);
    try {
      await this.store.db.transaction().execute((trx) => this.store.addVersion(trx, id, latest.version + 1, changed, questionFields(changed), at, at));
    } catch (error) {
      if (isUniqueViolation(error)) throw editedMeanwhile(id);
      throw error;
    }
    return this.get(tenantId, id);
  }

  /** draft → published, once its reference solutions pass; idempotent. 409 for an archived question. */
  async publish(tenantId: string, id: string): Promise<QuestionView> {
    const latest = await this.entry(tenantId, id);
    if (latest.status === 'published') return questionView(latest);
    if (latest.status === 'archived') throw conflict(`question ${id} is archived; it cannot be published again`);
    await this.#checkSolutions(tenantId, id, latest.content);
    const at = this.#now();
    // Both conditional: a draft edited (or published) while its solutions ran is not published unchecked.
    await this.store.db.transaction().execute(async (trx) => {
      if (!(await this.store.setStatus(trx, id, 'draft', 'published', at))) throw editedMeanwhile(id);
      if (!(await this.store.markPublished(trx, id, latest.version, latest.content, at))) throw editedMeanwhile(id);
    });
    return this.get(tenantId, id);
  }

  /** Retires the question from new sessions and kits (sessions that used it keep it); idempotent. */
  async archive(tenantId: string, id: string): Promise<QuestionView> {
    const latest = await this.entry(tenantId, id);
    if (latest.status !== 'archived' && !(await this.store.setStatus(this.store.db, id, latest.status, 'archived', this.#now()))) throw editedMeanwhile(id);
    return this.get(tenantId, id);
  }

  async #checkSolutions(tenantId: string, id: string, question: QuestionContent): Promise<void> {
    if (question.type !== 'coding') return;
    const failure = await this.solutions.check({ tenant: tenantId, question: id }, question);
    if (failure) throw new SolutionFailedProblem(failure);
  }

  /** Runs `write`, turning a clash of slugs into 409. */
  async #unique<T>(tenantId: string, slug: string, write: () => Promise<T>): Promise<T> {
    const taken = () => new HttpProblem(409, `the bank already has a question with slug "${slug}"`, { type: PROBLEM_TYPES.conflict });
    if ((await this.store.idsBySlug(tenantId, [slug])).size > 0) throw taken();
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  #now(): string {
    return this.now().toISOString();
  }
}

/** The question with `patch` applied, validated as a whole (400 naming the fields otherwise). */
function merged(question: QuestionContent, patch: QuestionPatch): QuestionContent {
  const { rubric, starterFiles, solutionFiles, ...rest } = patch;
  const next: Record<string, unknown> = { ...question, ...rest };
  // null removes an optional field; undefined leaves it as it is.
  for (const [name, value] of Object.entries({ rubric, starterFiles, solutionFiles })) {
    if (value === null) delete next[name];
    else if (value !== undefined) next[name] = value;
  }
  const result = QuestionContentSchema.safeParse(next);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw badRequest(`the changed question is not valid: ${errors[0]!.path}: ${errors[0]!.message}`, errors);
  }
  return result.data;
}

const editedMeanwhile = (id: string) => conflict(`question ${id} was changed by another request meanwhile; load it again and retry`);
