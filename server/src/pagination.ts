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
