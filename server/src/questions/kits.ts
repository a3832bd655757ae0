import { randomUUID } from 'node:crypto';
import { badRequest, conflict, notFound } from '../problem.js';
import { isUniqueViolation } from '../adapters/db/unique-violation.js';
import { BankStore, type EntryFields, type StoredEntry } from './store.js';

import type { KitContent, KitPatch, KitSection, KitView, QuestionContent, QuestionRef } from './types.js';

/** The question lists a section may give a session: its questions, or each of its variants. */
export const choicesOf = (section: Pick<KitSection, 'questions' | 'variants'>): QuestionRef[][] => section.variants ?? [section.questions ?? []];

/** A section's question list holds one coding question, or only structured ones; 400 naming `path` otherwise. */
export function assertOneKindOfSection(types: readonly string[], path: string): void {
  if (types.includes('coding') && types.length > 1) {
    throw badRequest(`${path}: a section asks one coding question, or a set of structured questions`, [{ path, message: 'mixed or several coding questions' }]);
  }
}

/** The searchable fields of a kit's row. */
export const kitFields = (kit: KitContent): EntryFields => ({
  title: kit.name,
  searchText: kit.name.toLowerCase(),
  type: null,
  difficulty: null,
  tags: [],
  languages: [],
});

const kitView = (entry: StoredEntry<KitContent>): KitView => ({
  id: entry.id,
  version: entry.version,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
  kit: entry.content,
});

/**
 * Interview kits: named, ordered sections of the tenant's questions (one coding question, or a set
 * of structured questions, each with a time budget; a section may offer A/B variants instead),
 * a rubric and a duration. Every change makes a new version; no version ever changes, so a
 * session records the kit version it was made from.
 */
export class KitService {
  constructor(
    private readonly store: BankStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(tenantId: string, kit: KitContent): Promise<KitView> {
    await this.#check(tenantId, kit);
    const id = randomUUID();
    const at = this.now().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.insert(trx, { id, tenantId, kind: 'kit', slug: null, status: 'published', fields: kitFields(kit), at });
      await this.store.addVersion(trx, id, 1, kit, kitFields(kit), at, at);
    });
    return this.get(tenantId, id);
  }

  /** The kit at `version`, its latest when absent. @throws {HttpProblem} 404 */
  async get(tenantId: string, id: string, version?: number): Promise<KitView> {
    return kitView(await this.entry(tenantId, id, version));
  }

  async entry(tenantId: string, id: string, version?: number): Promise<StoredEntry<KitContent>> {
    const entry = await this.store.get<KitContent>(tenantId, 'kit', id, version);
    if (!entry) throw notFound(version === undefined ? `no kit ${id}` : `kit ${id} has no version ${version}`);
    return entry;
  }

  async list(tenantId: string, filter: { limit: number; cursor?: string }) {
    const { page, nextCursor } = await this.store.list(tenantId, 'kit', filter);
    return {
      kits: page.map((row) => ({ id: row.id, name: row.title, version: Number(row.version), createdAt: row.created_at, updatedAt: row.updated_at })),
      nextCursor,
    };
  }

  /** Makes a new version with `patch` applied (`rubric: null` returns to the default rubric). */
  async update(tenantId: string, id: string, patch: KitPatch): Promise<KitView> {
    const latest = await this.entry(tenantId, id);
    const { rubric, ...rest } = patch;
    const next: KitContent = { ...latest.content, ...rest };
    if (rubric === null) delete next.rubric;
    else if (rubric !== undefined) next.rubric = rubric;
    await this.#check(tenantId, next);
    const at = this.now().toISOString();
    try {
      await this.store.db.transaction().execute((trx) => this.store.addVersion(trx, id, latest.version + 1, next, kitFields(next), at, at));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`kit ${id} was changed by another request meanwhile; load it again and retry`);
      throw error;
    }
    return this.get(tenantId, id);
  }

  /** Every question of the kit exists (at the version named) and each question list is one coding question or only structured ones. */
  async #check(tenantId: string, kit: KitContent): Promise<void> {
    for (const [s, section] of kit.sections.entries()) {
      for (const [v, refs] of choicesOf(section).entries()) {
        const path = section.variants ? `sections.${s}.variants.${v}` : `sections.${s}.questions`;
        const types: string[] = [];
        for (const [q, ref] of refs.entries()) {
          const entry = await this.store.get<QuestionContent>(tenantId, 'question', ref.id, ref.version);
          if (!entry) throw badRequest(`${path}.${q}: the bank has no question ${ref.id}${ref.version ? ` version ${ref.version}` : ''}`, [{ path: `${path}.${q}`, message: 'unknown question' }]);
          types.push(entry.content.type);
        }
        assertOneKindOfSection(types, path);
      }
    }
  }
}
