// Registers <interview-room> (and, through it, the elements it composes), and <interview-feedback>
// and <interview-notes>, which hosts put in the room's `feedback` slot or show on their own pages.
// Those two load in a chunk of their own once the page is idle after its start (at once in a
// room of an interviewer), so that the room's first paint does not wait for them.
// First, before the rest of the room is even fetched: the editor's and the run panel's code
// starts loading, beside the room's own chunks instead of after them.
import './room/code-elements.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
// Its type, which also gives `document.querySelector('interview-room')` its element type.
export type { InterviewRoom } from './room/room.js';

// The room, fetched meanwhile; <interview-room> is defined once this module has run, as before.
const { loadInterviewerElements } = await import('./room/defined-room.js');

const whenIdle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 0));
// A second on, past the room's start (whose waits on the network are idle time too).
setTimeout(() => whenIdle(() => void loadInterviewerElements().catch(() => undefined), { timeout: 2_000 }), 1_000);
