/**
 * The room, registered: what `define.ts` loads after it started the editor's download.
 *
 * @module
 */
import './room.js';

export { loadInterviewerElements } from './tool-rail.js';
