/**
 * `<interview-video>`: the interview's video call (LiveKit, or peer-to-peer for two), and the
 * framework-free {@link VideoCall} behind it.
 *
 * @module @interview-kit/video
 */
export * from './call/index.js';
export * from './events.js';
export { InterviewVideo, type VideoLayout } from './video/video.component.js';
export { VIDEO_STRINGS_EN, type VideoStrings } from './video/video.strings.js';
