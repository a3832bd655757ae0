import { createContext, type Context } from '@lit/context';
import type { InterviewSession } from './session.js';

/**
 * The Lit context through which elements share one {@link InterviewSession}: `<interview-room>`
 * provides it, the elements inside consume it.
 */
export const sessionContext: Context<symbol, InterviewSession | undefined> = createContext<
  InterviewSession | undefined,
  symbol
>(Symbol.for('interview-kit/session'));
