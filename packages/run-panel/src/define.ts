// Registers <interview-run-panel> and <interview-tests>.
import './run-panel/run-panel.js';
import './tests/tests.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
