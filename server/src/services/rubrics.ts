import type { Kysely } from 'kysely';
import { resolveRubric, type Rubric, type RubricChoice } from '@interview-kit/core/rubric';
import type { Database } from '../adapters/db/schema.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    session_rubrics: {
      session_id: string;
      rubric_id: string;
      version: number;
      /** The whole rubric as JSON text, so later template changes never alter a session's scorecard. */
      rubric: string;
      created_at: string;
    };
  }
}

/** Pins the session's rubric (a template is resolved to its current version); call inside session creation. */
export async function pinRubric(db: Kysely<Database>, sessionId: string, choice: RubricChoice | undefined, createdAt: string): Promise<Rubric> {
  const rubric = resolveRubric(choice);
  await db.insertInto('session_rubrics').values(rubricRow(sessionId, rubric, createdAt)).execute();
  return rubric;
}

export function rubricRow(sessionId: string, rubric: Rubric, createdAt: string): Database['session_rubrics'] {
  return { session_id: sessionId, rubric_id: rubric.id, version: rubric.version, rubric: JSON.stringify(rubric), created_at: createdAt };
}

/** The rubric a session pinned, `null` for a session that has none. */
export async function pinnedRubric(db: Kysely<Database>, sessionId: string): Promise<Rubric | null> {
  const row = await db.selectFrom('session_rubrics').select('rubric').where('session_id', '=', sessionId).executeTakeFirst();
  return row ? (JSON.parse(row.rubric) as Rubric) : null;
}
