// Registers <interview-room> (and, through it, the elements it composes), and <interview-feedback>
// and <interview-notes>, which hosts put in the room's `feedback` slot or show on their own pages.
import './room/room.js';
import '@interview-kit/feedback/define';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
