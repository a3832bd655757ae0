// Registers <interview-feedback> and <interview-notes>.
import './feedback/feedback.js';
import './notes/notes.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
