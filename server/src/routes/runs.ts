import type { Api } from '../api.js';
import type { AppContext } from '../context.js';

/** Code runs and the language list. */
export function registerRunRoutes(_api: Api, _ctx: AppContext): void {}
