/**
 * Starts loading the editor and the run panel (see {@link loadCodeElements}) as soon as the room's
 * code begins to run: `define.ts` imports this module first, so that the request goes out once the
 * room's own chunks are fetched, not after they have all run.
 *
 * @module
 */
import { loadCodeElements } from './on-demand.js';

void loadCodeElements().catch(() => undefined);
