import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';
import { HttpProblem, PROBLEM_TYPES } from '../problem.js';
import './tables.js';

/** What `DELETE /v1/sessions/:id` answers, every time: the erased session's tombstone. */
export interface Tombstone {
  sessionId: string;
  erasedAt: string;
  /** `api-key:<id>` or `system:retention`. */
  erasedBy: string;
  reason: Database['session_tombstones']['reason'];
}

/** The tombstone of a session of `tenantId`, if it was erased. */
export async function tombstoneOf(db: Kysely<Database>, tenantId: string | undefined, sessionId: string): Promise<Tombstone | undefined> {
  let query = db.selectFrom('session_tombstones').selectAll().where('session_id', '=', sessionId);
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  const row = await query.executeTakeFirst();
  return row && { sessionId: row.session_id, erasedAt: row.erased_at, erasedBy: row.erased_by, reason: row.reason };
}

/** The 410 answered for a session that was erased. */
export function erasedProblem(tombstone: Tombstone): HttpProblem {
  return new HttpProblem(410, `session ${tombstone.sessionId} was erased at ${tombstone.erasedAt}; nothing of it is kept`, { type: PROBLEM_TYPES.gone });
}
