/**
 * `<interview-room>`: the whole interview in one tag, assembled from the question, editor, run
 * panel, video and feedback elements around one shared session. Import
 * `@interview-kit/room/define` to register it.
 *
 * @module @interview-kit/room
 */
export { InterviewRoom } from './room/room.component.js';
export { ROOM_LOCALES, ROOM_STRINGS_EN, type RoomStrings } from './room/room.strings.js';
export type { ElementStrings } from './room/room-locale.js';
export { renderMarkdown } from '@interview-kit/core';
export {
  CallRecording,
  indicatorOf,
  type CallRecordingOptions,
  type CallRecordingState,
  type FollowedCall,
  type RecordingIndicator,
} from './room/call-recording.js';
export { sessionClock, formatDuration, type SessionClock } from './room/timer.js';
export * from './events.js';
