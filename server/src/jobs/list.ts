import type { Db } from '../adapters/db/database.js';
import { after, pageOf } from '../pagination.js';
import type { JobRow } from './store.js';
import type { JobState } from './types.js';

/** A job as the jobs API shows it to its tenant. */
export interface JobView {
  id: string;
  kind: string;
  key: string;
  state: JobState;
  attempts: number;
  maxAttempts: number | null;
  payload: Record<string, unknown>;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

const viewOf = (row: JobRow): JobView => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  state: row.state,
  attempts: Number(row.attempts),
  maxAttempts: row.max_attempts === null ? null : Number(row.max_attempts),
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  runAt: row.run_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
});

/** A tenant's jobs, newest first, optionally in one state; one page at a time. */
export async function listJobs(
  db: Db,
  tenantId: string,
  filter: { state?: JobState | undefined; limit: number; cursor?: string | undefined },
): Promise<{ jobs: JobView[]; nextCursor: string | null }> {
  let query = db.selectFrom('jobs').selectAll().where('tenant_id', '=', tenantId);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.cursor) query = query.where(after(filter.cursor, 'created_at', 'id'));
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const { page, nextCursor } = pageOf(rows, filter.limit);
  return { jobs: page.map(viewOf), nextCursor };
}
