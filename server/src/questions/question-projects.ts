import { entryPathOf, type ProjectFile } from '@interview-kit/core/collab/project';

/**
 * A coding question's code as a project: the starter project a session's shared document is
 * seeded with, and the project a reference solution is checked as. A file at the language's entry
 * path (`entryPathOf`) stands for the entry, which lives in the document's code, not in its files map.
 */

/** The project a question starts with: the entry's code and the other files, by path. */
export interface StarterProject {
  code: string;
  files: ProjectFile[];
}

/** The starter project of a session's question: `starterFiles` beside the entry, whose code a starter file at the entry path replaces. */
export function starterProjectOf(question: { language: string; starterCode: string; starterFiles?: readonly ProjectFile[] | undefined }): StarterProject {
  const entry = entryPathOf(question.language);
  const files = question.starterFiles ?? [];
  return {
    code: files.find((file) => file.path === entry)?.content ?? question.starterCode,
    files: files.filter((file) => file.path !== entry).map(({ path, content }) => ({ path, content })),
  };
}

/**
 * A reference solution as a run takes it: the solution is the entry, beside the language's
 * starter files, which its solution files of the same path replace (and add to). A solution with
 * no other file is a single program.
 */
export function solutionProjectOf(
  language: string,
  solution: string,
  starterFiles: readonly ProjectFile[] | undefined,
  solutionFiles: readonly ProjectFile[] | undefined,
): { code: string; files?: ProjectFile[] } {
  const entry = entryPathOf(language);
  const byPath = new Map<string, string>();
  for (const file of [...(starterFiles ?? []), ...(solutionFiles ?? [])]) byPath.set(file.path, file.content);
  byPath.delete(entry);
  if (byPath.size === 0) return { code: solution };
  const others = [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, content]) => ({ path, content }));
  return { code: solution, files: [{ path: entry, content: solution }, ...others] };
}
