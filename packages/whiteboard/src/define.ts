// Registers <interview-whiteboard>.
import './whiteboard/whiteboard.js';
