import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import { after, pageOf } from '../pagination.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    /** A question or a kit of a tenant's bank, with its latest version's searchable fields. */
    bank_entries: {
      id: string;
      tenant_id: string;
      kind: EntryKind;
      /** Questions: unique per tenant. Kits: `null`. */
      slug: string | null;
      status: EntryStatus;
      /** The latest version's number. */
      version: number;
      title: string;
      /** Lower-case title and prompt, for text search. */
      search_text: string;
      type: string | null;
      difficulty: string | null;
      /** JSON array of strings. */
      tags: string;
      /** JSON array of language ids. */
      languages: string;
      created_at: string;
      updated_at: string;
    };
    /** Every version of an entry: immutable once `published_at` is set. */
    bank_entry_versions: {
      entry_id: string;
      version: number;
      /** The whole content as JSON text. */
      content: string;
      created_at: string;
      published_at: string | null;
    };
  }
}

export type EntryKind = 'question' | 'kit';
export type EntryStatus = 'draft' | 'published' | 'archived';

/** The searchable fields an entry's latest version gives its row. */
export interface EntryFields {
  title: string;
  searchText: string;
  type: string | null;
  difficulty: string | null;
  tags: string[];
  languages: string[];
}

/** An entry with one of its versions. */
export interface StoredEntry<C> {
  id: string;
  tenantId: string;
  kind: EntryKind;
  slug: string | null;
  status: EntryStatus;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  publishedAt: string | null;
  content: C;
}

export interface EntryFilter {
  text?: string;
  tag?: string;
  difficulty?: string;
  language?: string;
  type?: string;
  status?: EntryStatus;
  limit: number;
  cursor?: string;
}

type Row = Selectable<Database['bank_entries']>;
type Executor = Kysely<Database>;

/** `%`, `_` and `\` stand for themselves in a LIKE pattern built from `text`. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (column: string, text: string) => sql<boolean>`${sql.ref(column)} like ${`%${likeEscaped(text)}%`} escape '\\'`;

/**
 * The bank's tables: entries (questions and kits) of a tenant and their versions. Writes take the
 * executor they run in, so that a service can group them in one transaction.
 */
export class BankStore {
  constructor(readonly db: Db) {}

  async insert(
    db: Executor,
    entry: { id: string; tenantId: string; kind: EntryKind; slug: string | null; status: EntryStatus; fields: EntryFields; at: string },
  ): Promise<void> {
    await db
      .insertInto('bank_entries')
      .values({
        id: entry.id,
        tenant_id: entry.tenantId,
        kind: entry.kind,
        slug: entry.slug,
        status: entry.status,
        version: 0,
        ...columnsOf(entry.fields),
        created_at: entry.at,
        updated_at: entry.at,
      })
      .execute();
  }

  /** Adds version `version` (the next one) and makes it the entry's latest. */
  async addVersion(db: Executor, id: string, version: number, content: unknown, fields: EntryFields, at: string, publishedAt: string | null): Promise<void> {
    await db.insertInto('bank_entry_versions').values({ entry_id: id, version, content: JSON.stringify(content), created_at: at, published_at: publishedAt }).execute();
    await db.updateTable('bank_entries').set({ version, ...columnsOf(fields), updated_at: at }).where('id', '=', id).execute();
  }

