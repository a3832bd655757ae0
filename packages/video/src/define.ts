// Registers <interview-video> and <interview-device-check>.
import './video/video.js';
import './device-check/device-check.js';
// The typed event map (HTMLElementEventMap entries) of this package's events, for listeners.
import './events.js';
