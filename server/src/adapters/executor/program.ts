import type { ProjectFile } from '@interview-kit/core/collab/project';

export type { ProjectFile };

/**
 * A program as a sandbox takes it: every file at its relative, `/`-separated path (the entry file
 * included), and the path of the file to run. A single-file program is a project of one file.
 */
export interface Program {
  files: readonly ProjectFile[];
  /** The path among `files` that the language's rules run (or whose class, for Java, is started). */
  entry: string;
}

/** A single-file program: `code` at `path`, which is also its entry. */
export function singleFile(path: string, code: string): Program {
  return { files: [{ path, content: code }], entry: path };
}

/** The entry file's content ('' when the entry is not among the files). */
export function entryContent(program: Program): string {
  return program.files.find((file) => file.path === program.entry)?.content ?? '';
}

/**
 * Paths of the program's files whose extension is one of `extensions` (with their dot), in path
 * order; the entry alone when none matches, so that a compiler always has something to compile.
 */
export function sourcesOf(program: Program, extensions: readonly string[]): string[] {
  const sources = program.files
    .map((file) => file.path)
    .filter((path) => extensions.some((extension) => path.endsWith(extension)))
    .sort();
  return sources.length > 0 ? sources : [program.entry];
}

/** The directory part of `path` ('' for a file at the top of the project). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
