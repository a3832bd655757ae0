// Registers <interview-room> (and, through it, the elements it composes), and <interview-feedback>
// and <interview-notes>, which hosts put in the room's `feedback` slot or show on their own pages.
import './room/room.js';
import '@interview-kit/feedback/define';
