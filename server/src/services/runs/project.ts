import { entryPathOf, validateProjectPath, type ProjectFile } from '@interview-kit/core/collab/project';
import type { ProblemFieldError } from '@interview-kit/core/protocol';
import { badRequest } from '../../problem.js';

/** Files a run request's project may have unless `RUN_MAX_FILES` says otherwise. */
export const DEFAULT_RUN_MAX_FILES = 20;
/** Bytes (UTF-8) a run's program may have: a single file's code, or every file of a project together. */
export const RUN_CODE_MAX_BYTES = 128 * 1024;

/** A run request's project, checked: its files (the entry included) and the path to run. */
export interface RunProject {
  files: ProjectFile[];
  entry: string;
}

/**
 * The project of a run request with `files`, checked as the server's policy wants it: at most
 * `maxFiles` files, paths that `validateProjectPath` allows and no two alike, every file's content
 * together within {@link RUN_CODE_MAX_BYTES}, and the entry (default the language's entry path)
 * among the files. `undefined` for a single-file request.
 * @throws {HttpProblem} 400 naming the field at fault (`files`, `files.<i>.path`, `entry`).
 */
export function runProjectOf(
  request: { language: string; files?: readonly ProjectFile[] | undefined; entry?: string | undefined },
  maxFiles: number,
): RunProject | undefined {
  const { files } = request;
  if (!files) {
    if (request.entry !== undefined) refuse('an entry names a file of `files`; send the files too', 'entry', 'needs files');
    return undefined;
  }
  if (files.length === 0) refuse('a project has at least its entry file', 'files', 'empty');
  if (files.length > maxFiles) refuse(`a project has at most ${maxFiles} files; this one has ${files.length}`, 'files', `more than ${maxFiles} files`);
  const seen = new Map<string, number>();
  const errors: ProblemFieldError[] = [];
  files.forEach((file, index) => {
    const invalid = validateProjectPath(file.path);
    const earlier = seen.get(file.path);
    if (invalid) errors.push({ path: `files.${index}.path`, message: invalid });
    else if (earlier !== undefined) errors.push({ path: `files.${index}.path`, message: `the same path as files.${earlier}.path` });
    seen.set(file.path, index);
  });
  if (errors.length > 0) throw badRequest(`invalid project files: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`, errors);
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  if (bytes > RUN_CODE_MAX_BYTES) refuse(`a project's files have at most ${RUN_CODE_MAX_BYTES} bytes together; these have ${bytes}`, 'files', 'too large');
  const entry = request.entry ?? entryPathOf(request.language);
  if (!seen.has(entry)) refuse(`the entry "${entry}" is not among the files`, 'entry', `no file "${entry}" in files`);
  return { files: files.map(({ path, content }) => ({ path, content })), entry };
}

/** The content of the project's entry file. */
export function entryCodeOf(project: RunProject): string {
  return project.files.find((file) => file.path === project.entry)!.content;
}

function refuse(detail: string, path: string, message: string): never {
  throw badRequest(detail, [{ path, message }]);
}
