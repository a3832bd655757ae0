// Registers <interview-run-panel>, <interview-tests> and <interview-console>.
import './run-panel/run-panel.js';
import './tests/tests.js';
import './console/console.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
