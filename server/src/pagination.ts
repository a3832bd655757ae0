import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { badRequest } from './problem.js';

/**
 * Opaque page cursors for lists ordered newest first by (created_at, id): the position after the
 * last row of a page.
 */
export const cursorOf = (createdAt: string, id: string) => Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

/** The position a cursor from {@link cursorOf} names; 400 for anything else. */
export function parseCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through
  }
  throw badRequest('the cursor is not one this server returned; pass nextCursor from the previous page', [{ path: 'cursor', message: 'invalid cursor' }]);
}

/** A `where` condition: the rows after the cursor's position, by the named creation-time and id columns. */
export function after(cursor: string, createdAt: string, id: string): RawBuilder<SqlBool> {
  const position = parseCursor(cursor);
  const [time, key] = [sql.ref(createdAt), sql.ref(id)];
  return sql<SqlBool>`(${time} < ${position.createdAt} or (${time} = ${position.createdAt} and ${key} < ${position.id}))`;
}

/** One page of `rows` fetched with `limit + 1`, and the cursor of the next page (null on the last). */
export function pageOf<R extends { created_at: string; id: string }>(rows: R[], limit: number): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? cursorOf(last.created_at, last.id) : null };
}

/** Opaque page cursors for lists ordered by a sequence number of one kind (`audit`, `chat`): the position after the last row of a page. */
export const seqCursorOf = (kind: string, seq: number) => Buffer.from(JSON.stringify([kind, seq])).toString('base64url');

/** The sequence number a cursor from {@link seqCursorOf} of `kind` names; 400 for anything else. */
export function seqOfCursor(kind: string, cursor: string): number {
  try {
    const [named, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (named === kind && Number.isSafeInteger(seq)) return seq as number;
  } catch {
    // fall through
  }
  throw badRequest('the cursor is not one this server returned; pass nextCursor from the previous page', [{ path: 'cursor', message: 'invalid cursor' }]);
}
