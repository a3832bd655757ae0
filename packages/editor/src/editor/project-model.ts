import {
  codeNamesOf,
  codeOf,
  entryPathOf,
  languageOf,
  languageOfPath,
  metaOf,
  projectFilesOf,
  projectPathProblemOf,
  type ProjectPathProblem,
} from '@interview-kit/core';
import * as Y from 'yjs';

/** Most files a project holds in the editor, its entry file included. */
export const PROJECT_FILE_LIMIT = 20;

/**
 * Why a name cannot be given to a file: a path problem (`projectPathProblemOf`), a file of that
 * path already there (`exists`), a file where a folder of that name is or the other way round
 * (`clash`), a project that is full ({@link PROJECT_FILE_LIMIT}), or, renaming, a file that is
 * not there (any more) or is the entry file (`missing`).
 */
export type ProjectNameProblem = ProjectPathProblem | 'exists' | 'clash' | 'limit' | 'missing';

/** One file of the list. */
export interface ProjectEntry {
  path: string;
  /** The entry file: the question's shared code, named after the session's language; never renamed or deleted. */
  entry: boolean;
  /** The language to edit it in: the session's for the entry file, else by extension (`undefined`: plain text). */
  language: string | undefined;
}

/** What changed in the list, as one transaction changed it. */
export interface ProjectChange {
  /** A file renamed (its old path deleted and its new one added in one transaction, as {@link ProjectModel.rename} does). */
  renamed?: { from: string; to: string };
  /** Paths no longer in the project (a renamed file's old path included). */
  removed: string[];
}

/**
 * The files of one question's project, framework-free: the entry file (the question's shared code,
 * `code` or `code.n`, at `entryPathOf(language)`) first, then the files of the shared map
 * (`files` / `files.n`) by path; creating, renaming (a copy and a delete in one transaction, so
 * that everyone sees one rename) and deleting them, and following what others do.
 * `<interview-editor>` renders it as its file list.
 *
 * @example
 * ```ts
 * const project = new ProjectModel(collab.doc, collab.slot);
 * project.create('lib/helper.py'); // undefined: created
 * project.create('../x');          // 'bad-part'
 * project.observe(({ renamed }) => renamed && console.log(`${renamed.from} is now ${renamed.to}`));
 * ```
 */
export class ProjectModel {
  readonly doc: Y.Doc;
  readonly slot: number;
  readonly #files: Y.Map<Y.Text>;

  constructor(doc: Y.Doc, slot = 0) {
    this.doc = doc;
    this.slot = slot;
    this.#files = projectFilesOf(doc, slot);
  }

  /** The entry file's path: `main.<ext>` of the session's language (Java `Main.java`). */
  get entryPath(): string {
    return entryPathOf(languageOf(this.doc, this.slot) ?? '');
  }

  /** The project's files: the entry file first, then the others by path (one named like the entry file is the entry's shadow and left out, as runs leave it out). */
  list(): ProjectEntry[] {
    const entry = this.entryPath;
    const others = [...this.#files.keys()].filter((path) => path !== entry).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return [{ path: entry, entry: true, language: languageOf(this.doc, this.slot) }, ...others.map((path) => ({ path, entry: false, language: languageOfPath(path) }))];
  }

  /** How many files the project holds, the entry file included. */
  get size(): number {
    return this.list().length;
  }

  /** Whether the project holds more than its entry file. */
  get multiFile(): boolean {
    return this.size > 1;
  }

  has(path: string): boolean {
    return path === this.entryPath || this.#files.has(path);
  }

  /** The shared text of a file, `undefined` when there is none at `path`. */
  textOf(path: string): Y.Text | undefined {
    return path === this.entryPath ? codeOf(this.doc, this.slot) : this.#files.get(path);
  }

  /** The language a file is edited in (see {@link ProjectEntry.language}). */
  languageOf(path: string): string | undefined {
    return path === this.entryPath ? languageOf(this.doc, this.slot) : languageOfPath(path);
  }

  /** Why `path` cannot be a new file's name (or `renaming`'s new name), `undefined` when it can. */
  problemOf(path: string, renaming?: string): ProjectNameProblem | undefined {
    const problem = projectPathProblemOf(path);
    if (problem) return problem;
    if (path === renaming) return undefined;
    if (this.has(path)) return 'exists';
    const paths = this.list()
      .map((entry) => entry.path)
      .filter((other) => other !== renaming);
    if (paths.some((other) => other.startsWith(`${path}/`) || path.startsWith(`${other}/`))) return 'clash';
    if (renaming === undefined && paths.length >= PROJECT_FILE_LIMIT) return 'limit';
    return undefined;
  }

  /** Creates an empty file at `path`; returns why it could not, or `undefined` once created. */
  create(path: string): ProjectNameProblem | undefined {
    const problem = this.problemOf(path);
    if (!problem) this.#files.set(path, new Y.Text());
    return problem;
  }

  /**
   * Renames a file other than the entry: one transaction copies its text to `to` and deletes it at
   * `from`. Returns why it could not (`missing` for the entry file or a file not there), or `undefined`
   * once renamed (also when `to` is `from`).
   */
  rename(from: string, to: string): ProjectNameProblem | undefined {
    const text = from === this.entryPath ? undefined : this.#files.get(from);
    if (!text) return 'missing';
    const problem = this.problemOf(to, from);
    if (problem || to === from) return problem;
    this.doc.transact(() => {
      this.#files.set(to, new Y.Text(text.toString()));
      this.#files.delete(from);
    });
    return undefined;
  }

  /** Deletes a file other than the entry; returns whether there was one to delete. */
  delete(path: string): boolean {
    if (path === this.entryPath || !this.#files.has(path)) return false;
    this.#files.delete(path);
    return true;
  }

  /**
   * Calls `listener` whenever the list changes: a file created, renamed or deleted (by anyone), or
   * the entry file renamed by a change of the session's language. Returns the unsubscriber.
   */
  observe(listener: (change: ProjectChange) => void): () => void {
    const languageKey = codeNamesOf(this.slot).language;
    const meta = metaOf(this.doc);
    let entry = this.entryPath;
    const onFiles = (event: Y.YMapEvent<Y.Text>) => {
      const added: string[] = [];
      const removed: string[] = [];
      for (const [path, { action }] of event.changes.keys) {
        if (action === 'add') added.push(path);
        else if (action === 'delete') removed.push(path);
      }
      const renamed = added.length === 1 && removed.length === 1 ? { from: removed[0]!, to: added[0]! } : undefined;
      listener({ ...(renamed && { renamed }), removed });
    };
    const onMeta = (event: Y.YMapEvent<unknown>) => {
      if (!event.keysChanged.has(languageKey)) return;
      const previous = entry;
      entry = this.entryPath;
      if (previous !== entry) listener({ renamed: { from: previous, to: entry }, removed: [previous] });
    };
    this.#files.observe(onFiles);
    meta.observe(onMeta);
    return () => {
      this.#files.unobserve(onFiles);
      meta.unobserve(onMeta);
    };
  }
}
