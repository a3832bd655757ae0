// Registers <interview-video>.
import './video/video.js';
