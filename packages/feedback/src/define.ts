// Registers <interview-feedback> and <interview-notes>.
import './feedback/feedback.js';
import './notes/notes.js';
