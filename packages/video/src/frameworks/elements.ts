// What a host framework may set on `<interview-video>` and `<interview-device-check>` and which of
// their events it can listen to. This package's React and Vue declarations are made from it.
import type { ElementApi } from '@interview-kit/core';
import type { InterviewVideo } from '../video/video.component.js';
import type { InterviewDeviceCheck } from '../device-check/device-check.component.js';
// The event map entries of this package's events (`HTMLElementEventMap`).
import '../events.js';

/** The public API of `<interview-video>`. */
export type InterviewVideoApi = ElementApi<
  InterviewVideo,
  'session' | 'layout' | 'mode' | 'autojoin' | 'iceServers' | 'strings' | 'loadLiveKit',
  'interview-video-join' | 'interview-video-leave' | 'interview-video-error'
>;

/** The public API of `<interview-device-check>`. */
export type InterviewDeviceCheckApi = ElementApi<
  InterviewDeviceCheck,
  'autostart' | 'strings',
  'interview-device-change'
>;
