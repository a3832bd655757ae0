// Registers <interview-run-panel>.
import './run-panel/run-panel.js';
