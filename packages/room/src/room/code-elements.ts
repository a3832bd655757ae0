/**
 * Starts loading the editor and the run panel (see {@link loadCodeElements}) before the room's own
 * code is fetched: `define.ts` imports this module alone, then awaits the room, so that both
 * downloads go out together.
 *
 * @module
 */
import { loadCodeElements } from './on-demand.js';

void loadCodeElements().catch(() => undefined);
