import { SERVER_OWNED_TYPES } from '@interview-kit/core/collab/structure';

/**
 * Names of the Yjs documents of a session and the shared structure the server seeds.
 * Clients learn the document names from `POST /v1/sessions/:id/collab-ticket`, so these names are
 * the server's alone; the structure names match `packages/core/src/collab/structure.ts`.
 */

/** Which document of a session: the shared code, or the interviewers' private one. */
export type DocumentKind = 'shared' | 'private';

export function documentName(sessionId: string, kind: DocumentKind): string {
  return kind === 'shared' ? sessionId : `${sessionId}/private`;
}

const NAME = /^([A-Za-z0-9._:-]{1,64})(\/private)?$/;

/** The session and kind a document name stands for, or `undefined` when it names none. */
export function parseDocumentName(name: string): { sessionId: string; kind: DocumentKind } | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  return { sessionId: match[1]!, kind: match[2] ? 'private' : 'shared' };
}

/** The shared document's structure: the code text and a map of metadata (the language). */
export const SHARED = { code: 'code', meta: 'meta', language: 'language' } as const;

/**
 * Top-level types of a session's documents that only the server writes: the run records (see
 * `run-records.ts`) and the session's lifecycle map. Client updates touching them are refused
 * (`extensions/server-owned.ts`); browsers refuse them from their peers too.
 */
export const SERVER_OWNED: readonly string[] = SERVER_OWNED_TYPES;
