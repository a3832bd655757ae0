// Registers <interview-editor>.
import './editor/editor.js';
