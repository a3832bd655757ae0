import type * as Y from 'yjs';
import { codeOf, SHARED_STRUCTURE } from './structure.js';

/**
 * A question's code as a project: the entry file is the question's shared code (`Y.Text('code')`,
 * slot n `code.n`), and every other file of the project is a `Y.Text` in the map `Y.Map('files')`
 * (slot n `files.n`), keyed by its path. A session whose map is empty is a single-file program, as
 * documents always were.
 */

/** One file of a project as a run request and the export carry it. */
export interface ProjectFile {
  /** Relative, `/`-separated path, e.g. `lib/helper.py`. */
  path: string;
  content: string;
}

/** Name of the map of a question's other files (slot 0 `files`, slot n `files.n`). */
export function filesNameOf(slot = 0): string {
  return slot === 0 ? SHARED_STRUCTURE.files : `${SHARED_STRUCTURE.files}.${slot}`;
}

/** The other files of the question in `slot`: path → shared text. */
export function projectFilesOf(doc: Y.Doc, slot = 0): Y.Map<Y.Text> {
  return doc.getMap<Y.Text>(filesNameOf(slot));
}

/** The entry file's path of each language: where the question's shared code is written. */
const ENTRY_PATHS: Readonly<Record<string, string>> = {
  python: 'main.py',
  javascript: 'main.js',
  typescript: 'main.ts',
  java: 'Main.java',
  c: 'main.c',
  cpp: 'main.cpp',
  go: 'main.go',
  ruby: 'main.rb',
  bash: 'main.sh',
};

/** The entry file's path for `language` (`main.<ext>`; Java `Main.java`). */
export function entryPathOf(language: string): string {
  return ENTRY_PATHS[language] ?? 'main.txt';
}

/** Languages by file extension, for a project's files. */
const LANGUAGE_OF_EXTENSION: Readonly<Record<string, string>> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  java: 'java',
  c: 'c',
  h: 'cpp',
  cpp: 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  go: 'go',
  rb: 'ruby',
  sh: 'bash',
};

/** The language a file is written in, from its extension; `undefined` for plain text (`.txt`, `.json`, …). */
export function languageOfPath(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : LANGUAGE_OF_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** Longest path a project file may have, in characters. */
export const PROJECT_PATH_MAX_LENGTH = 120;
/** Deepest a project file may sit: `a/b/c/file.py` is four levels. */
export const PROJECT_PATH_MAX_LEVELS = 4;

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Why a path cannot name a project file, as a kind (for translated messages; {@link validateProjectPath} words each). */
export type ProjectPathProblem = 'empty' | 'too-long' | 'absolute' | 'too-deep' | 'empty-part' | 'bad-part';

/** What each {@link ProjectPathProblem} means, in English. */
const PATH_PROBLEM_TEXT: Readonly<Record<ProjectPathProblem, string>> = {
  empty: 'a file needs a name',
  'too-long': `a path has at most ${PROJECT_PATH_MAX_LENGTH} characters`,
  absolute: 'a path is relative to the project (no leading "/")',
  'too-deep': `a file sits at most ${PROJECT_PATH_MAX_LEVELS} levels deep`,
  'empty-part': 'a path has no empty parts ("//" or a trailing "/")',
  'bad-part': 'each part of a path uses letters, digits, ".", "_" and "-", and does not start with "." or "-"',
};

/**
 * Why `path` cannot name a project file, or `undefined` when it can: relative, `/`-separated,
 * segments of letters, digits, `.`, `_` and `-` that do not start with a dot (so no `.` or `..`),
 * at most {@link PROJECT_PATH_MAX_LENGTH} characters and {@link PROJECT_PATH_MAX_LEVELS} levels.
 */
export function projectPathProblemOf(path: string): ProjectPathProblem | undefined {
  if (path.length === 0) return 'empty';
  if (path.length > PROJECT_PATH_MAX_LENGTH) return 'too-long';
  if (path.startsWith('/')) return 'absolute';
  const segments = path.split('/');
  if (segments.length > PROJECT_PATH_MAX_LEVELS) return 'too-deep';
  for (const segment of segments) {
    if (segment === '') return 'empty-part';
    if (!SEGMENT.test(segment)) return 'bad-part';
  }
  return undefined;
}

/** Why `path` cannot name a project file, in English ({@link projectPathProblemOf} worded), or `undefined` when it can. */
export function validateProjectPath(path: string): string | undefined {
  const problem = projectPathProblemOf(path);
  return problem && PATH_PROBLEM_TEXT[problem];
}

/**
 * The project of the question in `slot` as a run takes it: the entry file (its path from
 * `language`) first, then the other files by path.
 */
export function projectOf(doc: Y.Doc, slot: number, language: string): ProjectFile[] {
  const entry: ProjectFile = { path: entryPathOf(language), content: codeOf(doc, slot).toString() };
  const others = [...projectFilesOf(doc, slot).entries()]
    .filter(([path]) => path !== entry.path)
    .map(([path, text]) => ({ path, content: text.toString() }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [entry, ...others];
}
