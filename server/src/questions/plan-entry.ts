import type { SessionQuestion } from '../services/session-record.js';
import type { QuestionContent } from './types.js';

type Structured = Extract<QuestionContent, { type: 'structured' }>;

/** One question of a session's plan, with everything the server holds of it (solutions excepted). */
export interface PlanEntry {
  index: number;
  /** The pinned bank question; `null` for a question written inline. */
  id: string | null;
  version: number | null;
  title: string;
  reached: boolean;
  /** A coding question as the session holds it (starter code in the session's language). */
  coding?: SessionQuestion;
  /** A structured question's content. */
  structured?: Structured;
}