  /** Rewrites a draft version in place (refuses, returning false, once it is published). */
  async rewriteDraft(db: Executor, id: string, version: number, content: unknown, fields: EntryFields, at: string): Promise<boolean> {
    const changed = await db
      .updateTable('bank_entry_versions')
      .set({ content: JSON.stringify(content) })
      .where('entry_id', '=', id)
      .where('version', '=', version)
      .where('published_at', 'is', null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return false;
    await db.updateTable('bank_entries').set({ ...columnsOf(fields), updated_at: at }).where('id', '=', id).execute();
    return true;
  }

  /** Changes the status, from `from` only; false when the entry is no longer there. */
  async setStatus(db: Executor, id: string, from: EntryStatus, to: EntryStatus, at: string): Promise<boolean> {
    const changed = await db.updateTable('bank_entries').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(changed.numUpdatedRows) > 0;
  }

  /** Publishes a draft version if its content is still `content` (what was checked); false otherwise. */
  async markPublished(db: Executor, id: string, version: number, content: unknown, at: string): Promise<boolean> {
    const changed = await db
      .updateTable('bank_entry_versions')
      .set({ published_at: at })
      .where('entry_id', '=', id)
      .where('version', '=', version)
      .where('published_at', 'is', null)
      .where('content', '=', JSON.stringify(content))
      .executeTakeFirst();
    return Number(changed.numUpdatedRows) > 0;
  }

  /** The entry at `version` (its latest when absent), or `undefined` when the tenant has no such entry or version. */
  async get<C>(tenantId: string, kind: EntryKind, id: string, version?: number): Promise<StoredEntry<C> | undefined> {
    const row = await this.db.selectFrom('bank_entries').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).where('kind', '=', kind).executeTakeFirst();
    if (!row) return undefined;
    const stored = await this.db
      .selectFrom('bank_entry_versions')
      .selectAll()
      .where('entry_id', '=', id)
      .where('version', '=', version ?? Number(row.version))
      .executeTakeFirst();
    return stored ? entryOf<C>(row, stored) : undefined;
  }

  /** Every version of the entry, oldest first. */
  async versions<C>(id: string): Promise<{ version: number; content: C; publishedAt: string | null }[]> {
    const rows = await this.db.selectFrom('bank_entry_versions').selectAll().where('entry_id', '=', id).orderBy('version').execute();
    return rows.map((r) => ({ version: Number(r.version), content: JSON.parse(r.content) as C, publishedAt: r.published_at }));
  }

  /** The tenant's entries of one kind, oldest first (the order an export lists them in). */
  async all(tenantId: string, kind: EntryKind): Promise<Row[]> {
    return this.db.selectFrom('bank_entries').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', kind).orderBy('created_at').orderBy('id').execute();
  }

  /** The ids of the tenant's questions with these slugs. */
  async idsBySlug(tenantId: string, slugs: string[]): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('bank_entries')
      .select(['id', 'slug'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'question')
      .where('slug', 'in', slugs)
      .execute();
    return new Map(rows.map((r) => [r.slug!, r.id]));
  }

  /** One page of the tenant's entries, newest first, filtered. */
  async list(tenantId: string, kind: EntryKind, filter: EntryFilter): Promise<{ page: Row[]; nextCursor: string | null }> {
    let query = this.db.selectFrom('bank_entries').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', kind);
    if (filter.text) for (const word of filter.text.toLowerCase().split(/\s+/)) query = query.where(contains('search_text', word));
    if (filter.tag) query = query.where(contains('tags', JSON.stringify(filter.tag.toLowerCase())));
    if (filter.language) query = query.where(contains('languages', JSON.stringify(filter.language)));
    if (filter.difficulty) query = query.where('difficulty', '=', filter.difficulty);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.cursor) query = query.where(after(filter.cursor, 'created_at', 'id'));
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
    return pageOf(rows, filter.limit);
  }
}

function columnsOf(fields: EntryFields) {
  return {
    title: fields.title,
    search_text: fields.searchText,
    type: fields.type,
    difficulty: fields.difficulty,
    tags: JSON.stringify(fields.tags.map((t) => t.toLowerCase())),
    languages: JSON.stringify(fields.languages),
  };
}

function entryOf<C>(row: Row, stored: Selectable<Database['bank_entry_versions']>): StoredEntry<C> {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    slug: row.slug,
    status: row.status,
    latestVersion: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(stored.version),
    publishedAt: stored.published_at,
    content: JSON.parse(stored.content) as C,
  };
}
