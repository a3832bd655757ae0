// Registers <interview-video> and <interview-device-check>.
import './video/video.js';
import './device-check/device-check.js';
