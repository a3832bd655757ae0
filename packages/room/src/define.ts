// Registers <interview-room> (and, through it, the elements it composes).
import './room/room.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
