import type { Api } from '../api.js';
import type { AppContext } from '../context.js';

/** HTTP routes of the collaboration layer (timeline/replay). */
export function registerCollabRoutes(_api: Api, _ctx: AppContext): void {}
