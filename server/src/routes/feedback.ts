import type { Api } from '../api.js';
import type { AppContext } from '../context.js';

/** Feedback drafts, submissions and the scorecard. */
export function registerFeedbackRoutes(_api: Api, _ctx: AppContext): void {}
