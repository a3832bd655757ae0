// Registers <interview-room> (and, through it, the elements it composes).
import './room/room.js';
