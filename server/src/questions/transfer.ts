import { randomUUID } from 'node:crypto';
import { HttpProblem, PROBLEM_TYPES, badRequest } from '../problem.js';
import { BANK_FORMAT } from '../schemas/questions.js';
import { assertOneKindOfSection, kitFields } from './kits.js';
import { questionFields } from './service.js';
import type { BankStore } from './store.js';
import type { KitContent, QuestionBank, QuestionContent, QuestionRef } from './types.js';

type ExportedKit = QuestionBank['kits'][number];
type ExportedSection = ExportedKit['sections'][number];

/** What an import did: the questions and kits it created, and the slugs it skipped. */
export interface ImportResult {
  questions: { id: string; slug: string }[];
  kits: { id: string; name: string }[];
  skipped: string[];
}

/**
 * The whole bank of a tenant as one JSON document (`interview-kit/question-bank`, version 1):
 * each question's latest version with its status and earlier versions (`history`), and each kit
 * likewise, its questions named by slug. Importing the document into another tenant recreates
 * the same versions, so exporting that tenant gives the same document.
 */
export class BankTransfer {
  constructor(
    private readonly store: BankStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async export(tenantId: string): Promise<QuestionBank> {
    const questions: QuestionBank['questions'] = [];
    const slugs = new Map<string, string>();
    for (const row of await this.store.all(tenantId, 'question')) {
      slugs.set(row.id, row.slug!);
      const versions = await this.store.versions<QuestionContent>(row.id);
      const history = versions.slice(0, -1).map((v) => v.content);
      questions.push({ ...versions.at(-1)!.content, status: row.status, history });
    }
    const bySlug = (refs: QuestionRef[]) => refs.map(({ id, version }) => ({ slug: slugs.get(id)!, ...(version !== undefined ? { version } : {}) }));
    const exportedKit = (kit: KitContent): Omit<ExportedKit, 'history'> => ({
      ...kit,
      sections: kit.sections.map(({ questions: refs, variants, ...section }) => ({
        ...section,
        ...(refs ? { questions: bySlug(refs) } : {}),
        ...(variants ? { variants: variants.map(bySlug) } : {}),
      })),
    });
    const kits: QuestionBank['kits'] = [];
    for (const row of await this.store.all(tenantId, 'kit')) {
      const versions = (await this.store.versions<KitContent>(row.id)).map((v) => exportedKit(v.content));
      kits.push({ ...versions.at(-1)!, history: versions.slice(0, -1) });
    }
    return { format: BANK_FORMAT, version: 1, questions, kits };
  }

  /**
   * Adds the document's questions and kits to the tenant's bank in one transaction. A slug the
   * tenant has already is refused (409 naming them) or, with `existing: "skip"`, left as it is
   * (kits then refer to the tenant's question). Imported questions keep their status and versions;
   * their reference solutions are not run again (the bank they came from checked them).
   */
  async import(tenantId: string, bank: Pick<QuestionBank, 'questions' | 'kits'>, existing: 'refuse' | 'skip' = 'refuse'): Promise<ImportResult> {
    const slugList = bank.questions.map((q) => q.slug);
    const twice = slugList.find((slug, i) => slugList.indexOf(slug) !== i);
    if (twice) throw badRequest(`the document has two questions with slug "${twice}"`, [{ path: 'questions', message: `duplicate slug ${twice}` }]);
    const taken = await this.store.idsBySlug(tenantId, slugList);
    const skipped = slugList.filter((slug) => taken.has(slug));
    if (skipped.length > 0 && existing === 'refuse') {
      throw new HttpProblem(409, `the bank already has questions with these slugs: ${skipped.join(', ')}; pass existing: "skip" to keep them`, {
        type: PROBLEM_TYPES.conflict,
      });
    }
    const ids = new Map(taken);
    const result: ImportResult = { questions: [], kits: [], skipped };
    for (const question of bank.questions) if (!taken.has(question.slug)) ids.set(question.slug, randomUUID());
    const versionCount = new Map(bank.questions.map((q) => [q.slug, q.history.length + 1]));
    const typeOf = new Map<string, string>([
      ...(await this.store.all(tenantId, 'question')).filter((row) => taken.has(row.slug!)).map((row) => [row.slug!, row.type!] as const),
      ...bank.questions.filter((q) => !taken.has(q.slug)).map((q) => [q.slug, q.type] as const),
    ]);
    const byId = (refs: { slug: string; version?: number | undefined }[], path: string): QuestionRef[] => {
      assertOneKindOfSection(refs.map((ref) => typeOf.get(ref.slug) ?? 'unknown'), path);
      return refs.map(({ slug, version }) => {
        const id = ids.get(slug);
        if (!id) throw badRequest(`${path}: the document has no question "${slug}"`, [{ path, message: `unknown slug ${slug}` }]);
        if (version !== undefined && !taken.has(slug) && version > versionCount.get(slug)!) {
          throw badRequest(`${path}: question "${slug}" has no version ${version}`, [{ path, message: `unknown version ${version}` }]);
        }
        return { id, ...(version !== undefined ? { version } : {}) };
      });
    };
    // Each entry is created a millisecond after the one before, so that the bank lists them in the document's order.
    const start = this.now().getTime();
    let created = 0;
    const nextTime = () => new Date(start + created++).toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      for (const { status, history, ...latest } of bank.questions) {
        if (taken.has(latest.slug)) continue;
        const at = nextTime();
        const id = ids.get(latest.slug)!;
        const publishedAt = status === 'draft' ? null : at;
        await this.store.insert(trx, { id, tenantId, kind: 'question', slug: latest.slug, status, fields: questionFields(latest), at });
        for (const [i, content] of [...history, latest].entries()) await this.store.addVersion(trx, id, i + 1, content, questionFields(content), at, publishedAt);
        result.questions.push({ id, slug: latest.slug });
      }
      for (const [k, { history, ...latest }] of bank.kits.entries()) {
        const id = randomUUID();
        const at = nextTime();
        const kitOf = ({ sections, ...kit }: Omit<ExportedKit, 'history'>): KitContent => ({
          ...kit,
          sections: sections.map(({ questions, variants, ...section }: ExportedSection, s) => ({
            ...section,
            ...(questions ? { questions: byId(questions, `kits.${k}.sections.${s}.questions`) } : {}),
            ...(variants ? { variants: variants.map((refs, v) => byId(refs, `kits.${k}.sections.${s}.variants.${v}`)) } : {}),
          })),
        });
        const versions = [...history, latest].map(kitOf);
        const fields = kitFields(versions.at(-1)!);
        await this.store.insert(trx, { id, tenantId, kind: 'kit', slug: null, status: 'published', fields, at });
        for (const [i, content] of versions.entries()) await this.store.addVersion(trx, id, i + 1, content, fields, at, at);
        result.kits.push({ id, name: latest.name });
      }
    });
    return result;
  }
}
