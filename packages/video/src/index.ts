/**
 * `<interview-video>`: the interview's video call (LiveKit, or peer-to-peer for two), and the
 * framework-free {@link VideoCall} behind it; `<interview-device-check>`: a camera and microphone
 * check for the lobby, and the framework-free {@link DeviceCheck} behind it.
 *
 * @module @interview-kit/video
 */
export * from './call/index.js';
export * from './events.js';
export { InterviewVideo } from './video/video.component.js';
export { VIDEO_LOCALES, VIDEO_STRINGS_EN, type VideoStrings } from './video/video.strings.js';
export { InterviewDeviceCheck } from './device-check/device-check.component.js';
export { DEVICE_CHECK_LOCALES, DEVICE_CHECK_STRINGS_EN, type DeviceCheckStrings, type DeviceProblemScope } from './device-check/device-check.strings.js';
export {
  DeviceCheck,
  INITIAL_DEVICE_CHECK_STATE,
  type DeviceCheckPhase,
  type DeviceCheckState,
  type DeviceProblem,
} from './device-check/device-check-model.js';
