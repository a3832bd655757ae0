// Registers <interview-editor>.
import './editor/editor.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
