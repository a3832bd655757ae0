// Registers <interview-feedback>, <interview-notes> and <interview-chat>.
import './feedback/feedback.js';
import './notes/notes.js';
import './chat/chat.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
