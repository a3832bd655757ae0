// Registers <interview-run-panel> and <interview-tests>.
import './run-panel/run-panel.js';
import './tests/tests.js';
